"""What shows two sets of names to be two things, whatever a translation's paragraph suggests.

Aligned paragraphs join a name without a counterpart to the one left on the other side; where a
translation names something else there (a recogniser's miss, a loose translation), one such vote
would join two parties or two clubs. Two sets stay apart where
- one paragraph names a member of each in words spelled unalike (`Democrats and Republicans`), or
- each holds a name of several words in one language, starting with one word and ending in different ones
  (`Manchester City`, `Manchester United`; not `Лейбористская партия` and `Партия труда`).
A short form (`Abta`, `NFB`: perhaps the initials of the other) and a case of one name (`Окленд`,
`Окленда`) are no such evidence.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from ..union_find import UnionFind
from .counterparts import spelling
from .names import han_only

Names = dict[str, list[tuple[str, str]]]  # key -> (name, lang) of its mentions in some paragraphs

SEVERAL_WORDS = re.compile(r"[\s・·‧=＝]")
# Spelled less alike than this, two names are two (`Democrats`, `Republicans` 0.2); a case or a longer
# form of one name is more alike (`Fukushima`, `Fukushima Prefecture` 0.6).
APART = 0.5
SHORT_FORM = 5  # letters of a one-word name that may be the initials of another


class Apart:
    def __init__(self, keys: UnionFind[str], side_by_side: Sequence[Names]) -> None:
        self.keys = keys
        self.side_by_side = side_by_side
        self.units: dict[str, set[int]] = defaultdict(set)  # root -> paragraphs naming a member
        # root -> (lang, first word) -> last words of its names of several words
        self.endings: dict[str, dict[tuple[str, str], set[str]]] = defaultdict(lambda: defaultdict(set))
        for n, unit in enumerate(side_by_side):
            for key, forms in unit.items():
                root = keys.find(key)
                self.units[root].add(n)
                for name, lang in forms:
                    parts = words(name)
                    if len(parts) > 1 and len(parts[-1]) > 2:  # not `Jr`, `II`, `Un`
                        self.endings[root][(lang, parts[0].casefold())].add(parts[-1].casefold())

    def between(self, ra: str, rb: str) -> bool:
        """Whether the sets of roots `ra` and `rb` are two things."""
        left, right = self.endings.get(ra, {}), self.endings.get(rb, {})
        for start in left.keys() & right.keys():
            if any(spelling(x, y) < APART for x in left[start] for y in right[start]):
                return True
        for n in self.units.get(ra, set()) & self.units.get(rb, set()):
            names = [(self.keys.find(key), name) for key, forms in self.side_by_side[n].items() for name, _ in forms]
            if any(_unalike(x, y) for r, x in names if r == ra for q, y in names if q == rb):
                return True
        return False

    def joined(self, ra: str, rb: str, root: str) -> None:
        units, endings = self.units.pop(ra, set()) | self.units.pop(rb, set()), defaultdict(set)
        for side in (self.endings.pop(ra, {}), self.endings.pop(rb, {})):
            for start, words in side.items():
                endings[start] |= words
        self.units[root], self.endings[root] = units, endings


def words(name: str) -> list[str]:
    """The words of a name, whatever separates them (spaces, katakana's middle dot, a double hyphen)."""
    return SEVERAL_WORDS.split(name.strip())


def _unalike(x: str, y: str) -> bool:
    if han_only(x) and han_only(y):
        return x not in y and y not in x  # 民主党, 共和党: pinyin spells them half alike
    return not _short_form(x) and not _short_form(y) and spelling(x, y) < APART


def _short_form(name: str) -> bool:
    return len(name) <= SHORT_FORM and not SEVERAL_WORDS.search(name)
