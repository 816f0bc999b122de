"""Sitemaps beside translated articles, listing every version with its hreflang alternates.

Material's JavaScript fetches `sitemap.xml` next to every `<link rel="alternate" hreflang>`
target (it expects whole-site language versions), so each translated article's folder gets
one; search engines read the same hreflang alternates from it.
"""
from __future__ import annotations

import gzip
import posixpath
from collections import defaultdict
from pathlib import Path
from xml.sax.saxutils import quoteattr

from ..pipeline.versions import StoryIndex
from .html import text
from .urls import Layout, article_src
from .writing import replacing, write_whole

NAMESPACES = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml"'


def story_sitemaps(index: StoryIndex, layout: Layout, site_url: str | None) -> dict[str, str]:
    """`site path -> XML` for every folder that holds a translated article's page."""
    base = (site_url or "/").rstrip("/") + "/"
    groups: dict[str, list[str]] = defaultdict(list)
    for article_id in sorted(index.story_of):
        folder = posixpath.dirname(layout.url(article_src(article_id)).rstrip("/") + ("/" if layout.directory_urls else ""))
        groups[posixpath.join(folder, "sitemap.xml")].append(article_id)
    sitemaps = {}
    for path, ids in groups.items():
        entries = []
        for article_id in ids:
            url = base + layout.url(article_src(article_id))
            entries.append(f"<url><loc>{text(url)}</loc>{_alternates(article_id, index, layout, base)}</url>")
        sitemaps[path] = _urlset(entries)
    return sitemaps


def _alternates(article_id: str, index: StoryIndex, layout: Layout, base: str) -> str:
    """hreflang links to every version of the article's story, itself included."""
    versions = {index.lang_of[article_id]: article_id, **index.translations(article_id)}
    return "".join(
        f'<xhtml:link rel="alternate" hreflang={quoteattr(lang)} href={quoteattr(base + layout.url(article_src(i)))}/>'
        for lang, i in sorted(versions.items())
    )


def _urlset(entries: list[str]) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset {NAMESPACES}>\n' + "\n".join(entries) + "\n</urlset>\n"


def site_sitemap(urls: list[str], index: StoryIndex, layout: Layout, site_url: str) -> str:
    """The whole site's sitemap; translated articles carry hreflang alternates for every version."""
    base = site_url.rstrip("/") + "/"
    by_url = {layout.url(article_src(i)): i for i in index.story_of}
    entries = []
    for url in sorted(set(urls)):
        article_id = by_url.get(url)
        links = _alternates(article_id, index, layout, base) if article_id is not None else ""
        entries.append(f"<url><loc>{text(base + url)}</loc>{links}</url>")
    return _urlset(entries)


def write_sitemap(site_dir: Path, xml: str) -> None:
    """Replace MkDocs' sitemap.xml (and its .gz) with ours."""
    data = xml.encode("utf-8")
    write_whole(site_dir / "sitemap.xml", data)
    with replacing(site_dir / "sitemap.xml.gz") as file, \
            gzip.GzipFile("sitemap.xml.gz", "wb", fileobj=file, mtime=0) as archive:  # the name in its header
        archive.write(data)
