"""MkDocs files for generated pages: Markdown kept zlib-compressed until MkDocs reads it, and pages
the plugin has already written from the render cache.

MkDocs holds every file's content from `on_files` to the end of the build, and each page's HTML
from reading it until it is written. At 20,000 articles that is 45,000 generated pages, most of a
gigabyte as plain strings; compressed, about a fifth. The plugin, for its part, fills a page's
HTML in just before the theme renders it and empties it once the page is written (plugin.py).
"""
from __future__ import annotations

import hashlib
import zlib
from typing import Any

from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils.meta import YAML_RE


def digest_of(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=20).digest()


def content_digest(file: File) -> bytes:
    """The digest of a file's content: a packed page's without unpacking it."""
    return file.digest if isinstance(file, PackedPage) else digest_of(file.content_bytes)


class PackedPage(File):
    _packed: bytes | None = None
    _digest: bytes | None = None  # of the Markdown as packed, taken while it is at hand (the render cache's key)

    @classmethod
    def of(cls, config: Any, src_uri: str, markdown: str, inclusion: InclusionLevel) -> PackedPage:
        file = cls.generated(config, src_uri, content=b"", inclusion=inclusion)
        assert isinstance(file, PackedPage)
        data = markdown.encode("utf-8", "replace")  # a lone surrogate (the site escapes them all) is no crash
        file._packed, file._digest = zlib.compress(data, 1), digest_of(data)
        return file

    @property
    def digest(self) -> bytes:
        """The content's digest, without unpacking it (unless another plugin has replaced the content)."""
        if self._digest is None:  # the content setters drop it with the packed bytes
            return digest_of(self.content_bytes)
        return self._digest

    @property  # type: ignore[override]
    def content_bytes(self) -> bytes:
        return zlib.decompress(self._packed) if self._packed is not None else File.content_bytes.fget(self)  # type: ignore[attr-defined]

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self._packed = self._digest = None
        File.content_bytes.fset(self, value)  # type: ignore[attr-defined]

    @property  # type: ignore[override]
    def content_string(self) -> str:
        return self.content_bytes.decode("utf-8") if self._packed is not None else File.content_string.fget(self)  # type: ignore[attr-defined]

    @content_string.setter
    def content_string(self, value: str) -> None:
        self._packed = self._digest = None
        File.content_string.fset(self, value)  # type: ignore[attr-defined]

    def body(self) -> str:
        """The Markdown after its front matter, as MkDocs hands it to `on_page_markdown`."""
        text = self.content_string
        if match := YAML_RE.match(text):
            return text[match.end():].lstrip("\n")
        return text


class WrittenPage(File):
    """A generated page already in the site folder, written by the plugin from the render cache.

    MkDocs keeps its address, so links to it resolve and validate as before, but neither reads,
    renders nor copies it: MkDocs' own work per page (front matter, a Markdown instance, the page
    events) would otherwise be spent again on every unchanged page."""

    @classmethod
    def of(cls, page: File) -> WrittenPage:
        written = cls(page.src_uri, page.src_dir, page.dest_dir, page.use_directory_urls,
                      dest_uri=page.dest_uri, inclusion=page.inclusion)
        written.generated_by = page.generated_by
        return written

    def is_documentation_page(self) -> bool:
        return False

    def is_static_page(self) -> bool:
        return True

    def copy_file(self, dirty: bool = False) -> None:
        """Nothing to copy: the plugin wrote the page."""
