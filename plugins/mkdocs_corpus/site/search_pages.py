"""The search pages: one per language, since Pagefind searches the index of its page's `<html lang>`.

`search/<lang>/` carries `lang: <lang>` like the articles of that language, so both get the same
`<html lang>` (theme/partials/language.html) and the page searches exactly the index those articles
went into. The header form of every page opens the search page of the page's own language.
"""
from __future__ import annotations

from collections.abc import Iterable

from .html import front_matter, text
from .language_names import interface_language, language_name
from .listing import GeneratedPage
from .messages import plain, t
from .urls import Layout

SEARCH = "search"
TEMPLATE = "corpus-search.html"  # theme/corpus-search.html: our search form, outside Material's typeset


def search_src(lang: str) -> str:
    return f"{SEARCH}/{lang}/index.md"


def search_languages(article_languages: Iterable[str], site_language: str) -> list[str]:
    """Languages that get a search page: every article language, and the site's for hand-written pages."""
    return sorted(set(article_languages) | {site_language})


def search_pages(languages: list[str], layout: Layout) -> list[GeneratedPage]:
    pages = []
    for lang in languages:
        here = search_src(lang)
        ui = interface_language(lang, layout.lang)
        front = {
            "title": text(plain(ui, "search.title")),
            "lang": lang,
            "template": TEMPLATE,
            "hide": ["navigation", "toc"],
            "search": {"exclude": True},  # Material's own index (search: both) has no use for this page
        }
        links = [
            f'<strong lang="{text(other)}">{text(language_name(other))}</strong>' if other == lang else
            f'<a href="{layout.link(here, search_src(other))}" hreflang="{text(other)}" lang="{text(other)}">'
            f"{text(language_name(other))}</a>"
            for other in languages
        ]
        body = (f'<p class="corpus-search-languages">{t(ui, "search.languages")} {" · ".join(links)}</p>\n'
                if len(languages) > 1 else "")
        pages.append(GeneratedPage(here, f"{front_matter(front)}\n{body}"))
    return pages


def search_urls(languages: list[str], layout: Layout) -> dict[str, str]:
    """Site-relative URL of each language's search page, for the header form."""
    return {lang: layout.url(search_src(lang)) for lang in languages}
