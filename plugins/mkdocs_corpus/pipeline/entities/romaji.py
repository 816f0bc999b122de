"""A Japanese person named in kanji and the same person romanised: 中島 and Nakajima, 瓜生正義 and Uryu
Masayoshi. Nothing in the spelling links them (a kanji has several readings, and no reading dictionary
ships with the archive), so only their place in a translation does.

In an aligned paragraph pair of a Japanese version and a Latin-script one, where the only person left
unjoined on one side is named in one to five kanji and the only one on the other side in words that read
as Japanese syllables, with as many parts (one word for one or two kanji, a surname; two words for more, a
full name), the two are one person, provided neither ever pairs so with anyone else in the corpus.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from .merging import Keys, Names, by_root

_KANJI_NAME = re.compile(r"[\u4e00-\u9fff]{1,5}")
# One word of romanised Japanese: syllables of an optional onset (a doubled consonant too: Hattori, Ippei),
# an optional y, vowels and an optional h (Ohno), or a syllabic n. Possessive: each syllable is read once.
_ROMAJI_WORD = re.compile(r"(?:(?:sh|ch|ts|[kgsztdbpmrjf]{1,2}|[nhwy])?+y?+[aiueo]++h?+|n)++")
SURNAME_KANJI = 2  # a name of at most this many kanji is a surname alone, and romanised in one word


def join_romanised(keys: Keys, aligned: Iterable[tuple[Names, Names]], kind_of: dict[str, str]) -> None:
    partners: dict[str, set[str]] = defaultdict(set)
    for left, right in aligned:
        lroots, rroots = by_root(keys, left), by_root(keys, right)
        for one, other in ((lroots, rroots), (rroots, lroots)):
            kanji = [(root, name) for root in one.keys() - other.keys()
                     if kind_of.get(root) == "person" and (name := _kanji_name(one[root]))]
            latin = [(root, words) for root in other.keys() - one.keys()
                     if kind_of.get(root) == "person" and (words := _romanised(other[root]))]
            if len(kanji) == 1 and len(latin) == 1 and (len(kanji[0][1]) <= SURNAME_KANJI) == (latin[0][1] == 1):
                partners[kanji[0][0]].add(latin[0][0])
                partners[latin[0][0]].add(kanji[0][0])
    for root, found in sorted(partners.items()):
        other = next(iter(found))
        if len(found) == 1 and partners[other] == {root} and root < other:
            keys.union(root, other)


def _kanji_name(forms: list[tuple[str, str]]) -> str:
    """The person's name when every form of it is Japanese kanji only, else ''."""
    names = {name for name, lang in forms if lang == "ja" and _KANJI_NAME.fullmatch(name)}
    return names.pop() if len(names) == 1 and all(lang == "ja" for _, lang in forms) else ""


def _romanised(forms: list[tuple[str, str]]) -> int:
    """How many words the person's name has (1 or 2) when every form reads as romanised Japanese, else 0."""
    counts = set()
    for name, lang in forms:
        words = name.lower().split()
        if lang == "ja" or not 1 <= len(words) <= 2 or not all(_ROMAJI_WORD.fullmatch(word) for word in words):
            return 0
        counts.add(len(words))
    return counts.pop() if len(counts) == 1 else 0
