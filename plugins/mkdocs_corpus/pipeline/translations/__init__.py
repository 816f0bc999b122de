"""Translation stage: which articles are versions of one story, and how their paragraphs align.

`find_stories` is the whole stage; the rest of the package is its parts.
"""
from __future__ import annotations

from .detection import DEFAULT_THRESHOLD
from .embeddings import Embedder, UseEmbedder
from .model import Alignment, Link, Problem, Story, TranslationResult, Version
from .stories import find_stories

__all__ = [
    "DEFAULT_THRESHOLD",
    "Alignment",
    "Embedder",
    "Link",
    "Problem",
    "Story",
    "TranslationResult",
    "UseEmbedder",
    "Version",
    "find_stories",
]
