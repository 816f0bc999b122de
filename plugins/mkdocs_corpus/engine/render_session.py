"""The render cache as one build uses it, across MkDocs' page events.

A generated page is read (`read`: is its HTML cached?), and then either written straight from the cache
before MkDocs renders anything (`write_cached`: pages outside the navigation, when no other plugin
handles pages), or taken through the page events with the theme skipped (`context` and `output`); a page
not cached is rendered by the theme and its HTML kept (`output`).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

from .packed import PackedPage, WrittenPage, content_digest
from .rendering import RenderCache
from .site_folder import write_page

CACHED_TEMPLATE = "corpus-cached.html"  # a page whose HTML comes from the render cache skips the theme
WRITE_BATCH = 256  # cached pages read from the cache per query
ANCHOR_ID = re.compile(r'\bid="([^"]+)"')


class RenderSession:
    def __init__(self, renders: RenderCache, secure: Callable[[str], str]) -> None:
        self.renders = renders
        self.secure = secure
        self._keys: dict[str, tuple[str, bool]] = {}  # src_uri -> (key, whether cached)
        self._anchors: dict[str, set[str]] = {}
        self._output: str | None = None  # the cached HTML of the page being rendered

    def read(self, page: Any) -> None:
        """A generated page's key looked up. Its HTML's anchors are handed to MkDocs' link check, since
        MkDocs converted no Markdown of it."""
        src = page.file.src_uri
        key = self.renders.key(src, content_digest(page.file))
        hit = self.renders.has(key)
        self._keys[src] = (key, hit)
        self._anchors[src] = set(ANCHOR_ID.findall(page.file.content_string))
        if hit:
            page.meta["corpus_template"] = page.meta.get("template", "main.html")  # if the entry is gone by then
            page.meta["template"] = CACHED_TEMPLATE

    def anchors(self, page: Any) -> set[str] | None:
        return self._anchors.pop(page.file.src_uri, None)

    def write_cached(self, files: Files, site_dir: Path, generated: set[str]) -> list[str]:
        """Write each generated page outside the navigation whose HTML the cache holds; MkDocs keeps only its
        address (`WrittenPage`). Pages in the navigation go through MkDocs, since the navigation is rendered
        from its pages. Returns the URLs written."""
        keyed: dict[str, File] = {}
        for file in files:
            if isinstance(file, PackedPage) and file.src_uri in generated and file.inclusion.is_not_in_nav():
                key = self.renders.key(file.src_uri, file.digest)  # the page need not be unpacked
                if self.renders.has(key):
                    keyed[key] = file
        keys, urls = list(keyed), []
        for start in range(0, len(keys), WRITE_BATCH):
            for key, html in self.renders.get_pages(keys[start:start + WRITE_BATCH]).items():
                file = keyed[key]
                write_page(site_dir / file.dest_uri, html)  # kept if the previous build's copy (clean_in_place) holds it
                urls.append(file.url)
                files.remove(file)
                files.append(WrittenPage.of(file))
        return urls

    def context(self, page: Any, render: Callable[[str], str]) -> None:
        """Just before the theme renders a generated page: its HTML from the cache, or its content put in."""
        src = page.file.src_uri
        if src not in self._keys:
            return
        key, hit = self._keys[src]
        if hit:
            self._output = self.renders.get(key)
            if self._output is not None:
                return
            # Gone or unreadable since the page was read: render it after all.
            page.content = page.file.body()
            self._output = self.secure(render(page.meta["corpus_template"]))
            self.renders.put(key, self._output)
        else:
            page.content = page.file.body()

    def output(self, page: Any, output: str) -> str:
        """The page as published: the cached HTML, or the theme's output secured (and kept, if generated)."""
        key, hit = self._keys.get(page.file.src_uri, ("", False))
        if hit and self._output is not None:
            output, self._output = self._output, None  # cached as published
        else:
            output = self.secure(output)
            if key:
                self.renders.put(key, output)
        if key:
            page.content = ""  # written: MkDocs would keep every page's HTML to the end of the build
        return output

    def finish(self) -> str:
        self.renders.finish()
        return (f"rendered pages: {self.renders.hits} from the cache, {self.renders.misses} rendered"
                + (f" ({self.renders.error})" if self.renders.error else ""))

    def close(self) -> None:
        self.renders.close()
