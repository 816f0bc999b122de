"""A story names its original only when a curator declared it or the evidence is strong; length is no evidence."""
from __future__ import annotations

from dataclasses import replace

from mkdocs_corpus.pipeline.length import count
from mkdocs_corpus.pipeline.model import Article, Block
from mkdocs_corpus.pipeline.originals import original


def _article(id: str, lang: str, *texts: str, source: str | None = None, dateline: str | None = None,
             declared: bool = False) -> Article:
    words, characters = count(texts)
    return Article(id=id, path=f"{id}.txt", lang=lang, lang_confidence=1.0, title=texts[0], title_inferred=False,
                   source=source, dateline=dateline, authors=(), editors=(), published=None,
                   blocks=tuple(Block("paragraph", t) for t in texts), words=words, characters=characters,
                   reading_minutes=1, declared_original=declared)


def _original(*articles: Article, declared_sources: frozenset[str] = frozenset()) -> str | None:
    return original([a.id for a in articles], {a.id: a for a in articles}, set(declared_sources))


FIRE_EN = _article("fire-en", "en", "Fire at a market", "A fire broke out at a market on Monday.", "Nobody was hurt.")
FIRE_JA = _article("fire-ja", "ja", "市場で火事", "月曜日、市場で火事が発生した。" * 20, "けが人はいなかった。")


def test_length_names_no_original() -> None:
    assert _original(FIRE_EN, FIRE_JA) is None


def test_a_curator_declares_the_original() -> None:
    declared = _article("fire-ja", "ja", "市場で火事", "月曜日、市場で火事が発生した。", declared=True)
    assert _original(FIRE_EN, declared) == "fire-ja"
    assert _original(FIRE_EN, FIRE_JA, declared_sources=frozenset({"fire-en"})) == "fire-en"
    # Two curators disagree: the archive does not pick.
    assert _original(_article("a", "en", "A", declared=True), declared, declared_sources=frozenset({"a"})) is None


def test_a_wire_agency_writes_in_its_home_language() -> None:
    en = _article("seed-en", "en", "Raisi meets Putin", "MOSCOW (Reuters) - Iran's president met Putin.",
                  source="Reuters", dateline="MOSCOW")
    de = _article("seed-de", "de", "Raisi trifft Putin", "Der iranische Präsident traf Putin in Moskau.")
    assert _original(en, de) == "seed-en"
    fr = _article("kyodo-fr", "fr", "Séisme au Japon", "Un séisme a frappé le Japon.", source="Kyodo News", dateline="TOKYO")
    assert _original(fr, _article("kyodo-ja", "ja", "地震", "地震が発生した。")) == "kyodo-ja"


def test_a_local_story_is_written_in_the_local_language() -> None:
    is_ = _article("pool-is", "is", "Ný sundlaug í Reykjavík", "Borgarstjórn Reykjavíkur samþykkti nýja sundlaug í Reykjavík.",
                   "Framkvæmdir hefjast á Íslandi í vor.")
    en = _article("pool-en", "en", "New pool in Reykjavik", "The Reykjavik city council approved a new pool in Reykjavik.",
                  "Work starts in Iceland in spring.")
    assert _original(en, is_) == "pool-is"


def test_places_where_english_is_spoken_show_nothing() -> None:
    ru = _article("vote-ru", "ru", "Выборы в США", "В США прошли выборы.", "В Вашингтоне и Нью-Йорке подсчитывают голоса.")
    en = _article("vote-en", "en", "Elections in the US", "The United States held elections.",
                  "Washington and New York are counting votes.")
    assert _original(en, ru) is None


def test_letters_a_translation_kept_point_at_their_language() -> None:
    is_ = _article("cup-is", "is", "Brynjólfur skoraði", "Brynjólfur skoraði fyrir Breiðablik gegn Þór.",
                   "Máni Daðason var ánægður.")
    en = _article("cup-en", "en", "Brynjólfur scored", "Brynjólfur scored for Breiðablik against Þór.",
                  "Máni Daðason was pleased.")
    assert _original(en, is_) == "cup-is"


def test_json_ld_links_versions_without_saying_which_came_first() -> None:
    import yaml
    from mkdocs_corpus.site.article import StoryLinks, article_markdown
    from mkdocs_corpus.site.urls import Layout

    def json_ld(article: Article, story: StoryLinks) -> dict:
        markdown = article_markdown(article, Layout(), None, "browse/languages/x/index.md", story)
        return yaml.safe_load(markdown.split("---")[1])["corpus_jsonld"]

    versions = (("en", "fire-en"), ("ja", "fire-ja"))
    unknown = [json_ld(a, StoryLinks(versions)) for a in (FIRE_EN, FIRE_JA)]
    assert [[ref["@id"] for ref in ld["workTranslation"]] for ld in unknown] == [["../fire-ja/"], ["../fire-en/"]]
    assert not any("translationOfWork" in ld for ld in unknown)
    assert "wordCount" not in unknown[1] and unknown[0]["wordCount"] == FIRE_EN.words  # Japanese has characters
    known = json_ld(FIRE_JA, StoryLinks(versions, original="fire-en"))
    assert known["translationOfWork"]["@id"] == "../fire-en/" and "workTranslation" not in known


def test_a_source_named_after_a_language_or_a_place_writes_in_it() -> None:
    de = _article("sanctions-de", "de", "USA bedrohen deutsche Unternehmen", "Die USA drohen mit Sanktionen.", source="RT Deutsch")
    fr = _article("sanctions-fr", "fr", "Les États-Unis menacent des entreprises allemandes",
                  "Les États-Unis menacent de sanctions.", source="RT Deutsch")
    assert _original(fr, de) == "sanctions-de"
    fire = [_article(f"fire-{lang}", lang, title, text, source="CBS Los Angeles") for lang, title, text in (
        ("en", "Firefighters respond to Karen Fire", "More than 200 firefighters responded."),
        ("de", "Feuerwehr bekämpft Karen-Feuer", "Über 200 Feuerwehrleute waren im Einsatz."),
        ("cs", "Hasiči zasahují u požáru Karen", "Zasahuje více než 200 hasičů."))]
    assert _original(*fire) == "fire-en"


def test_a_source_named_by_its_country_domain_writes_in_that_country_language() -> None:
    fr = _article("lamoureux-fr", "fr", "Brasse-Camarade chez les géants", "La société produit des spectacles.", source="l-express.ca")
    de = _article("lamoureux-de", "de", "Brasse-Camarade bei den Giganten", "Die Firma produziert Shows.", source="l-express.ca")
    assert _original(de, fr) == "lamoureux-fr"  # Canada writes English and French; only French has a version
    # A domain sold as a generic name (.tv) says nothing.
    assert _original(*(replace(a, source="news.tv") for a in (de, fr))) is None


def test_a_source_named_in_one_version_script_writes_in_that_language() -> None:
    ja = _article("lanterns-ja", "ja", "湯涌温泉から光のエール", "湯涌温泉で灯籠をともす。", source="Yahoo!ニュース")
    en = _article("lanterns-en", "en", "Cheer of light from Yuwaku Onsen", "Lanterns will be lit in Yuwaku Onsen.",
                  source="Yahoo! News")
    assert _original(en, ja) == "lanterns-ja"
    # A source whose name says its language outranks a script (RT's Japanese service translates RT USA News).
    rt = [_article(f"rt-{lang}", lang, title, text, source=source) for lang, title, text, source in (
        ("en", "Senate votes", "The Senate voted on Monday.", "RT USA News"),
        ("ja", "上院が採決", "上院は月曜日に採決した。", "RT 米国ニュース"))]
    assert _original(*rt) == "rt-en"
    # Latin letters say nothing.
    assert _original(replace(en, source="Yahoo News"), replace(ja, source="Yahoo News")) is None


def test_an_agency_without_a_home_language_version_filed_from_its_dateline() -> None:
    fr = _article("bourse-fr", "fr", "Wall Street cale", "PARIS (Reuters) - La Bourse de New York a fini en baisse.",
                  source="Reuters", dateline="PARIS")
    de = _article("bourse-de", "de", "Wall Street gibt nach", "PARIS (Reuters) - Die New Yorker Börse schloss tiefer.",
                  source="Reuters", dateline="PARIS")
    assert _original(de, fr) == "bourse-fr"
    # Every service files from Washington; and with an English version, Reuters' home wire is the original.
    washington = [_article(f"fed-{lang}", lang, title, text, source="Reuters", dateline="WASHINGTON") for lang, title, text in (
        ("fr", "La Fed", "WASHINGTON (Reuters) - La Fed a maintenu ses taux."),
        ("de", "Die Fed", "WASHINGTON (Reuters) - Die Fed hielt die Zinsen."))]
    assert _original(*washington) is None
    en = _article("bourse-en", "en", "Wall Street falls", "PARIS (Reuters) - Wall Street closed lower.",
                  source="Reuters", dateline="PARIS")
    assert _original(de, fr, en) == "bourse-en"


def test_two_kept_names_or_one_with_a_letter_only_one_alphabet_has_are_enough() -> None:
    fr = _article("budget-fr", "fr", "Le budget", "Olivier Véran et Pierre Dharréville ont débattu du budget.")
    de = _article("budget-de", "de", "Der Haushalt", "Olivier Véran und Pierre Dharréville debattierten den Haushalt.")
    assert _original(de, fr) == "budget-fr"
    one = replace(de, blocks=(Block("paragraph", "Der Haushalt"), Block("paragraph", "Olivier Véran debattierte.")))
    assert _original(one, fr) is None  # one accented name: a French minister is named so in any language
    is_ = _article("bike-is", "is", "Hjólahvíslarinn", "Bjartmar fann hjól sem Fréttablaðið sagði frá.")
    en = _article("bike-en", "en", "The bicycle whisperer", "Bjartmar found bicycles that Fréttablaðið reported on.")
    assert _original(en, is_) == "bike-is"  # ð is Icelandic alone


def test_a_language_name_places_a_story_as_its_country_does() -> None:
    ru = _article("parade-ru", "ru", "Парад", "Российский певец выступил на параде.", "Парад прошёл в порту.")
    en = _article("parade-en", "en", "Parade", "A Russian singer performed at the parade.",
                  "The Russian navy and Russian sailors marched.")
    assert _original(en, ru) == "parade-ru"
    us = _article("vote-en", "en", "Vote", "An English teacher voted.", "English voters went to the polls.")
    assert _original(us, replace(ru, id="vote-ru")) is None  # English is spoken in too many places to tell


def test_a_weak_place_and_a_kept_word_that_agree_name_the_original() -> None:
    fr = _article("tax-fr", "fr", "Impôts", "Stéphane Moreau parle des impôts en France.")
    de = _article("tax-de", "de", "Steuern", "Stéphane Moreau spricht über Steuern.")
    assert _original(de, fr) == "tax-fr"  # France, named once, and one kept name: both say French
    # Each alone is too weak: no kept name, or a place that points elsewhere.
    assert _original(replace(de, blocks=(Block("paragraph", "Moreau spricht über Steuern."),)),
                     replace(fr, blocks=(Block("paragraph", "Moreau parle des impôts en France."),))) is None
    assert _original(replace(de, blocks=(Block("paragraph", "Stéphane Moreau spricht über Steuern in Deutschland."),)),
                     replace(fr, blocks=(Block("paragraph", "Stéphane Moreau parle des impôts."),))) is None


def test_a_town_whose_name_is_also_a_word_of_the_text_is_not_a_place() -> None:
    from mkdocs_corpus.pipeline.originals import places_named

    assert places_named(["The march went on.", "March began."], "en") == {}
    assert places_named(["Riots in Reykjavik.", "Reykjavik was calm."], "en") == {"IS": 2}


def test_a_large_city_own_name_beats_another_city_alternate_name() -> None:
    from mkdocs_corpus.pipeline.originals import _city_countries

    assert _city_countries()["islamabad"] == "PK"


def test_a_country_speaking_english_and_another_language_shows_the_other_where_no_version_is_english() -> None:
    fr = _article("unis-fr", "fr", "Le ministre rembourse UNIS", "Le ministre canadien a remboursé UNIS à Ottawa.",
                  "Le Canada enquête sur UNIS à Ottawa.")
    de = _article("unis-de", "de", "Minister zahlt an UNIS zurück", "Der kanadische Minister zahlte in Ottawa zurück.",
                  "Kanada ermittelt in Ottawa.")
    assert _original(de, fr) == "unis-fr"
    en = _article("unis-en", "en", "Minister repays UNIS", "The minister repaid UNIS in Ottawa.", "Canada investigates in Ottawa.")
    assert _original(de, fr, en) is None  # English is spoken there too: either may have come first
    us = [_article(f"fed-{lang}", lang, title, text) for lang, title, text in (
        ("fr", "Washington", "Washington et New York votent aux États-Unis."),
        ("de", "Washington", "Washington und New York stimmen in den USA ab."))]
    assert _original(*us) is None


def test_a_site_named_where_a_wrapped_headline_ends_is_the_source() -> None:
    ja = _article("mnp-ja", "ja", "携帯番号移行、過度な引き留めに厳しい目。", "手数料やポイント付与はどうなる？",
                  "（ニュースイッチ ） - Yahoo!ニュース", "総務省が新しい規則を示した。")
    en = _article("mnp-en", "en", "A Critical Eye Cast Over Excessive Restrictions on Mobile Number Transfers",
                  "What will happen to fees and point allocation?", "(Newswitch) - Yahoo! News",
                  "The ministry set out new rules.")
    assert _original(en, ja) == "mnp-ja"
    # Deep in the text, a line ending in a name is no headline's end.
    late = [replace(a, blocks=(a.blocks[0], a.blocks[1], a.blocks[3], a.blocks[2])) for a in (en, ja)]
    assert _original(*late) is None
