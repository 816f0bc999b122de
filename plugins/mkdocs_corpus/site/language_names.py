"""How each language calls itself (for links to versions in other languages, each marked with its
`lang`), how a reader's language calls it (for labels), and which of Material's interface translations
(and so which `<html lang>`, and which interface language) a page in each language gets."""
from __future__ import annotations

import re
from functools import cache
from importlib.resources import files as resources

from babel import Locale, UnknownLocaleError

ENDONYMS = {
    "ar": "العربية", "bg": "Български", "cs": "Čeština", "da": "Dansk", "de": "Deutsch",
    "el": "Ελληνικά", "en": "English", "es": "Español", "et": "Eesti", "fa": "فارسی", "fi": "Suomi",
    "fr": "Français", "he": "עברית", "hi": "हिन्दी", "hr": "Hrvatski", "hu": "Magyar",
    "id": "Bahasa Indonesia", "is": "Íslenska", "it": "Italiano", "ja": "日本語", "ko": "한국어",
    "lt": "Lietuvių", "lv": "Latviešu", "nl": "Nederlands", "no": "Norsk", "pl": "Polski",
    "pt": "Português", "ro": "Română", "ru": "Русский", "sk": "Slovenčina", "sl": "Slovenščina",
    "sr": "Српски", "sv": "Svenska", "th": "ไทย", "tr": "Türkçe", "uk": "Українська",
    "vi": "Tiếng Việt", "zh": "中文",
}
# Material ships interface strings per language; a few codes differ from ISO 639-1.
THEME_CODES = {"no": "nb"}
MATERIAL_LANGUAGES = "templates/partials/languages"
_THEME_LANGUAGE = re.compile(r'"language":\s*"([^"]+)"')


def language_name(code: str) -> str:
    return ENDONYMS.get(code, code)


@cache
def language_name_in(code: str, reader: str) -> str:
    """The name of language `code` in the reader's language (Englisch, allemand, английский), else its own."""
    try:
        names = Locale.parse(reader.replace("-", "_")).languages
    except (UnknownLocaleError, ValueError):
        return language_name(code)
    return names.get(code) or language_name(code)


@cache
def _material_languages() -> frozenset[str]:
    return frozenset(p.name.removesuffix(".html") for p in (resources("material") / MATERIAL_LANGUAGES).iterdir())


def theme_codes(languages: list[str] | tuple[str, ...] | None = None) -> dict[str, str]:
    """Page language -> Material's interface translation for it, for the languages Material has (all of
    them by default; read by theme/partials/language.html; a page in any other language keeps the site's)."""
    asked = _material_languages() if languages is None else set(languages)
    codes = {code: THEME_CODES.get(code, code) for code in set(asked) | set(THEME_CODES)}
    return {code: theme for code, theme in codes.items() if theme in _material_languages()}


@cache
def interface_language(code: str | None, site_language: str) -> str:
    """The language of a page's interface (its `<html lang>`): the page's own language where Material has
    strings for it, as theme/partials/language.html decides, else the site's."""
    theme = theme_codes([code]).get(code) if code else None
    return html_language(theme or site_language)


@cache
def html_language(theme_code: str) -> str:
    """The `<html lang>` Material writes with that interface translation (`pt-BR` writes `pt`)."""
    source = (resources("material") / MATERIAL_LANGUAGES / f"{theme_code}.html").read_text(encoding="utf-8")
    match = _THEME_LANGUAGE.search(source)
    return match.group(1) if match else theme_code
