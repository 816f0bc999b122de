"""The entity stage as the build runs it: the registry read from the corpus folder, the
aligned paragraphs of translations handed over, each article's mentions looked up in the stage
memo (cache.StageMemo), the index built and its size logged."""
from __future__ import annotations

import time
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from .cache import StageMemo
from .entities import Aligned, EntityIndex, build_index, load_registry
from .model import Corpus
from .versions import StoryIndex

log = get_plugin_logger(__name__)


def find_entities(corpus: Corpus, root: Path, stories: StoryIndex, min_articles: int = 1,
                  cache_dir: Path | None = None) -> EntityIndex:
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
    corpus.mention_hits, corpus.mention_misses = memo.hits, memo.misses
    for entity in index.entities:
        entity.page = len(entity.articles) >= min_articles
    mentions = sum(len(found) for found in index.mentions_of.values())
    pages = sum(e.page for e in index.entities)
    log.info(f"entities: {len(index.entities):,} ({pages:,} with a page) from {mentions:,} mentions "
             f"in {time.perf_counter() - started:.1f} s")
    return index
