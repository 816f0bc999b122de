"""The search pages: one per language, each searching every language's index (assets/corpus-search.js), with a
language filter that starts on its own.

`search/<lang>/` carries `lang: <lang>` like the articles of that language, so both get the same
`<html lang>` (theme/partials/language.html): the page's interface is in that language and its language
filter starts there. The header form of every page opens the search page of the page's own language.
Beside them, `search/names/` holds the entity names a query is matched against (`write_name_index`), and
`search/words/` the beginnings of the words each language's articles hold (`word_shards`): a query runs only in the
languages that can match it.
"""
from __future__ import annotations

import json
import re
import shutil
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from ..pipeline.entities import EntityIndex
from ..pipeline.model import Article
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


def search_pages(languages: list[str], layout: Layout, shards: list[str] = (),
                 word_keys: list[str] | None = None) -> list[GeneratedPage]:
    """`shards`: the name index's shards (`name_shards`), `word_keys` the word index's (`word_shards`; None: there
    is none, and every query runs in every language), listed on the page so that its script asks only for those
    that exist."""
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
        if word_keys is not None:
            body += f'<p class="corpus-search-word-shards" hidden data-shards="{text(" ".join(word_keys))}"></p>\n'
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


# A first letter's shard larger than this is published as one shard per first two letters instead: at 20,000
# articles the names with a word in `s` alone take 148 kB, which a query would fetch whole.
NAME_SHARD_BYTES = 16_000


def name_shards(entities: EntityIndex, layout: Layout, limit: int = NAME_SHARD_BYTES) -> dict[str, list[list[Any]]]:
    """The entity name index of the search page, in shards by the beginning of each word of each name (a
    query needs only its own beginning's shard): shard -> [[address from the site's root, {lang: name a page
    in that language shows, where it is not the first name}, name, the other names with a word so beginning],
    ...], most mentioned first. A shard is named by the code points of its first letter (`73`), or of its
    first two (`73-61`) where that letter's would exceed `limit` bytes; it leaves out names no query of its
    beginning can match, since an entity has names in many languages. Only entities with a page: a result
    must lead somewhere."""
    by_one: dict[str, list[list[Any]]] = {}
    by_two: dict[str, list[list[Any]]] = {}
    for entity in sorted((e for e in entities.entities if e.page), key=lambda e: (-e.mentions, e.id)):
        forms = list(dict.fromkeys([entity.name, *entity.display.values(),
                                    *(form for forms in entity.names.values() for form in forms)]))
        forms = [form for form in forms if form.strip()][:NAMES_PER_ENTITY]
        display = {lang: name for lang, name in sorted(entity.display.items()) if name != entity.name}
        # Each word's beginning, and the whole name's (a query may run over a one-letter word: `x-m`, X-Men).
        folded = [fold(form) for form in forms]
        starts = [{word[:2] for word in [name, *_WORDS.split(name)] if word} for name in folded]
        for length, shards in ((1, by_one), (2, by_two)):
            keys = [{start[:length] for start in found if len(start) >= length} for found in starts]
            for key in sorted(set().union(*keys)):
                names = [form for form, found in zip(forms, keys, strict=True) if key in found and form != entity.name]
                shards.setdefault(key, []).append([layout.url(entity_src(entity.id)), display, entity.name, *names])
    chosen: dict[str, list[list[Any]]] = {}
    for letter, records in by_one.items():
        if len(json.dumps(records, ensure_ascii=False, separators=(",", ":")).encode()) <= limit:
            chosen[letter] = records
        else:
            chosen.update((key, found) for key, found in by_two.items() if key[0] == letter)
    return {"-".join(f"{ord(c):x}" for c in key): records for key, records in chosen.items()}


def write_name_index(site_dir: Path, shards: dict[str, list[list[Any]]]) -> tuple[int, int]:
    """Write search/names/ afresh from `name_shards`; (files, bytes)."""
    return _write_shards(site_dir / SEARCH / NAMES, shards)


def _write_shards(folder: Path, shards: dict[str, Any]) -> tuple[int, int]:
    """One JSON file per shard in `folder`, written afresh (corpus text as data, never markup); (files, bytes)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    size = 0
    for key, value in shards.items():
        path = folder / f"{key}.json"
        path.write_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        size += path.stat().st_size
    return len(shards), size


WORDS = "words"  # search/words/<shard>.json: the beginnings of the words each language's articles hold
PREFIX = 5  # letters kept of a word: inflections of one stem share them (Regierung, Regierungen), most languages do not
# Scripts written without spaces, which Pagefind splits into words (ja, zh; th when querying): any of their characters
# may begin a word, so the index keeps each character (in shards of 256 code points) rather than word beginnings.
_UNSPACED = ((0x0E00, 0x0E7F), (0x3040, 0x30FF), (0x31F0, 0x31FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
             (0xF900, 0xFAFF), (0x20000, 0x2FFFF))


def unspaced(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _UNSPACED)


def fold_word(word: str) -> str:
    """A word as the word index and assets/corpus-search.js compare it: compatibility forms, marks and signs gone
    (Pagefind drops marks, and its stemmers map ä to a, ё to е), lower case, ß as ss and y as i (German and English
    stemmers do the same: Straße/Strasse, city/cities). Coarser than Pagefind's own forms, never finer: a word
    Pagefind matches always folds to the same beginning."""
    decomposed = unicodedata.normalize("NFKD", word)
    if not decomposed.isascii():
        decomposed = "".join(c for c in decomposed if c.isalnum())
    return decomposed.lower().replace("ß", "ss").replace("ς", "σ").replace("y", "i")


def _indexed_words(chunk: str) -> set[str]:
    """What Pagefind may index of one whitespace-free chunk of text, unfolded: the chunk's letters and digits joined
    (U.S. is us), each part between punctuation, case or digit changes (iPhone: i, phone; COVID19: covid, 19), and
    each character of an unspaced script."""
    if chunk.isalpha() and chunk[1:].islower() and max(chunk) < "\u0e00":
        return {chunk}  # a plain word, most of them
    chunk = unicodedata.normalize("NFKC", chunk)  # half-width kana, ligatures: as Pagefind's segmenter reads them
    words: set[str] = set()
    joined: list[str] = []
    part: list[str] = []
    for i, char in enumerate(chunk):
        if unspaced(char):
            words.add(char)
            words.update(("".join(joined), "".join(part)))
            joined, part = [], []
        elif char.isalnum() or unicodedata.category(char)[0] == "M":
            if part and _new_part(part[-1], char, chunk[i + 1:i + 2]):
                words.add("".join(part))
                part = []
            part.append(char)
            joined.append(char)
        else:
            words.add("".join(part))
            part = []
    words.update(("".join(joined), "".join(part)))
    words.discard("")
    return words


def _new_part(previous: str, char: str, following: str) -> bool:
    """Whether `char` starts a part of its word, as Pagefind splits compounds: aB, ABc (at B), a digit after a
    letter or a letter after a digit."""
    return ((char.isupper() and (previous.islower() or (previous.isupper() and following.islower())))
            or previous.isdigit() != char.isdigit())


def word_key(word: str) -> str:
    """The shard of a folded word (or unspaced character): its first code point in hex, as for the names; an unspaced
    character's block of 256 (`4e` for U+4E00-U+4EFF), marked `xx`."""
    code = ord(word[0])
    return f"{code >> 8:x}xx" if unspaced(word[0]) else f"{code:x}"


def searchable_texts(articles: Iterable[Article], index_language: Mapping[str | None, str]) -> Iterator[tuple[str, str]]:
    """(index language, text) of each article: what its page hands Pagefind (site/article.py), title and blocks."""
    for article in articles:
        yield index_language.get(article.lang, article.lang), "\n".join((article.title, *(b.text for b in article.blocks)))


def word_shards(texts: Iterable[tuple[str, str]]) -> dict[str, dict[str, str]]:
    """The word index of the search page, from (index language, text) of every searchable page: shard -> {language:
    its words of that shard}. A word is kept as its first PREFIX letters (a shorter one whole), folded (`fold_word`),
    the entries of a language space-separated and sorted; an unspaced shard holds a language's characters, unseparated.
    Each distinct chunk of text is read once."""
    chunks: dict[str, set[str]] = {}
    for lang, body in texts:
        chunks.setdefault(lang.lower(), set()).update(body.split())
    entries: dict[str, dict[str, set[str]]] = {}
    for lang, found in chunks.items():
        words = {word for chunk in found for word in _indexed_words(chunk)}
        for word in {fold_word(word)[:PREFIX] for word in words}:
            if word:
                entries.setdefault(word_key(word), {}).setdefault(lang, set()).add(word)
    return {key: {lang: ("" if key.endswith("xx") else " ").join(sorted(words)) for lang, words in sorted(langs.items())}
            for key, langs in sorted(entries.items())}


def write_word_index(site_dir: Path, shards: dict[str, dict[str, str]]) -> tuple[int, int]:
    """Write search/words/ afresh from `word_shards`; (files, bytes)."""
    return _write_shards(site_dir / SEARCH / WORDS, shards)
