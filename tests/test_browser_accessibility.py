"""axe-core on every page type, at a desktop and a phone's width: no serious or critical violation, and
none of those found before (heading order, unnamed search landmarks)."""
from __future__ import annotations

import pytest
from browser import axe_source, axe_violations, serve
from conftest import Build

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 800}}
BLOCKING = ("serious", "critical")
ALSO_CHECKED = ("heading-order", "landmark-unique", "landmark-no-duplicate-main")


def _page_types(seed: Build, interface: Build) -> list[tuple[Build, str]]:
    entity = next(e["url"] for e in seed.api("entities.json") if e["url"])
    pages = [
        (seed, ""),  # home
        (seed, "articles/2bd2f271896fa816/"),  # article, English, with its German version
        (seed, "articles/ed0ac21500300798/"),  # article, German
        (interface, "articles/harbour-ja/"),  # article, Japanese
        (seed, "browse/all/"),  # list
        (seed, "browse/languages/"),  # directory
        (interface, "browse/dates/"),  # dates
        (interface, "browse/dates/2024/03/"),  # a month's list
        (seed, "browse/entities/"),  # entity index
        (seed, entity),  # entity page
        (seed, "search/en/"),  # search page, before a query
        (seed, "parallel/2bd2f271896fa816--ed0ac21500300798/"),  # side by side
        (seed, "404.html"),
    ]
    stories = sorted((interface.site / "stories").glob("*/index.html"))  # story pages, where the build makes them
    if stories:
        pages.append((interface, stories[0].parent.relative_to(interface.site).as_posix() + "/"))
    return pages


def _blocking(violations: list[dict]) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]} {v['nodes'][0].get('failureSummary', '')[:200]}"
            for v in violations if v["impact"] in BLOCKING or v["id"] in ALSO_CHECKED]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_page_type_passes_axe(seed_site: Build, interface_site: Build, browser, viewport: str) -> None:
    source = axe_source()
    found: dict[str, list[str]] = {}
    for site in (seed_site, interface_site):
        with serve(site.site) as base:
            page = browser.new_page(viewport=VIEWPORTS[viewport])
            for _, url in (p for p in _page_types(seed_site, interface_site) if p[0] is site):
                page.goto(base + url)
                problems = _blocking(axe_violations(page, source))
                if problems:
                    found[url or "home"] = problems
            page.close()
    assert found == {}


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_search_page_with_results_and_filters_passes_axe(seed_site: Build, browser, viewport: str) -> None:
    source = axe_source()
    with serve(seed_site.site) as base:
        page = browser.new_page(viewport=VIEWPORTS[viewport])
        page.goto(base + "search/en/?q=Moscow")
        page.locator(".corpus-search__result-link").first.wait_for(timeout=15_000)
        page.locator(".corpus-search__filters summary").click()
        page.locator(".corpus-search__filter-name").first.wait_for(timeout=15_000)
        page.locator(".corpus-search__filter-name").first.click()  # a group open: its checkboxes and counts
        assert _blocking(axe_violations(page, source)) == []
        page.close()
