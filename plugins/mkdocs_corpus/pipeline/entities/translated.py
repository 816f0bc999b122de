"""Names across the versions of a story: what the aligned paragraphs of two translations say about
their names, for the merging step of the entity stage.

- Join: a name of one paragraph with no counterpart in its aligned paragraph meets the name there
  that is alike in spelling or meaning (`merging.join_aligned`): Kremlin/Kreml, Gaza/Gazastreifen.
- Project: a name with no counterpart at all is looked for among the other paragraph's candidate
  spans (`counterparts.candidates`); the one that means it becomes a mention of the same entity:
  `des Weißen Hauses` where the English says `White House`, though recognition missed it.

Hands on the new mentions with their keys; the keys themselves are joined in place.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .counterparts import Similarity, candidates
from .kana import is_kana, lower_case_sounds, sounds
from .merging import JOIN_ANCHORED, Keys, Names, by_root, join_aligned
from .model import EntityType, Mention
from .resolution import is_anchor, is_country
from .romaji import join_romanised

# How alike a candidate span must be to the name it stands for: above what joins two names found
# by recognition, since a candidate is any capitalised word (`Gesprächen`, `Rahmen`). A country is
# spotted by its names in every language already; what the encoder finds near it is mostly its
# people or its parts (`Americans`, `US-Wahl`): as for joins, only a near-certain name.
PROJECT = 0.65
_TYPES: tuple[EntityType, ...] = ("person", "place", "organisation", "other")


@dataclass(frozen=True)
class Aligned:
    """Two versions of a story and their aligned unit pairs (unit indices on each side)."""

    left: str
    right: str
    pairs: Sequence[tuple[Sequence[int], Sequence[int]]]


@dataclass(frozen=True)
class Versions:
    """What the step reads of each article: its units' text and its language."""

    texts: dict[str, list[str]]
    langs: dict[str, str]


def across_translations(aligned: Iterable[Aligned], key_of: dict[Mention, str], keys: Keys, kind_of: dict[str, str],
                        versions: Versions, similarity: Similarity) -> dict[Mention, str]:
    """Joins the keys of names that translate each other; returns the mentions projected, with their keys."""
    by_unit: dict[tuple[str, int], Names] = defaultdict(lambda: defaultdict(list))
    taken: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
    for mention, key in key_of.items():
        by_unit[(mention.article, mention.unit)][key].append((mention.surface, mention.lang))
        taken[(mention.article, mention.unit)].append((mention.start, mention.end))
    pairs = [(pair.left, tuple(lu), pair.right, tuple(ru)) for pair in aligned for lu, ru in pair.pairs
             if pair.left in versions.langs and pair.right in versions.langs]
    unit_names = [(_names(by_unit, left, lu), _names(by_unit, right, ru)) for left, lu, right, ru in pairs]
    rooted = [(by_root(keys, left), by_root(keys, right)) for left, right in unit_names]
    similarity.prepare(_compared(rooted))
    join_aligned(keys, rooted, kind_of, similarity, list(by_unit.values()))
    join_romanised(keys, unit_names, kind_of)  # after joining: by the roots as they are then
    return _project(pairs, by_unit, taken, keys, kind_of, versions, similarity)


def _compared(rooted: list[tuple[Names, Names]]) -> Iterable[tuple[str, str]]:
    """The names that joining and projecting may compare: those of a name without a counterpart in its
    aligned paragraph (a name found on both sides is never compared, and the encoder is the slow part)."""
    for lroots, rroots in rooted:
        for roots, other in ((lroots, rroots), (rroots, lroots)):
            for root in roots.keys() - other.keys():
                yield from roots[root]


def common_nouns(aligned: Iterable[Aligned], key_of: dict[Mention, str], keys: Keys, versions: Versions) -> set[Mention]:
    """Katakana words recognition took for names that an aligned paragraph of a translation writes as
    a common noun, in lower case: `オンライン` where the English says online, `チェーンソー` chainsaw.
    A place the gazetteer knows and a katakana first name and surname (`・`) are names whatever."""
    by_unit: dict[tuple[str, int], list[Mention]] = defaultdict(list)
    for mention, key in key_of.items():
        if is_kana(mention.surface) and "・" not in mention.surface and not is_anchor(keys.find(key)):
            by_unit[(mention.article, mention.unit)].append(mention)
    if not by_unit:
        return set()
    found: set[Mention] = set()
    for pair in aligned:
        for lu, ru in pair.pairs:
            for side, units, other, other_units in ((pair.left, lu, pair.right, ru), (pair.right, ru, pair.left, lu)):
                mentions = [m for u in units for m in by_unit.get((side, u), ())]
                if not mentions or other not in versions.texts:
                    continue
                texts = versions.texts[other]
                heard = lower_case_sounds(" ".join(texts[u] for u in other_units if u < len(texts)))
                found.update(m for m in mentions if any(x.replace(" ", "") in heard for x in sounds(m.surface)))
    return found


def _names(by_unit: dict[tuple[str, int], Names], article: str, units: Sequence[int]) -> Names:
    names: Names = defaultdict(list)
    for unit in units:
        for key, forms in by_unit.get((article, unit), {}).items():
            names[key] += forms
    return names


def _project(pairs: list[tuple[str, tuple[int, ...], str, tuple[int, ...]]], by_unit: dict[tuple[str, int], Names],
             taken: dict[tuple[str, int], list[tuple[int, int]]], keys: Keys, kind_of: dict[str, str],
             versions: Versions, similarity: Similarity) -> dict[Mention, str]:
    jobs = []
    for left, lu, right, ru in pairs:
        for source, su, target, tu in ((left, lu, right, ru), (right, ru, left, lu)):
            present = {keys.find(k) for u in tu for k in by_unit.get((target, u), {})}
            missing: dict[str, list[tuple[str, str]]] = defaultdict(list)
            for key, forms in _names(by_unit, source, su).items():
                if (root := keys.find(key)) not in present:
                    missing[root] += forms
            if not missing:
                continue
            lang = versions.langs[target]
            spans = [(u, s, e) for u in tu if u < len(versions.texts[target])
                     for s, e in candidates(versions.texts[target][u], lang)
                     if not any(s < te and ts < e for ts, te in taken[(target, u)])]
            if spans:
                jobs.append((target, lang, missing, spans))
    similarity.prepare((versions.texts[target][u][s:e], lang) for target, lang, _, spans in jobs for u, s, e in spans)
    found: dict[Mention, str] = {}
    for target, lang, missing, spans in jobs:
        scored = []
        for root, forms in missing.items():
            for u, s, e in spans:
                score = similarity.best(forms, [(versions.texts[target][u][s:e], lang)])
                if score >= (JOIN_ANCHORED if is_country(keys.anchor.get(root)) else PROJECT):
                    scored.append((score, e - s, root, u, s, e))
        done: set[str] = set()
        for _, _, root, u, s, e in sorted(scored, reverse=True):
            if root in done or any(s < te and ts < e for ts, te in taken[(target, u)]):
                continue
            done.add(root)
            taken[(target, u)].append((s, e))
            kind = kind_of.get(root)
            mention = Mention(target, u, s, e, versions.texts[target][u][s:e],
                              kind if kind in _TYPES else "other", lang)  # type: ignore[arg-type]
            found[mention] = root
            by_unit[(target, u)][root].append((mention.surface, lang))
    return found
