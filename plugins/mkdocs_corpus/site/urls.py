"""Where generated pages live and how one page links to another, as MkDocs lays them out."""
from __future__ import annotations

import hashlib
import posixpath
import unicodedata
from dataclasses import dataclass, field

from anyascii import anyascii

from ..pipeline.analysis import slug


@dataclass(frozen=True)
class Layout:
    """The URL scheme of the built site (MkDocs' `use_directory_urls`), and the language of its interface
    (the `<html lang>` of Material's `theme.language`) on pages that have no language of their own."""

    directory_urls: bool = True
    lang: str = "en"
    # Each page's link folder and each link target, split once (a million links at 20,000 articles).
    _folders: dict[str, tuple[str, ...]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _targets: dict[str, tuple[tuple[str, ...], bool]] = field(default_factory=dict, init=False, repr=False,
                                                              compare=False)

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
        target = self._targets.get(to_src)
        if target is None:
            there = self.url(to_src)
            target = self._targets[to_src] = (_parts(there.rstrip("/")), there == "" or there.endswith("/"))
        to, is_folder = target
        relative = _relative(to, self._folder(from_src))
        if is_folder:
            relative = "./" if relative == "." else relative + "/"
        return relative

    def asset(self, from_src: str, path: str) -> str:
        """A relative href from a generated page to a file at `path` from the site root."""
        return _relative(_parts(path), self._folder(from_src))

    def _folder(self, src_uri: str) -> tuple[str, ...]:
        """The folder a page's relative links start from, split."""
        folder = self._folders.get(src_uri)
        if folder is None:
            here = self.url(src_uri)
            folder = self._folders[src_uri] = _parts(here.rstrip("/") if here.endswith("/") or not here
                                                     else posixpath.dirname(here))
        return folder


def _parts(path: str) -> tuple[str, ...]:
    return tuple(part for part in path.split("/") if part and part != ".")


def _relative(to: tuple[str, ...], base: tuple[str, ...]) -> str:
    common = 0
    for a, b in zip(to, base, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + list(to[common:])) or "."


def article_src(article_id: str) -> str:
    return f"articles/{article_id}.md"


def source_key(name: str) -> str:
    """The folder of a source's listing: the name's slug where it keeps every letter (RT en français ->
    rt-en-francais); a name whose letters the slug would drop (静岡新聞アットエス, RT 米国ニュース) would meet other
    sources in one folder, so it gets its transliteration and a hash of the name."""
    kept = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    if sum(ch.isalpha() for ch in kept) == sum(ch.isalpha() for ch in name):
        return slug(name)
    return f"{slug(anyascii(name))[:40]}-{hashlib.blake2b(name.encode(), digest_size=4).hexdigest()}"
