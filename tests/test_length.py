"""Length and reading time count Chinese and Japanese by characters, other scripts by words."""
from __future__ import annotations

from mkdocs_corpus.pipeline.analysis import Options, analyse
from mkdocs_corpus.pipeline.length import count, reading_minutes
from mkdocs_corpus.site.listing import length_label

JAPANESE = "新型コロナウイルスの感染拡大で、東京都は外出の自粛を呼びかけた。" * 30  # 30 characters a sentence (punctuation is not counted)
CHINESE = "新冠疫情期间，北京市政府呼吁市民减少外出。" * 30  # 19 characters a sentence


def test_cjk_is_counted_by_characters_and_the_rest_by_words() -> None:
    assert count(["東京都の小池百合子知事は COVID-19 について話した。"]) == (1, 19)
    assert count(["Tokyo's governor spoke about COVID-19 on Monday."]) == (7, 0)


def test_reading_time_is_per_script() -> None:
    assert reading_minutes(0, 920, "ja") == 2  # 460 characters a minute
    assert reading_minutes(0, 920, "zh") == 3  # 330 characters a minute
    assert reading_minutes(476, 0, "en") == 2  # 238 words a minute


def test_a_japanese_page_shows_characters() -> None:
    ja, _ = analyse("ja.txt", f"東京都が外出自粛を要請\n\n{JAPANESE}\n\n{JAPANESE[1:]}\n".encode(), Options(entities=False))
    zh, _ = analyse("zh.txt", f"北京呼吁减少外出\n\n{CHINESE}\n".encode(), Options(entities=False))
    assert (ja.lang, ja.words, ja.characters) == ("ja", 0, 11 + 2 * 30 * 30 - 1)
    assert length_label(ja, "en") == "1,810 characters" and length_label(ja, "ja") == "1,810文字" and ja.reading_minutes == 4
    assert zh.lang == "zh" and length_label(zh, "en") == f"{zh.characters:,} characters" and zh.reading_minutes == 2
