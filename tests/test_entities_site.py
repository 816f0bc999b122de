"""The entity index in a built site (tests/corpora/entities, recognition model included):
exports, merging across languages, the registry, entity pages and article pages."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import Build, build

CORPUS = Path(__file__).parent / "corpora" / "entities"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    result = build(CORPUS, tmp_path_factory.mktemp("entities-site"))
    assert result.returncode == 0, result.log
    return result


def entities_by_form(site: Build) -> dict[str, dict]:
    return {form: e for e in site.api("entities.json") for forms in e["names"].values() for form in forms}


def test_entities_json_keeps_the_contract(site: Build) -> None:
    entities = site.api("entities.json")
    assert entities
    articles = {a["id"] for a in site.api("articles.json")}
    for entity in entities:
        assert {"id", "type", "name", "names", "url", "articles", "mentions"} <= set(entity)
        assert entity["type"] in ("person", "place", "organisation", "other")
        assert set(entity["articles"]) <= articles and entity["mentions"] >= len(entity["articles"]) >= 1
        if len(entity["articles"]) >= 2:  # entity_min_articles
            assert entity["url"] == f"entities/{entity['id']}/" and (site.site / entity["url"] / "index.html").is_file()
        else:
            assert entity["url"] is None and not (site.site / "entities" / entity["id"]).exists()
    assert len({e["id"] for e in entities}) == len(entities)


def test_one_entity_per_thing_across_languages_and_similar_names_apart(site: Build) -> None:
    by_form = entities_by_form(site)
    assert by_form["Austria"]["id"] == by_form["Österreich"]["id"]
    assert by_form["Australia"]["id"] == by_form["Australien"]["id"]
    assert by_form["Austria"]["id"] != by_form["Australia"]["id"]
    assert by_form["Iran"]["id"] != by_form["Irak"]["id"] == by_form["Iraq"]["id"]
    assert by_form["Vienna"]["id"] == by_form["Wien"]["id"]
    berger = by_form["Anna Berger"]
    assert berger["type"] == "person" and set(berger["articles"]) == {"summit-en", "summit-de", "harbour-en"}
    assert berger["names"]["en"][0] in ("Anna Berger", "Berger")


def test_the_registry_wins_and_finds_inflected_forms(site: Build) -> None:
    by_form = entities_by_form(site)
    assert by_form["Hafenbund"]["id"] == "hafenbund" and by_form["Hafenbund"]["type"] == "organisation"
    commission = by_form["Europäischen Kommission"]
    assert commission["id"] == "european-commission" and commission["wikidata"] == "Q8880"
    assert set(commission["articles"]) == {"summit-en", "summit-de"}
    de = next(a for a in site.api("articles.json") if a["id"] == "summit-de")
    assert {"text": "Europäischen Kommission", "entity": "european-commission", "type": "organisation"} in de["mentions"]
    assert "european-commission" in de["entities"]
    assert by_form["Vereinten Nationen"]["id"] == "united-nations"


def test_entity_page_groups_translations_and_highlights_each_mention(site: Build) -> None:
    soup = BeautifulSoup(site.page("entities/anna-berger"), "html.parser")
    assert soup.h1.get_text() == "Anna Berger"
    items = soup.select(".corpus-mentions > li")
    assert len(items) == 2  # the summit story (two versions) and the harbour article
    summit = next(li for li in items if len(li.select(":scope > div")) == 2)
    assert {a["lang"] for a in summit.select(":scope > div > a")} == {"en", "de"}
    assert all("Berger" in m.get_text() for m in soup.select(".corpus-mentions p mark"))
    company = soup.select_one(".corpus-company").get_text()
    assert "James Whitfield" in company


def test_curated_names_are_text_not_markup(site: Build) -> None:
    html = site.page("entities/european-commission")
    assert "<Brussels>" not in html and "&lt;Brussels&gt;" in html
    article = BeautifulSoup(site.page("articles/summit-en"), "html.parser")
    assert article.find("brussels") is None
    data = json.loads(article.find("script", type="application/ld+json").string)
    mentioned = {m["name"]: m for m in data["mentions"]}
    assert mentioned["European Commission <Brussels>"]["@type"] == "Organization"
    assert mentioned["European Commission <Brussels>"]["sameAs"] == "https://www.wikidata.org/wiki/Q8880"
    assert mentioned["Anna Berger"]["@type"] == "Person"


def test_article_pages_link_their_entities(site: Build) -> None:
    soup = BeautifulSoup(site.page("articles/summit-de"), "html.parser")
    links = {a.get_text(): a["href"] for a in soup.select(".corpus-entities a")}
    assert links["Anna Berger"] == "../../entities/anna-berger/"
    # Named as a German page names them (issue 17: Russland on a German page), linking the one entity.
    assert links["Österreich"] == "../../entities/austria/" and links["Wien"] == "../../entities/vienna/"
    assert "Austria" not in links and "Vienna" not in links
    english = BeautifulSoup(site.page("articles/summit-en"), "html.parser")
    assert {"Austria", "Vienna"} <= {a.get_text() for a in english.select(".corpus-entities a")}
    austria = entities_by_form(site)["Austria"]
    assert austria["name"] == "Austria" and austria["display_names"] == {"de": "Österreich", "en": "Austria"}


def test_a_name_in_one_article_is_listed_there_without_a_page(site: Build) -> None:
    hafenbund = entities_by_form(site)["Hafenbund"]
    assert hafenbund["articles"] == ["harbour-en"] and hafenbund["url"] is None
    soup = BeautifulSoup(site.page("articles/harbour-en"), "html.parser")
    plain = {s.get_text(): s.find_parent("div")["data-type"] for s in soup.select(".corpus-entities dd > span")}
    assert plain[hafenbund["name"]] == "organisation"
    assert "Hafenbund" not in site.page("browse/entities/all")


def test_index_lists_types_and_a_to_z(site: Build) -> None:
    overview = BeautifulSoup(site.page("browse/entities"), "html.parser")
    types = {a.get_text() for a in overview.select(".corpus-groups a")}
    assert {"People", "Places", "Organisations"} <= types
    people = BeautifulSoup(site.page("browse/entities/people"), "html.parser")
    names = [a.get_text() for a in people.select(".corpus-entities td:first-child a")]
    assert names == sorted(names, key=str.casefold) and "Anna Berger" in names
    letters = {a.get_text() for a in people.select(".corpus-letters a")}
    assert {"A", "J"} <= letters and "P" not in letters  # Petra Kowalski: one article, no page


def test_a_broken_registry_fails_strict_naming_the_file_and_the_rest_publishes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "summit-en.md").write_text((CORPUS / "summit-en.md").read_text(encoding="utf-8"), encoding="utf-8")
    (corpus / "entities.yml").write_text("- {id: Bad Id!, name: Anna Berger, type: person}\n- [not, a, mapping\n",
                                         encoding="utf-8")
    strict = build(corpus, tmp_path / "strict")
    assert strict.returncode != 0
    assert any("entities.yml" in line and "not valid YAML" in line for line in strict.warnings()), strict.log
    lenient = build(corpus, tmp_path / "lenient", strict=False)
    assert lenient.returncode == 0
    assert [a["id"] for a in lenient.api("articles.json")] == ["summit-en"]
    report = lenient.api("report.json")
    assert any(w["path"] == "entities.yml" for w in report["warnings"])
