"""CRFsuite tagger wrapper: text -> tokens -> BIO labels -> character spans."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from .features import sentence_features
from .pieces import MODELS
from .tokens import tokenise

TYPES = {"PER": "person", "LOC": "place", "ORG": "organisation"}
_LEADING = {"the", "The", "THE"}
_TRAILING = {"'s", "’s", "'S", "’S", "'", "’"}
MAX_TOKENS = 300  # longer paragraphs are tagged in windows of this many tokens


def model_path(lang: str):
    return MODELS / f"{lang}.crfsuite"


@cache
def _tagger(lang: str):
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path(lang)))
    return tagger


def bio_to_spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """Token index spans (start, end exclusive, type) from IOB or BILOU labels."""
    spans = []
    start, kind = None, None
    for i, lab in enumerate([*labels, "O"]):
        prefix, _, typ = lab.partition("-")
        if start is not None and (prefix not in ("I", "L") or typ != kind):
            spans.append((start, i, kind))
            start, kind = None, None
        if prefix in ("B", "I", "L", "U") and start is None:
            start, kind = i, typ
    return spans


def to_bilou(labels: Sequence[str]) -> list[str]:
    """IOB2 -> BILOU (the last token of a name is L-, a one-token name U-)."""
    out = list(labels)
    for s, e, typ in bio_to_spans(labels):
        if e - s == 1:
            out[s] = "U-" + typ
        else:
            out[s], out[e - 1] = "B-" + typ, "L-" + typ
            out[s + 1 : e - 1] = ["I-" + typ] * (e - s - 2)
    return out


def tag_text(text: str, lang: str) -> list[tuple[int, int, str]]:
    """Character spans (start, end, type) of persons, places and organisations in `text`."""
    offsets = tokenise(text)
    if not offsets:
        return []
    words = [text[a:b] for a, b in offsets]
    labels: list[str] = []
    tagger = _tagger(lang)
    for lo in range(0, len(words), MAX_TOKENS):
        chunk = words[lo : lo + MAX_TOKENS]
        labels.extend(tagger.tag(sentence_features(chunk, lang)))
    out = []
    for s, e, typ in bio_to_spans(labels):
        if typ not in TYPES:
            continue
        while s < e and words[s] in _LEADING:
            s += 1
        while e > s and words[e - 1] in _TRAILING:
            e -= 1
        if s < e:
            out.append((offsets[s][0], offsets[e - 1][1], TYPES[typ]))
    return out
