"""How a name in katakana and the same name in Latin letters sound alike: `ジェイミー・ヴァーディー` is
Jamie Vardy, `アレクサンドル・ラカゼット` Alexandre Lacazette.

Katakana spells a foreign name by its sound, one consonant and vowel at a time: vowels are added
and changed, `l` becomes `r`, `v` often `b`, and an English `r` that is not sounded (Vardy,
Tierney, Arsenal) is not written. What stays is the order of the sounded consonants; both
spellings are reduced to them in one alphabet (`jm vd` for both of the above).
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from anyascii import anyascii

from .names import DOUBLE_LETTER

KATAKANA = re.compile(r"[\u30a0-\u30ff\u31f0-\u31ff]")
# A small tsu doubles the next consonant and a long mark lengthens a vowel: neither is a sound of its own.
_MARKS = str.maketrans("", "", "ッーｯｰ")
# Latin spellings of one sound, as katakana renders it (`Lacazette` ラカゼット, `George` ジョージ; a doubled
# `g` stays hard: Jagger ジャガー). An `h` after a consonant is not sounded (Tottenham トッテナム, Madhya).
# One pass, each group named by the letter it becomes (`silent`: none).
_SOUND = re.compile(
    r"(?P<j>dg(?=[eiy])|(?<!g)g(?=[eiy]))|(?P<s>c(?=[eiy])|sh|ch|z)|(?P<f>ph)|(?P<h>kh)"
    r"|(?P<silent>(?<=[bdgkmnprt])h|w)|(?P<t>ts)|(?P<k>ck|c|q)|(?P<ks>x)|(?P<r>l)|(?P<b>v)|(?P<n>m(?=[pb]))"
)
# Where katakana follows English sound or other languages' spelling, a Latin name is heard both ways:
# an English `r` before a consonant or at the end of a word is not sounded (Vardy ヴァーディー) where a
# Spanish one is (Barcelona バルセロナ); English `th` is `s` (Southampton サウサンプトン) or `t` (Thomas トーマス).
_MUTE_R = re.compile(r"r(?=[^aeiouy]|$)")
_TH = re.compile(r"th")  # read as `s`; `_SOUND` reads it as `t`
# Spellings katakana may also hear hard: `kh` as k (Fakhfakh ファクファク, where `_SOUND` reads h as in Khan),
# `chr` as kr (Christopher クリストファー), and a word's silent `k` before n (Knowsley ノーズリー).
_HARD = re.compile(r"kh|chr|\bkn")
_VOWELS = re.compile(r"[aeiouy]")
_WORD = re.compile(r"[a-z]+")
# Fewer sounded consonants than this say nothing (`タイ`, Thailand, is `t`).
MIN_CONSONANTS = 3


def is_kana(name: str) -> bool:
    return bool(KATAKANA.search(name))


@lru_cache(maxsize=100_000)
def sounds(name: str) -> frozenset[str]:
    """The sounded consonants of each word of a name, in one alphabet: one reading of a katakana name,
    every reading of a Latin one (`Barcelona`: `brsrn`, `bsrn`)."""
    if is_kana(name):
        return frozenset(_kana_consonants(reading) for reading in {name, _head(name), _stem(name)} if reading)
    text = anyascii(name.replace("ç", "s").replace("Ç", "S")).lower()  # ç is an s (Lourenço ロウレンソ), not a k
    readings = {text, _TH.sub("s", text)} if "th" in text else {text}
    if _HARD.search(text):
        readings |= {_HARD.sub(_hard, reading) for reading in readings}
    mutes = (True, False) if "r" in text else (False,)
    return frozenset(_consonants(reading, mute) for reading in readings for mute in mutes)


def _kana_consonants(name: str) -> str:
    return _consonants(anyascii(name.translate(_MARKS).replace("・", " ").replace("＝", " ")))


def _head(name: str) -> str:
    """The katakana name a longer Japanese name ends with, which is what it names (Japanese puts the head
    last): `首都ナイロビ`, the capital Nairobi, is Nairobi; `カリフォルニア州森林保護防火局` ends in no katakana."""
    start = len(name)
    while start > 0 and (KATAKANA.match(name[start - 1]) or name[start - 1] in "・＝"):
        start -= 1
    head = name[start:].strip("・＝")
    return head if start > 0 and len(head) >= 2 else ""


# What Japanese writes after a name in katakana without naming anything else: a title or honorific after a person
# (`ブライアン・カストナー武器査察官`, weapons inspector Brian Castner; `さん`), a kind of place after a place (`州`, `島`),
# a newspaper's `紙`. An agency or an airport after a place is a name of its own (`カリフォルニア州森林保護防火局`).
_DESCRIPTOR = re.compile(
    r"(?:[一-鿿]{0,4}(?:官|相|長|領|選手|監督|者|員|知事|教授|博士|夫人|王子)|氏|さん|様)[぀-ゟ]*"
    r"|州|市|郡|島|県|町|村|区|川|湖|山|半島|諸島|地方|地区|紙|誌"
)


def _stem(name: str) -> str:
    """The katakana name a Japanese name starts with, where what follows only describes it (`_DESCRIPTOR`)."""
    end = 0
    while end < len(name) and (KATAKANA.match(name[end]) or name[end] in "・＝"):
        end += 1
    stem = name[:end].strip("・＝")
    return stem if 0 < end < len(name) and len(stem) >= 2 and _DESCRIPTOR.fullmatch(name, end) else ""


def _consonants(text: str, mute_r: bool = False) -> str:
    words = []
    for word in _WORD.findall(text.lower()):
        if mute_r:
            word = _MUTE_R.sub("", word)
        word = _SOUND.sub(_sound, word)
        word = DOUBLE_LETTER.sub(r"\1", _VOWELS.sub("", word))
        if word:
            words.append(word)
    return " ".join(words)


def _sound(match: re.Match[str]) -> str:
    group = match.lastgroup or ""
    return "" if group == "silent" else group


def sound_alike(a: str, b: str) -> bool:
    """One name in katakana, the other in Latin letters, with the same sounded consonants; katakana
    may write two words as one (`チャンピオンズリーグ`, Champions League)."""
    if is_kana(a) == is_kana(b):
        return False
    heard = {x.replace(" ", "") for x in sounds(a)} & {y.replace(" ", "") for y in sounds(b)}
    return any(len(x) >= MIN_CONSONANTS for x in heard)


def _hard(match: re.Match[str]) -> str:
    return {"kh": "k", "chr": "kr", "kn": "n"}[match.group()]


def sound_near(a: str, b: str) -> bool:
    """One name in katakana, the other in Latin letters, whose sounded consonants nearly agree: enough
    where a translation's aligned paragraph is expected to hold the name, never on its own."""
    if is_kana(a) == is_kana(b):
        return False
    return any(consonants_near(x, y) for x in sounds(a) for y in sounds(b))


def consonants_near(x: str, y: str) -> bool:
    """Whether two consonant spellings (`sounds`) nearly agree: at least MIN_NEAR
    each, and NEAR_RATIO alike (a prefix is not: `カリフォルニア州森林保護防火局` is no California)."""
    x, y = x.replace(" ", ""), y.replace(" ", "")
    if min(len(x), len(y)) < MIN_NEAR:
        return False
    return SequenceMatcher(None, x, y, autojunk=False).ratio() >= NEAR_RATIO


def keys_sound_alike(x: str, y: str) -> bool:
    """Whether two names already romanised (`person_key`: `smith`, and the katakana's `sumisu`) sound alike
    or nearly so in some reading of each."""
    return any((a == b and len(a) >= MIN_CONSONANTS) or consonants_near(a, b) for a in sounds(x) for b in sounds(y))


# How alike two consonant spellings must be to count as near (`fkfk`/`fkfk`, `msrmr`/`mstmr` 0.8), and how
# long: shorter ones differ by too little to tell names apart.
NEAR_RATIO = 0.8
MIN_NEAR = 4
# A common noun's sounds say something from this many consonants on (`オンライン`, online: `nrn`).
MIN_COMMON = 3
_LOWER_RUN = re.compile(r"\b[^\W\d_A-Z\u0400-\u042f][^\W\d_]*")  # a word starting with a lower-case letter


def lower_case_sounds(text: str) -> set[str]:
    """The sounds of every lower-case word of `text` and of every two in a row (`penalty area`), as
    katakana would write them, without spaces."""
    words = [m.group() for m in _LOWER_RUN.finditer(text) if m.group()[0].islower()]
    found: set[str] = set()
    for n, word in enumerate(words):
        for phrase in (word, f"{word} {words[n + 1]}" if n + 1 < len(words) else ""):
            found.update(x.replace(" ", "") for x in (sounds(phrase) if phrase else ()))
    return {x for x in found if len(x) >= MIN_COMMON}
