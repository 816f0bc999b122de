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
        relative = relative_path(there.rstrip("/") or ".", base or ".")
        if there == "" or there.endswith("/"):
            relative = "./" if relative == "." else relative + "/"
        return relative


    def asset(self, from_src: str, path: str) -> str:
        """A relative href from a generated page to a file at `path` from the site root."""
        here = self.url(from_src)
        base = here.rstrip("/") if here.endswith("/") or not here else posixpath.dirname(here)
        return relative_path(path, base or ".")


def relative_path(path: str, start: str) -> str:
    """`posixpath.relpath` for site-relative paths without `..`, without its two `os.getcwd()` calls
    (a page of links makes thousands of these: it was a tenth of a warm rebuild)."""
    to = [part for part in path.split("/") if part and part != "."]
    base = [part for part in start.split("/") if part and part != "."]
    common = 0
    for a, b in zip(to, base, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


def article_src(article_id: str) -> str:
    return f"articles/{article_id}.md"
