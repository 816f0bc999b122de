"""Paginated lists of articles (all, by language, by source) and the pages that list the lists."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..pipeline.length import counted_in_characters
from ..pipeline.model import Article
from .html import dir_attr, front_matter, text
from .language_names import language_name
from .messages import plain, t
from .pagination import ListPage, paginate
from .urls import Layout, article_src

PAGER_WINDOW = 3


@dataclass(frozen=True)
class GeneratedPage:
    """A page the plugin adds to the site: where it goes, its Markdown, whether nav may list it, and
    for an article its language (which the page, its search index and its interface take)."""

    src_uri: str
    markdown: str
    in_nav: bool = False
    lang: str | None = None


def newest_first(articles: Sequence[Article]) -> list[Article]:
    dated = sorted((a for a in articles if a.published), key=lambda a: (a.published or "", a.title), reverse=True)
    undated = sorted((a for a in articles if not a.published), key=lambda a: (a.title.casefold(), a.id))
    return dated + undated


@dataclass(frozen=True)
class Versions:
    """What an article list shows of each article's story: the languages it exists in."""

    langs: Mapping[str, tuple[str, ...]]  # article id -> the languages of its story, its own included


NO_VERSIONS = Versions({})
Item = Callable[[Article, str], str]  # (article, the list page's src) -> one <li>


def article_item(layout: Layout, versions: Versions = NO_VERSIONS) -> Item:
    """An article as a list shows it: its title, then its date, source and length, and its story's languages."""

    def item(article: Article, here: str) -> str:
        href = layout.link(here, article_src(article.id))
        return (f'<li><a href="{href}" lang="{text(article.lang)}"{dir_attr(article.title)}>{text(article.title)}</a>'
                f"{chips(article, versions)} {facts(article, layout.lang)}</li>")

    return item


def facts(article: Article, lang: str = "en") -> str:
    """An article's date, source and length, in the interface language `lang`."""
    date = (f'<time datetime="{text(article.published)}">{text(article.published)}</time>' if article.published
            else t(lang, "list.undated"))
    parts = [date, text(article.source) if article.source else t(lang, "list.no_source"), length_label(article, lang)]
    return f'<span class="corpus-facts">{" · ".join(parts)}</span>'


def chips(article: Article, versions: Versions) -> str:
    """The languages of the article's story, its own in bold (the article page links the others)."""
    langs = versions.langs.get(article.id) or (article.lang,)
    inner = "".join(f"<b>{text(code)}</b>" if code == article.lang else f"<span>{text(code)}</span>" for code in langs)
    return f' <span class="corpus-langs">{inner}</span>'


def paginated(folder: str, title: str, intro: str, articles: Sequence[Article], layout: Layout,
              page_size: int, in_nav: bool = False, meta: dict[str, object] | None = None,
              item: Item | None = None, feed: tuple[str, str] | None = None) -> list[GeneratedPage]:
    """`folder/index.md`, `folder/2.md`, ... each listing `page_size` articles, with a pager. `item` renders one
    article (default: `article_item`); `feed` is (site path, language) of an Atom feed each page links to."""
    item = item or article_item(layout)
    pages = []
    for page in paginate(newest_first(articles), page_size, folder):
        heading = page.heading(title, layout.lang)
        page_meta, page_intro = dict(meta or {}), intro
        if feed is not None:  # each page's link is relative to where that page is
            href, lang = layout.asset(page.src, feed[0]), feed[1]
            page_meta["corpus_feed"] = {"href": href, "lang": lang, "title": f"{language_name(lang)} (Atom)"}
            page_intro += f' <a href="{href}" type="application/atom+xml">Atom feed</a> of the newest.'
        body = [titled(heading, page_meta), f"<h1>{text(heading)}</h1>\n", f'<p class="corpus-intro">{page_intro}</p>\n']
        if page.items:
            body.append(f'<ol class="corpus-list" start="{page.start}">' + "".join(item(a, page.src) for a in page.items)
                        + "</ol>\n")
        else:
            body.append(f'<p class="corpus-empty">{t(layout.lang, "list.empty")}</p>\n')
        if page.count > 1:
            body.append(pager(page, layout))
        pages.append(GeneratedPage(page.src, "\n".join(body), in_nav=in_nav and page.number == 1))
    return pages


def pager(page: ListPage[Any], layout: Layout, labels: tuple[str, str] | None = None) -> str:
    """Links to the page before and after `page`, to the first and last, and to those near it."""
    labels = labels or (t(layout.lang, "list.newer"), t(layout.lang, "list.older"))
    srcs, number = page.srcs, page.number

    def link(n: int, label: str, rel: str = "") -> str:
        attr = f' rel="{rel}"' if rel else ""
        return f'<a href="{layout.link(page.src, srcs[n - 1])}"{attr}>{label}</a>'

    parts = []
    if number > 1:
        parts.append(link(number - 1, labels[0], "prev"))
    shown = sorted({1, len(srcs)} | set(range(max(1, number - PAGER_WINDOW), min(len(srcs), number + PAGER_WINDOW) + 1)))
    previous = 0
    for n in shown:
        if n - previous > 1:
            parts.append("<span>…</span>")
        parts.append(f'<strong aria-current="page">{n}</strong>' if n == number else link(n, str(n)))
        previous = n
    if number < len(srcs):
        parts.append(link(number + 1, labels[1], "next"))
    return f'<nav class="corpus-pager" aria-label="{text(plain(layout.lang, "list.pages"))}">' + " ".join(parts) + "</nav>\n"


def directory(src: str, title: str, intro: str, groups: Sequence[tuple[str, str, int]], layout: Layout,
              in_nav: bool = True, heading: str = "list.name") -> GeneratedPage:
    """A page listing groups (a language, a source, a year) with their article counts, linking each list;
    `heading`: the interface string naming the first column."""
    rows = "".join(
        f'<tr><td><a href="{layout.link(src, target)}">{label}</a></td><td>{count:,}</td></tr>'
        for label, target, count in groups
    )
    head = f"<thead><tr><th>{t(layout.lang, heading)}</th><th>{t(layout.lang, 'list.articles')}</th></tr></thead>"
    table = f'<table class="corpus-groups">{head}<tbody>{rows}</tbody></table>\n'
    if not groups:
        table = f'<p class="corpus-empty">{t(layout.lang, "list.none")}</p>\n'
    markdown = f'{titled(title)}<h1>{text(title)}</h1>\n\n<p class="corpus-intro">{intro}</p>\n\n{table}'
    return GeneratedPage(src, markdown, in_nav=in_nav)


def titled(title: str, meta: dict[str, object] | None = None) -> str:
    """Front matter of a generated list page: its (escaped) title and any other fields. A list has no headings
    to contents: no table of contents beside it, and the list gets its width."""
    return front_matter({"title": text(title), "hide": ["toc"], **(meta or {})})


def language_label(code: str) -> str:
    """A language as it calls itself, marked with its `lang` so that a screen reader says it so, and its code."""
    return f'<span lang="{text(code)}">{text(language_name(code))}</span> <code>{text(code)}</code>'


def length_label(article: Article, lang: str) -> str:
    """"1,795 characters" for Chinese or Japanese text (it has no spaces to count words by), else "523 words",
    in `lang` (HTML)."""
    if counted_in_characters(article.words, article.characters):
        return t(lang, "length.characters", article.characters)
    return t(lang, "length.words", article.words)
