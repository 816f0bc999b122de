"""What every page repeats stays small: at archive size the theme's chrome around the content was most of the
site's bytes (8.7 kB of an entity page's 12). Read back from a real build of the seed corpus."""
from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup
from conftest import Build

EN = "2bd2f271896fa816"
# An entity page outside its content: Material 9.8's own chrome was 8.6 kB; ours is about 3.5 kB.
CHROME_LIMIT = 4_500


def _chrome(html: str) -> str:
    start, end = html.index('<article class="md-content__inner'), html.index("</article>")
    return html[:start] + html[end:]


def test_an_entity_pages_chrome_stays_small(seed_site: Build) -> None:
    for url in ("entities/sergei-shoigu", f"articles/{EN}"):
        html = seed_site.page(url)
        chrome = _chrome(html)
        if url.startswith("entities/"):
            assert len(chrome.encode()) < CHROME_LIMIT, len(chrome.encode())
        # No icon as inline SVG (our style sheet draws them), no inline script (files of the site; the policy
        # allows no hash), none of Material's containers that stay empty here, no hidden contents sidebar.
        assert "<svg" not in chrome
        soup = BeautifulSoup(html, "html.parser")
        inline = [s for s in soup.find_all("script") if not s.get("src") and "json" not in s.get("type", "")]
        assert inline == [], url
        for absent in ('data-md-component="skip"', 'data-md-component="announce"', "md-dialog",
                       "md-sidebar--secondary", 'name="generator"', "md-ellipsis\">\n"):
            assert absent not in chrome, (url, absent)
        config = json.loads(soup.find("script", id="__config").string)
        assert config["translations"] == {} and "search" not in config
        assert not re.search(r">\s*\n\s*<(div|li|nav|ul)\b", chrome)  # no line breaks between blocks


def test_a_page_outside_the_navigation_links_each_section_once(seed_site: Build) -> None:
    entity = BeautifulSoup(seed_site.page("entities/sergei-shoigu"), "html.parser")
    nav = entity.select_one("nav.md-nav--primary")
    assert nav.select("nav.md-nav") == []  # no section's list of pages
    links = {a.get_text(strip=True): a["href"] for a in nav.select("a.md-nav__link")}
    assert links == {"Home": "../..", "Browse": "../../browse/all/", "About": "../../about/"}
    # A page in the navigation shows the whole of it, every entry of its sections too.
    lists = BeautifulSoup(seed_site.page("browse/all"), "html.parser").select_one("nav.md-nav--primary")
    entries = {a.get_text(strip=True) for a in lists.select("a.md-nav__link")}
    assert {"Languages", "Entities", "Translated stories", "Benchmarks", "About this archive"} <= entries


def test_files_no_page_loads_are_not_published(seed_site: Build) -> None:
    site = seed_site.site
    assert not list(site.rglob("*.map"))
    assert not (site / "assets" / "javascripts" / "lunr").exists()
    assert not (site / "assets" / "javascripts" / "workers").exists()
    assert (site / "assets" / "javascripts").is_dir() and (site / "assets" / "corpus-scope.js").is_file()
    assert not (site / "assets" / "corpus-search.css").exists()  # inside corpus.css
    assert ".corpus-search-form" in (site / "assets" / "corpus.css").read_text(encoding="utf-8")
    assert (site / "api" / "entities.json").read_text(encoding="utf-8").split("\n")[1].startswith('{"id":"')  # no spaces
