"""Chinese and Japanese search in a real headless Chromium: Pagefind's extended build splits their text into
words, so a word finds every article that contains it, wherever it stands in a clause, and the excerpt
marks the word, not the clause around it."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser import serve
from conftest import Build, build
from test_browser_search import _watch

pytestmark = pytest.mark.browser
CORPUS = Path(__file__).parent / "corpora" / "cjk"


@pytest.fixture(scope="module")
def cjk_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    result = build(CORPUS, tmp_path_factory.mktemp("cjk"))
    assert result.returncode == 0, result.log
    return result


def _containing(site: Build, lang: str, word: str) -> set[str]:
    """Titles of the articles of `lang` whose text holds `word` (read from the corpus, not the index)."""
    articles = [a for a in site.api("articles.json") if a["lang"] == lang]
    return {a["title"] for a in articles if word in (CORPUS / a["path"]).read_text(encoding="utf-8")}


@pytest.mark.parametrize("lang, word", [("ja", "ワクチン"), ("ja", "接種"), ("zh", "疫苗"), ("zh", "接种")])
def test_a_word_finds_every_article_that_contains_it(cjk_site: Build, browser, lang: str, word: str) -> None:
    expected = _containing(cjk_site, lang, word)
    assert 2 <= len(expected) < len([a for a in cjk_site.api("articles.json") if a["lang"] == lang])
    with serve(cjk_site.site) as base:
        page = browser.new_page()
        errors = _watch(page)
        page.goto(base + f"search/{lang}/?q={word}")
        page.locator(".corpus-search__message", has_text=word).wait_for(timeout=15_000)
        # The standard Pagefind binary indexes each clause as one word: it finds none of these.
        assert re.match(rf"{len(expected)}\D", page.locator(".corpus-search__message").inner_text())
        page.locator(".corpus-search__result-link").nth(len(expected) - 1).wait_for(timeout=15_000)
        assert set(page.locator(".corpus-search__result-link").all_inner_texts()) == expected
        marks = page.locator(".corpus-search__result-excerpt mark").all_inner_texts()
        assert marks and set(marks) == {word}  # the word, not the clause it stands in
        page.close()
    assert errors == []
