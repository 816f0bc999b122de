"""Joining keys that name one entity: registry anchors, surnames, and translations.

- A registry entry tied to a country or city (`country: US`) joins that place's key.
- A lone surname (`Putin`) joins the one full name ending in it (`Vladimir Putin`): within its
  article first, then within its story's translations, then in the whole corpus; where two
  full names end in it, it stays apart.
- In aligned paragraphs of a translation pair, the one unmatched name on each side is one
  entity (`Kreml` sits where `Kremlin` sits), unless both are already tied to different anchors
  (Iran/Irak, Austria/Australia stay apart: different countries).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable

from .resolution import is_anchor


class Keys:
    """Union-find over keys; a set holds at most one anchor, so two anchors never merge."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.anchor: dict[str, str] = {}

    def add(self, key: str) -> None:
        if key not in self.parent:
            self.parent[key] = key
            if is_anchor(key):
                self.anchor[key] = key

    def find(self, key: str) -> str:
        self.add(key)
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:
            self.parent[key], key = root, self.parent[key]
        return root

    def union(self, a: str, b: str, anchors_may_meet: bool = False) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if ra in self.anchor and rb in self.anchor and not anchors_may_meet:
            return False
        if rb in self.anchor:
            ra, rb = rb, ra
        self.parent[rb] = ra
        if ra not in self.anchor and rb in self.anchor:
            self.anchor[ra] = self.anchor[rb]
        return True


def join_surnames(keys: Keys, person_keys_by_group: Iterable[tuple[str, Iterable[str]]],
                  corpus_full: Iterable[str], genitives: Collection[str] = ()) -> None:
    """`per:putin` joins `per:vladimir putin` where that is the only full name ending in `putin`.

    `person_keys_by_group` gives, for each article and then each story, the person keys in it;
    a key in `genitives` (a German surname ending in s) may also join without its final s."""
    def by_surname(full_keys: Iterable[str]) -> dict[str, set[str]]:
        table: dict[str, set[str]] = defaultdict(set)
        for key in full_keys:
            name = key[len("per:"):]
            if " " in name:
                table[name.rsplit(" ", 1)[1]].add(key)
        return table

    corpus = by_surname(corpus_full)
    decided: set[str] = set()
    for _, group in person_keys_by_group:
        group = list(group)
        local = by_surname(group)
        for key in group:
            name = key[len("per:"):]
            if " " in name or key in decided:
                continue
            for candidates in (local.get(name), local.get(name.removesuffix("s")) if key in genitives else None):
                if candidates and len(candidates) == 1:
                    keys.union(key, next(iter(candidates)))
                    decided.add(key)
                    break
    for key in list(keys.parent):
        name = key[len("per:"):]
        if not key.startswith("per:") or " " in name or key in decided:
            continue
        for candidate in (name, name.removesuffix("s")) if key in genitives else (name,):
            found = corpus.get(candidate)
            if found and len(found) == 1:
                keys.union(key, next(iter(found)))
                break


def join_aligned(keys: Keys, aligned: Iterable[tuple[set[str], set[str]]], kind_of: dict[str, str]) -> None:
    """Aligned unit pairs (keys left, keys right): the one unmatched name on each side meet."""
    votes: Counter[tuple[str, str]] = Counter()
    for left, right in aligned:
        lroots = {keys.find(k) for k in left}
        rroots = {keys.find(k) for k in right}
        only_left, only_right = lroots - rroots, rroots - lroots
        if len(only_left) == 1 and len(only_right) == 1:
            a, b = next(iter(only_left)), next(iter(only_right))
            if _compatible(kind_of.get(a), kind_of.get(b)):
                votes[tuple(sorted((a, b)))] += 1  # type: ignore[index]
    for (a, b), _ in sorted(votes.items(), key=lambda item: (-item[1], item[0])):
        keys.union(a, b)


def _compatible(a: str | None, b: str | None) -> bool:
    """People meet people; places and organisations may meet (`Kremlin` is both)."""
    return (a == "person") == (b == "person")
