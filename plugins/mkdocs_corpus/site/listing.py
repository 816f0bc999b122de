"""Paginated lists of articles (all, by language, by source) and the pages that list the lists."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..pipeline.length import counted_in_characters
from ..pipeline.model import Article
from .html import dir_attr, front_matter, text
from .language_names import language_name
from .messages import plain, t
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


def paginated(folder: str, title: str, intro: str, articles: Sequence[Article], layout: Layout,
              page_size: int, in_nav: bool = False, meta: dict[str, object] | None = None) -> list[GeneratedPage]:
    """`folder/index.md`, `folder/2.md`, ... each listing `page_size` articles, with a pager."""
    ordered = newest_first(articles)
    count = max(1, -(-len(ordered) // page_size))
    srcs = [f"{folder}/index.md"] + [f"{folder}/{n}.md" for n in range(2, count + 1)]
    pages = []
    for number, src in enumerate(srcs, start=1):
        chunk = ordered[(number - 1) * page_size : number * page_size]
        heading = title if number == 1 else plain(layout.lang, "list.page", title=title, number=number, count=count)
        body = [titled(heading, meta), f"<h1>{text(heading)}</h1>\n", f'<p class="corpus-intro">{intro}</p>\n']
        if chunk:
            body.append(_list(chunk, src, layout, start=(number - 1) * page_size + 1))
        else:
            body.append(f'<p class="corpus-empty">{t(layout.lang, "list.empty")}</p>\n')
        if count > 1:
            body.append(pager(srcs, number, src, layout))
        pages.append(GeneratedPage(src, "\n".join(body), in_nav=in_nav and number == 1))
    return pages


def _list(articles: Sequence[Article], here: str, layout: Layout, start: int) -> str:
    items = []
    for article in articles:
        href = layout.link(here, article_src(article.id))
        facts = [text(f) for f in (article.lang, article.source or "", article.published or "") if f]
        meta = " · ".join([*facts, length_label(article, layout.lang)])
        items.append(
            f'<li><a href="{href}" lang="{text(article.lang)}"{dir_attr(article.title)}>{text(article.title)}</a>'
            f' <span class="corpus-facts">{meta}</span></li>'
        )
    return f'<ol class="corpus-list" start="{start}">' + "".join(items) + "</ol>\n"


def pager(srcs: list[str], number: int, here: str, layout: Layout, labels: tuple[str, str] | None = None) -> str:
    labels = labels or (t(layout.lang, "list.newer"), t(layout.lang, "list.older"))

    def link(n: int, label: str, rel: str = "") -> str:
        attr = f' rel="{rel}"' if rel else ""
        return f'<a href="{layout.link(here, srcs[n - 1])}"{attr}>{label}</a>'

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
              in_nav: bool = True) -> GeneratedPage:
    """A page listing groups (a language, a source) with their article counts, linking each list."""
    rows = "".join(
        f'<tr><td><a href="{layout.link(src, target)}">{label}</a></td><td>{count:,}</td></tr>'
        for label, target, count in groups
    )
    head = f"<thead><tr><th>{t(layout.lang, 'list.name')}</th><th>{t(layout.lang, 'list.articles')}</th></tr></thead>"
    table = f'<table class="corpus-groups">{head}<tbody>{rows}</tbody></table>\n'
    if not groups:
        table = f'<p class="corpus-empty">{t(layout.lang, "list.none")}</p>\n'
    markdown = f'{titled(title)}<h1>{text(title)}</h1>\n\n<p class="corpus-intro">{intro}</p>\n\n{table}'
    return GeneratedPage(src, markdown, in_nav=in_nav)


def titled(title: str, meta: dict[str, object] | None = None) -> str:
    """Front matter of a generated list page: its (escaped) title and any other fields."""
    return front_matter({"title": text(title), **(meta or {})})


def language_label(code: str) -> str:
    """A language as it calls itself, marked with its `lang` so that a screen reader says it so, and its code."""
    return f'<span lang="{text(code)}">{text(language_name(code))}</span> <code>{text(code)}</code>'


def length_label(article: Article, lang: str) -> str:
    """"1,795 characters" for Chinese or Japanese text (it has no spaces to count words by), else "523 words",
    in `lang` (HTML)."""
    if counted_in_characters(article.words, article.characters):
        return t(lang, "length.characters", article.characters)
    return t(lang, "length.words", article.words)
