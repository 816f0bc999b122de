"""The interface strings of generated pages and of our templates, in the page's interface language.

One module per language holds `MESSAGES`: key -> text, or for a count, its CLDR plural category
(`one`, `few`, `many`, `other`, as Babel names them) -> text. English is complete and is the fallback:
a string a language lacks is shown in English, marked `lang="en"` so that screen readers say it in
English. `{name}` in a text is a value the caller passes; counts are written in the language's digits
and grouping. The modules are imported here, not found on disk, so the render cache's code digest covers them.
"""
from __future__ import annotations

import html as markup
import json
from datetime import date
from functools import cache, lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, get_month_names
from babel.numbers import format_decimal

from ..html import text
from . import cs, de, en, es, fr, hi, hr, is_, ja, ru, uk, zh

FALLBACK = "en"
CATALOGUES: dict[str, dict[str, str | dict[str, str]]] = {
    "cs": cs.MESSAGES, "de": de.MESSAGES, "en": en.MESSAGES, "es": es.MESSAGES, "fr": fr.MESSAGES,
    "hi": hi.MESSAGES, "hr": hr.MESSAGES, "is": is_.MESSAGES, "ja": ja.MESSAGES, "ru": ru.MESSAGES,
    "uk": uk.MESSAGES, "zh": zh.MESSAGES,
}
# Traditional Chinese readers are not served the simplified catalogue: they get the fallback.
_NOT_BY_BASE = frozenset({"zh-hant", "zh-tw", "zh-hk", "zh-mo"})


class Html(str):
    """A value that is HTML already (a link): `t` puts it in as it is."""


def _chain(lang: str) -> list[str]:
    code = (lang or FALLBACK).replace("_", "-")
    base = code.split("-")[0].lower()
    chain = [code] if code in CATALOGUES else []
    if base != code and code.lower() not in _NOT_BY_BASE:
        chain.append(base)
    return chain + [FALLBACK]


def _find(lang: str, key: str) -> tuple[str, str | dict[str, str]]:
    for code in _chain(lang):
        found = CATALOGUES.get(code, {}).get(key)
        if found is not None:
            return code, found
    raise KeyError(f"no interface string {key!r}: add it to site/messages/en.py")


@cache
def _locale(code: str) -> Locale:
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(FALLBACK)


@lru_cache(maxsize=1 << 16)  # every article's word count goes through it, on its page and in each list
def number(lang: str, value: int) -> str:
    """`value` with the digits grouping of `lang` (1,795 / 1.795 / 1 795)."""
    return format_decimal(value, locale=_locale(lang))


def _resolve(lang: str, key: str, count: int | None, values: dict[str, object]) -> tuple[str, str, dict[str, object]]:
    code, found = _find(lang, key)
    if isinstance(found, dict):
        category = _locale(code).plural_form(count or 0)
        found = found.get(category, found["other"])
    if count is not None:
        values = {"count": number(code, count), **values}
    return code, found, values


def plain(lang: str, key: str, count: int | None = None, **values: object) -> str:
    """The string as plain text (not escaped): for titles and attributes the caller escapes."""
    _, message, values = _resolve(lang, key, count, values)
    return message.format(**values)


def _base(code: str) -> str:
    return code.replace("_", "-").split("-")[0].lower()


def is_fallback(lang: str, key: str) -> bool:
    """Whether `key` is shown in another language (the fallback's) on a page in `lang`."""
    return _base(_find(lang, key)[0]) != _base(lang or FALLBACK)


def t(lang: str, key: str, count: int | None = None, **values: object) -> str:
    """The string as HTML: escaped, values escaped unless `Html`, in a `lang="en"` span when it fell back."""
    # Whether a value is Html is part of the key: an equal plain string must still be escaped.
    return _t(lang, key, count, tuple((name, value, isinstance(value, Html)) for name, value in values.items()))


@lru_cache(maxsize=1 << 16)  # a page's labels are those of the previous page in its language
def _t(lang: str, key: str, count: int | None, given: tuple[tuple[str, object, bool], ...]) -> str:
    code, message, values = _resolve(lang, key, count, {name: Html(value) if html else value for name, value, html in given})
    safe = {name: value if isinstance(value, Html) else text(str(value)) for name, value in values.items()}
    html = markup.escape(message, quote=True).format(**safe)  # our own text: its `{}` are the placeholders
    return html if _base(code) == _base(lang or FALLBACK) else f'<span lang="{code}">{html}</span>'


def month_name(lang: str, year: int, month: int) -> str:
    """A month of a year as `lang` names it on its own: March 2024, März 2024, 2024年3月."""
    return format_skeleton("yMMMM", date(year, month, 1), locale=_locale(lang))


def month_alone(lang: str, month: int) -> str:
    """A month's name as `lang` writes it standing alone: December, Dezember, декабрь, 12月."""
    return get_month_names("wide", "stand-alone", locale=_locale(lang))[month]


def long_date(lang: str, iso: str) -> str:
    """An ISO date (`2024-03-01`) as `lang` writes it in full; anything else as it is."""
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return format_date(day, "long", locale=_locale(lang)) if len(iso) >= 10 else iso


def script_messages(lang: str, keys: list[str]) -> str:
    """The strings a page's script shows, as the body of a `<script type="application/json">`: key ->
    [text, language], so the script can mark a fallback. `<`, `>` and `&` are escaped for the HTML parser."""
    data = {key: [plain(lang, key), _find(lang, key)[0]] for key in keys}
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return raw.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


class NavTitles:
    """Navigation titles in the page's interface language: a title that is the site language's
    string of a `nav.*` key is shown as that key's string; any other keeps its words, marked with
    the site's language where the page's interface is in another."""

    def __init__(self, site_lang: str) -> None:
        self.site_lang = site_lang
        self.keys = {plain(site_lang, key): key for key in CATALOGUES[FALLBACK] if key.startswith("nav.")}

    def __call__(self, title: object, lang: object) -> str:
        title, lang = str(title or ""), str(lang or self.site_lang).strip()
        key = self.keys.get(title.strip())
        if key is not None:
            return t(lang, key)
        if _base(lang) == _base(self.site_lang) or not title:
            return title
        return f'<span lang="{text(self.site_lang)}">{title}</span>'
