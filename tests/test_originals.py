"""A story names its original only when a curator declared it or the evidence is strong; length is no evidence."""
from __future__ import annotations

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
