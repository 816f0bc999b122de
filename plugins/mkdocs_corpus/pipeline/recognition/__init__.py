"""Named-entity recognition (persons, places, organisations) in any language.

CRF models live in models/ (see models/README.md for data and licences): English and German trained by
bench/train_ner.py, the others by bench/train_ner_world.py. tagger.MODEL_OF says which model reads which language;
a language without one gets the model of its text's script.
Models load lazily, once per process, so `recognise` is safe to call from ProcessPool workers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import tagger

__all__ = ["MODEL_VERSION", "Span", "recognise", "supported"]


@dataclass(frozen=True)
class Span:
    start: int  # character offsets into the text given
    end: int
    type: str  # "person" | "place" | "organisation"


def supported(lang: str) -> bool:
    """Every language code is: one without a model of its own is read by the model of its script."""
    return bool(lang) and lang != "und" and tagger.model_path(tagger.own_model(lang) or tagger.FALLBACK).exists()


def recognise(texts: Sequence[str], lang: str) -> list[list[Span]]:
    """One list of spans per text (a text is one paragraph/title/heading of an article)."""
    if not supported(lang):
        return [[] for _ in texts]
    return [[Span(s, e, t) for s, e, t in tagger.tag_text(text, lang)] if text.strip() else [] for text in texts]


@cache
def _model_version() -> str:
    here = Path(__file__).parent
    h = hashlib.sha256()
    files = sorted(here.glob("*.py")) + sorted(p for p in (here / "models").iterdir() if p.is_file())
    for p in files:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return "crf-" + h.hexdigest()[:12]


def __getattr__(name: str) -> str:
    # MODEL_VERSION is computed on first use: it hashes the model files and the feature code.
    if name == "MODEL_VERSION":
        return _model_version()
    raise AttributeError(name)
