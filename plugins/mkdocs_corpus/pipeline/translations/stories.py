"""Translation stage: group the versions of each story and align their paragraphs.

Takes every article as a `Version` (language, text units, declarations) and hands on
`Story` groups (at most one version per language, each link with a confidence, a paragraph
alignment for every pair of versions) and `Problem`s for declarations that could not hold.
Declared groups are settled first and stay fixed; detection adds undeclared articles.
"""
from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from typing import TYPE_CHECKING

import numpy as np
from threadpoolctl import threadpool_limits

from .alignment import Units, align
from .anchors import AnchorIndex, anchors_by_unit
from .declared import Declarations, declared_links, settle
from .detection import DEFAULT_MODEL, DEFAULT_THRESHOLD, LinkModel, assign, covered_pairs, link_probability, members_by_story
from .embeddings import CachedEmbedder, CorpusVectors, Embedder, UseEmbedder, embed_corpus
from .model import Link, Problem, Story, TranslationResult, Version
from .scoring import candidate_pairs, length_disagreement, pair_features

if TYPE_CHECKING:
    from ..keys import Memo

# Past this many versions a story's alignments cover its links and a star around one hub version (the story
# page aligns every version through one pivot), not every pair.
ALL_PAIRS_UP_TO = 8


def find_stories(
    versions: Sequence[Version],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    embedder: Embedder | CachedEmbedder | None = None,
    model: LinkModel = DEFAULT_MODEL,
    anchor_memo: Memo | None = None,
) -> TranslationResult:
    """Stories among `versions`: declared ones, completed and joined by detected ones.

    `threshold` is the least link probability accepted; `model` is there for calibration
    (bench/eval_translations.py), the default is the fitted one; `anchor_memo` keeps each
    article's anchors between builds (a `keys.Memo`).
    """
    versions, problems = _unique(versions)
    index = {v.article_id: i for i, v in enumerate(versions)}
    declarations = settle(versions, index)
    problems.extend(declarations.problems)
    if len(versions) < 2:
        return TranslationResult((), tuple(problems))

    embedder = embedder or UseEmbedder()
    vectors = embed_corpus(versions, embedder)
    langs = [v.lang for v in versions]
    # What follows is many small matrix products: BLAS threads only spin-wait on them, and on
    # a busy machine that made scoring twenty times slower than one thread.
    with threadpool_limits(limits=1, user_api="blas"):
        unit_anchors = anchors_by_unit([v.units for v in versions], anchor_memo)
        anchors = AnchorIndex([frozenset().union(*units) for units in unit_anchors])
        pairs = candidate_pairs(vectors, langs, anchors)
        features = pair_features(vectors, anchors, langs, pairs)
        covered = covered_pairs(pairs, langs, getattr(embedder, "languages", None))
        probability = link_probability(features, covered, model)
        lengths = np.array([sum(len(unit) for unit in v.units) for v in versions])
        tie_break = length_disagreement(pairs, lengths, langs)
        rank = np.argsort(np.argsort([v.article_id for v in versions], kind="stable"))
        detected = assign(pairs, probability, declarations.groups, threshold, tie_break, rank)
        stories = _build(versions, index, vectors, unit_anchors, declarations, detected)
    return TranslationResult(tuple(stories), tuple(problems))


def _unique(versions: Sequence[Version]) -> tuple[list[Version], list[Problem]]:
    seen: set[str] = set()
    kept: list[Version] = []
    problems: list[Problem] = []
    for version in versions:
        if version.article_id in seen:
            problems.append(Problem(version.article_id, "article id appears more than once; later copy ignored"))
            continue
        seen.add(version.article_id)
        kept.append(version)
    return kept, problems


def _build(
    versions: Sequence[Version],
    index: dict[str, int],
    vectors: CorpusVectors,
    unit_anchors: Sequence[tuple[frozenset[str], ...]],
    declarations: Declarations,
    detected: list[tuple[int, int, float]],
) -> list[Story]:
    groups = declarations.groups
    links_of: dict[int, list[Link]] = {}
    for link in declared_links(versions, declarations):
        root = groups.find(index[link.source])
        links_of.setdefault(root, []).append(link)
    for i, j, p in detected:
        a, b = sorted((versions[i].article_id, versions[j].article_id))
        links_of.setdefault(groups.find(i), []).append(Link(a, b, round(p, 4), False))

    stories: list[Story] = []
    for root, rows in members_by_story(groups, range(len(versions))).items():
        if len(rows) < 2:
            continue
        rows.sort(key=lambda r: versions[r].article_id)
        links = tuple(links_of.get(root, ()))
        if len(rows) <= ALL_PAIRS_UP_TO:
            aligned = list(combinations(rows, 2))
        else:
            aligned = [(index[link.source], index[link.target]) for link in links]
            hub = _hub(rows, versions, links, index)
            paired = {frozenset(pair) for pair in aligned}
            aligned += [(hub, r) for r in rows if r != hub and frozenset((hub, r)) not in paired]
        units = {r: Units.of(versions[r].article_id, versions[r].units, vectors.article_units(r), unit_anchors[r])
                 for r in rows}
        alignments = tuple(align(units[a], units[b]) for a, b in aligned)
        is_declared = any(r in declarations.declared for r in rows)
        key = groups.key[root] or versions[rows[0]].article_id
        members = tuple(versions[r].article_id for r in rows)
        stories.append(Story(key, members, links, alignments, is_declared))
    stories.sort(key=lambda story: story.key)
    return stories


def _hub(rows: Sequence[int], versions: Sequence[Version], links: Sequence[Link], index: dict[str, int]) -> int:
    """The version every other is aligned with in a large story: the one original a curator declared, else the
    longest (the story page's pivot: translations in a scraped corpus tend to lose paragraphs, not gain them)."""
    targets = {link.target for link in links if link.declared}
    sources = {link.source for link in links if link.declared} - targets
    if len(sources) == 1:
        return index[next(iter(sources))]
    return max(rows, key=lambda r: (sum(len(unit) for unit in versions[r].units), versions[r].article_id))
