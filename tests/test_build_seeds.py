"""The default corpus (the two seed articles) built strictly, its pages and exports read back."""
from __future__ import annotations

from bs4 import BeautifulSoup
from conftest import Build

EN, DE = "001_2bd2f271896fa816.txt", "000_ed0ac21500300798.txt"
EN_TITLE = 'Iran\'s Raisi tells Putin in Moscow that West backs Gaza "genocide"'
DEBRIS = ("Oops!", "Something went wrong", "Please try again later", "Organisation of Islamic Cooperation (OIC) summit")


def test_strict_build_is_clean(seed_site: Build) -> None:
    assert seed_site.warnings() == []


def test_english_metadata_recovered(seed_site: Build) -> None:
    en = seed_site.articles()[EN]
    assert en["id"] == "2bd2f271896fa816"
    assert en["title"] == EN_TITLE and not en["title_inferred"]
    assert (en["lang"], en["dateline"], en["source"]) == ("en", "MOSCOW", "Reuters")
    assert en["authors"] == ["Mark Trevelyan"] and en["editors"] == ["Kevin Liffey"]
    assert en["url"] == "articles/2bd2f271896fa816/"
    assert 450 < en["words"] < 560
    assert en["published"] is None
    assert {"text": "Sergei Shoigu", "entity": "sergei-shoigu", "type": "person"} in en["mentions"]
    assert set(en["entities"]) == {m["entity"] for m in en["mentions"]}


def test_german_has_language_and_derived_title(seed_site: Build) -> None:
    de = seed_site.articles()[DE]
    assert de["lang"] == "de"
    assert de["title"].startswith("Im Rahmen einer Reihe von Gesprächen") and de["title_inferred"]
    assert de["source"] is None and de["authors"] == []


def test_article_page_shows_text_and_metadata(seed_site: Build) -> None:
    soup = BeautifulSoup(seed_site.page("articles/2bd2f271896fa816"), "html.parser")
    assert soup.html["lang"] == "en"
    assert soup.find("h1").get_text() == EN_TITLE
    assert soup.title.get_text().startswith(EN_TITLE)
    meta = soup.find("dl", class_="corpus-meta")
    assert meta.find("dd", class_="corpus-source").get_text() == "Reuters"
    assert meta.find("dd", class_="corpus-dateline").get_text() == "MOSCOW"
    assert "Mark Trevelyan" in meta.find("dd", class_="corpus-authors").get_text()
    assert [h.get_text() for h in soup.select(".corpus-text h2")] == ["MILITARY TIES"]
    paragraphs = soup.select(".corpus-text p")
    assert paragraphs[0].get_text().startswith("MOSCOW (Reuters) - Iranian President Ebrahim Raisi")
    assert paragraphs[-1].get_text().startswith("(Reporting by Reuters")
    page_text = soup.get_text()
    for debris in DEBRIS:
        assert debris not in page_text


def test_german_page_language_and_heading(seed_site: Build) -> None:
    soup = BeautifulSoup(seed_site.page("articles/ed0ac21500300798"), "html.parser")
    assert soup.html["lang"] == "de"
    assert [h.get_text() for h in soup.select(".corpus-text h2")] == ["MILITÄRISCHE BEZIEHUNGEN"]
    assert soup.find(class_="corpus-note") is not None  # the derived title is flagged


def test_indexes_link_every_article(seed_site: Build) -> None:
    all_articles = BeautifulSoup(seed_site.page("browse/all"), "html.parser")
    links = {a["href"] for a in all_articles.select(".corpus-list a")}
    assert links == {"../../articles/2bd2f271896fa816/", "../../articles/ed0ac21500300798/"}
    languages = BeautifulSoup(seed_site.page("browse/languages"), "html.parser").get_text()
    assert "English" in languages and "Deutsch" in languages
    reuters = BeautifulSoup(seed_site.page("browse/sources/reuters"), "html.parser")
    assert [a.get_text() for a in reuters.select(".corpus-list a")] == [EN_TITLE]


def test_articles_stay_out_of_the_navigation(seed_site: Build) -> None:
    home = BeautifulSoup(seed_site.page(""), "html.parser")
    nav_links = [a["href"] for a in home.select("nav.md-nav a")]
    assert "browse/all/" in nav_links
    assert not [href for href in nav_links if href.startswith("articles/")]


def test_home_page_shows_corpus_figures(seed_site: Build) -> None:
    home = BeautifulSoup(seed_site.page(""), "html.parser")
    figures = {row.find_all("td")[0].get_text(): row.find_all("td")[1].get_text() for row in home.select(".corpus-figures tr")}
    assert figures["Articles"] == "2" and figures["Languages"] == "2" and figures["Sources"] == "1"


def test_report_lists_every_file(seed_site: Build) -> None:
    report = seed_site.api("report.json")
    assert {f["path"]: f["outcome"] for f in report["files"]} == {EN: "published", DE: "published", "entities.yml": "skipped"}
    assert next(f for f in report["files"] if f["path"] == "entities.yml")["reason"] == "entity registry, not an article"
    assert report["warnings"] == []
