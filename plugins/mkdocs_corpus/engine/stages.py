"""The corpus-wide stages as a build runs them: each with its stores opened, counted and closed around it."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from mkdocs.plugins import get_plugin_logger

from ..pipeline.entities import Aligned, EntityIndex, build_index, load_registry
from ..pipeline.model import Article, Corpus, Problem
from ..pipeline.translations.embeddings import CachedEmbedder, UseEmbedder
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
        store.finish()
        memo.finish()
        _notice(store, memo)
        use.count("sentence_vectors", store)
        use.count("translation_anchors", memo)


def entity_stage(corpus: Corpus, root: Path, stories: StoryIndex, min_articles: int, cache_dir: Path | None,
                 use: CacheUse) -> EntityIndex:
    """The registry read from the corpus folder, the aligned paragraphs of translations handed over, each
    article's mentions looked up in the stage memo, the index built and its size logged."""
    registry, problems = load_registry(root / corpus.registry if corpus.registry else None, corpus.registry or "")
    corpus.problems.extend(problems)
    aligned = [Aligned(a.source, a.target, a.pairs) for story in stories.stories for a in story.alignments]
    story_of = {article_id: story.key for article_id, story in stories.story_of.items()}
    started = time.perf_counter()
    memo = StageMemo(cache_dir, "mentions")
    try:
        index = build_index(corpus.articles, registry, aligned, story_of, memo)
    finally:
        memo.finish()
        _notice(memo)
        use.count("entity_mentions", memo)
    for entity in index.entities:
        entity.page = len(entity.articles) >= min_articles
    mentions = sum(len(found) for found in index.mentions_of.values())
    pages = sum(e.page for e in index.entities)
    log.info(f"entities: {len(index.entities):,} ({pages:,} with a page) from {mentions:,} mentions "
             f"in {time.perf_counter() - started:.1f} s")
    return index


def _notice(*stores: StageMemo | VectorCache) -> None:
    """A store that was off (locked by another process, unreadable) costs only time: said, not warned."""
    for store in stores:
        if store.error:
            log.info(f"cache: {store.error}")
