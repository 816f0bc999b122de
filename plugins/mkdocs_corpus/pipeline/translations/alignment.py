"""Paragraph alignment of two versions of one story: which units say the same thing.

A monotonic dynamic programme (translations keep the order of what they say) over the moves
1-1, 1-0, 0-1, 1-2 and 2-1. A match earns its unit similarity above a bar, so a unit with no
good counterpart (a title the translation lacks, a credits line) is left unmatched rather
than forced onto a neighbour; length agreement (Gale-Church's observation that translated
paragraphs keep proportional lengths) only breaks near-ties.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .anchors import article_anchors
from .model import Alignment

# A 1-1 match must beat a bar to be worth more than leaving both units unmatched. For
# languages the encoder knows, unrelated units score about 0.2 and translations 0.5 and up
# (language-centred vectors), so the bar is MATCH_BAR; where it does not know a language all
# similarities shrink (translations about 0.25, unrelated 0.07), so the bar drops to what
# stands out in this pair: the mean similarity plus BAR_SPREAD standard deviations.
MATCH_BAR = 0.3
BAR_SPREAD = 0.5
MIN_CELLS_FOR_SPREAD = 9
# Merging two units costs a little, so 1-1 wins unless the merge is clearly better.
MERGE_COST = 0.05
# Weight of length disagreement: |log of the length ratio, relative to the article pair's|.
LENGTH_WEIGHT = 0.05
# Weight of the numbers and names two units share (Jaccard of their anchor sets, 0..1).
ANCHOR_WEIGHT = 0.3

Pair = tuple[tuple[int, ...], tuple[int, ...]]
Gains = list[list[float]]  # one row per source unit (or pair of units), one column per target's


@dataclass(frozen=True)
class Units:
    """One version's units as alignment reads them; built once per article, used per pair."""

    article_id: str
    texts: Sequence[str]
    vectors: np.ndarray  # one normalised row per unit
    anchors: tuple[frozenset[str], ...]

    @classmethod
    def of(cls, article_id: str, texts: Sequence[str], vectors: np.ndarray,
           anchors: tuple[frozenset[str], ...] | None = None) -> Units:
        """`anchors`: each unit's, if known (anchors.anchors_by_unit)."""
        return cls(article_id, texts, vectors, anchors if anchors is not None else tuple(article_anchors([t]) for t in texts))


def align(source: Units, target: Units, match_bar: float | None = None) -> Alignment:
    source_units, target_units = source.texts, target.texts
    source_vectors, target_vectors = source.vectors, target.vectors
    n, m = len(source_units), len(target_units)
    sims = _unit_similarity(source, target)
    if match_bar is None:
        match_bar = MATCH_BAR
        if sims.size >= MIN_CELLS_FOR_SPREAD:
            match_bar = min(MATCH_BAR, float(sims.mean() + BAR_SPREAD * sims.std()))
    src_len = np.array([max(len(u), 1) for u in source_units], dtype=float)
    tgt_len = np.array([max(len(u), 1) for u in target_units], dtype=float)
    ratio = (tgt_len.sum() / src_len.sum()) if n and m else 1.0

    # Every move's gain, worked out before the programme: its loop then does only float arithmetic.
    def gains(similarity: np.ndarray, rows: np.ndarray, columns: np.ndarray, cost: float) -> Gains:
        length_cost = LENGTH_WEIGHT * np.abs(np.log(columns[None, :] / (rows[:, None] * ratio)))
        return (similarity - match_bar - cost - length_cost).tolist()  # type: ignore[no-any-return]

    one_one = gains(sims, src_len, tgt_len, 0.0)
    # Units k and k+1 of one side together against one unit of the other.
    two_one = gains(_merged(source_vectors) @ target_vectors.T, src_len[:-1] + src_len[1:], tgt_len, MERGE_COST)
    one_two = gains(source_vectors @ _merged(target_vectors).T, src_len, tgt_len[:-1] + tgt_len[1:], MERGE_COST)
    pairs = best_path(n, m, one_one, two_one, one_two)
    matched = sum(len(s) + len(t) for s, t in pairs if s and t)
    coverage = matched / (n + m) if n + m else 0.0
    return Alignment(source.article_id, target.article_id, tuple(pairs), round(coverage, 4))


def best_path(n: int, m: int, one_one: Gains, two_one: Gains, one_two: Gains) -> list[Pair]:
    """The monotone path from (0, 0) to (n, m) with the greatest total gain: a 1-0 or 0-1 move
    gains nothing, 1-1 at (i, j) gains one_one[i][j], 2-1 two_one[i][j], 1-2 one_two[i][j]."""
    neg = -math.inf
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    # Moves from (i, j) are tried in the order 1-0, 0-1, 1-1, 2-1, 1-2; on a tie the first stays.
    for i in range(n + 1):
        row, back_row = best[i], back[i]
        below, back_below = (best[i + 1], back[i + 1]) if i < n else (row, back_row)
        two_below, back_two_below = (best[i + 2], back[i + 2]) if i + 1 < n else (row, back_row)
        for j in range(m + 1):
            here = row[j]
            if here == neg:
                continue
            if i < n and here > below[j]:
                below[j], back_below[j] = here, (1, 0)
            if j < m:
                if here > row[j + 1]:
                    row[j + 1], back_row[j + 1] = here, (0, 1)
                if i < n:
                    total = here + one_one[i][j]
                    if total > below[j + 1]:
                        below[j + 1], back_below[j + 1] = total, (1, 1)
                    if i + 1 < n:
                        total = here + two_one[i][j]
                        if total > two_below[j + 1]:
                            two_below[j + 1], back_two_below[j + 1] = total, (2, 1)
                    if j + 1 < m:
                        total = here + one_two[i][j]
                        if total > below[j + 2]:
                            below[j + 2], back_below[j + 2] = total, (1, 2)
    pairs: list[Pair] = []
    i, j = n, m
    while i or j:
        step = back[i][j]
        assert step is not None
        di, dj = step
        pairs.append((tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    pairs.reverse()
    return pairs


def _unit_similarity(source: Units, target: Units) -> np.ndarray:
    n, m = len(source.texts), len(target.texts)
    sims = source.vectors @ target.vectors.T if n and m else np.zeros((n, m))
    bonus = np.zeros_like(sims)
    for i, a in enumerate(source.anchors):
        if not a:
            continue
        for j, b in enumerate(target.anchors):
            if b:
                bonus[i, j] = len(a & b) / len(a | b)
    return np.asarray(sims + ANCHOR_WEIGHT * bonus, dtype=float)


def _merged(vectors: np.ndarray) -> np.ndarray:
    if len(vectors) < 2:
        return np.zeros((0, vectors.shape[1] if vectors.ndim == 2 else 0))
    summed = vectors[:-1] + vectors[1:]
    return summed / np.maximum(np.linalg.norm(summed, axis=1, keepdims=True), 1e-12)
