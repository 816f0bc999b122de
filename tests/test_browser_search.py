"""Search in a real headless Chromium, under the site's Content-Security-Policy: a reader types a query in
the header, Pagefind's UI answers from the index of the page's language, and a result leads to the article."""
from __future__ import annotations

import pytest
from browser import serve
from conftest import Build
from test_search import fragments

pytestmark = pytest.mark.browser

EN_TITLE = 'Iran\'s Raisi tells Putin in Moscow that West backs Gaza "genocide"'


def _watch(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    return errors


def _search_from_header(page, query: str) -> None:
    page.locator("input.corpus-search-form__input").fill(query)
    page.locator("input.corpus-search-form__input").press("Enter")
    page.wait_for_url("**/search/**")
    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15_000)


def _search_from_article(page, base: str, article_id: str, query: str, lang: str) -> None:
    """Open an article, search from its header, and land on the search page of its language."""
    page.goto(base + f"articles/{article_id}/")
    _search_from_header(page, query)
    assert page.url == base + f"search/{lang}/?q={query}"
    assert page.locator("html").get_attribute("lang") == lang


def test_english_query_leads_to_the_article(seed_site: Build, browser) -> None:
    with serve(seed_site.site) as base:
        page = browser.new_page()
        errors = _watch(page)
        _search_from_article(page, base, "2bd2f271896fa816", "Shoigu", "en")
        assert page.locator(".pagefind-ui__result-link").all_inner_texts() == [EN_TITLE]
        assert page.locator(".pagefind-ui__result-excerpt mark").first.inner_text() == "Shoigu"
        page.locator(".pagefind-ui__result-link").first.click()
        page.wait_for_url("**/articles/2bd2f271896fa816/")
        assert page.locator("h1").inner_text() == EN_TITLE
        page.close()
    assert errors == []


def test_german_query_searches_the_german_index(seed_site: Build, browser) -> None:
    with serve(seed_site.site) as base:
        page = browser.new_page()
        errors = _watch(page)
        _search_from_article(page, base, "ed0ac21500300798", "Schoigu", "de")
        results = page.locator(".pagefind-ui__result-link")
        assert results.count() == 1 and results.first.inner_text().startswith("Im Rahmen einer Reihe")
        # Stemming: an inflected form finds the same article.
        page.locator(".pagefind-ui__search-input").fill("Gesprächs")
        page.locator(".pagefind-ui__message", has_text="Gesprächs").wait_for(timeout=15_000)
        assert results.count() == 1
        results.first.click()
        page.wait_for_url("**/articles/ed0ac21500300798/")
        assert page.locator("html").get_attribute("lang") == "de"
        page.close()
    assert errors == []


def test_filter_panel_renders_and_filters(seed_site: Build, browser) -> None:
    with serve(seed_site.site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors = _watch(page)
        page.goto(base + "search/en/?q=Moscow")
        page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15_000)
        panel = page.locator(".pagefind-ui__filter-panel")
        assert panel.is_visible()
        page.locator(".pagefind-ui__filter-name", has_text="Source").click()
        checkbox = page.get_by_label("Reuters")
        checkbox.check()
        page.wait_for_timeout(300)
        assert page.locator(".pagefind-ui__result-link").count() == 1
        # Material's typeset rules do not reach the panel: it sits beside the results, each box on its label's line.
        results_box = page.locator(".pagefind-ui__results-area").bounding_box()
        assert panel.bounding_box()["x"] + panel.bounding_box()["width"] <= results_box["x"]
        box, label = checkbox.bounding_box(), page.locator("label[for=source-Reuters]").bounding_box()
        assert box["width"] < 30 and box["x"] < label["x"]
        assert abs((box["y"] + box["height"] / 2) - (label["y"] + label["height"] / 2)) < 6
        page.close()
    assert errors == []


def test_hostile_corpus_search_works_under_the_policy(hostile_site: Build, browser) -> None:
    articles = hostile_site.articles()
    start = articles["zero-width.txt"]["url"]
    with serve(hostile_site.site) as base:
        page = browser.new_page()
        errors = _watch(page)
        page.on("dialog", lambda d: (errors.append(f"dialog {d.message}"), d.dismiss()))
        page.goto(base + start)
        _search_from_header(page, "Schoigu")
        page.locator(".pagefind-ui__result-link").first.click()
        page.wait_for_url(base + start)
        assert "Scho" in page.locator("h1").inner_text()
        # Hostile titles, excerpts and filter values (Pagefind's UI inserts the last as HTML) all show as text.
        for query in ("passwd", "iframe", "pwned"):
            page.goto(base + f"search/en/?q={query}")
            page.locator(".pagefind-ui__message").wait_for(timeout=15_000)
            page.wait_for_timeout(300)
            for name in page.locator(".pagefind-ui__filter-name").all():
                name.click()
            assert page.locator(".corpus-search [onmouseover], .corpus-search [onload], .corpus-search [onerror]").count() == 0
            assert page.locator(".corpus-search script, .corpus-search iframe, .corpus-search svg b").count() == 0
            assert page.evaluate("() => window.__pwned") is None
        page.goto(base + "search/en/?q=passwd")
        page.locator(".pagefind-ui__filter-name", has_text="Source").click()
        # Shown with look-alikes of < > &, which Pagefind's UI cannot turn into markup.
        assert "\u2039b onmouseover='window.__pwned=1'\u203aEvil\u2039/b\u203a" in page.locator(".pagefind-ui__filter-label").all_inner_texts()[-1]
        page.close()
    assert errors == []


def test_nothing_from_outside_the_corpus_is_indexed(hostile_site: Build) -> None:
    texts = fragments(hostile_site.site)
    assert len(texts) >= 20
    assert not any("TOP SECRET" in json_text for json_text in (str(f) for f in texts))
