"""The search pages: one per language, each searching every language's index (assets/corpus-search.js), with a
language filter that starts on its own.

`search/<lang>/` carries `lang: <lang>` like the articles of that language, so both get the same
`<html lang>` (theme/partials/language.html): the page's interface is in that language and its language
filter starts there. The header form of every page opens the search page of the page's own language.
Beside them, `search/names/` holds the entity names a query is matched against (`write_name_index`).
"""
from __future__ import annotations

import json
import re
import shutil
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..pipeline.entities import EntityIndex
from .entities import entity_src
from .html import front_matter, text
from .language_names import interface_language, language_name, language_name_in
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


def search_pages(languages: list[str], layout: Layout, shards: list[str] = ()) -> list[GeneratedPage]:
    """`shards`: the name index's shards (`name_shards`), listed on the page so that its script asks only for
    those that exist."""
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
        body += f'<p class="corpus-search-name-shards" hidden data-shards="{text(" ".join(shards))}"></p>\n'
        pages.append(GeneratedPage(here, f"{front_matter(front)}\n{body}"))
    return pages


def search_urls(languages: list[str], layout: Layout) -> dict[str, str]:
    """Site-relative URL of each language's search page, for the header form."""
    return {lang: layout.url(search_src(lang)) for lang in languages}


def language_names_json(ui: str, languages: list[str]) -> str:
    """The search page's language names, as the body of a `<script type="application/json">`: code -> [name in the
    reader's language `ui` (the language filter), the language's own name (a version link, marked with its lang)].
    `<`, `>` and `&` are escaped for the HTML parser."""
    data = {code: [language_name_in(code, ui), language_name(code)] for code in languages}
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return raw.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


NAMES = "names"  # search/names/<shard>.json: the entity names the search page matches a query against
NAMES_PER_ENTITY = 8  # its most frequent forms: enough to be found, few enough to keep each download small
_WORDS = re.compile(r"[\s\-\u2010\u00b7\u30fb]+")


def fold(name: str) -> str:
    """What a name is matched as, as assets/corpus-search.js folds a query: no accents, lower case."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not "\u0300" <= c <= "\u036f").lower()


def name_shards(entities: EntityIndex, layout: Layout) -> dict[str, list[list[Any]]]:
    """The entity name index of the search page, in shards by the first letter of each word of each name (a
    query needs only its own letter's shard): shard -> [[address from the site's root, {lang: name a page in
    that language shows, where it is not the first name}, name, other names...], ...], most mentioned first.
    Only entities with a page: a result must lead somewhere."""
    shards: dict[str, list[list[Any]]] = {}
    for entity in sorted((e for e in entities.entities if e.page), key=lambda e: (-e.mentions, e.id)):
        forms = list(dict.fromkeys([entity.name, *entity.display.values(),
                                    *(form for forms in entity.names.values() for form in forms)]))
        forms = [form for form in forms if form.strip()][:NAMES_PER_ENTITY]
        display = {lang: name for lang, name in sorted(entity.display.items()) if name != entity.name}
        record = [layout.url(entity_src(entity.id)), display, *forms]
        keys = {word[0] for form in forms for word in _WORDS.split(fold(form)) if word}
        for key in sorted(keys):
            shards.setdefault(f"{ord(key):x}", []).append(record)
    return shards


def write_name_index(site_dir: Path, shards: dict[str, list[list[Any]]]) -> tuple[int, int]:
    """Write search/names/ afresh from `name_shards`; (files, bytes)."""
    folder = site_dir / SEARCH / NAMES
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    size = 0
    for key, records in shards.items():
        path = folder / f"{key}.json"
        path.write_text(json.dumps(records, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        size += path.stat().st_size
    return len(shards), size
