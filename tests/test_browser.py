"""What a reader clicks, in a real headless Chromium: home -> list -> article."""
from __future__ import annotations

import pytest
from browser import serve
from conftest import Build

pytestmark = pytest.mark.browser

EN_TITLE = 'Iran\'s Raisi tells Putin in Moscow that West backs Gaza "genocide"'


def test_reader_goes_from_home_to_an_article(seed_site: Build, browser) -> None:
    errors: list[str] = []
    with serve(seed_site.site) as base:
        page = browser.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base)
        page.get_by_role("link", name="All articles").first.click()
        page.wait_for_url("**/browse/all/")
        page.get_by_role("link", name=EN_TITLE).click()
        page.wait_for_url("**/articles/2bd2f271896fa816/")
        assert page.locator("h1").inner_text() == EN_TITLE
        meta = page.locator("dl.corpus-meta")
        assert meta.locator(".corpus-source").inner_text() == "Reuters"
        assert meta.locator(".corpus-dateline").inner_text() == "MOSCOW"
        assert "Mark Trevelyan" in meta.locator(".corpus-authors").inner_text()
        assert page.locator(".corpus-text h2").inner_text() == "MILITARY TIES"
        assert page.locator("html").get_attribute("lang") == "en"
        page.close()
    assert errors == []


def test_language_link_leads_to_the_language_list(seed_site: Build, browser) -> None:
    with serve(seed_site.site) as base:
        page = browser.new_page()
        page.goto(base + "articles/ed0ac21500300798/")
        assert page.locator("html").get_attribute("lang") == "de"
        page.locator(".corpus-language a").click()
        page.wait_for_url("**/browse/languages/de/")
        titles = page.locator(".corpus-list a").all_inner_texts()
        assert len(titles) == 1 and titles[0].startswith("Im Rahmen einer Reihe")
        page.close()


def test_reader_follows_a_translation_and_opens_the_story_page(seed_site: Build, browser) -> None:
    with serve(seed_site.site) as base:
        page = browser.new_page()
        page.goto(base + "articles/2bd2f271896fa816/")
        page.locator(".corpus-versions a[hreflang=de]").click()
        page.wait_for_url("**/articles/ed0ac21500300798/")
        assert page.locator("html").get_attribute("lang") == "de"
        page.get_by_role("link", name="Alle 2 Fassungen").click()
        page.wait_for_url("**/stories/2bd2f271896fa816/?v=en,de")
        rows = page.locator(".corpus-story .corpus-row:not(.corpus-row-head)")
        assert rows.count() == 19
        assert page.locator(".corpus-missing").count() == 3
        assert page.locator(".corpus-missing").first.is_visible()
        # On a phone the two versions stack: each row is one column wide.
        page.set_viewport_size({"width": 390, "height": 800})
        cells = rows.nth(3).locator("[data-v]")
        assert cells.nth(0).bounding_box()["x"] == cells.nth(1).bounding_box()["x"]
        page.close()
