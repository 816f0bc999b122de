"""The interface in the page's language, read as a reader sees it: a German, a Russian and a Japanese article
(and their search pages) show no English interface string outside the article's own text."""
from __future__ import annotations

import re
from importlib.resources import files as resources

import pytest
from browser import serve
from bs4 import BeautifulSoup
from conftest import Build
from mkdocs_corpus.site.messages import CATALOGUES

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}  # wide enough that Material shows the navigation beside the page
_FIELD = re.compile(r"\{[^}]*\}")
_MATERIAL_STRING = re.compile(r'^\s*"([^"]+)":\s*"((?:[^"\\]|\\.)*)"', re.M)
# Every text node a reader can see, outside the article's own text (which is in the article's language anyway).
VISIBLE_TEXT = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, element = node.parentElement;
    const words = node.textContent.trim();
    if (!words || !element || element.closest(".corpus-text, script, style, noscript, template")) continue;
    if (!element.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    out.push(words);
  }
  return out;
}"""


def _material(lang: str) -> dict[str, str]:
    source = (resources("material") / "templates/partials/languages" / f"{lang}.html").read_text(encoding="utf-8")
    return dict(_MATERIAL_STRING.findall(source))


def _texts(found: str | dict[str, str]) -> list[str]:
    return list(found.values()) if isinstance(found, dict) else [found]


def english_strings(lang: str) -> set[str]:
    """The English interface strings (ours and Material's) that `lang` words differently: the pieces between
    placeholders, of at least three letters. A string `lang` words the same (German "Name") is no evidence."""
    pieces: set[str] = set()
    own = CATALOGUES[lang]
    theirs = _material(lang)
    pairs = [(_texts(english), _texts(own[key])) for key, english in CATALOGUES["en"].items()]
    pairs += [([english], [theirs.get(key, "")]) for key, english in _material("en").items()
              if not key.startswith(("search.config", "language", "direction"))]
    for english, translated in pairs:
        for message in english:
            for piece in _FIELD.split(message.replace("#", "{}")):
                piece = piece.strip(" :·()←→.")
                if len(re.findall(r"[A-Za-z]", piece)) >= 3 and not any(piece in other for other in translated):
                    pieces.add(piece)
    return pieces


def _english_in(texts: list[str], lang: str) -> list[str]:
    found = []
    for piece in english_strings(lang):
        pattern = re.compile(rf"(?<!\w){re.escape(piece)}(?!\w)")
        found += [f"{piece!r} in {words!r}" for words in texts if pattern.search(words)]
    return found


@pytest.mark.parametrize(("lang", "expected"), [("de", "Sprachfassungen:"), ("ru", "Языковые версии:"), ("ja", "言語版：")])
def test_article_page_interface_speaks_the_articles_language(interface_site: Build, browser, lang: str, expected: str) -> None:
    with serve(interface_site.site) as base:
        page = browser.new_page(viewport=DESKTOP)
        page.goto(base + f"articles/harbour-{lang}/")
        assert page.locator("html").get_attribute("lang") == lang
        texts = page.evaluate(VISIBLE_TEXT)
        assert expected in texts  # the labels are there, in the page's language
        assert any(t.startswith(("Startseite", "Главная", "ホーム")) for t in texts)  # and so is the navigation
        assert _english_in(texts, lang) == []
        # What stays English is marked so: the navigation's titles from mkdocs.yml (an article's page shows the
        # About section as one link), the site's name, English's own name.
        marked = page.locator('[lang="en"]').all_inner_texts()
        assert "About" in marked and "News corpus archive" in [m.strip() for m in marked]
        page.close()


@pytest.mark.parametrize("lang", ["de", "ru", "ja"])
def test_search_page_and_its_script_speak_the_pages_language(interface_site: Build, browser, lang: str) -> None:
    errors: list[str] = []
    with serve(interface_site.site) as base:
        page = browser.new_page(viewport=DESKTOP)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + f"search/{lang}/?q=Elbe")
        page.locator(".corpus-search__filters summary").click()
        page.locator(".corpus-search__filter-name").first.wait_for(timeout=15_000)
        page.locator(".corpus-search__message q").wait_for(timeout=15_000)  # a count, then the query
        texts = page.evaluate(VISIBLE_TEXT)
        names = page.locator(".corpus-search__filter-name").all_inner_texts()
        assert {"de": "Sprache", "ru": "Язык", "ja": "言語"}[lang] in names
        assert _english_in(texts + [page.title()], lang) == []
        page.close()
    assert errors == []


def test_a_language_without_our_catalogue_gets_english_labels_marked_english(interface_site: Build) -> None:
    soup = BeautifulSoup(interface_site.page("articles/biblioteca-it"), "html.parser")
    assert soup.html["lang"] == "it"  # Material has Italian: its own strings are Italian
    labels = soup.select("dl.corpus-meta dt")
    assert labels and all(dt.find("span", lang="en") for dt in labels)
    assert soup.select_one(".md-copyright span[lang=en]") is not None


def test_lists_stay_in_the_sites_language(interface_site: Build) -> None:
    soup = BeautifulSoup(interface_site.page("browse/dates/2024"), "html.parser")
    assert soup.html["lang"] == "en"
    assert [a.get_text() for a in soup.select(".corpus-groups a")] == ["March"]
    assert soup.select_one("h1").get_text() == "Articles of 2024"
    assert not soup.select('nav [lang="en"]')  # nothing to mark on a page in the site's own language
