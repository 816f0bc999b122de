"""A gazetteer in every script for the multilingual taggers: models/gazetteer_world.tsv.gz (bench/train_ner_world.py).

Place names of every CLDR locale, GeoNames cities with their alternate names, first and last names of Faker's locales.
Slavic names are inflected (Rosji for Rosja, Пакистана for Пакистан): a capitalised word that matches no entry is
also looked up with its last one to three letters cut off, against entries with and without their last letter; such
a hit is a weaker feature of its own (`cat:~`), which the CRF weighs.
"""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from functools import cache

from .pieces import MODELS

PATH = MODELS / "gazetteer_world.tsv.gz"
MAX_TOKENS = 4
MIN_STEM = 4  # shorter words would match too many entries once cut


@cache
def _load() -> tuple[dict[tuple[str, ...], frozenset[str]], dict[str, frozenset[str]]]:
    exact: dict[tuple[str, ...], frozenset[str]] = {}
    stems: dict[str, set[str]] = {}
    with gzip.open(PATH, "rt", encoding="utf-8") as f:
        for line in f:
            key, cats = line.rstrip("\n").split("\t")
            words = tuple(key.split(" "))
            exact[words] = frozenset(cats.split(","))
            if len(words) == 1 and len(key) >= MIN_STEM:
                for stem in (key, key[:-1]):
                    stems.setdefault(stem, set()).update(exact[words])
    return exact, {k: frozenset(v) for k, v in stems.items()}


def tags(words: Sequence[str]) -> list[list[str]]:
    """Per token: 'cat:B' / 'cat:I' of the longest entry starting at a capitalised word, else 'cat:~' of an
    inflected form of a one-word entry."""
    exact, stems = _load()
    low = [w.casefold() for w in words]
    out: list[list[str]] = [[] for _ in words]
    n = len(words)
    for i in range(n):
        if not words[i][:1].isupper():
            continue
        for j in range(min(n, i + MAX_TOKENS), i, -1):
            if cats := exact.get(tuple(low[i:j])):
                for c in cats:
                    out[i].append(c + ":B")
                    out[i + 1 : j] = [[*t, c + ":I"] for t in out[i + 1 : j]]
                break
        else:
            if len(low[i]) > MIN_STEM:
                for cut in (1, 2, 3):
                    if cats := stems.get(low[i][:-cut]):
                        out[i].extend(c + ":~" for c in cats)
                        break
    return out
