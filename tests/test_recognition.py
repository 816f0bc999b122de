"""Named-entity recognition: hand-written sentences, exact spans and types."""

import pytest
from mkdocs_corpus.pipeline import recognition
from mkdocs_corpus.pipeline.recognition import Span, recognise, supported


def found(text: str, lang: str) -> list[tuple[str, str]]:
    (spans,) = recognise([text], lang)
    return [(text[s.start : s.end], s.type) for s in spans]


def test_english_people_and_place():
    assert found("Angela Merkel met Emmanuel Macron in Paris on Monday.", "en") == [
        ("Angela Merkel", "person"),
        ("Emmanuel Macron", "person"),
        ("Paris", "place"),
    ]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Shares of General Motors fell after the company warned on profits, a spokesman told Reuters.", "en",
     [("General Motors", "organisation"), ("Reuters", "organisation")]),
    ("The United States said on Tuesday that Africa's growth would slow, according to the World Bank.", "en",
     [("United States", "place"), ("Africa", "place"), ("World Bank", "organisation")]),
    ("Bundeskanzler Olaf Scholz traf am Dienstag in Berlin den Vorstand der Deutschen Bank.", "de",
     [("Olaf Scholz", "person"), ("Berlin", "place"), ("Deutschen Bank", "organisation")]),
    ("Der Zug von München nach Hamburg hatte Verspätung, sagte Thomas Müller.", "de",
     [("München", "place"), ("Hamburg", "place"), ("Thomas Müller", "person")]),
])
def test_names_are_found_with_their_type_and_without_article_or_possessive(text, lang, expected) -> None:
    got = found(text, lang)
    assert set(expected) <= set(got)
    assert not any(s.lower().startswith("the ") or s.endswith("'s") for s, _ in got)


def test_an_initial_stays_with_the_name_it_abbreviates():
    # The training data writes an initial as one token with its dot ("S." B-PER); cut apart, the model saw a
    # lone letter and a full stop, and "S. Fleming" lost its initial.
    assert found("S. Fleming c and b Afridi 88", "en")[0] == ("S. Fleming", "person")
    assert found("Die Rede hielt J. Schmidt in Bonn.", "de")[0] == ("J. Schmidt", "person")


@pytest.mark.parametrize(("text", "lang", "names"), [
    ("タリバンはアフガニスタン東部で攻撃した。", "ja", ["タリバン", "アフガニスタン"]),  # eastern Afghanistan: the place
    ("アルジェリア：マフムード・ゲママ氏が死去した。", "ja", ["アルジェリア", "マフムード・ゲママ"]),  # two names
    ("故マフムード・ゲママ氏の葬儀", "ja", ["マフムード・ゲママ"]),  # the late
    ("エルサレム（ロイター通信）によると", "ja", ["エルサレム", "ロイター通信"]),  # a dateline's place and agency
    ("タミル・ナドゥ州ティルチラーパリで事故があった。", "ja", ["タミル・ナドゥ州", "ティルチラーパリ"]),  # a city in a state
    ("叙利亚北部发生冲突。", "zh", ["叙利亚"]),  # northern Syria
])
def test_a_chinese_or_japanese_name_is_cut_from_the_words_run_into_it(text: str, lang: str, names: list[str]) -> None:
    assert [name for name, _ in found(text, lang)] == names


def test_offsets_are_exact_and_one_list_per_text():
    texts = ["", "Nothing to see here.", "Boris Johnson visited Scotland.", "   "]
    result = recognise(texts, "en")
    assert len(result) == len(texts)
    assert result[0] == [] and result[3] == []
    assert Span(0, 13, "person") in result[2]
    assert all(isinstance(s, Span) for spans in result for s in spans)


@pytest.mark.parametrize("lang", ["", "und"])
def test_no_language_returns_empty_lists(lang):
    assert not supported(lang)
    assert recognise(["Emmanuel Macron est à Paris.", "Tokyo"], lang) == [[], []]


# Sentences written for these tests (not taken from any data set). Each names a few people and places in the way
# news does, inflected where the language inflects names (Варшаве, Warszawy, Prahy, Софии).
@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("fr", "Le président Emmanuel Macron a reçu mardi à Paris le chancelier allemand Olaf Scholz.",
     {"Emmanuel Macron", "Paris", "Olaf Scholz"}),
    ("ru", "Президент Владимир Путин во вторник встретился в Москве с премьер-министром Индии Нарендрой Моди.",
     {"Владимир Путин", "Москве"}),
    ("uk", "Президент Володимир Зеленський прибув до Варшави, де зустрівся з прем'єром Дональдом Туском.",
     {"Володимир Зеленський", "Варшави"}),
    ("bg", "Премиерът Кирил Петков разговаря в София с говорителя на НАТО Йенс Столтенберг.",
     {"Кирил Петков", "София"}),
    ("pl", "Premier Donald Tusk spotkał się we wtorek w Warszawie z prezydentem Francji Emmanuelem Macronem.",
     {"Donald Tusk", "Warszawie"}),
    ("cs", "Předseda vlády Petr Fiala jednal v Praze s německým kancléřem Olafem Scholzem.",
     {"Petr Fiala", "Praze"}),
    ("hr", "Premijer Andrej Plenković sastao se u Zagrebu s predsjednikom Zoranom Milanovićem.",
     {"Andrej Plenković", "Zagrebu"}),
    ("es", "El presidente Pedro Sánchez viajó a Bruselas para reunirse con Ursula von der Leyen.",
     {"Pedro Sánchez", "Bruselas"}),
    ("ja", "岸田文雄首相は東京でバイデン大統領と会談した。", {"東京"}),
    ("zh", "习近平主席在北京会见了法国总统马克龙。", {"北京"}),
    ("hi", "प्रधानमंत्री नरेंद्र मोदी ने दिल्ली में एक सभा को संबोधित किया।", {"दिल्ली"}),
])
def test_names_in_every_language(lang, text, expected):
    assert supported(lang)
    assert expected <= {name for name, _ in found(text, lang)}


def test_a_language_without_a_model_of_its_own_is_read_by_its_scripts_model():
    from mkdocs_corpus.pipeline.recognition import tagger

    assert tagger.model_for("sr", "Београд") == "slav" and tagger.model_for("kk", "Астана") == "slav"
    assert tagger.model_for("xx", "Lisboa") == "fr" and tagger.model_for("pt-BR", "Brasília") == "fr"
    assert tagger.model_for("yue", "香港") == "zh" and tagger.model_for("xx", "カタカナ") == "ja"
    assert found("Alberto Fernández visitou Lisboa com Luiz Inácio Lula da Silva.", "pt")


def test_supported_and_model_version():
    assert supported("en") and supported("de") and supported("ru") and supported("xx")
    assert isinstance(recognition.MODEL_VERSION, str) and len(recognition.MODEL_VERSION) > 8


def test_german_pos_features_match_hantas_own_tagger():
    # recognition/pos.py reimplements HanTa's sentence tagging with memoised, faster analysis: the same tags, and
    # HanTa's lemmas for the forms of its lexicon (precomputed; other words get no lemma feature).
    from HanTa import HanoverTagger
    from mkdocs_corpus.pipeline.recognition import pos

    hanta = HanoverTagger.HanoverTagger("morphmodel_ger.pgz")
    sentences = [
        "Die Bundesregierung und der Volkswagen-Konzern verhandelten gestern in Wolfsburg über Zölle .".split(),
        "„ Merkels Sprecher “ sagte , die SPD-Fraktion lehne den Vorschlag des Bundesfinanzministeriums ab .".split(),
        "Ecce homo ! Xyzzyquatsch flurbelte 1996-12-06 um 17:30 Uhr über den Großglockner und die Gewinne .".split(),
    ]
    lemmas = 0
    for words in sentences:
        expected = []
        for w, (_, lemma, tag) in zip(words, hanta.tag_sent(list(words)), strict=True):
            f = ("pos=" + tag,)
            if w.lower() in hanta.cache and lemma.casefold() != w.casefold():
                f += ("lem=" + lemma.casefold(),)
                lemmas += 1
            expected.append(f)
        assert pos.features(words) == expected
    assert lemmas >= 5  # verhandelten -> verhandeln, Gewinne -> gewinn, ...
    for word in ("bundesfinanzministeriums", "xyzzyquatsch", "flurbelte", "wolfsburger"):
        assert list(pos._analysis.__wrapped__(word)) == [(t, float(p)) for t, p in hanta.analyze_forward(word)]
