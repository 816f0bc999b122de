"""What the translation stage takes in and hands on: plain, frozen data.

The stage sees each article only as a `Version` (id, language, text units, declarations) and
returns `Story` groups with their links and paragraph alignments, plus `Problem`s for
declarations it could not honour.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Version:
    """One article as this stage sees it."""

    article_id: str
    lang: str  # ISO 639-1 code
    units: tuple[str, ...]  # title (if part of the text) + paragraphs/headings/credits, reading order
    translation_of: str | None = None  # declared in front matter
    story: str | None = None  # declared in front matter


@dataclass(frozen=True)
class Link:
    """Two versions of one story. For a declared `translation_of`, `source` is the original;
    for a detected link the order is by id and says nothing about which came first."""

    source: str
    target: str
    confidence: float  # in [0, 1]; 1.0 for declared links
    declared: bool


@dataclass(frozen=True)
class Alignment:
    """Which units of `source` say what which units of `target` say, in reading order.

    Each pair holds unit indices: `((0,), ())` is source unit 0 without a counterpart,
    `((1,), (0,))` a 1-1 match, `((2, 3), (1,))` two source units rendered as one target unit.
    """

    source: str
    target: str
    pairs: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]
    coverage: float  # share of all units (both sides) that have a counterpart


@dataclass(frozen=True)
class Story:
    """All versions of one article, at most one per language."""

    key: str  # the declared story key, else the smallest member id
    members: tuple[str, ...]
    links: tuple[Link, ...]
    alignments: tuple[Alignment, ...]
    declared: bool  # some of its membership was declared by a curator


@dataclass(frozen=True)
class Problem:
    """A declaration this stage could not honour, naming the article that carries it."""

    article_id: str
    message: str


@dataclass(frozen=True)
class TranslationResult:
    stories: tuple[Story, ...]  # only groups of two or more versions
    problems: tuple[Problem, ...]
