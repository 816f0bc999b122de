"""Translations in built sites: detected and declared links, story pages, head metadata."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import Build, build

CORPORA = Path(__file__).parent / "corpora"
EN, DE = "2bd2f271896fa816", "ed0ac21500300798"


def test_seeds_are_linked_both_ways(seed_site: Build) -> None:
    articles = {a["id"]: a for a in seed_site.api("articles.json")}
    assert articles[EN]["translations"] == {"de": DE}
    assert articles[DE]["translations"] == {"en": EN}


def test_seed_pages_carry_hreflang_json_ld_and_version_links(seed_site: Build) -> None:
    for here, other, lang in ((EN, DE, "de"), (DE, EN, "en")):
        soup = BeautifulSoup(seed_site.page(f"articles/{here}"), "html.parser")
        alternates = {link["hreflang"]: link["href"] for link in soup.find_all("link", rel="alternate", hreflang=True)}
        assert alternates[lang] == f"../{other}/"
        versions = soup.select_one(".corpus-versions")
        assert versions.find("a", hreflang=lang)["href"] == f"../{other}/"
        data = json.loads(soup.find("script", type="application/ld+json").string)
        assert data["@type"] == "NewsArticle" and data["inLanguage"] in ("en", "de")
    en_ld = json.loads(BeautifulSoup(seed_site.page(f"articles/{EN}"), "html.parser").find("script", type="application/ld+json").string)
    de_ld = json.loads(BeautifulSoup(seed_site.page(f"articles/{DE}"), "html.parser").find("script", type="application/ld+json").string)
    assert en_ld["workTranslation"][0]["inLanguage"] == "de"
    assert de_ld["translationOfWork"]["@id"] == f"../{EN}/"


def test_seed_story_page_aligns_both_versions_and_marks_what_the_translation_left_out(seed_site: Build) -> None:
    soup = BeautifulSoup(seed_site.page(f"stories/{EN}"), "html.parser")
    rows = soup.select(".corpus-story .corpus-row:not(.corpus-row-head)")
    assert len(rows) == 19 and all(len(r.select("[data-v]")) == 2 for r in rows)
    # The pivot (English, the original) comes first; three of its paragraphs have no German counterpart.
    assert [c["data-v"] for c in rows[0].select("[data-v]")] == ["en", "de"]
    unmatched = [r for r in rows if r.select_one(".corpus-missing")]
    assert [r.select("[data-v]")[0].get_text()[:20] for r in unmatched] == [
        "Iran's Raisi tells P", "MOSCOW (Reuters) - I", "(Reporting by Reuter"]
    assert all(r.select("[data-v]")[1].get_text() == "left out" for r in unmatched)
    assert rows[-2].select("[data-v]")[1].get_text().startswith("Der russische Verteidigungsminister Sergej Schoigu")
    links = {a.get_text(): a["href"] for a in soup.select(".corpus-story-versions a")}
    assert links == {"English": f"../../articles/{EN}/", "Deutsch": f"../../articles/{DE}/"}
    story = seed_site.api("translations.json")[0]
    assert story["url"] == f"stories/{EN}/" and all(a["url"] == story["url"] for a in story["alignments"])
    assert story["alignments"][0]["pairs"][0] == [[0], []] and len(story["links"]) == 1
    assert not (seed_site.site / "parallel").exists()


def test_article_pages_link_the_story_page_with_their_own_language_shown(seed_site: Build) -> None:
    soup = BeautifulSoup(seed_site.page(f"articles/{DE}"), "html.parser")
    assert soup.select_one(".corpus-side-by-side a")["href"] == f"../../stories/{EN}/?v=en,de"
    soup = BeautifulSoup(seed_site.page(f"articles/{EN}"), "html.parser")
    assert soup.select_one(".corpus-side-by-side a")["href"] == f"../../stories/{EN}/"


@pytest.fixture(scope="module")
def stories_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    result = build(CORPORA / "stories", tmp_path_factory.mktemp("stories"))
    assert result.returncode == 0, result.log
    return result


def test_detects_stories_without_declarations(stories_site: Build) -> None:
    articles = {a["id"]: a for a in stories_site.api("articles.json")}
    assert articles["harbour-en"]["translations"] == {"de": "harbour-de", "fr": "harbour-fr"}
    assert articles["library-de"]["translations"] == {"en": "library-en"}
    # Same topic, same language family, not a translation: stays alone.
    assert articles["storm-other-de"]["translations"] == {}
    assert articles["election-en"]["translations"] == {}
    links = stories_site.api("report.json")["translation_links"]
    assert links and all(0 < link["confidence"] <= 1 and not link["declared"] for link in links)
    listed = BeautifulSoup(stories_site.page("browse/translations"), "html.parser").select(".corpus-list > li")
    assert len(listed) == 2
    # Each story links its page, then each version by a language chip.
    harbour = next(li for li in listed if len(li.select(".corpus-langs a")) == 3)
    assert harbour.a["href"].startswith("../../stories/")
    assert {a.get_text(): a["href"] for a in harbour.select(".corpus-langs a")} == {
        "de": "../../articles/harbour-de/", "en": "../../articles/harbour-en/", "fr": "../../articles/harbour-fr/"}


@pytest.fixture(scope="module")
def declared_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    result = build(CORPORA / "declared", tmp_path_factory.mktemp("declared"), strict=False)
    assert result.returncode == 0, result.log
    return result


def test_declarations_win_and_conflicts_are_reported(declared_site: Build) -> None:
    articles = {a["id"]: a for a in declared_site.api("articles.json")}
    # vote-de is no translation of anything, but the curator declared it into the story.
    assert articles["vote-de"]["translations"] == {"en": "conflict-en"}
    assert articles["vote-fr"]["translations"]["en"] == "vote-en"
    warnings = "\n".join(declared_site.warnings())
    assert "vote-en.md: declared into story 'budget-2025'" in warnings
    assert "dangling-it.md: translation_of points at 'no-such-article'" in warnings
    declared = [x for x in declared_site.api("translations.json") if x["declared"]]
    assert declared and all(link["confidence"] == 1.0 for story in declared for link in story["links"] if link["declared"])


def test_strict_build_fails_on_bad_declarations(tmp_path: Path) -> None:
    result = build(CORPORA / "declared", tmp_path / "site", strict=True)
    assert result.returncode != 0 and "dangling-it.md" in result.log


def test_story_rows_follow_the_pivot_and_keep_what_it_lacks() -> None:
    """Rows are the pivot's units grouped so that no alignment splits a group; a version's units the pivot
    lacks get a row of their own where they fall; an alignment read either way round."""
    from mkdocs_corpus.pipeline.translations import Alignment
    from mkdocs_corpus.site.stories import story_rows

    with_a = Alignment("p", "a", (((0,), (0,)), ((1, 2), (1,)), ((3,), ())), 0.9)
    with_b = Alignment("b", "p", (((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), (2,)), ((), (3,))), 0.8)
    rows = story_rows("p", 4, [with_a, with_b])
    assert rows == [
        {"p": (0,), "a": (0,), "b": (0,)},
        {"b": (1,)},
        {"p": (1, 2), "a": (1,), "b": (2, 3)},
        {"p": (3,)},
    ]
