"""Candidate pairs and their evidence: which articles might be versions of one story, and how
strongly their text says so.

Blocking keeps the work near-linear: each article is compared in full only with its few
nearest articles of every other language (by mean sentence vector) and with the articles
sharing its rarest anchors. Each candidate pair then gets sentence-level evidence (BiMax: how
well every sentence of one finds a counterpart in the other) and anchor evidence, each also
as a margin over the article's other candidates in that language, since a translation stands
out from the crowd of same-topic articles more clearly than it clears any fixed bar.
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from .anchors import AnchorIndex
from .embeddings import CorpusVectors, language_codes

# Nearest articles per other language kept as candidates; the true version was within the
# 5 nearest for 97.7% of the dev pairs and anchors and transitive closure bring the rest.
DOC_NEIGHBOURS = 5
ANCHOR_NEIGHBOURS = 5
# Anchors held by more articles than this are too common to block on.
ANCHOR_MAX_DF = 50
# Margins compare a score with the mean of the article's best MARGIN_K candidates in the other
# language; missing neighbours (small corpora) count as a typical unrelated pair's score, so a
# corpus of two articles is judged like a large one.
MARGIN_K = 4
UNRELATED_BIMAX = 0.2
UNRELATED_ANCHORS = 0.0
_ROWS_PER_BLOCK = 2048  # bounds the dense similarity block to ~2048 x N floats

FEATURES = ("bimax", "bimax_margin", "anchors", "anchors_margin")
# Threads for sentence scoring: past a few, they only wait for the GIL.
MAX_THREADS = 4


def candidate_pairs(vectors: CorpusVectors, langs: Sequence[str], anchors: AnchorIndex) -> np.ndarray:
    """(P, 2) array of article index pairs i < j of different languages, each once."""
    lang_array = np.asarray(langs)
    n = len(langs)
    found: list[np.ndarray] = []  # pairs as i * n + j, i < j
    docs = vectors.documents
    for lang in sorted(set(langs)):
        members = np.flatnonzero(lang_array == lang)
        others = np.flatnonzero(lang_array != lang)
        if len(others) == 0:
            continue
        k = min(DOC_NEIGHBOURS, len(members))
        target = docs[members]
        for start in range(0, len(others), _ROWS_PER_BLOCK):
            rows = others[start : start + _ROWS_PER_BLOCK]
            distance = docs[rows] @ target.T
            np.negative(distance, out=distance)  # in place: at 20,000 articles a block is 140 MB
            nearest = members[np.argpartition(distance, k - 1, axis=1)[:, :k]]
            i = np.repeat(rows, k)
            j = nearest.ravel()
            found.append(np.minimum(i, j) * n + np.maximum(i, j))
    by_anchors = anchors.candidates(langs, ANCHOR_NEIGHBOURS, ANCHOR_MAX_DF)
    found.append(np.array([i * n + j for i, j in by_anchors], dtype=np.int64))
    codes = np.unique(np.concatenate(found))  # sorted: the pairs in (i, j) order
    return np.column_stack((codes // n, codes % n)) if len(codes) else np.zeros((0, 2), dtype=np.int64)


def bimax(vectors: CorpusVectors, pairs: np.ndarray) -> np.ndarray:
    """Mean best-match sentence similarity, averaged over both directions, for each pair.

    One matrix product per article against all its candidates at once, then segment-wise
    maxima; a Python loop over articles, not over pairs, split among threads: the matrix work
    releases the GIL, and each article's pairs are written by one thread, so the result does
    not depend on how many there are.
    """
    out = np.zeros(len(pairs), dtype=np.float32)
    if len(pairs) == 0:
        return out
    order = np.argsort(pairs[:, 0], kind="stable")
    firsts = pairs[order, 0]
    groups = np.split(order, np.flatnonzero(np.diff(firsts)) + 1)
    starts = vectors.sentence_start

    def score(chunk: list[np.ndarray]) -> None:
        for rows in chunk:
            i = int(pairs[rows[0], 0])
            mine = vectors.article_sentences(i)
            js = pairs[rows, 1]
            lengths = starts[js + 1] - starts[js]
            usable = lengths > 0
            if len(mine) == 0 or not usable.any():
                continue
            rows, js, lengths = rows[usable], js[usable], lengths[usable]
            theirs = np.concatenate([vectors.article_sentences(int(j)) for j in js])
            sims = mine @ theirs.T
            offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
            forward = np.maximum.reduceat(sims, offsets, axis=1).mean(axis=0)
            backward = np.add.reduceat(sims.max(axis=0), offsets) / lengths
            out[rows] = (forward + backward) / 2

    threads = min(MAX_THREADS, os.cpu_count() or 1)
    size = -(-len(groups) // (threads * 8))  # chunks several per thread, so none is left with the long tail
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(score, [groups[k:k + size] for k in range(0, len(groups), size)]))
    return out


def margins(pairs: np.ndarray, scores: np.ndarray, langs: Sequence[str], unrelated: float) -> np.ndarray:
    """Each score minus the mean of the two articles' neighbourhood levels (see MARGIN_K)."""
    if len(pairs) == 0:
        return scores.copy()
    lang_code, languages = language_codes(langs)
    # Both directions: article i's neighbourhood in lang(j), and j's in lang(i).
    article = np.concatenate([pairs[:, 0], pairs[:, 1]])
    other_lang = np.concatenate([lang_code[pairs[:, 1]], lang_code[pairs[:, 0]]])
    both = np.concatenate([scores, scores])
    group = article * languages + other_lang
    order = np.lexsort((-both, group))
    sorted_group = group[order]
    first = np.r_[True, sorted_group[1:] != sorted_group[:-1]]
    group_start = np.maximum.accumulate(np.where(first, np.arange(len(order)), 0))
    rank = np.arange(len(order)) - group_start
    top = rank < MARGIN_K
    keys, inverse = np.unique(sorted_group, return_inverse=True)
    top_sum = np.bincount(inverse, weights=np.where(top, both[order], 0.0), minlength=len(keys))
    top_count = np.bincount(inverse, weights=top.astype(float), minlength=len(keys))
    level = (top_sum + (MARGIN_K - top_count) * unrelated) / MARGIN_K
    level_of_row = np.empty(len(order))
    level_of_row[order] = level[inverse]
    n = len(pairs)
    return (scores - (level_of_row[:n] + level_of_row[n:]) / 2).astype(np.float32)


def pair_features(
    vectors: CorpusVectors, anchors: AnchorIndex, langs: Sequence[str], pairs: np.ndarray
) -> np.ndarray:
    """(P, len(FEATURES)) evidence for each candidate pair."""
    sentence_scores = bimax(vectors, pairs)
    anchor_scores = anchors.similarity(pairs)
    return np.column_stack(
        [
            sentence_scores,
            margins(pairs, sentence_scores, langs, UNRELATED_BIMAX),
            anchor_scores,
            margins(pairs, anchor_scores, langs, UNRELATED_ANCHORS),
        ]
    )


def length_disagreement(pairs: np.ndarray, lengths: np.ndarray, langs: Sequence[str]) -> np.ndarray:
    """How far each pair's length ratio strays from the usual one for its two languages.

    Only a tie-breaker: scripts differ in characters per idea (Japanese needs about a third
    of the characters of English), so the usual ratio is the median over the candidate pairs
    of the same two languages, not 1.
    """
    if len(pairs) == 0:
        return np.zeros(0)
    log_ratio = np.log(np.maximum(lengths[pairs[:, 1]], 1) / np.maximum(lengths[pairs[:, 0]], 1))
    lang_code, languages = language_codes(langs)
    group = lang_code[pairs[:, 0]] * languages + lang_code[pairs[:, 1]]  # the pair's two languages, in order
    order = np.argsort(group, kind="stable")
    starts = np.flatnonzero(np.r_[True, np.diff(group[order]) != 0])
    usual = np.zeros(len(pairs))
    for rows in np.split(order, starts[1:]):
        usual[rows] = np.median(log_ratio[rows])
    return np.abs(log_ratio - usual)
