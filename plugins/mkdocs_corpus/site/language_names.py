"""How each language calls itself, for links a reader of that language recognises, and which of
Material's interface translations (and so which `<html lang>`) a page in each language gets."""
from __future__ import annotations

import re
from functools import cache
from importlib.resources import files as resources

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


def theme_codes(languages: list[str] | tuple[str, ...]) -> dict[str, str]:
    """Page language -> Material's interface translation for it, for the languages Material has
    (read by theme/partials/language.html; a page in any other language keeps the site's)."""
    available = {p.name.removesuffix(".html") for p in (resources("material") / MATERIAL_LANGUAGES).iterdir()}
    codes = {code: THEME_CODES.get(code, code) for code in set(languages) | set(THEME_CODES)}
    return {code: theme for code, theme in codes.items() if theme in available}


@cache
def html_language(theme_code: str) -> str:
    """The `<html lang>` Material writes with that interface translation (`pt-BR` writes `pt`)."""
    source = (resources("material") / MATERIAL_LANGUAGES / f"{theme_code}.html").read_text(encoding="utf-8")
    match = _THEME_LANGUAGE.search(source)
    return match.group(1) if match else theme_code
