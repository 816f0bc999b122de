"""Atom feeds of the newest articles, one per language, at the site root.

At the root because Material fetches `sitemap.xml` beside every `<link rel="alternate">`,
and the root is where one exists.
"""
from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from ..pipeline.model import Article
from ..pipeline.text import visible
from .language_names import language_name
from .listing import newest_first
from .urls import Layout, article_src

FEED_SIZE = 50
SUMMARY_CHARS = 400


def feed_path(lang: str) -> str:
    return f"feed-{lang}.xml"


def atom_feeds(articles: Sequence[Article], layout: Layout, site_name: str, site_url: str | None,
               now: dt.datetime | None = None) -> dict[str, str]:
    """`path -> Atom XML` for each language; links are absolute when `site_url` is set."""
    base = (site_url or "").rstrip("/") + "/" if site_url else ""
    stamp = (now or _build_time()).strftime("%Y-%m-%dT%H:%M:%SZ")
    by_language: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        by_language[article.lang].append(article)
    feeds = {}
    for lang, group in sorted(by_language.items()):
        newest = newest_first(group)[:FEED_SIZE]
        entries = "".join(_entry(article, layout, base, stamp) for article in newest)
        self_href = base + feed_path(lang)
        updated = max((a.published for a in newest if a.published), default=None)
        feeds[feed_path(lang)] = (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(lang)}>'
            f"<title>{_xml(site_name)}: {_xml(language_name(lang))}</title>"
            f"<id>{escape(self_href if base else 'urn:mkdocs-corpus:feed:' + lang)}</id>"
            f"<link rel=\"self\" href={quoteattr(self_href)}/>"
            f"<updated>{updated + 'T00:00:00Z' if updated else stamp}</updated>"
            f"{entries}</feed>\n"
        )
    return feeds


def _entry(article: Article, layout: Layout, base: str, stamp: str) -> str:
    href = base + layout.url(article_src(article.id))
    summary = next((b.text for b in article.blocks if b.kind == "paragraph"), "")[:SUMMARY_CHARS]
    updated = article.published + "T00:00:00Z" if article.published else stamp
    authors = "".join(f"<author><name>{_xml(name)}</name></author>" for name in article.authors)
    return (
        f"<entry><title>{_xml(article.title)}</title><link href={quoteattr(href)}/>"
        f"<id>{escape(href if base else 'urn:mkdocs-corpus:article:' + article.id)}</id>"
        f"<updated>{updated}</updated>{authors}<summary>{_xml(summary)}</summary></entry>"
    )


def _xml(value: str) -> str:
    """Text as XML character data: escaped, and without the characters XML 1.0 forbids (a feed reader
    rejects the whole feed for one of them)."""
    return escape(visible(value))


def _build_time() -> dt.datetime:
    """Now, unless SOURCE_DATE_EPOCH pins it (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC)
