"""The message catalogue (site/messages/): complete in every language, placeholders kept, fallbacks marked."""
from __future__ import annotations

import re
import string

import pytest
from babel import Locale
from mkdocs_corpus.site.language_names import interface_language, language_name_in
from mkdocs_corpus.site.messages import CATALOGUES, FALLBACK, Html, NavTitles, is_fallback, plain, script_messages, t

REQUIRED = ("en", "de", "fr", "es", "ru", "uk", "cs", "hr", "is", "ja", "zh", "hi")


def _fields(message: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(message) if name}


def _texts(found: str | dict[str, str]) -> list[str]:
    return list(found.values()) if isinstance(found, dict) else [found]


@pytest.mark.parametrize("lang", REQUIRED)
def test_every_language_has_every_string_with_the_same_placeholders(lang: str) -> None:
    english = CATALOGUES[FALLBACK]
    catalogue = CATALOGUES[lang]
    assert set(catalogue) == set(english)
    categories = set(Locale.parse(lang).plural_form.rules) | {"other"}
    for key, found in catalogue.items():
        wanted = set().union(*(_fields(m) for m in _texts(english[key])))
        for message in _texts(found):
            assert _fields(message) == wanted, (lang, key, message)
        if isinstance(found, dict):
            assert "other" in found and set(found) <= categories, (lang, key, set(found))


def test_counts_take_the_languages_plural_forms_and_digits() -> None:
    assert plain("en", "length.words", 1) == "1 word"
    assert plain("en", "length.words", 1795) == "1,795 words"
    assert plain("de", "length.words", 1795) == "1.795 Wörter"
    assert [plain("ru", "length.words", n) for n in (1, 3, 5, 21)] == ["1 слово", "3 слова", "5 слов", "21 слово"]
    assert plain("cs", "length.words", 4) == "4 slova"
    assert plain("ja", "length.words", 12) == "12語" and plain("ja", "length.characters", 1810) == "1,810文字"


def test_a_language_without_a_catalogue_falls_back_to_english_marked_as_english() -> None:
    assert t("de", "meta.language") == "Sprache"
    assert t("it", "meta.language") == '<span lang="en">Language</span>'
    assert t("de-AT", "meta.language") == "Sprache"
    assert t("zh-TW", "meta.language") == '<span lang="en">Language</span>'  # not served simplified Chinese
    assert is_fallback("it", "meta.language") and not is_fallback("de", "meta.language")


def test_values_are_escaped_unless_marked_html() -> None:
    assert t("en", "dates.month", month="<b>") == "Articles of &lt;b&gt;"
    assert t("de", "made_with", generator=Html("<a>M</a>")) == "Erstellt mit <a>M</a>"
    assert t("de", "made_with", generator="<a>M</a>") == "Erstellt mit &lt;a&gt;M&lt;/a&gt;"  # not the cached Html one
    body = script_messages("de", ["search.more"])
    assert body == '{"search.more": ["Weitere Ergebnisse", "de"]}'


def test_navigation_titles_of_the_catalogue_are_translated_others_marked() -> None:
    titles = NavTitles("en")
    assert titles("All articles", "ru") == "Все статьи"
    assert titles("About this archive", "ru") == '<span lang="en">About this archive</span>'
    assert titles("About this archive", "en") == "About this archive"


def test_language_names_in_the_readers_language_and_interface_languages() -> None:
    assert language_name_in("en", "de") == "Englisch"
    assert language_name_in("de", "ja") == "ドイツ語"
    assert language_name_in("xx", "de") == "xx"
    assert interface_language("de", "en") == "de"
    assert interface_language("zz", "en") == "en"  # Material has no strings for it: the page keeps the site's
    assert re.fullmatch(r"[a-z]{2}", interface_language("no", "en"))
