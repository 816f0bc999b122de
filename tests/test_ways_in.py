"""Ways into a growing archive: the date archive, per-language Atom feeds, a sitemap with hreflang."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import Build, build

CORPORA = Path(__file__).parent / "corpora"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    result = build(CORPORA / "dated", tmp_path_factory.mktemp("dated"),
                   env={"SITE_URL": "https://archive.example.org/news/", "SOURCE_DATE_EPOCH": "1700000000"})
    assert result.returncode == 0, result.log
    return result


def test_date_archive_by_year_and_month(dated_site: Build) -> None:
    years = BeautifulSoup(dated_site.page("browse/dates"), "html.parser")
    assert [a.get_text() for a in years.select(".corpus-groups a")] == ["2024", "2023"]
    assert "1 article carries no date" in years.select_one(".corpus-intro").get_text()
    months = BeautifulSoup(dated_site.page("browse/dates/2023"), "html.parser")
    assert [a.get_text() for a in months.select(".corpus-groups a")] == ["December", "November"]
    december = BeautifulSoup(dated_site.page("browse/dates/2023/12"), "html.parser")
    assert [a.get_text() for a in december.select(".corpus-list a")] == ["Council approves winter budget"]


def test_atom_feed_per_language(dated_site: Build) -> None:
    feed = ET.parse(dated_site.site / "feed-en.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["New tram line opens", "Council approves winter budget", "Undated notice"]
    assert entries[0].find(f"{ATOM}link").get("href") == "https://archive.example.org/news/articles/tram-en/"
    assert feed.findtext(f"{ATOM}updated") == "2024-01-15T00:00:00Z"
    assert entries[2].findtext(f"{ATOM}updated") == "2023-11-14T22:13:20Z"  # SOURCE_DATE_EPOCH
    german = ET.parse(dated_site.site / "feed-de.xml").getroot()
    assert german.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"
    page = BeautifulSoup(dated_site.page("browse/languages/de"), "html.parser")
    assert page.find("link", type="application/atom+xml")["href"] == "../../../feed-de.xml"


def test_sitemap_lists_every_page_with_absolute_urls(dated_site: Build) -> None:
    sitemap = ET.parse(dated_site.site / "sitemap.xml").getroot()
    locs = [u.findtext(f"{SITEMAP}loc") for u in sitemap.findall(f"{SITEMAP}url")]
    assert "https://archive.example.org/news/articles/tram-en/" in locs
    assert all(loc.startswith("https://archive.example.org/news/") for loc in locs)


def test_sitemap_carries_hreflang_for_translations(tmp_path: Path) -> None:
    site = build(CORPORA / "stories", tmp_path / "site", env={"SITE_URL": "https://x.example/"})
    assert site.returncode == 0, site.log
    sitemap = ET.parse(site.site / "sitemap.xml").getroot()
    entry = next(u for u in sitemap.findall(f"{SITEMAP}url") if u.findtext(f"{SITEMAP}loc").endswith("/harbour-fr/"))
    alternates = {link.get("hreflang"): link.get("href") for link in entry.findall(f"{XHTML}link")}
    assert alternates == {lang: f"https://x.example/articles/harbour-{lang}/" for lang in ("de", "en", "fr")}
