"""The slimmer chrome as a reader meets it, in a real headless Chromium: on a phone the menu button opens the
drawer and its links lead on; on a desktop the sidebar shows them; the icons our style sheet draws show."""
from __future__ import annotations

import pytest
from browser import serve
from conftest import Build

pytestmark = pytest.mark.browser

def _icon(page, selector: str) -> tuple[float, float, str]:
    return page.evaluate("""(selector) => { const s = getComputedStyle(document.querySelector(selector), '::before');
        return [parseFloat(s.width), parseFloat(s.height), s.maskImage || s.webkitMaskImage]; }""", selector)


def test_phone_drawer_opens_and_leads_to_the_lists(seed_site: Build, browser) -> None:
    errors: list[str] = []
    with serve(seed_site.site) as base:
        page = browser.new_page(viewport={"width": 375, "height": 740})
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(base + "entities/sergei-shoigu/")
        menu = page.locator("label.md-header__button[for=__drawer]")
        width, height, mask = _icon(page, "label.md-header__button[for=__drawer]")
        assert width > 10 and height > 10 and "svg" in mask
        browse = page.locator("nav.md-nav--primary a.md-nav__link", has_text="Browse")
        assert not page.locator("#__drawer").is_checked()
        menu.click()
        assert page.locator("#__drawer").is_checked()
        browse.click()
        page.wait_for_url("**/browse/all/")
        # There the drawer holds the whole navigation, open at the section of the page: Browse's own list.
        menu.click()
        entities = page.locator("nav.md-nav--primary a.md-nav__link", has_text="Entities")
        entities.wait_for(state="visible")
        entities.click()
        page.wait_for_url("**/browse/entities/")
        page.close()
    assert errors == []


def test_desktop_sidebar_search_icon_and_back_to_top(seed_site: Build, browser) -> None:
    errors: list[str] = []
    with serve(seed_site.site) as base:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + "entities/sergei-shoigu/")
        for name in ("Home", "Browse", "About"):
            assert page.locator("nav.md-nav--primary a.md-nav__link", has_text=name).is_visible(), name
        width, _, mask = _icon(page, ".corpus-search-form button")
        assert width > 10 and "svg" in mask
        page.locator(".corpus-search-form input").fill("Shoigu")
        page.locator(".corpus-search-form button").click()
        page.wait_for_url("**/search/en/?q=Shoigu")
        page.close()
    assert errors == []
