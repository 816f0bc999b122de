"""Merging and keeping apart, on hand-made articles whose recognised spans are given: the entity
stage alone, without the recognition model, so each rule is tested by itself."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from mkdocs_corpus.pipeline.entities import Aligned, EntityIndex, Similarity, build_index, load_registry
from mkdocs_corpus.pipeline.entities.model import Mention
from mkdocs_corpus.pipeline.entities.names import name_keys, person_key
from mkdocs_corpus.pipeline.model import Article, Block
from mkdocs_corpus.pipeline.translations.embeddings import USE_LANGUAGES, UseEmbedder


def article(article_id: str, lang: str, paragraphs: list[str], names: dict[str, str]) -> Article:
    """An article whose recognition found every occurrence of each name in `names` (name -> type)."""
    blocks = tuple(Block("paragraph", p) for p in paragraphs)
    spans = []
    for unit, text in enumerate(paragraphs):
        for name, kind in names.items():
            spans += [(unit, m.start(), m.end(), kind) for m in re.finditer(rf"\b{re.escape(name)}\b", text)]
    return Article(article_id, f"{article_id}.txt", lang, 1.0, paragraphs[0][:20], False, None, None, (), (), None,
                   blocks, 10, 1, spans=tuple(sorted(spans)))


def entity_of(index: EntityIndex, article_id: str, surface: str) -> str:
    return next(e for m, e in index.mentions_of[article_id] if m.surface == surface)


def test_spelling_variants_of_one_person_merge_across_languages() -> None:
    en = article("en", "en", ["Sergei Shoigu met Vladimir Putin."], {"Sergei Shoigu": "person", "Vladimir Putin": "person"})
    de = article("de", "de", ["Sergej Schoigu traf Wladimir Putin."], {"Sergej Schoigu": "person", "Wladimir Putin": "person"})
    index = build_index([en, de])
    assert entity_of(index, "en", "Sergei Shoigu") == entity_of(index, "de", "Sergej Schoigu")
    assert entity_of(index, "en", "Vladimir Putin") == entity_of(index, "de", "Wladimir Putin")
    shoigu = index.by_id[entity_of(index, "en", "Sergei Shoigu")]
    assert shoigu.type == "person" and shoigu.names == {"de": ["Sergej Schoigu"], "en": ["Sergei Shoigu"]}
    assert shoigu.articles == ["en", "de"]


def test_a_surname_joins_the_one_full_name_and_stays_apart_when_two_share_it() -> None:
    one = article("a", "en", ["Vladimir Putin spoke. Later Putin left."], {"Vladimir Putin": "person", "Putin": "person"})
    two = article("b", "en", ["Boris Johnson and Lyndon Johnson differ; Johnson said so."],
                  {"Boris Johnson": "person", "Lyndon Johnson": "person", "Johnson": "person"})
    index = build_index([one, two])
    assert entity_of(index, "a", "Putin") == entity_of(index, "a", "Vladimir Putin")
    lone = entity_of(index, "b", "Johnson")
    assert lone not in {entity_of(index, "b", "Boris Johnson"), entity_of(index, "b", "Lyndon Johnson")}
    assert entity_of(index, "b", "Boris Johnson") != entity_of(index, "b", "Lyndon Johnson")


def test_a_genitive_surname_joins_but_a_trailing_s_is_not_stripped_twice() -> None:
    german = article("a", "de", ["Wladimir Putin sprach. Putins Sprecher schwieg."], {"Wladimir Putin": "person", "Putins": "person"})
    english = article("b", "en", ["Jia Ro met Ross."], {"Jia Ro": "person", "Ross": "person"})
    index = build_index([german, english])
    assert entity_of(index, "a", "Putins") == entity_of(index, "a", "Wladimir Putin")
    assert entity_of(index, "b", "Ross") != entity_of(index, "b", "Jia Ro")  # `ross` is not a genitive of `ro`


def test_a_recognised_part_of_a_country_name_gives_way_to_the_whole_name() -> None:
    de = article("de", "de", ["Er kam aus den Vereinigten Arabischen Emiraten zurück."], {"Vereinigten": "place"})
    index = build_index([de])
    assert [m.surface for m, _ in index.mentions_of["de"]] == ["Vereinigten Arabischen Emiraten"]
    assert index.by_id[entity_of(index, "de", "Vereinigten Arabischen Emiraten")].name == "United Arab Emirates"


def test_a_generation_after_a_surname_is_no_surname() -> None:
    en = article("en", "en", ["Kenneth Murray Jr. spoke; Murray left. ÍR won."],
                 {"Kenneth Murray Jr": "person", "Murray": "person", "ÍR": "person"})
    index = build_index([en])
    assert entity_of(index, "en", "Murray") == entity_of(index, "en", "Kenneth Murray Jr")
    assert entity_of(index, "en", "ÍR") != entity_of(index, "en", "Kenneth Murray Jr")  # `ir`, as Jr is spelled


def test_countries_merge_by_iso_code_and_similar_names_stay_apart() -> None:
    en = article("en", "en", ["Austria, Australia, Iran and Iraq signed."],
                 {"Austria": "place", "Australia": "place", "Iran": "place", "Iraq": "place"})
    de = article("de", "de", ["Österreich, Australien, der Iran und der Irak unterschrieben. Irans Präsident kam."],
                 {"Österreich": "place", "Australien": "place", "Iran": "place", "Irak": "place", "Irans": "place"})
    index = build_index([en, de])
    pairs = [("Austria", "Österreich"), ("Australia", "Australien"), ("Iran", "Iran"), ("Iraq", "Irak"), ("Iran", "Irans")]
    for english, german in pairs:
        assert entity_of(index, "en", english) == entity_of(index, "de", german), (english, german)
    ids = {entity_of(index, "en", name) for name in ("Austria", "Australia", "Iran", "Iraq")}
    assert len(ids) == 4
    assert index.by_id[entity_of(index, "en", "Austria")].name == "Austria"


def test_cities_merge_by_geonames_and_a_town_name_never_swallows_an_organisation() -> None:
    en = article("en", "en", ["In Moscow, Hamas delegates met."], {"Moscow": "place", "Hamas": "organisation"})
    de = article("de", "de", ["In Moskau traf sich die Hamas. Hamm liegt in Westfalen."],
                 {"Moskau": "place", "Hamas": "organisation", "Hamm": "place"})
    index = build_index([en, de])
    assert entity_of(index, "en", "Moscow") == entity_of(index, "de", "Moskau") == "moscow"
    assert entity_of(index, "en", "Hamas") == entity_of(index, "de", "Hamas")
    assert entity_of(index, "de", "Hamas") != entity_of(index, "de", "Hamm")
    assert index.by_id[entity_of(index, "de", "Hamas")].type == "organisation"


def test_aligned_paragraphs_join_names_that_sit_in_the_same_place() -> None:
    en = article("en", "en", ["Putin greeted Raisi in the Kremlin.", "The Kremlin said nothing."],
                 {"Putin": "person", "Raisi": "person", "Kremlin": "organisation"})
    de = article("de", "de", ["Putin empfing Raisi im Kreml.", "Der Kreml schwieg."],
                 {"Putin": "person", "Raisi": "person", "Kreml": "organisation"})
    apart = build_index([en, de])
    assert entity_of(apart, "en", "Kremlin") != entity_of(apart, "de", "Kreml")
    aligned = [Aligned("en", "de", (((0,), (0,)), ((1,), (1,))))]
    joined = build_index([en, de], aligned=aligned)
    assert entity_of(joined, "en", "Kremlin") == entity_of(joined, "de", "Kreml")
    assert entity_of(joined, "en", "Putin") == entity_of(joined, "de", "Putin")


def test_aligned_paragraphs_never_join_two_different_countries() -> None:
    en = article("en", "en", ["Talks with Iran went on."], {"Iran": "place"})
    de = article("de", "de", ["Die Gespräche mit dem Irak gingen weiter."], {"Irak": "place"})
    index = build_index([en, de], aligned=[Aligned("en", "de", (((0,), (0,)),))])
    assert entity_of(index, "en", "Iran") != entity_of(index, "de", "Irak")


def test_the_registry_overrides_recognition_and_finds_inflected_forms(tmp_path: Path) -> None:
    (tmp_path / "entities.yml").write_text(
        "- id: white-house\n  type: organisation\n  name: White House\n  names: {en: [White House], de: [Weißes Haus]}\n"
        "  wikidata: Q35525\n"
        "- id: un\n  type: organisation\n  name: United Nations\n  aliases: [UN]\n"
        "- id: mercury-records\n  type: organisation\n  name: Mercury Records\n  aliases: [Mercury]\n",
        encoding="utf-8",
    )
    registry, problems = load_registry(tmp_path / "entities.yml", "entities.yml")
    assert problems == []
    en = article("en", "en", ["The White House thanked Mercury and the UN; Kim Jong Un did not."],
                 {"White House": "place", "Mercury": "place", "Kim Jong Un": "person"})
    de = article("de", "de", ["Ein Sprecher des Weißen Hauses sagte es."], {})
    index = build_index([en, de], registry)
    assert entity_of(index, "de", "Weißen Hauses") == entity_of(index, "en", "White House") == "white-house"
    mercury = index.by_id[entity_of(index, "en", "Mercury")]
    assert (mercury.id, mercury.type, mercury.curated) == ("mercury-records", "organisation", True)
    assert index.by_id["white-house"].wikidata == "Q35525" and index.by_id["white-house"].type == "organisation"
    assert entity_of(index, "en", "UN") == "un"
    assert entity_of(index, "en", "Kim Jong Un") != "un"  # an acronym matches only in capitals


def test_a_broken_registry_entry_is_reported_and_the_rest_used(tmp_path: Path) -> None:
    (tmp_path / "entities.yml").write_text(
        "- {id: ok, name: Good Entry, type: place}\n- {name: Bad, type: planet}\n- just a string\n", encoding="utf-8")
    registry, problems = load_registry(tmp_path / "entities.yml", "entities.yml")
    assert [e.id for e in registry.entries] == ["ok"]
    assert len(problems) == 2 and all(p.path == "entities.yml" for p in problems)
    assert "planet" in problems[0].message


def test_story_names_are_found_in_every_version() -> None:
    en = article("en", "en", ["Ebrahim Raisi spoke."], {"Ebrahim Raisi": "person"})
    de = article("de", "de", ["Raisi sprach."], {})
    index = build_index([en, de], story_of={"en": "s1", "de": "s1"})
    assert entity_of(index, "de", "Raisi") == entity_of(index, "en", "Ebrahim Raisi")
    assert build_index([en, de]).mentions_of.get("de") is None  # different stories: not looked for


def test_keys_meet_only_where_they_should() -> None:
    assert name_keys("des Weißen Hauses", "de") & name_keys("Weißes Haus", "de")
    assert not name_keys("Iran", "de") & name_keys("IRA", "de")
    assert not name_keys("Schweizer", "de") & name_keys("Schweiz", "de")  # a Swiss is not Switzerland
    assert not name_keys("Belgier", "de") & name_keys("Belgien", "de")
    assert name_keys("Vereinigten Arabischen Emiraten", "de") & name_keys("Vereinigte Arabische Emirate", "de")
    assert person_key("Wolodymyr Selenskyj") == person_key("Volodymyr Zelensky")  # German and English transliterations
    assert person_key("Wladimir Selenskyj") != person_key("Volodymyr Zelensky")  # Wladimir is another first name
    assert person_key("John Kirby") != person_key("John Kerry")


def test_a_word_only_shouted_in_a_heading_is_no_entity_but_a_shouted_country_is() -> None:
    blocks = ["MILITÄRISCHE BEZIEHUNGEN", "JAPAN UND BERGER", "Japan gewann; Berger lachte. BERGHOF AG meldete es."]
    shouting = article("a", "de", blocks, {"MILITÄRISCHE": "organisation", "JAPAN": "place", "BERGER": "person",
                                          "Berger": "person", "BERGHOF AG": "organisation"})
    shouting = replace(shouting, blocks=tuple(Block("heading", b) for b in blocks[:2]) + shouting.blocks[2:])
    found = {m.surface for m, _ in build_index([shouting]).mentions_of["a"]}
    # Dropped: a heading's shouted word nothing else names; kept: a country, a name the text names
    # in ordinary case, and capitals outside headings.
    assert "MILITÄRISCHE" not in found and {"JAPAN", "BERGER", "Berger", "BERGHOF AG"} <= found


def test_two_country_names_side_by_side_are_two_places() -> None:
    text = "Er sagte, dass der Iran Russland mit Waffen beliefert."
    joined = article("a", "de", [text], {"Iran Russland": "place"})
    index = build_index([joined])
    assert [m.surface for m, _ in index.mentions_of["a"]] == ["Iran", "Russland"]
    assert [index.by_id[e].name for _, e in index.mentions_of["a"]] == ["Iran", "Russia"]


# --- never join two different things (issue 17, part 3) ---------------------------------------

@pytest.fixture(scope="module")
def similarity() -> Similarity:
    """The encoder the build uses, loaded once: meaning across languages, not only spelling."""
    return Similarity(UseEmbedder(), USE_LANGUAGES)


def aligned_pair(left: Article, right: Article) -> list[Aligned]:
    return [Aligned(left.id, right.id, tuple(((n,), (n,)) for n in range(len(left.blocks))))]


# Each: a name in an English paragraph and, in its translation, the one other name recognition found there.
# The old rule joined the one unmatched name of each side; each pair is two different things.
APART = [
    ("Texas", "place", "de", "Die USA verklagten den Bundesstaat.", "USA", "place"),  # a region inside a country
    ("Reuters", "organisation", "de", "Die USA bestätigten den Bericht.", "USA", "place"),  # an organisation in it
    ("Congress", "organisation", "de", "Indien wählte; die Partei gewann.", "Indien", "place"),
    ("BJP", "organisation", "de", "Indien wählte; die Partei gewann.", "Indien", "place"),
    ("Army", "organisation", "de", "Indien schickte Soldaten.", "Indien", "place"),
    ("Ladakh", "place", "de", "Indien schickte Soldaten.", "Indien", "place"),
    ("British Airways", "organisation", "de", "Großbritannien strich Flüge.", "Großbritannien", "place"),
    ("England", "place", "de", "Großbritannien gewann.", "Großbritannien", "place"),
    ("Trump", "person", "ru", "Фокс сказал это вчера.", "Фокс", "person"),  # a person never absorbs another
    ("Joe Biden", "person", "de", "Donald Trump sagte es gestern.", "Donald Trump", "person"),
    # a person named by one word meets a place only when near-certain: Putin is not the Kremlin
    ("Putin", "person", "ru", "Кремль сказал это вчера.", "Кремль", "organisation"),
    # a person with a first name never becomes a place
    ("George Washington", "person", "zh", "华盛顿，说了。", "华盛顿", "place"),
    # a katakana name that merely starts with the other's sounds is something else: the fire agency of California
    # a kanji name pairs only with a romanised Japanese one, and a surname alone only with one word
    ("Joe Biden", "person", "ja", "「中島」が言った。", "中島", "person"),
    ("Nakajima Shoya", "person", "ja", "「中島」が言った。", "中島", "person"),
    ("California", "place", "ja", "「カリフォルニア州森林保護防火局」が発表した。", "カリフォルニア州森林保護防火局", "organisation"),
    # a city never absorbs a body named after it
    ("Manchester", "place", "ja", "「マンチェスター・ユナイテッド」が言った。", "マンチェスター・ユナイテッド", "organisation"),
]


@pytest.mark.parametrize(("name", "kind", "lang", "text", "other", "other_kind"), APART)
def test_aligned_paragraphs_never_join_two_different_things(similarity: Similarity, name: str, kind: str, lang: str,
                                                            text: str, other: str, other_kind: str) -> None:
    en = article("en", "en", [f"{name} said so on Monday."], {name: kind})
    translation = article("tr", lang, [text], {other: other_kind})
    index = build_index([en, translation], aligned=aligned_pair(en, translation), similarity=similarity)
    assert entity_of(index, "en", name) != entity_of(index, "tr", other)


def test_two_names_one_paragraph_gives_side_by_side_never_become_one(similarity: Similarity) -> None:
    # The third paragraph's translation names the other party (a recogniser's miss or a loose translation):
    # Republicans would join Demokraten, and with it the Democrats the first two paragraphs name beside them.
    en = article("en", "en", ["Democrats and Republicans met.", "Democrats and Republicans voted.", "Republicans said no."],
                 {"Democrats": "organisation", "Republicans": "organisation"})
    de = article("de", "de", ["Demokraten und Republikaner trafen sich.", "Demokraten und Republikaner stimmten ab.",
                              "Die Demokraten sagten nein."], {"Demokraten": "organisation", "Republikaner": "organisation"})
    index = build_index([en, de], aligned=aligned_pair(en, de), story_of={"en": "s", "de": "s"}, similarity=similarity)
    assert entity_of(index, "en", "Democrats") == entity_of(index, "de", "Demokraten")
    assert entity_of(index, "en", "Republicans") == entity_of(index, "de", "Republikaner")
    assert entity_of(index, "en", "Democrats") != entity_of(index, "en", "Republicans")


def test_two_clubs_of_one_city_stay_apart_when_a_translation_names_the_other(similarity: Similarity) -> None:
    # the Chinese version of the City story names United (曼联): one vote each would make the two clubs one
    city = article("en1", "en", ["Manchester City won on Sunday."], {"Manchester City": "organisation"})
    city_zh = article("zh1", "zh", ["「曼联」周日获胜。"], {"曼联": "organisation"})
    united = article("en2", "en", ["Manchester United won on Sunday."], {"Manchester United": "organisation"})
    united_zh = article("zh2", "zh", ["「曼联」周日获胜。"], {"曼联": "organisation"})
    index = build_index([city, city_zh, united, united_zh], aligned=aligned_pair(city, city_zh) + aligned_pair(united, united_zh),
                        story_of={"en1": "a", "zh1": "a", "en2": "b", "zh2": "b"}, similarity=similarity)
    assert entity_of(index, "en1", "Manchester City") != entity_of(index, "en2", "Manchester United")
    assert entity_of(index, "zh2", "曼联") in {entity_of(index, "en1", "Manchester City"), entity_of(index, "en2", "Manchester United")}


def test_a_span_holding_two_names_is_split_and_each_joins_its_own_person() -> None:
    en = article("en", "en", ["Vladimir Putin greeted Ebrahim Raisi.", "Putin and Raisi talked."],
                 {"Vladimir Putin": "person", "Ebrahim Raisi": "person", "Putin": "person", "Raisi": "person"})
    de = article("de", "de", ["Im Rahmen der Gespräche empfing Putin Raisi im Kreml."], {"Putin Raisi": "person"})
    index = build_index([en, de], story_of={"en": "s", "de": "s"})
    found = {m.surface: e for m, e in index.mentions_of["de"]}
    assert "Putin Raisi" not in found
    assert found["Putin"] == entity_of(index, "en", "Vladimir Putin") == entity_of(index, "en", "Putin")
    assert found["Raisi"] == entity_of(index, "en", "Ebrahim Raisi") == entity_of(index, "en", "Raisi")
    assert found["Putin"] != found["Raisi"]


def test_a_city_alternate_name_never_turns_a_phrase_into_a_place() -> None:
    en = article("en", "en", ["The White House said Casablanca and Hamas were discussed."],
                 {"White House": "place", "Casablanca": "place", "Hamas": "place"})
    de = article("de", "de", ["Hamm liegt in Westfalen."], {"Hamm": "place"})
    index = build_index([en, de])
    white_house = index.by_id[entity_of(index, "en", "White House")]
    assert white_house.name == "White House" and white_house.id != entity_of(index, "en", "Casablanca")
    assert entity_of(index, "en", "Hamas") != entity_of(index, "de", "Hamm")  # `Hamas` is an alternate name of Hamm


def test_an_entity_has_one_type_and_every_mention_carries_it() -> None:
    en = article("en", "en", ["Hamas said so. Hamas and Tesla agreed; Tesla sold cars."], {"Hamas": "organisation", "Tesla": "organisation"})
    de = article("de", "de", ["Die Hamas sagte es. Tesla lachte."], {"Hamas": "place", "Tesla": "person"})
    index = build_index([en, de])
    for surface in ("Hamas", "Tesla"):
        entity = index.by_id[entity_of(index, "de", surface)]
        assert entity.id == entity_of(index, "en", surface) and entity.type == "organisation"
        assert {m.type for a in ("en", "de") for m, e in index.mentions_of[a] if e == entity.id} == {"organisation"}



def test_a_team_named_by_its_city_is_an_organisation_of_its_own() -> None:
    city = article("a", "en", ["Chicago is windy. Chicago grew."], {"Chicago": "place"})
    results = article("b", "en", ["CHICAGO (Reuters) - Chicago beat Detroit 3-1."],
                      {"CHICAGO": "place", "Chicago": "organisation", "Detroit": "organisation"})
    index = build_index([city, results])
    place, team = index.by_id[entity_of(index, "a", "Chicago")], index.by_id[entity_of(index, "b", "Chicago")]
    assert entity_of(index, "b", "CHICAGO") == place.id and place.type == "place"
    assert team.id != place.id and team.type == "organisation"
    assert {m.type for m, e in index.mentions_of["b"] if e == team.id} == {"organisation"}

# --- merging across languages without a registry (issue 17, part 4) ---------------------------

# (English paragraph, its names, the translation's language, paragraph and names, the pairs that must be one entity)
TOGETHER = [
    ("Putin greeted Raisi in the Kremlin.", {"Putin": "person", "Raisi": "person", "Kremlin": "organisation"},
     "de", "Putin empfing Raisi im Kreml.", {"Putin": "person", "Raisi": "person", "Kreml": "organisation"},
     [("Kremlin", "Kreml")]),
    ("A suggestion by the White House was declined.", {"White House": "organisation"},
     "de", "Eine Andeutung des Weißen Hauses wurde abgelehnt.", {},  # recognition missed it: projected
     [("White House", "Weißen Hauses")]),
    ("The White House spoke.", {"White House": "organisation"},
     "de", "Das Weiße Haus sprach.", {"Weiße Haus": "organisation"}, [("White House", "Weiße Haus")]),
    ("Talks focused on the Middle East.", {"Middle East": "place"},
     "de", "Die Gespräche über den Nahen Osten gingen weiter.", {}, [("Middle East", "Nahen Osten")]),
    ("The wars in Gaza and Ukraine went on.", {"Gaza": "place", "Ukraine": "place"},
     "de", "Die Kriege im Gazastreifen und in der Ukraine gingen weiter.", {"Gazastreifen": "place", "Ukraine": "place"},
     [("Gaza", "Gazastreifen"), ("Ukraine", "Ukraine")]),
    ("Ebrahim Raisi spoke in Moscow.", {"Ebrahim Raisi": "person", "Moscow": "place"},
     "de", "Raisi sprach in Moskau.", {"Raisi": "person", "Moskau": "place"}, [("Ebrahim Raisi", "Raisi"), ("Moscow", "Moskau")]),
    ("The United States imposed sanctions.", {"United States": "place"},
     "ru", "США ввели санкции.", {"США": "place"}, [("United States", "США")]),
    ("Russia imposed sanctions.", {"Russia": "place"},
     "ja", "ロシアは制裁を科した。", {"ロシア": "place"}, [("Russia", "ロシア")]),
    ("Russia and Pakistan signed.", {"Russia": "place", "Pakistan": "place"},
     "pl", "Umowa Rosji z Pakistanem.", {"Rosji": "place", "Pakistanem": "place"},
     [("Russia", "Rosji"), ("Pakistan", "Pakistanem")]),
    ("Jamie Vardy scored in Tokyo.", {"Jamie Vardy": "person", "Tokyo": "place"},
     "ja", "ジェイミー・ヴァーディが東京で得点した。", {},  # a katakana name projected, a city spotted
     [("Jamie Vardy", "ジェイミー・ヴァーディ"), ("Tokyo", "東京")]),
    ("Talks in Washington went on.", {"Washington": "place"},  # recognition typed the Chinese name a person
     "zh", "华盛顿：会谈继续进行。", {"华盛顿": "person"}, [("Washington", "华盛顿")]),
    ("The Kremlin thanked Gazprom.", {"Kremlin": "organisation", "Gazprom": "organisation"},
     "ru", "Кремль поблагодарил Газпрома.", {"Кремль": "organisation", "Газпрома": "organisation"},
     [("Kremlin", "Кремль"), ("Gazprom", "Газпрома")]),
    # Katakana hears these loosely (kh as k, v as f): near in sound, in aligned paragraphs.
    ("Prime Minister Elyes Fakhfakh resigned.", {"Elyes Fakhfakh": "person"},
     "ja", "「ファクファク」首相が辞任した。", {"ファクファク": "person"}, [("Elyes Fakhfakh", "ファクファク")]),
    ("A painting by Gustav Klimt was sold.", {"Gustav Klimt": "person"},
     "ja", "「グスタフ・クリムト」の絵が売れた。", {"グスタフ・クリムト": "person"}, [("Gustav Klimt", "グスタフ・クリムト")]),
    ("Hannah Smith won.", {"Hannah Smith": "person"},  # surnames that sound alike: smith, sumisu
     "ja", "「ハンナ・スミス」が勝った。", {"ハンナ・スミス": "person"}, [("Hannah Smith", "ハンナ・スミス")]),
    # a Japanese person in kanji and romanised, alone on each side of aligned paragraphs: surname, full name
    ("Nakajima scored twice.", {"Nakajima": "person"},
     "ja", "「中島」が2得点した。", {"中島": "person"}, [("Nakajima", "中島")]),
    ("Uryu Masayoshi won the race.", {"Uryu Masayoshi": "person"},
     "ja", "「瓜生正義」が優勝した。", {"瓜生正義": "person"}, [("Uryu Masayoshi", "瓜生正義")]),
    ("Talks in Nairobi went on.", {"Nairobi": "place"},  # a Japanese name ends in what it names: the capital Nairobi
     "ja", "「首都ナイロビ」で協議が続いた。", {"首都ナイロビ": "place"}, [("Nairobi", "首都ナイロビ")]),
    # ... and starts with the name a title, a kind of place or a newspaper's 紙 describes
    ("Brian Castner, a weapons inspector, spoke.", {"Brian Castner": "person"},
     "ja", "「ブライアン・カストナー武器査察官」が話した。", {"ブライアン・カストナー武器査察官": "person"},
     [("Brian Castner", "ブライアン・カストナー武器査察官")]),
    ("The Augusta Chronicle reported it.", {"Augusta Chronicle": "organisation"},
     "ja", "「オーガスタ・クロニクル紙」が報じた。", {"オーガスタ・クロニクル紙": "organisation"},
     [("Augusta Chronicle", "オーガスタ・クロニクル紙")]),
]


@pytest.mark.parametrize(("text", "names", "lang", "other_text", "other_names", "together"), TOGETHER)
def test_names_that_translate_each_other_are_one_entity(similarity: Similarity, text: str, names: dict[str, str], lang: str,
                                                        other_text: str, other_names: dict[str, str],
                                                        together: list[tuple[str, str]]) -> None:
    en = article("en", "en", [text], names)
    translation = article("tr", lang, [other_text], other_names)
    index = build_index([en, translation], aligned=aligned_pair(en, translation), story_of={"en": "s", "tr": "s"},
                        similarity=similarity)
    for english, other in together:
        assert entity_of(index, "en", english) == entity_of(index, "tr", other), (english, other)
    assert len({entity_of(index, "en", english) for english, _ in together}) == len(together)


@pytest.mark.parametrize(("lang", "kind", "forms"), [
    ("pl", "place", ["Rosja", "Rosji", "Rosją"]),
    ("ru", "place", ["Пакистан", "Пакистана", "Пакистаном"]),
    ("ru", "organisation", ["Газпром", "Газпрома", "Газпрому"]),
    ("cs", "place", ["Rusko", "Ruska", "Ruskem"]),
])
def test_slavic_cases_of_a_name_are_one_entity(lang: str, kind: str, forms: list[str]) -> None:
    paragraphs = [f"{form} ." for form in forms]
    text = article("a", lang, paragraphs, dict.fromkeys(forms, kind))
    index = build_index([text])
    assert len({entity_of(index, "a", form) for form in forms}) == 1


def test_slavic_cases_of_a_surname_are_one_person_and_different_names_stay_apart() -> None:
    ru = article("a", "ru", ["Владимир Путин приехал.", "Встреча Путина с Ираном.", "Он доверяет Путину."],
                 {"Владимир Путин": "person", "Путина": "person", "Путину": "person", "Ираном": "place"})
    index = build_index([ru])
    assert entity_of(index, "a", "Путина") == entity_of(index, "a", "Путину") == entity_of(index, "a", "Владимир Путин")
    assert index.by_id[entity_of(index, "a", "Ираном")].name == "Iran"


# --- display names (issue 17, part 5) ----------------------------------------------------------

def test_an_entity_is_called_by_its_name_in_the_page_language() -> None:
    en = article("en", "en", ["Russia and Vladimir Putin met in the Gaza Strip."],
                 {"Russia": "place", "Vladimir Putin": "person", "Gaza Strip": "place"})
    de = article("de", "de", ["Russlands Präsident Putin und Wladimir Putin. Gazastreifens Lage, Gazastreifen, Gazastreifens."],
                 {"Russlands": "place", "Putin": "person", "Wladimir Putin": "person", "Gazastreifens": "place",
                  "Gazastreifen": "place"})
    index = build_index([en, de])
    russia = index.by_id[entity_of(index, "de", "Russlands")]
    assert (russia.name, russia.name_in("de"), russia.name_in("en"), russia.name_in("fr")) == ("Russia", "Russland", "Russia", "Russia")
    putin = index.by_id[entity_of(index, "de", "Putin")]
    assert putin.name_in("de") == "Wladimir Putin"  # a full name before a lone surname
    strip = index.by_id[entity_of(index, "de", "Gazastreifen")]
    assert strip.name_in("de") == "Gazastreifen"  # a base form before its cases, though they are more frequent


def test_an_entity_is_named_by_its_english_name_before_an_inflected_full_name_in_another_alphabet(
        similarity: Similarity) -> None:
    # Russian declines both words of a name (dative `Всевышнему Богу`, to God Almighty): the English
    # version's `God` names the page; a full name in Latin letters still beats a lone surname.
    en = article("en", "en", ["They thanked God. Putin spoke."], {"God": "person", "Putin": "person"})
    ru = article("ru", "ru", ["Они благодарили Всевышнему Богу."], {"Всевышнему Богу": "person"})
    de = article("de", "de", ["Wladimir Putin sprach."], {"Wladimir Putin": "person"})
    index = build_index([en, ru, de], aligned=aligned_pair(en, ru), story_of={"en": "s", "ru": "s"}, similarity=similarity)
    god = index.by_id[entity_of(index, "ru", "Всевышнему Богу")]
    assert god.id == entity_of(index, "en", "God") and god.name == "God"
    assert index.by_id[entity_of(index, "en", "Putin")].name == "Wladimir Putin"



def test_a_page_is_named_by_a_full_form_not_by_a_title_and_surname_nor_an_abbreviation() -> None:
    from mkdocs_corpus.pipeline.entities.index import _display_name

    group = [Mention("a", 0, 0, 9, "Mr Corbyn", "person", "en")] * 3 + [Mention("b", 0, 0, 13, "Jeremy Corbyn", "person", "cs")]
    assert _display_name(group, "person") == "Jeremy Corbyn"
    places = [Mention("a", 0, 0, 5, "Calif", "place", "en")] * 5 + [Mention("b", 0, 0, 10, "California", "place", "en")]
    assert _display_name(places, "place") == "California"  # a dateline's abbreviation names no page


def test_a_name_in_another_script_is_one_entity_without_a_translation() -> None:
    en = article("en", "en", ["NATO met in London; Brexit was discussed."], {"NATO": "organisation", "London": "place", "Brexit": "other"})
    ru = article("ru", "ru", ["НАТО собралось в Лондоне; обсуждали Брексит."], {"НАТО": "organisation", "Лондоне": "place", "Брексит": "other"})
    index = build_index([en, ru])  # two articles of two stories: no aligned paragraphs
    for english, russian in (("NATO", "НАТО"), ("London", "Лондоне"), ("Brexit", "Брексит")):
        assert entity_of(index, "en", english) == entity_of(index, "ru", russian), (english, russian)


def test_a_country_name_inside_a_longer_katakana_word_is_no_mention() -> None:
    ja = article("ja", "ja", ["タイムとスタイルの話。タイとマリオ。"], {})
    found = [m.surface for m, _ in build_index([ja]).mentions_of["ja"]]
    assert found == ["タイ"]  # Thailand alone, not inside タイム (time) or スタイル (style); マリ (Mali) not in マリオ


def test_a_country_never_absorbs_a_part_of_it_nor_a_short_word_spelled_like_its_kana(similarity: Similarity) -> None:
    en = article("en", "en", ["England won.", "In the video, they spoke."], {"England": "place"})
    ja = article("ja", "ja", ["イギリスが勝った。", "インドのビデオで話した。"], {"イギリス": "place", "インド": "place"})
    index = build_index([en, ja], aligned=aligned_pair(en, ja), similarity=similarity)
    assert entity_of(index, "en", "England") != entity_of(index, "ja", "イギリス")  # United Kingdom
    assert {m.surface for m, _ in index.mentions_of["en"]} == {"England"}  # `In` is not India (インド)


def test_a_country_is_never_projected_onto_its_people_or_its_elections(similarity: Similarity) -> None:
    zh = article("zh", "zh", ["美国总统发表了讲话。"], {"美国": "place"})
    en = article("en", "en", ["Americans heard the US-Wahl speech."], {})
    index = build_index([zh, en], aligned=aligned_pair(zh, en), similarity=similarity)
    assert index.mentions_of.get("en") is None


def test_only_names_without_a_counterpart_in_their_aligned_paragraph_are_embedded() -> None:
    """The encoder is the slow part of merging: a name both sides of an aligned pair share is never compared."""
    asked: list[str] = []

    def encode(texts: list[str]):
        asked.extend(texts)
        return UseEmbedder()(texts)

    en = article("en", "en", ["Putin greeted Raisi in the Kremlin."], {"Putin": "person", "Raisi": "person", "Kremlin": "organisation"})
    de = article("de", "de", ["Putin empfing Raisi im Kreml."], {"Putin": "person", "Raisi": "person", "Kreml": "organisation"})
    index = build_index([en, de], aligned=aligned_pair(en, de), story_of={"en": "s", "de": "s"},
                        similarity=Similarity(encode, USE_LANGUAGES))
    assert entity_of(index, "en", "Kremlin") == entity_of(index, "de", "Kreml")
    assert "Kremlin" in asked and "Kreml" in asked
    assert "Putin" not in asked and "Raisi" not in asked
