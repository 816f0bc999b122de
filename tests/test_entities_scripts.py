"""Names of one entity across languages and scripts without a registry or a translation between the
articles (news of one story in six Slavic languages): what must meet, and what must stay apart."""
from __future__ import annotations

from dataclasses import replace

import pytest
from mkdocs_corpus.pipeline.entities import build_index
from mkdocs_corpus.pipeline.entities.kana import sound_alike, sound_near
from mkdocs_corpus.pipeline.entities.scripts import skeleton
from mkdocs_corpus.pipeline.model import Block
from test_entities_merging import aligned_pair, article, entity_of


@pytest.mark.parametrize(("names", "bones"), [
    (["Дональд Трамп", "Доналд Тръмп", "Donalda Trumpa", "Donald Trump"], "dnld trmp"),
    (["Joe Biden", "Джо Байдън", "Джо Байден"], "j bdn"),
    (["Boris Johnson", "Борис Джонсън", "Бориса Джонсона"], "brs jnsn"),
    (["Theresa Mayová", "Тереза Мэй", "Theresa May"], "trs m"),
    (["Volodimir Putin", "Władimira Putina", "Володимир Путін"], "vldmr ptn"),
])
def test_transliterations_and_cases_of_a_name_share_a_skeleton(names: list[str], bones: str) -> None:
    assert {skeleton(name) for name in names} == {bones}


def test_one_person_in_four_languages_and_three_scripts_is_one_entity() -> None:
    articles = [
        article("ru", "ru", ["Дональд Трамп выступил. Трамп ушёл."], {"Дональд Трамп": "person", "Трамп": "person"}),
        article("bg", "bg", ["Доналд Тръмп говори. Тръмп си тръгна."], {"Доналд Тръмп": "person", "Тръмп": "person"}),
        article("pl", "pl", ["Spotkanie Donalda Trumpa w Warszawie."], {"Donalda Trumpa": "person"}),
        article("cs", "cs", ["Theresa Mayová a Donald Trump jednali."], {"Theresa Mayová": "person", "Donald Trump": "person"}),
        article("uk", "uk", ["Тереза Мей прибула."], {"Тереза Мей": "person"}),
    ]
    index = build_index(articles)
    trump = {entity_of(index, "ru", "Дональд Трамп"), entity_of(index, "ru", "Трамп"), entity_of(index, "bg", "Тръмп"),
             entity_of(index, "bg", "Доналд Тръмп"), entity_of(index, "pl", "Donalda Trumpa"), entity_of(index, "cs", "Donald Trump")}
    assert len(trump) == 1
    assert entity_of(index, "cs", "Theresa Mayová") == entity_of(index, "uk", "Тереза Мей") not in trump


def test_two_people_who_share_a_surname_stay_apart_across_scripts() -> None:
    articles = [
        article("cs", "cs", ["Joe Biden a Hunter Biden."], {"Joe Biden": "person", "Hunter Biden": "person"}),
        article("ru", "ru", ["Джо Байден и Джилл Байден."], {"Джо Байден": "person", "Джилл Байден": "person"}),
    ]
    index = build_index(articles)
    people = [entity_of(index, "cs", "Joe Biden"), entity_of(index, "cs", "Hunter Biden"), entity_of(index, "ru", "Джилл Байден")]
    assert len(set(people)) == 3
    assert entity_of(index, "ru", "Джо Байден") == people[0]


def test_an_acronym_joins_the_name_its_initials_spell_in_its_language() -> None:
    articles = [
        article("ru", "ru", ["Европейский союз ответил. ЕС против."], {"Европейский союз": "organisation", "ЕС": "organisation"}),
        article("pl", "pl", ["Komisja Europejska i KE.", "Kraje Europy i KE."],
                {"Komisja Europejska": "organisation", "KE": "organisation", "Kraje Europy": "organisation"}),
    ]
    index = build_index(articles)
    assert entity_of(index, "ru", "ЕС") == entity_of(index, "ru", "Европейский союз")
    # two long names spell `KE` equally often: the acronym stays on its own
    assert entity_of(index, "pl", "KE") not in {entity_of(index, "pl", "Komisja Europejska"), entity_of(index, "pl", "Kraje Europy")}


def test_inflected_places_join_their_country_or_city() -> None:
    articles = [
        article("pl", "pl", ["W Polsce i w Niemczech, w Wielkiej Brytanii i w Moskwie."],
                {"Polsce": "place", "Niemczech": "place", "Wielkiej Brytanii": "place", "Moskwie": "place"}),
        article("pl2", "pl", ["Wielka Brytania wyszła."], {"Wielka Brytania": "person"}),
        article("ru", "ru", ["Поездка в Москву."], {"Москву": "place"}),
    ]
    index = build_index(articles)
    assert entity_of(index, "pl", "Polsce") == "poland"
    assert entity_of(index, "pl", "Niemczech") == "germany"
    # a country's name is a place even where recognition took it for a person
    assert entity_of(index, "pl", "Wielkiej Brytanii") == entity_of(index, "pl2", "Wielka Brytania") == "united-kingdom"
    assert entity_of(index, "pl", "Moskwie") == entity_of(index, "ru", "Москву") == "moscow"


def test_names_spelled_alike_across_scripts_meet_and_others_stay_apart() -> None:
    articles = [
        article("bg", "bg", ["Агенция Ройтерс съобщи. Губернаторът на Висконсин."], {"Ройтерс": "organisation", "Висконсин": "person"}),
        article("pl", "pl", ["Agencja Reuters podała. Stan Wisconsin głosował."], {"Reuters": "organisation", "Wisconsin": "place"}),
        article("cs", "cs", ["Firma Maranta a firma Mirinto."], {"Maranta": "organisation", "Mirinto": "organisation"}),
        article("en", "en", ["George Washington was born."], {"George Washington": "person"}),
        article("en2", "en", ["Talks in Washington went on."], {"Washington": "place"}),
    ]
    index = build_index(articles)
    assert entity_of(index, "bg", "Ройтерс") == entity_of(index, "pl", "Reuters")
    # a "person" no article gives a first name, spelled as a place, is that place
    assert entity_of(index, "bg", "Висконсин") == entity_of(index, "pl", "Wisconsin")
    # one skeleton (`mrnt`), spelled differently: two names
    assert entity_of(index, "cs", "Maranta") != entity_of(index, "cs", "Mirinto")
    # a person with a first name never becomes the place spelled like them
    assert entity_of(index, "en", "George Washington") != entity_of(index, "en2", "Washington")


def test_two_people_a_latin_alphabet_spells_unalike_stay_apart_though_their_consonants_agree() -> None:
    articles = [
        article("en", "en", ["John Crow, the central bank governor, spoke. Jyotiraditya Scindia left."],
                {"John Crow": "person", "Jyotiraditya Scindia": "person"}),
        article("de", "de", ["John Kerry traf Wladimir Putin."], {"John Kerry": "person", "Wladimir Putin": "person"}),
        article("en2", "en", ["Vladimir Putin met Jyothiraditya Scindia."], {"Vladimir Putin": "person", "Jyothiraditya Scindia": "person"}),
        article("ru", "ru", ["Джон Керри приехал."], {"Джон Керри": "person"}),
    ]
    index = build_index(articles)
    assert entity_of(index, "en", "John Crow") != entity_of(index, "de", "John Kerry")  # `jn kr` both
    assert entity_of(index, "ru", "Джон Керри") == entity_of(index, "de", "John Kerry")  # across alphabets
    assert entity_of(index, "de", "Wladimir Putin") == entity_of(index, "en2", "Vladimir Putin")
    assert entity_of(index, "en", "Jyotiraditya Scindia") == entity_of(index, "en2", "Jyothiraditya Scindia")  # a variant


def test_names_in_chinese_characters_never_meet_by_their_pinyin() -> None:
    # 工党 (Labour) and 共和党 (the Republicans) are `gongdang` and `gonghedang`; 九州 (Kyushu) and 加州 (California)
    # `jiuzhou` and `jiazhou`: one consonant skeleton each, spelled alike, two things each
    articles = [
        article("zh", "zh", ["「工党」与「共和党」。", "「加州」发生火灾。"], {"工党": "organisation", "共和党": "organisation", "加州": "place"}),
        article("ja", "ja", ["「九州」で大雨。"], {"九州": "place"}),
        article("en", "en", ["Talks in Beijing went on."], {"Beijing": "place"}),
        article("zh2", "zh", ["「北京」的会谈。"], {"北京": "place"}),
    ]
    index = build_index(articles)
    assert entity_of(index, "zh", "工党") != entity_of(index, "zh", "共和党")
    assert entity_of(index, "zh", "加州") != entity_of(index, "ja", "九州")
    assert entity_of(index, "zh2", "北京") == entity_of(index, "en", "Beijing")  # pinyin against Latin letters still meets


@pytest.mark.parametrize(("kana", "latin", "alike"), [
    ("ジェイミー・ヴァーディー", "Jamie Vardy", True),
    ("アレクサンドル・ラカゼット", "Alexandre Lacazette", True),
    ("キーラン・ティアニー", "Kieran Tierney", True),
    ("チャンピオンズリーグ", "Champions League", True),
    ("ジャレット・ケリー", "Jarrett Kelton", False),
    ("タイ", "Thailand", False),
    ("ジェイミー・ヴァーディー", "ジェイミー・ヴァーディー", False),  # one script: spelling decides, not sound
])
def test_a_katakana_name_sounds_like_its_latin_spelling(kana: str, latin: str, alike: bool) -> None:
    assert sound_alike(kana, latin) is alike


def test_a_cedilla_is_heard_as_katakana_hears_it() -> None:
    assert sound_near("ジョアン・ロウレンソ", "João Lourenço")  # ç is an s, not the k of a c before o


def test_a_person_in_katakana_joins_their_latin_name_and_a_namesake_stays_apart() -> None:
    articles = [
        article("ja", "ja", ["ジェイミー・ヴァーディー、ジャレット・ケリー。"], {"ジェイミー・ヴァーディー": "person", "ジャレット・ケリー": "person"}),
        article("en", "en", ["Jamie Vardy scored. Jarrett Kelton did not."], {"Jamie Vardy": "person", "Jarrett Kelton": "person"}),
        article("ja2", "ja", ["「ケヴィン・デ・ブライネ」が得点。"], {"ケヴィン・デ・ブライネ": "person"}),
        article("en2", "en", ["Kevin De Bruyne scored."], {"Kevin De Bruyne": "person"}),
        article("ja3", "ja", ["「アストン・ヴィラ」が勝った。"], {"アストン・ヴィラ": "organisation"}),
        article("en3", "en", ["Southern Bell raised rates."], {"Southern Bell": "person"}),
    ]
    index = build_index(articles, story_of={"ja": "s", "en": "s"})
    assert entity_of(index, "ja", "ジェイミー・ヴァーディー") == entity_of(index, "en", "Jamie Vardy")  # `jm vd`, one story
    assert entity_of(index, "ja", "ジャレット・ケリー") != entity_of(index, "en", "Jarrett Kelton")
    assert entity_of(index, "ja2", "ケヴィン・デ・ブライネ") == entity_of(index, "en2", "Kevin De Bruyne")  # 6 consonants
    assert entity_of(index, "ja3", "アストン・ヴィラ") != entity_of(index, "en3", "Southern Bell")  # `stn br`, two stories


def test_a_katakana_name_meets_a_latin_one_of_as_many_words_only() -> None:
    # both are `msr mr` (Marcel without its English r): the initial A. has no consonant to hear
    articles = [
        article("ja", "ja", ["「マサール・マラウィ」が言った。"], {"マサール・マラウィ": "person"}),
        article("de", "de", ["Marcel A. Müller sagte es."], {"Marcel A. Müller": "person"}),
    ]
    index = build_index(articles)
    assert entity_of(index, "ja", "マサール・マラウィ") != entity_of(index, "de", "Marcel A. Müller")


def test_a_lone_surname_joins_its_storys_person_in_another_script_unless_two_share_it() -> None:
    articles = [
        article("en", "en", ["Mick Jagger sang with Sophy Ridge and Tom Ridge."],
                {"Mick Jagger": "person", "Sophy Ridge": "person", "Tom Ridge": "person"}),
        article("ru", "ru", ["Джаггер пел. Ридж слушал."], {"Джаггер": "person", "Ридж": "person"}),
        article("ja", "ja", ["ジャガー、歌った。"], {"ジャガー": "person"}),
    ]
    story = {"en": "s", "ru": "s", "ja": "s"}
    index = build_index(articles, story_of=story)
    assert entity_of(index, "ru", "Джаггер") == entity_of(index, "en", "Mick Jagger") == entity_of(index, "ja", "ジャガー")
    # two people of the story are called Ridge: the lone one is neither
    assert entity_of(index, "ru", "Ридж") not in {entity_of(index, "en", "Sophy Ridge"), entity_of(index, "en", "Tom Ridge")}


def test_a_lone_surname_meets_by_katakana_sounds_only_across_katakana() -> None:
    # katakana drops the English r of `Airport` (`prt`), which is no evidence that the Russian `Перта` (Perth,
    # which recognition took for a person) is the airport
    articles = [
        article("en", "en", ["Flights left Adelaide Airport."], {"Adelaide Airport": "person"}),
        article("ru", "ru", ["Рейсы из Перта."], {"Перта": "person"}),
    ]
    index = build_index(articles, story_of={"en": "s", "ru": "s"})
    assert entity_of(index, "ru", "Перта") != entity_of(index, "en", "Adelaide Airport")


def test_a_surname_already_someones_brings_no_person_of_another_first_name() -> None:
    # `Regan` is Donald Regan's; in a story about Ronald Reagan (`rgn` too) it is no bridge between the two
    articles = [
        article("a", "en", ["Donald Regan said so. Regan left."], {"Donald Regan": "person", "Regan": "person"}),
        article("b", "en", ["Ronald Reagan met Regan."], {"Ronald Reagan": "person", "Regan": "person"}),
        article("c", "en", ["Sergey Furgal spoke. Furgal left."], {"Sergey Furgal": "person", "Furgal": "person"}),
        article("d", "ru", ["Сергей Фургал говорил. Furgal ушёл."], {"Сергей Фургал": "person", "Furgal": "person"}),
    ]
    index = build_index(articles, story_of={"a": "a", "b": "b", "c": "c", "d": "c"})
    assert entity_of(index, "a", "Donald Regan") != entity_of(index, "b", "Ronald Reagan")
    assert entity_of(index, "d", "Сергей Фургал") == entity_of(index, "c", "Sergey Furgal")  # one first name


def test_a_weekday_is_no_entity_and_a_headline_in_title_case_names_only_what_the_text_names() -> None:
    articles = [
        article("zh", "zh", ["周六，伦敦。"], {"周六": "person"}),
        article("de", "de", ["Am Samstag sprach Olaf Scholz."], {"Samstag": "person", "Olaf Scholz": "person"}),
        article("en", "en", ["Algeria Loses a Patriot in Olaf Scholz Row", "Olaf Scholz said nothing."],
                {"Algeria Loses": "organisation", "Olaf Scholz": "person"}),
    ]
    headline = articles[2].blocks[0]
    articles[2] = replace(articles[2], blocks=(Block("heading", headline.text), *articles[2].blocks[1:]))
    index = build_index(articles)
    names = {m.surface for mentions in index.mentions_of.values() for m, _ in mentions}
    assert "周六" not in names and "Samstag" not in names and "Algeria Loses" not in names
    assert sum(m.surface == "Olaf Scholz" for m, _ in index.mentions_of["en"]) == 2  # in the headline too: the text names him


@pytest.mark.parametrize(("kana", "latin"), [
    ("バルセロナ", "Barcelona"), ("サウサンプトン", "Southampton"), ("トッテナム", "Tottenham"),
    ("リチャード・ロジャース", "Richard Rodgers"), ("ネイマール", "Neymar"),
])
def test_katakana_hears_a_latin_name_in_english_or_as_spelled(kana: str, latin: str) -> None:
    assert sound_alike(kana, latin)


def test_an_acronym_two_stories_spell_out_differently_joins_neither() -> None:
    articles = [
        article("a", "en", ["The Volgograd Region said VR will pay."], {"Volgograd Region": "place", "VR": "organisation"}),
        article("b", "en", ["Virtual Reality firms said VR sells."], {"Virtual Reality": "organisation", "VR": "organisation"}),
        article("c", "en", ["The European Commission and the EC agreed."], {"European Commission": "organisation", "EC": "organisation"}),
    ]
    index = build_index(articles)
    assert entity_of(index, "a", "VR") not in {entity_of(index, "a", "Volgograd Region"), entity_of(index, "b", "Virtual Reality")}
    assert entity_of(index, "c", "EC") == entity_of(index, "c", "European Commission")


def test_a_large_citys_own_name_beats_an_old_name_of_another() -> None:
    from mkdocs_corpus.pipeline.entities.gazetteer import city

    islamabad, athens = city("Islamabad", "en"), city("Athens", "en")
    assert islamabad is not None and islamabad.name == "Islamabad"  # also an old name of Chattogram, 6x larger
    assert athens is not None and athens.population > 500_000  # Athína, not Athens, Georgia



def test_a_citys_own_name_beats_a_former_name_of_another_but_not_an_exonym() -> None:
    from mkdocs_corpus.pipeline.entities.gazetteer import city

    franklin, montgomery, vienna = city("Franklin", "en"), city("Montgomery", "en"), city("Vienna", "en")
    assert franklin is not None and franklin.name == "Franklin"  # a former name of Columbus, Ohio
    assert montgomery is not None and montgomery.name == "Montgomery"  # a former name of Sahiwal
    assert vienna is not None and vienna.population > 1_000_000  # Wien, not Vienna, Virginia


def test_a_katakana_word_the_translation_writes_in_lower_case_is_no_name() -> None:
    ja = article("ja", "ja", ["オンライン、チェーンソー、トヨタ。"],
                 {"オンライン": "organisation", "チェーンソー": "place", "トヨタ": "organisation"})
    en = article("en", "en", ["Online, a man with a chainsaw met Toyota online."], {"Toyota": "organisation"})
    index = build_index([ja, en], aligned=aligned_pair(ja, en), story_of={"ja": "s", "en": "s"})
    names = {m.surface for m, _ in index.mentions_of["ja"]}
    assert names == {"トヨタ"}
    assert entity_of(index, "ja", "トヨタ") == entity_of(index, "en", "Toyota")


def test_a_katakana_name_of_three_words_joins_its_latin_person_whatever_its_type() -> None:
    articles = [
        article("ja", "ja", ["ケヴィン・デ・ブライネ、ザルメイ・ハリルザド。"],
                {"ケヴィン・デ・ブライネ": "organisation", "ザルメイ・ハリルザド": "person"}),
        article("en", "en", ["Kevin De Bruyne met Zalmay Khalilzad."], {"Kevin De Bruyne": "person", "Zalmay Khalilzad": "person"}),
    ]
    index = build_index(articles)
    assert entity_of(index, "ja", "ケヴィン・デ・ブライネ") == entity_of(index, "en", "Kevin De Bruyne")
    assert index.by_id[entity_of(index, "en", "Kevin De Bruyne")].type == "person"
    assert entity_of(index, "ja", "ザルメイ・ハリルザド") == entity_of(index, "en", "Zalmay Khalilzad")
