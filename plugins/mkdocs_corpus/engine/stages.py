"""The corpus-wide stages as a build runs them: each with its stores opened, counted and closed around it."""
from __future__ import annotations

import base64
import time
from pathlib import Path
from typing import Any

import numpy as np
from mkdocs.plugins import get_plugin_logger

from ..pipeline.entities import Aligned, EntityIndex, Similarity, build_index, load_registry
from ..pipeline.keys import code_digest
from ..pipeline.model import Article, Corpus, Problem
from ..pipeline.translations.embeddings import USE_LANGUAGES, CachedEmbedder, UseEmbedder
from ..pipeline.versions import StoryIndex, find_versions
from .cache import StageMemo, VectorCache
from .stats import CacheUse

log = get_plugin_logger(__name__)


def translation_stage(articles: list[Article], threshold: float | None, cache_dir: Path | None, progress: Any,
                      use: CacheUse) -> tuple[StoryIndex, list[Problem]]:
    """Sentence vectors come from the cache where the article's text was seen before, anchors from the
    stage memo."""
    store, memo = VectorCache(cache_dir), StageMemo(cache_dir, "anchors")
    try:
        return find_versions(articles, threshold, CachedEmbedder(UseEmbedder(), store, progress), memo)
    finally:
        _finish(use, sentence_vectors=store, translation_anchors=memo)


def entity_stage(corpus: Corpus, root: Path, stories: StoryIndex, min_articles: int, cache_dir: Path | None,
                 use: CacheUse) -> EntityIndex:
    """The registry read from the corpus folder, the aligned paragraphs of translations handed over, each
    article's mentions looked up in the stage memo, the index built and its size logged."""
    registry, problems = load_registry(root / corpus.registry if corpus.registry else None, corpus.registry or "")
    corpus.problems.extend(problems)
    aligned = [Aligned(a.source, a.target, a.pairs) for story in stories.stories for a in story.alignments]
    story_of = {article_id: story.key for article_id, story in stories.story_of.items()}
    started = time.perf_counter()
    memo, names = StageMemo(cache_dir, "mentions"), StageMemo(cache_dir, "name_vectors")
    try:
        similarity = Similarity(NameVectors(UseEmbedder(), names), USE_LANGUAGES) if aligned else None
        index = build_index(corpus.articles, registry, aligned, story_of, memo, similarity)
    finally:
        _finish(use, entity_mentions=memo, name_vectors=names)
    for entity in index.entities:
        entity.page = len(entity.articles) >= min_articles
    mentions = sum(len(found) for found in index.mentions_of.values())
    pages = sum(e.page for e in index.entities)
    log.info(f"entities: {len(index.entities):,} ({pages:,} with a page) from {mentions:,} mentions "
             f"in {time.perf_counter() - started:.1f} s")
    return index


def _finish(use: CacheUse, **stores: StageMemo | VectorCache) -> None:
    """Each store pruned to what this build used and closed, a store that was off said, and its use counted."""
    for store in stores.values():
        store.finish()
    _notice(*stores.values())
    for name, store in stores.items():
        use.count(name, store)


def _notice(*stores: StageMemo | VectorCache) -> None:
    """A store that was off (locked by another process, unreadable) costs only time: said, not warned."""
    for store in stores:
        if store.error:
            log.info(f"cache: {store.error}")


class NameVectors:
    """The encoder's vectors of names from the stage memo (float16, as base64): names recur across
    builds and stories, and the encoder is the slow part of comparing them."""

    def __init__(self, encoder: UseEmbedder, memo: StageMemo) -> None:
        self.encoder, self.memo = encoder, memo
        self.salt = code_digest("pipeline.translations.embeddings")[:16]

    def __call__(self, texts: list[str]) -> np.ndarray:
        keys = [f"{self.salt}:{text}" for text in texts]
        found = {k: np.frombuffer(base64.b64decode(v), dtype=np.float16) for k, v in self.memo.load(keys, _vector).items()}
        missing = [text for text, key in zip(texts, keys, strict=True) if key not in found]
        if missing:
            fresh = dict(zip((f"{self.salt}:{text}" for text in missing), self.encoder(missing).astype(np.float16), strict=True))
            found.update(fresh)
            self.memo.save({key: base64.b64encode(row.tobytes()).decode() for key, row in fresh.items()})
        return np.stack([found[key].astype(np.float32) for key in keys]) if keys else np.zeros((0, 512), np.float32)


def _vector(value: object) -> bool:
    return isinstance(value, str) and len(value) == 1368  # 512 float16 in base64
