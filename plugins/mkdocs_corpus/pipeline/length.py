"""How long an article is, and how long it takes to read, in the units its writing system has.

Chinese and Japanese put no spaces between words, so a "word" there is whatever a segmenter
decides; characters are what readers and reading studies count. Han, kana and Hangul are
therefore counted by characters, every other script by words (runs of letters and digits).
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable

# The one CJK range of the package: Hiragana, Katakana (and its extensions, half-width forms),
# CJK Unified Ideographs with Extension A, Compatibility Ideographs, Hangul syllables.
CJK = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\uac00-\ud7af]")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")

# Silent reading rates of adults.
# - Words: 238 words/min, English non-fiction (Brysbaert 2019, "How many words do we read per minute?",
#   J. Memory and Language 109, a meta-analysis of 190 studies); other alphabetic languages are close once
#   counted in words (same paper), so one rate serves them all.
# - Characters: IReST (Trauzettel-Klosinski & Dietz 2012, IOVS 53:5452) measured reading *aloud* at about
#   255 characters/min in Chinese and 357 in Japanese (kana make Japanese text longer for the same content);
#   silent reading is about 1.3 times reading aloud (Brysbaert: 238 against 183 words/min in English).
WORDS_PER_MINUTE = 238
CHARACTERS_PER_MINUTE = {"ja": 460, "zh": 330}
# Korean and Han text in other languages: no measured rate at hand; the slower figure keeps estimates modest.
OTHER_CHARACTERS_PER_MINUTE = 330


def count(texts: Iterable[str]) -> tuple[int, int]:
    """(words, characters): words outside CJK scripts, and CJK characters."""
    words = characters = 0
    for value in texts:
        found = len(CJK.findall(value))
        characters += found
        words += len(_WORD.findall(CJK.sub(" ", value) if found else value))
    return words, characters


def reading_minutes(words: int, characters: int, lang: str) -> int:
    """Whole minutes to read `words` and `characters` of an article in `lang`, at least one."""
    rate = CHARACTERS_PER_MINUTE.get(lang.split("-")[0], OTHER_CHARACTERS_PER_MINUTE)
    return max(1, math.ceil(words / WORDS_PER_MINUTE + characters / rate))


def counted_in_characters(words: int, characters: int) -> bool:
    """Whether a text's length reads better in characters: most of it is CJK script."""
    return characters > words
