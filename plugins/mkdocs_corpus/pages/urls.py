"""Where generated pages live and how one page links to another, as MkDocs lays them out."""
from __future__ import annotations

import posixpath
from dataclasses import dataclass


@dataclass(frozen=True)
class Layout:
    """The URL scheme of the built site (MkDocs' `use_directory_urls`)."""

    directory_urls: bool = True

    def url(self, src_uri: str) -> str:
        """The site-relative URL MkDocs gives the page generated from `src_uri`."""
        stem = src_uri[: -len(".md")]
        if not self.directory_urls:
            return stem + ".html"
        if stem == "index" or stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"

    def link(self, from_src: str, to_src: str) -> str:
        """A relative href from one generated page to another."""
        here, there = self.url(from_src), self.url(to_src)
        base = here.rstrip("/") if here.endswith("/") or not here else posixpath.dirname(here)
        relative = posixpath.relpath(there.rstrip("/") or ".", base or ".")
        if there == "" or there.endswith("/"):
            relative = "./" if relative == "." else relative + "/"
        return relative


    def asset(self, from_src: str, path: str) -> str:
        """A relative href from a generated page to a file at `path` from the site root."""
        here = self.url(from_src)
        base = here.rstrip("/") if here.endswith("/") or not here else posixpath.dirname(here)
        return posixpath.relpath(path, base or ".")


def article_src(article_id: str) -> str:
    return f"articles/{article_id}.md"
