"""Language-independent anchors: what a translation keeps whatever the language.

Numbers survive translation digit for digit, and names survive transliteration: "Шойгу" and
"Shoigu" both fold to "shoig". Anchors carry detection for languages the sentence encoder was
never trained on (Czech, Icelandic), and tell apart two articles on one topic that the encoder
finds alike. Each anchor is weighted by its rarity in the corpus, so "2020" or "Trump" say
less than "1976" or "Annino".

An article's anchors depend on its text alone: with a memo (a `keys.Memo`) they are found again
only for the articles that changed.
"""
from __future__ import annotations

import heapq
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
from anyascii import anyascii

from ..keys import Memo, code_digest, units_key
from ..length import CJK as _CJK

# Names are compared on their first letters: enough to tell names apart, short enough that
# inflected forms meet (Putin, Putina, Putinem -> "putin").
NAME_PREFIX = 5
_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f' ]\d{3})*(?:[.,]\d+)?")
_WORD = re.compile(r"[^\W\d_]+")
_NOT_DIGIT = re.compile(r"\D")
_NOT_LETTER = re.compile(r"[^a-z]")


def article_anchors(units: Sequence[str]) -> frozenset[str]:
    """Numbers (as digit strings, '#'-prefixed) and folded names found in an article's units."""
    anchors: set[str] = set()
    for unit in units:
        text = unicodedata.normalize("NFKC", unit)
        for match in _NUMBER.finditer(text):
            digits = _NOT_DIGIT.sub("", match.group())
            # One-digit numbers are as often spelled out as written: they match by chance.
            if len(digits) >= 2:
                anchors.add("#" + digits.lstrip("0")[:12] if digits.strip("0") else "#0")
        for match in _WORD.finditer(text):
            word = match.group()
            if not word[0].isupper() or _CJK.search(word):
                continue  # only cased scripts mark names; CJK names do not transliterate alike
            folded = _NOT_LETTER.sub("", anyascii(word).lower())
            if len(folded) >= 3:
                anchors.add(folded[:NAME_PREFIX])
    return frozenset(anchors)


def anchors_by_unit(articles: Sequence[Sequence[str]], memo: Memo | None = None) -> list[tuple[frozenset[str], ...]]:
    """The anchors of each unit of each article (`articles`: every article's units); an article's own
    are their union. With a `memo`, looked up by the units' text and found only where it is new."""
    if memo is None:
        return [tuple(article_anchors([unit]) for unit in units) for units in articles]
    keys = [_memo_key(units) for units in articles]
    known = memo.load(list(dict.fromkeys(keys)), _well_formed)
    fresh: dict[str, list[list[str]]] = {}
    found = []
    for key, units in zip(keys, articles, strict=True):
        if key not in known or len(known[key]) != len(units):  # absent, or not what these units give
            known[key] = fresh[key] = [sorted(article_anchors([unit])) for unit in units]
        found.append(tuple(frozenset(anchors) for anchors in known[key]))
    if fresh:
        memo.save(fresh)
    return found


def _memo_key(units: Sequence[str]) -> str:
    return units_key(_memo_salt(), units)


@lru_cache(maxsize=1)
def _memo_salt() -> str:
    """This module's code with what it imports (anyascii, Unicode's tables): what anchors depend on."""
    return f"anchors\0{code_digest('pipeline.translations.anchors')}"


def _well_formed(entry: Any) -> bool:
    return isinstance(entry, list) and all(
        isinstance(anchors, list) and all(isinstance(a, str) for a in anchors) for anchors in entry)


class AnchorIndex:
    """Rarity-weighted anchor sets of every article, and an inverted index over rare ones."""

    def __init__(self, anchor_sets: Sequence[frozenset[str]]) -> None:
        self.sets = list(anchor_sets)
        df = Counter(anchor for anchors in self.sets for anchor in anchors)
        n = max(len(self.sets), 1)
        # Smoothed idf: an anchor found in every article still weighs a little, one found in
        # two weighs most; squared in the cosine, so rare anchors dominate.
        self.weight = {anchor: math.log((n + 1) / count) + 1.0 for anchor, count in df.items()}
        self.df = df
        # fsum: a set's order follows the string hash seed, and a sum in that order would make
        # two builds of one corpus differ in the last bits, and so in which candidate wins a tie.
        self.norm = np.array(
            [math.sqrt(math.fsum(self.weight[a] ** 2 for a in anchors)) for anchors in self.sets]
        )

    def similarity(self, pairs: np.ndarray) -> np.ndarray:
        """Weighted cosine of the anchor sets of each (i, j) row of `pairs`."""
        out = np.zeros(len(pairs), dtype=np.float32)
        sets, weight, norm = self.sets, self.weight, self.norm
        for row, (i, j) in enumerate(pairs.tolist()):
            shared = sets[i] & sets[j]
            if shared:
                out[row] = math.fsum(weight[a] ** 2 for a in shared) / (norm[i] * norm[j])
        return out

    def candidates(self, langs: Sequence[str], per_article: int, max_df: int) -> set[tuple[int, int]]:
        """For each article, the articles of other languages sharing most rare anchors with it.

        Only anchors held by at most `max_df` articles are indexed, so the work stays linear
        in the corpus size instead of pairing every article that mentions "2020".
        """
        postings: dict[str, list[int]] = defaultdict(list)
        for i, anchors in enumerate(self.sets):
            for anchor in anchors:
                if 1 < self.df[anchor] <= max_df:
                    postings[anchor].append(i)
        found: set[tuple[int, int]] = set()
        for i, anchors in enumerate(self.sets):
            score: dict[int, float] = defaultdict(float)
            for anchor in sorted(anchors):  # summed in one order, whatever the string hash seed
                for j in postings.get(anchor, ()):
                    if langs[j] != langs[i]:
                        score[j] += self.weight[anchor]
            # Ties go to the earlier article, whatever order the scores were added in.
            for j in heapq.nsmallest(per_article, score, key=lambda j: (-score[j], j)):
                found.add((min(i, j), max(i, j)))
        return found
