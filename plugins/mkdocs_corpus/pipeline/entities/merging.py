"""Joining keys that name one entity: registry anchors, surnames, and translations.

- A registry entry tied to a country or city (`country: US`) joins that place's key.
- A lone surname (`Putin`) joins the one full name ending in it (`Vladimir Putin`): within its
  article first, then within its story's translations, then in the whole corpus; where two
  full names end in it, it stays apart.
- In aligned paragraphs of a translation pair, a name without a counterpart on one side meets
  the one on the other side that is alike in spelling or meaning (`Kreml` sits where `Kremlin`
  sits), unless both are already tied to different anchors (Iran/Irak, Austria/Australia stay
  apart: different countries) or hold the full names of two different people.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence

from ..union_find import UnionFind
from .apart import SEVERAL_WORDS, Apart, Names, words
from .counterparts import SPELLED_ALIKE, Similarity, spelling
from .kana import keys_sound_alike
from .names import person_key
from .resolution import is_anchor, is_country


class Keys(UnionFind[str]):
    """Union-find over keys; a set holds at most one anchor, so two anchors never merge."""

    def __init__(self) -> None:
        super().__init__()
        self.anchor: dict[str, str] = {}

    def add(self, key: str) -> None:
        if key not in self.parent:
            self.parent[key] = key
            if is_anchor(key):
                self.anchor[key] = key

    def union(self, a: str, b: str, anchors_may_meet: bool = False) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if ra in self.anchor and rb in self.anchor and not anchors_may_meet:
            return False
        if rb in self.anchor:
            ra, rb = rb, ra
        self.link(ra, rb)
        if ra not in self.anchor and rb in self.anchor:
            self.anchor[ra] = self.anchor[rb]
        return True


# `Jr`, `Sr`, `II` after a surname (as `person_key` spells them): no surname of their own (`Lloyd U. Noland Jr`
# is Noland; a lone `Jr`, or the club `ÍR` that spells alike, is not him).
GENERATIONS = frozenset(person_key(word) for word in ("Jr", "Sr", "II", "III", "IV"))


def join_surnames(keys: Keys, person_keys_by_group: Iterable[tuple[str, Iterable[str]]],
                  corpus_full: Iterable[str], cases: Mapping[str, Collection[str]] | None = None) -> None:
    """`per:putin` joins `per:vladimir putin` where that is the only full name ending in `putin`.

    `person_keys_by_group` gives, for each article and then each story, the person keys in it;
    a key in `cases` may also join as each of the surnames listed for it (a German genitive
    `putins` as `putin`, a Russian `путина` as `putin`)."""
    cases = cases or {}
    def by_surname(full_keys: Iterable[str]) -> dict[str, set[str]]:
        table: dict[str, set[str]] = defaultdict(set)
        for key in full_keys:
            words = [word for word in key[len("per:"):].split() if word not in GENERATIONS]
            if len(words) > 1:
                table[words[-1]].add(key)
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
            for candidates in (local.get(name), *(local.get(other) for other in cases.get(key, ()))):
                if candidates and len(candidates) == 1:
                    keys.union(key, next(iter(candidates)))
                    decided.add(key)
                    break
    for key in list(keys.parent):
        name = key[len("per:"):]
        if not key.startswith("per:") or " " in name or key in decided:
            continue
        for candidate in (name, *cases.get(key, ())):
            found = corpus.get(candidate)
            if found and len(found) == 1:
                keys.union(key, next(iter(found)))
                break


# How alike two names in aligned paragraphs must be to be one entity (`counterparts.Similarity`'s
# scale). A country the gazetteer knows has its names in every language already: it takes
# only a near-certain name of its own, so that United States never absorbs Texas, Congress or
# Reuters from the paragraph next to it, nor United Kingdom England (0.81 alike in meaning).
JOIN = 0.6
JOIN_ANCHORED = 0.9
# A person recognition named by one word, or a name spelled (or in katakana sounded) like it, meets a
# place or organisation only as surely as this (`华盛顿`, typed a person, is Washington 0.82 alike in
# meaning; `サミュエル・ユムティティ`, typed an organisation, sounds as Samuel Umtiti; Putin and
# Kremlin are not one).
JOIN_ACROSS_TYPES = 0.7


def join_aligned(keys: Keys, aligned: Iterable[tuple[Names, Names]], kind_of: dict[str, str],
                 similarity: Similarity, side_by_side: Sequence[Names] = ()) -> None:
    """Aligned unit pairs (names by root as `by_root` gives them, left and right): names on one side that
    have no counterpart on the other pair up, one to one, best-alike first, where they are alike enough;
    pairs found in more paragraphs join first. Two sets `Apart` finds to be two things never join
    (`side_by_side`: the names of each paragraph by key)."""
    apart = Apart(keys, side_by_side)
    votes: Counter[tuple[str, str]] = Counter()
    across: set[tuple[str, str]] = set()
    for lroots, rroots in aligned:
        scored = []
        for a in lroots.keys() - rroots.keys():
            for b in rroots.keys() - lroots.keys():
                crossing = not _compatible(kind_of.get(a), kind_of.get(b))
                if crossing and not (_lone_person(kind_of, a, lroots[a], b, rroots[b])
                                     or similarity.spelled_alike(lroots[a], rroots[b])):
                    continue
                score = similarity.best(lroots[a], rroots[b])
                anchored = (is_country(keys.anchor.get(a)) or is_country(keys.anchor.get(b))
                            or _body_in_place(keys, a, lroots[a], rroots[b]) or _body_in_place(keys, b, rroots[b], lroots[a]))
                if score >= max(JOIN_ANCHORED if anchored else JOIN, JOIN_ACROSS_TYPES if crossing else 0.0):
                    scored.append((score, a, b))
                    if crossing:
                        across.add(tuple(sorted((a, b))))  # type: ignore[arg-type]
        used: set[str] = set()
        for _, a, b in sorted(scored, reverse=True):
            if a not in used and b not in used:
                used |= {a, b}
                votes[tuple(sorted((a, b)))] += 1  # type: ignore[index]
    surnames: dict[str, set[str]] = defaultdict(set)  # root -> surnames of the full names in its group
    for key in keys.parent:
        if key.startswith("per:") and " " in key:
            surnames[keys.find(key)].add(key.rsplit(" ", 1)[1])
    for (a, b), _ in sorted(votes.items(), key=lambda item: (-item[1], item[0])):
        ra, rb = keys.find(a), keys.find(b)
        if ra == rb or not (_compatible(kind_of.get(ra), kind_of.get(rb)) or (a, b) in across):
            continue
        left, right = surnames.get(ra, set()), surnames.get(rb, set())
        if left and right and not any(_same_surname(x, y) for x in left for y in right):
            continue  # two people, each with a full name of their own
        if apart.between(ra, rb):
            continue
        if keys.union(a, b):
            root = keys.find(a)
            surnames[root] = left | right
            apart.joined(ra, rb, root)
            kinds = [kind for kind in (kind_of.get(ra), kind_of.get(rb)) if kind]
            if (a, b) in across:  # a place or organisation and a one-word "person": the set takes the former's type
                kinds.sort(key=lambda kind: kind == "person")
            kind_of[root] = kinds[0] if kinds else ""


def _body_in_place(keys: Keys, place: str, place_forms: list[tuple[str, str]], forms: list[tuple[str, str]]) -> bool:
    """A city the gazetteer knows against a name of more words than the city's, which is a body or part named
    after it (`Manchester United`, `Euronext Paris`, `Московской области`) rather than another spelling of it
    (`エルサレム`, `Капитолийский холм` of Capitol Hill)."""
    if not keys.anchor.get(place, "").startswith("geo:"):
        return False
    return min(len(words(name)) for name, _ in forms) > max(len(words(name)) for name, _ in place_forms)


def _same_surname(x: str, y: str) -> bool:
    """Spelled alike, or sounding alike (`smith` and the katakana's `sumisu`) or nearly so (`klimt`, `kurimuto`)."""
    return spelling(x, y) >= SPELLED_ALIKE or keys_sound_alike(x, y)


def by_root(keys: Keys, names: Names) -> dict[str, list[tuple[str, str]]]:
    roots: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, forms in names.items():
        roots[keys.find(key)] += forms
    return roots


def _lone_person(kind_of: dict[str, str], a: str, a_forms: list[tuple[str, str]], b: str,
                 b_forms: list[tuple[str, str]]) -> bool:
    """Whether the person of a person/place pair is named by one word only (`华盛顿`, `Висконсин`):
    recognition types such names least surely, and a name with a first name is a person."""
    forms = a_forms if kind_of.get(a) == "person" else b_forms
    return not any(SEVERAL_WORDS.search(name) for name, _ in forms)


def _compatible(a: str | None, b: str | None) -> bool:
    """People meet people; places and organisations may meet (`Kremlin` is both)."""
    return (a == "person") == (b == "person")
