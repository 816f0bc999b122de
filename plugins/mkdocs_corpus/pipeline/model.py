"""The corpus as plain data: what every pipeline stage takes and hands on.

Nothing here knows about MkDocs; the plugin copies what it needs out of these objects.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["title", "paragraph", "heading", "credits"]
Outcome = Literal["published", "skipped"]
Severity = Literal["warning", "notice"]


@dataclass(frozen=True)
class Block:
    """One unit of article text, in reading order: what the reader sees and aligners align."""

    kind: BlockKind
    text: str
    lang: str | None = None  # set only where it differs from the article's language


@dataclass(frozen=True)
class Credits:
    """Who made the article, as recovered from a byline or a credits line."""

    authors: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Problem:
    """Something a curator should know about one input file."""

    path: str
    message: str
    severity: Severity = "warning"


@dataclass(frozen=True)
class Declared:
    """What a curator stated in front matter; every field wins over what is inferred."""

    id: str | None = None
    title: str | None = None
    lang: str | None = None
    source: str | None = None
    dateline: str | None = None
    authors: tuple[str, ...] | None = None
    editors: tuple[str, ...] | None = None
    published: str | None = None
    translation_of: str | None = None
    story: str | None = None
    original: bool = False  # `original: true`: the version the others translate


@dataclass(frozen=True)
class CleanText:
    """The cleaning stage's result: the story's text, its recovered metadata, and what was dropped."""

    blocks: tuple[Block, ...]
    title: str | None
    dateline: str | None
    source: str | None
    credits: Credits
    published: str | None
    debris: tuple[str, ...] = ()


@dataclass(frozen=True)
class Article:
    """One published article: identity, metadata (declared or recovered) and text."""

    id: str
    path: str
    lang: str
    lang_confidence: float
    title: str
    title_inferred: bool
    source: str | None
    dateline: str | None
    authors: tuple[str, ...]
    editors: tuple[str, ...]
    published: str | None
    blocks: tuple[Block, ...]
    words: int  # words outside CJK scripts (pipeline/length.py)
    reading_minutes: int
    debris: tuple[str, ...] = ()
    translation_of: str | None = None
    story: str | None = None
    # Names recognition found: (unit, start, end, type), unit indexing `entities.units(article)`.
    spans: tuple[tuple[int, int, int, str], ...] = ()
    characters: int = 0  # Han, kana and Hangul characters, which have no spaces to count words by
    declared_original: bool = False  # a curator's `original: true`

    @property
    def units(self) -> tuple[str, ...]:
        """The texts an aligner pairs up: the title when it is part of the text, then every block."""
        return tuple(block.text for block in self.blocks)


@dataclass(frozen=True)
class FileOutcome:
    """One input file's fate, as `api/report.json` lists it."""

    path: str
    outcome: Outcome
    reason: str | None = None
    article_id: str | None = None


@dataclass
class Corpus:
    """Everything the read..language stages found in one corpus folder."""

    articles: list[Article] = field(default_factory=list)
    outcomes: list[FileOutcome] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    registry: str | None = None  # the entity registry's path in the corpus folder, if there is one
