"""Site names that scrapers leave at the end of headlines: "… - Yahoo!ニュース", "…｜静岡新聞アットエス", "… | Reuters".

A corpus-wide step after analysis (it needs every title): a headline ends in a site name when its last
separator is followed by a short, name-like tail that either looks like a site by itself (a domain, or a
word outlets name themselves with: News, ニュース, 新聞, Zeitung…) or ends other headlines of the corpus too.
A subtitle belongs to one story and a site's name recurs, so "Wirecard - Flucht nach vorne" keeps its
subtitle while "… - RT USA News" loses its site. The site becomes the article's `source` where neither a
curator nor a dateline named one. Only a title read from the text's first line is touched: a curator's
title is as declared.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from .length import CJK
from .model import Article

# A separator between a headline and the site: spaced dashes, bars and colons, or the unspaced
# full-width forms CJK headlines use ("｜", "：", "——", "−").
# Starts only after a non-space: tried from every space of a long run, `\s+` would make a scan quadratic.
_SEPARATOR = re.compile(r"(?<!\s)(?:\s+[-–—|:]\s+|\s*[｜|]\s*|\s*：\s*|\s*[−－]\s+|\s*——\s*|:\s+)")
_OUTLET = re.compile(
    r"\b(?:news|nachrichten|zeitung|times|post|journal|herald|tribune|gazette|presse?|reuters|bbc|cnn|afp|"
    r"newspaper|noticias|notizie|nouvelles|zprávy|fréttir|новости|shimbun)\b|ニュース|新聞|新闻|日報|電子版|通信",
    re.I,
)
_DOMAIN = re.compile(r"^[\w.-]+\.(?:[a-z]{2}|com|net|org|info|news)$", re.I)
# A tail that quotes, asks or runs on past a full stop is a subtitle ("Yahoo! News", "octane.jp" are names).
_SENTENCE = re.compile(r"[?…;\"“”„«»「」『』。、，]|\s['‘]|[.!]\s+\S+\s")
MAX_SITE_CHARS = 40
MAX_SITE_WORDS = 5
MAX_SITES = 3  # "…：山陽新聞デジタル｜さんデジ" carries two


def site_tail(title: str) -> tuple[str, str] | None:
    """(headline, tail) when `title` ends in a separator and a tail short and plain enough to be a site's name."""
    matches = list(_SEPARATOR.finditer(title))
    if not matches:
        return None
    last = matches[-1]
    head, tail = title[: last.start()].rstrip(), title[last.end():].strip()
    if not tail or len(tail) > MAX_SITE_CHARS or len(tail.split()) > MAX_SITE_WORDS or _SENTENCE.search(tail):
        return None
    if len(head.split()) < 2 and len(CJK.findall(head)) < 4:  # what is left must still read as a headline
        return None
    return head, tail


def looks_like_site(tail: str) -> bool:
    """A domain, or a name (its Latin words capitalised) with a word outlets call themselves by."""
    if _DOMAIN.match(tail):
        return True
    capitalised = all(not w[:1].islower() for w in tail.split())
    return capitalised and bool(_OUTLET.search(tail))


def strip_site_names(articles: Iterable[Article]) -> list[Article]:
    """`articles` with the site names at the end of their scraped titles removed (and kept as `source`)."""
    articles = list(articles)
    endings = Counter(tail.casefold() for a in articles if _scraped(a) for tail in _tails(a.title))
    return [_stripped(a, endings) if _scraped(a) else a for a in articles]


def _tails(title: str) -> list[str]:
    tails = []
    while len(tails) < MAX_SITES and (found := site_tail(title)):
        title = found[0]
        tails.append(found[1])
    return tails


def _stripped(article: Article, endings: Counter[str]) -> Article:
    title, site = article.title, None
    for _ in range(MAX_SITES):
        found = site_tail(title)
        if found is None or not (looks_like_site(found[1]) or endings[found[1].casefold()] > 1):
            break
        title, site = found[0], site or found[1]
    if site is None:
        return article
    return replace(article, title=title, source=article.source or site)


def _scraped(article: Article) -> bool:
    """The title is the text's first line, not a curator's."""
    return bool(article.blocks) and article.blocks[0].kind == "title" and article.blocks[0].text == article.title
