"""A story page in a real headless Chromium (tests/corpora/glance: one story in English, German and French):
the reader picks the columns, the URL keeps the choice, and without JavaScript two versions show."""
from __future__ import annotations

import pytest
from browser import serve
from conftest import Build

pytestmark = pytest.mark.browser


def story_url(site: Build) -> str:
    story = next(s for s in site.api("translations.json") if len(s["articles"]) == 3)
    return story["url"]


def shown(page) -> list[str]:
    """The languages of the visible cells of the first row of text."""
    cells = page.locator(".corpus-story .corpus-row:not(.corpus-row-head)").first.locator("[data-v]")
    return [cells.nth(n).get_attribute("data-v") for n in range(cells.count()) if cells.nth(n).is_visible()]


def test_reader_switches_columns_and_a_reload_keeps_them(glance_site: Build, browser) -> None:
    errors: list[str] = []
    with serve(glance_site.site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + story_url(glance_site))
        # The pivot (the declared original, English) and the page's language: English, so the next version.
        assert shown(page) == ["en", "de"]
        picker = page.locator(".corpus-columns")
        assert picker.is_visible()
        picker.get_by_label("Français").check()
        picker.get_by_label("Deutsch").uncheck()
        assert shown(page) == ["en", "fr"]
        assert page.url.endswith("?v=en,fr")
        # The German version lacks a paragraph: with German shown, its row says so.
        picker.get_by_label("Deutsch").check()
        assert page.locator(".corpus-missing[data-v=de]").first.is_visible()
        picker.get_by_label("English").uncheck()
        assert shown(page) == ["de", "fr"] and page.url.endswith("?v=de,fr")
        page.reload()
        assert shown(page) == ["de", "fr"]
        assert page.locator(".corpus-columns input:checked").evaluate_all("els => els.map(e => e.value)") == ["de", "fr"]
        # Side by side: two columns across the page.
        cells = page.locator(".corpus-story .corpus-row").nth(2).locator("[data-v]:visible")
        assert cells.nth(0).bounding_box()["y"] == cells.nth(1).bounding_box()["y"]
        page.close()
    assert errors == []  # a script the security policy blocked would be an error here


def test_without_javascript_the_first_two_versions_show_and_the_others_are_linked(glance_site: Build, browser) -> None:
    with serve(glance_site.site) as base:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(base + story_url(glance_site) + "?v=fr")
        assert shown(page) == ["en", "de"]
        assert not page.locator(".corpus-columns").is_visible()
        links = page.locator(".corpus-story-versions a")
        assert links.all_inner_texts() == ["English", "Deutsch", "Français"]
        links.nth(2).click()
        page.wait_for_url("**/articles/ferry-fr/")
        context.close()


def test_article_text_keeps_a_readable_measure(glance_site: Build, browser) -> None:
    with serve(glance_site.site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base + "articles/ferry-en/")
        per_line = page.evaluate("""() => {
            const text = document.querySelector('.corpus-text');
            const probe = document.createElement('span'); probe.textContent = '0'.repeat(100);
            probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap';
            text.querySelector('p').appendChild(probe);
            return text.getBoundingClientRect().width / (probe.getBoundingClientRect().width / 100);
        }""")
        assert 50 < per_line <= 71
        page.close()
