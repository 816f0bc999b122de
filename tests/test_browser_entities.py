"""The entity index as a reader uses it, in a real headless Chromium:
article -> entity page -> another article that mentions the entity."""
from __future__ import annotations

import pytest
from browser import serve
from conftest import Build

pytestmark = pytest.mark.browser

EN, DE = "2bd2f271896fa816", "ed0ac21500300798"


def test_reader_goes_from_an_article_to_an_entity_to_its_other_article(seed_site: Build, browser) -> None:
    errors: list[str] = []
    with serve(seed_site.site) as base:
        page = browser.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + f"articles/{EN}/")
        page.locator(".corpus-entities a", has_text="Sergei Shoigu").click()
        page.wait_for_url("**/entities/sergei-shoigu/")
        assert page.locator("h1").inner_text() == "Sergei Shoigu"
        assert "Sergej Schoigu" in page.locator(".corpus-names").inner_text()
        marks = page.locator(".corpus-mentions p mark").all_inner_texts()
        assert "Sergei Shoigu" in marks and "Sergej Schoigu" in marks
        # Both versions of the story sit together, in one item of the list.
        assert page.locator(".corpus-mentions > li").count() == 1
        page.locator(f'.corpus-mentions a[href$="{DE}/"]').click()
        page.wait_for_url(f"**/articles/{DE}/")
        assert page.locator("html").get_attribute("lang") == "de"
        # The German page names him as German does, and links the same entity.
        shoigu = page.locator(".corpus-entities a", has_text="Sergej Schoigu")
        assert shoigu.count() == 1 and shoigu.get_attribute("href").endswith("entities/sergei-shoigu/")
        page.close()
    assert errors == []


def test_reader_finds_an_entity_from_the_index_by_type(seed_site: Build, browser) -> None:
    with serve(seed_site.site) as base:
        page = browser.new_page()
        page.goto(base)
        page.get_by_role("link", name="Entities").first.click()
        page.wait_for_url("**/browse/entities/")
        page.get_by_role("link", name="Places").first.click()
        page.wait_for_url("**/browse/entities/places/")
        page.locator(".corpus-letters a", has_text="M").click()
        page.get_by_role("link", name="Moscow", exact=True).click()
        page.wait_for_url("**/entities/moscow/")
        assert "Moskau" in page.locator(".corpus-names").inner_text()
        page.close()
