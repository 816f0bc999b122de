"""How a name in katakana and the same name in Latin letters sound alike: `ジェイミー・ヴァーディー` is
Jamie Vardy, `アレクサンドル・ラカゼット` Alexandre Lacazette.

Katakana spells a foreign name by its sound, one consonant and vowel at a time: vowels are added
and changed, `l` becomes `r`, `v` often `b`, and an English `r` that is not sounded (Vardy,
Tierney, Arsenal) is not written. What stays is the order of the sounded consonants; both
spellings are reduced to them in one alphabet (`jm vd` for both of the above).
"""
from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

KATAKANA = re.compile(r"[\u30a0-\u30ff\u31f0-\u31ff]")
# A small tsu doubles the next consonant and a long mark lengthens a vowel: neither is a sound of its own.
_MARKS = str.maketrans("", "", "ッーｯｰ")
# Latin spellings of one sound, as katakana renders it (`Lacazette` ラカゼット, `George` ジョージ).
_SOUNDS = (
    (re.compile(r"c(?=[eiy])"), "s"), (re.compile(r"(?<!g)g(?=[eiy])"), "j"),  # `gg` stays hard: Jagger (re.compile(r"ph"), "f"),
    (re.compile(r"th"), "t"), (re.compile(r"sh|ch"), "s"), (re.compile(r"ts"), "t"), (re.compile(r"ck|c|q"), "k"),
    (re.compile(r"x"), "ks"), (re.compile(r"z"), "s"), (re.compile(r"l"), "r"), (re.compile(r"v"), "b"),
    (re.compile(r"w"), ""), (re.compile(r"m(?=[pb])"), "n"),
)
# An English `r` before a consonant or at the end of a word is not sounded, and katakana leaves it out.
_MUTE_R = re.compile(r"r(?=[^aeiouy]|$)")
_VOWELS = re.compile(r"[aeiouy]")
_WORD = re.compile(r"[a-z]+")
# Fewer sounded consonants than this say nothing (`タイ`, Thailand, is `t`).
MIN_CONSONANTS = 3


def is_kana(name: str) -> bool:
    return bool(KATAKANA.search(name))


@lru_cache(maxsize=100_000)
def sounds(name: str) -> str:
    """The sounded consonants of each word of a katakana or Latin name, in one alphabet."""
    kana = is_kana(name)
    text = anyascii(name.translate(_MARKS).replace("・", " ").replace("＝", " ")) if kana else anyascii(name)
    words = []
    for word in _WORD.findall(text.lower()):
        if not kana:
            word = _MUTE_R.sub("", word)
        for pattern, sound in _SOUNDS:
            word = pattern.sub(sound, word)
        word = re.sub(r"(.)\1+", r"\1", _VOWELS.sub("", word))
        if word:
            words.append(word)
    return " ".join(words)


def sound_alike(a: str, b: str) -> bool:
    """One name in katakana, the other in Latin letters, with the same sounded consonants; katakana
    may write two words as one (`チャンピオンズリーグ`, Champions League)."""
    if is_kana(a) == is_kana(b):
        return False
    x, y = sounds(a).replace(" ", ""), sounds(b).replace(" ", "")
    return x == y and len(x) >= MIN_CONSONANTS
