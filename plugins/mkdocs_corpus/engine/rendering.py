"""Rendered-page cache: the theme's HTML of each generated page, so a rebuild renders only what changed.

MkDocs has no incremental build: every build renders every page through the theme's templates,
which is most of a warm rebuild at archive size, where nearly every page is unchanged. A generated
page's HTML is a function of its Markdown (which carries its text and front matter) and of what
is the same for every page of the build: the configuration, the navigation, the theme's
templates, the plugin's code and the versions of MkDocs and Material. The key hashes exactly
these (`render_salt` for the build-wide part); anything not understood (an object with no stable
form) goes in by `repr`, which only costs hits, never correctness.

Entries are the pages as published (the template's output with its security policy), zlib-
compressed, in `rendered.sqlite` next to the other caches; an entry that does not decompress is a
miss. Unlike the analysis cache, an entry here is HTML that is published as it is: whoever can write
the cache folder can change the site, just as whoever can write the plugin's code can. Keep the
folder as private as the build machine (the Pages workflow restores it only from the default
branch's own cache). The table keeps only the entries the last build used, so it does not grow with
history. Imports nothing from MkDocs.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..pipeline.keys import code_digest, distribution_version
from .cache import _Store

PACKAGES = ("mkdocs-material",)
FLUSH_EVERY = 200  # entries buffered before a write, so a cold build never holds all pages' HTML


def render_salt(settings: dict[str, Any], nav: Iterable[tuple[str, str]], template_dirs: Iterable[Path],
                page_sources: Iterable[tuple[str, bytes]]) -> str:
    """Everything but the page's own Markdown that its HTML depends on.

    settings: the configuration that reaches templates (plain values); nav: (title, url) of every
    navigation entry; template_dirs: the theme folders that are not inside an installed package
    (a package's templates are covered by its version); page_sources: (path, what other pages can
    show of it) of the pages that are not generated (plugin._shown_elsewhere)."""
    digest = hashlib.sha256(b"rendering 3\0")  # 2: entries are published HTML (with the policy); 3: keyed by a digest
    digest.update(json.dumps(settings, sort_keys=True, default=repr).encode())
    for title, url in nav:
        digest.update(f"nav\0{title}\0{url}\0".encode())
    for folder in template_dirs:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for path, data in page_sources:
        digest.update(path.encode() + b"\0" + data + b"\0")
    here = Path(__file__).parent.parent
    for path in sorted((here / "theme").rglob("*")) + sorted((here / "assets").rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(here).as_posix().encode() + b"\0" + path.read_bytes())
    digest.update(code_digest("plugin").encode())  # all our code, and the versions of MkDocs and what it imports
    for package in PACKAGES:  # Material is a theme: nothing of ours imports it
        digest.update(f"{package} {distribution_version(package)}\0".encode())
    return digest.hexdigest()


class RenderCache(_Store):
    """Template output by page key; `None` folder means no cache (every page is a miss)."""

    def __init__(self, folder: Path | None, salt: str) -> None:
        super().__init__(folder / "rendered.sqlite" if folder else None, "rendered", "BLOB")
        self.salt = salt
        self._pending: list[tuple[str, bytes]] = []
        self._stored = self._keys()  # one query, not one per page

    def key(self, src_uri: str, content_digest: bytes) -> str:
        """A page's key: the build-wide salt, its path, and the digest of its whole source (packed.digest)."""
        text = f"{self.salt}\0{src_uri}\0".encode("utf-8", "surrogatepass") + content_digest
        return hashlib.blake2b(text, digest_size=20).hexdigest()

    def has(self, key: str) -> bool:
        return key in self._stored

    def _keys(self) -> set[str]:
        if self.db is None:
            return set()
        try:
            return {key for (key,) in self.db.execute(f"SELECT key FROM {self.table}")}
        except sqlite3.DatabaseError as error:
            self.error, self.db = f"cache read failed ({error}); rendering every page", None
            return set()

    def get(self, key: str) -> str | None:
        """The cached HTML, or None (absent, or not what `put` wrote)."""
        html = self.get_pages([key]).get(key)
        return html.decode("utf-8") if html is not None else None

    def get_pages(self, keys: list[str]) -> dict[str, bytes]:
        """The cached HTML, UTF-8 encoded, of those of `keys` that have a readable entry, in one query."""
        found: dict[str, bytes] = {}
        for key, value in self.get_many(keys).items():
            try:
                html = zlib.decompress(value) if isinstance(value, bytes) else None
                if html is not None:
                    html.decode("utf-8")  # what put() wrote always decodes
            except (zlib.error, UnicodeDecodeError):
                html = None
            if html is not None:
                found[key] = html
        self.hits += len(found)
        self._used.update(found)
        return found

    def put(self, key: str, html: str) -> None:
        self.misses += 1
        self._used.add(key)
        if self.db is None:
            return
        self._pending.append((key, zlib.compress(html.encode("utf-8"), 1)))
        if len(self._pending) >= FLUSH_EVERY:
            self._flush()

    def finish(self) -> None:
        """Write what is pending and forget every entry this build did not use; then close."""
        self._flush()
        super().finish()

    def _flush(self) -> None:
        if self._pending:
            self.put_many(self._pending)
            self._pending = []
