"""Versions of a story, as pages and exports need them: who translates whom, and which pairs align.

Built once per build from the translation stage's `TranslationResult`; plain data, no MkDocs.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .keys import Memo
from .model import Article
from .model import Problem as ModelProblem
from .originals import original
from .translations import DEFAULT_THRESHOLD, Alignment, Link, Story, TranslationResult, UseEmbedder, Version, find_stories


@dataclass
class StoryIndex:
    """Lookups from an article id to its story, its translations and its aligned pairs."""

    stories: tuple[Story, ...] = ()
    story_of: dict[str, Story] = field(default_factory=dict)
    lang_of: dict[str, str] = field(default_factory=dict)
    original_of: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def build(cls, result: TranslationResult, articles: Iterable[Article]) -> StoryIndex:
        by_id = {a.id: a for a in articles}
        index = cls(result.stories, lang_of={i: a.lang for i, a in by_id.items()})
        for story in result.stories:
            for member in story.members:
                index.story_of[member] = story
            index.original_of[story.key] = _original(story, by_id)
        return index

    def translations(self, article_id: str) -> dict[str, str]:
        """`lang -> article id` of the other versions (the contract's `translations`)."""
        story = self.story_of.get(article_id)
        if story is None:
            return {}
        return {self.lang_of[m]: m for m in story.members if m != article_id}

    def alignments(self, article_id: str) -> list[Alignment]:
        story = self.story_of.get(article_id)
        return [a for a in story.alignments if article_id in (a.source, a.target)] if story else []

    def link(self, a: str, b: str) -> Link | None:
        story = self.story_of.get(a)
        return next((x for x in story.links if {x.source, x.target} == {a, b}), None) if story else None

    def original(self, article_id: str) -> str | None:
        story = self.story_of.get(article_id)
        return self.original_of.get(story.key) if story else None


def _original(story: Story, by_id: dict[str, Article]) -> str | None:
    """The version the others translate, where a curator declared it or the evidence shows it (originals.py)."""
    declared_targets = {link.target for link in story.links if link.declared}
    declared_sources = {link.source for link in story.links if link.declared} - declared_targets
    return original(story.members, by_id, declared_sources)


# A news story is rarely past a few hundred paragraphs; a 5 MB file must not cost minutes of
# embedding. Past these limits the side-by-side view shows only the aligned beginning.
MAX_UNITS = 300
MAX_UNIT_CHARS = 3_000


def find_versions(
    articles: list[Article], threshold: float | None = None, embedder: Any = None, anchor_memo: Memo | None = None,
) -> tuple[StoryIndex, list[ModelProblem]]:
    """Run the translation stage over the corpus; its problems come back naming the file. `embedder` gives
    sentence vectors (the engine's is cached), `anchor_memo` keeps each article's anchors between builds."""

    def units(article: Article) -> tuple[str, ...]:
        return tuple(unit[:MAX_UNIT_CHARS] for unit in article.units[:MAX_UNITS])

    result = find_stories(
        [Version(a.id, a.lang, units(a), a.translation_of, a.story) for a in articles],
        threshold=DEFAULT_THRESHOLD if threshold is None else threshold,
        embedder=embedder if embedder is not None else UseEmbedder(),
        anchor_memo=anchor_memo,
    )
    path_of = {a.id: a.path for a in articles}
    problems = [ModelProblem(path_of.get(p.article_id, p.article_id), p.message) for p in result.problems]
    return StoryIndex.build(result, articles), problems
