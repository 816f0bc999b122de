"""From pair evidence to stories: a probability per candidate pair, then a global greedy
assignment that lets each story hold at most one version per language.

Greedy over all pairs, strongest first, beats keeping only mutual best matches: an article
whose best match was taken by a stronger pair still finds its own. Stories are the transitive
closure of accepted links (union-find), so an Icelandic version that only its Czech sibling
recognises still joins the English original.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .declared import Groups


@dataclass(frozen=True)
class LinkModel:
    """Logistic model over scoring.FEATURES: (bias, one weight per feature), weighted apart
    for pairs whose languages the sentence encoder covers and pairs where one is unknown to
    it (there sentence vectors say little and anchors carry the decision)."""

    covered: tuple[float, ...]
    uncovered: tuple[float, ...]


# Fitted by `bench/eval_translations.py --fit` on the WMT21 dev set (1,097 articles, 8
# languages, every feature a similarity or a margin, no sentence counts); fitting on either
# half of its stories and testing on the other kept precision and recall within about a
# point of this full fit, see that script.
DEFAULT_MODEL = LinkModel(
    covered=(-17.69, 27.09, 31.08, -2.10, 43.28),
    uncovered=(-7.80, 17.56, 39.54, -2.10, 43.28),
)
# A link is accepted when it is more likely right than wrong.
DEFAULT_THRESHOLD = 0.5
# Probabilities this close count as a tie, for the length tie-breaker to settle.
TIE_DIGITS = 3


def link_probability(
    features: np.ndarray, covered: np.ndarray, model: LinkModel = DEFAULT_MODEL
) -> np.ndarray:
    """Probability that each candidate pair is two versions of one story."""
    if len(features) == 0:
        return np.zeros(0)
    weights = np.where(covered[:, None], np.array(model.covered), np.array(model.uncovered))
    logit = weights[:, 0] + (features * weights[:, 1:]).sum(axis=1)
    return 1.0 / (1.0 + np.exp(-np.clip(logit, -50, 50)))


def assign(
    pairs: np.ndarray,
    probability: np.ndarray,
    groups: Groups,
    threshold: float,
    tie_break: np.ndarray | None = None,
    rank: np.ndarray | None = None,
) -> list[tuple[int, int, float]]:
    """Accept pairs strongest first while they join two stories with no language in common.

    `groups` arrives holding the declared stories (marked fixed) and is merged in place: two
    fixed stories are never joined, so detection only adds undeclared articles to them.
    Pairs whose probabilities agree to TIE_DIGITS decimals go in order of `tie_break` (lower
    first: the length disagreement), then of the articles' `rank` (their order by id), so a
    corpus yields the same stories whatever order its articles come in.
    """
    accepted: list[tuple[int, int, float]] = []
    if len(pairs) == 0:
        return accepted
    tie_break = np.zeros(len(pairs)) if tie_break is None else tie_break
    rank = np.arange(int(pairs.max()) + 1) if rank is None else rank
    low = np.minimum(rank[pairs[:, 0]], rank[pairs[:, 1]])
    high = np.maximum(rank[pairs[:, 0]], rank[pairs[:, 1]])
    order = np.lexsort((high, low, tie_break, -np.round(probability, TIE_DIGITS)))
    for row in order:
        p = float(probability[row])
        if p < threshold:
            break
        i, j = int(pairs[row, 0]), int(pairs[row, 1])
        a, b = groups.find(i), groups.find(j)
        if a == b or (groups.fixed[a] and groups.fixed[b]) or groups.langs[a] & groups.langs[b]:
            continue
        groups.union(a, b)
        accepted.append((i, j, p))
    return accepted


def members_by_story(groups: Groups, articles: Iterable[int]) -> dict[int, list[int]]:
    stories: dict[int, list[int]] = {}
    for i in articles:
        stories.setdefault(groups.find(i), []).append(i)
    return stories


def covered_pairs(pairs: np.ndarray, langs: Sequence[str], covered: frozenset[str] | None) -> np.ndarray:
    """Whether the encoder knows both languages of each pair (all do when unknown)."""
    if covered is None:
        return np.ones(len(pairs), dtype=bool)
    known = np.array([lang.split("-")[0].lower() in covered for lang in langs], dtype=bool)
    return known[pairs[:, 0]] & known[pairs[:, 1]] if len(pairs) else np.zeros(0, dtype=bool)
