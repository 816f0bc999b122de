"""What the caches did in one build, for `api/report.json`: kept apart from the corpus, which is what was found."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

# In the report's order.
CACHES = ("analysis", "sentence_vectors", "translation_anchors", "entity_mentions", "name_vectors", "rendered_pages")


class Counted(Protocol):
    hits: int
    misses: int


@dataclass
class CacheUse:
    """Per cache: the per-article (or per-page) results it had, and those computed afresh."""

    counts: dict[str, tuple[int, int]] = field(default_factory=lambda: dict.fromkeys(CACHES, (0, 0)))

    def count(self, name: str, store: Counted) -> None:
        self.counts[name] = (store.hits, store.misses)

    def __getitem__(self, name: str) -> tuple[int, int]:
        return self.counts[name]
