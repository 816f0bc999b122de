"""Sitemaps beside translated articles, listing every version with its hreflang alternates.

Material's JavaScript fetches `sitemap.xml` next to every `<link rel="alternate" hreflang>`
target (it expects whole-site language versions), so each translated article's folder gets
one; search engines read the same hreflang alternates from it.
"""
from __future__ import annotations

import posixpath
from collections import defaultdict
from xml.sax.saxutils import quoteattr

from ..versions import StoryIndex
from .html import text
from .urls import Layout, article_src

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
            versions = {index.lang_of[article_id]: article_id, **index.translations(article_id)}
            links = "".join(
                f'<xhtml:link rel="alternate" hreflang={quoteattr(lang)} href={quoteattr(base + layout.url(article_src(i)))}/>'
                for lang, i in sorted(versions.items())
            )
            entries.append(f"<url><loc>{text(base + layout.url(article_src(article_id)))}</loc>{links}</url>")
        sitemaps[path] = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset {NAMESPACES}>\n' + "\n".join(entries) + "\n</urlset>\n"
    return sitemaps
