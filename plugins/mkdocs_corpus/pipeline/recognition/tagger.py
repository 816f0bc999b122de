"""CRFsuite tagger wrapper: text -> tokens -> BIO labels -> character spans, with the model each language uses."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache

from . import universal
from .features import sentence_features
from .pieces import MODELS
from .tokens import CJK_CHARS, tokenise, tokenise_chars, tokenise_words

TYPES = {"PER": "person", "LOC": "place", "ORG": "organisation"}
_LEADING = {"the", "The", "THE"}
_TRAILING = {"'s", "’s", "'S", "’S", "'", "’"}
MAX_TOKENS = 300  # longer paragraphs are tagged in windows of this many tokens

# Which model reads which language (models/README.md says what each was trained on). One Slavic model serves the
# Slavic languages in both scripts: it learnt from Russian, Croatian and Slovene, each also transliterated.
SLAVIC = ("ru", "uk", "bg", "be", "mk", "sr", "pl", "cs", "sk", "sl", "hr", "bs", "hsb", "dsb", "csb", "rue")
MODEL_OF = {"en": "en", "de": "de", "fr": "fr", "hi": "hi", "mr": "hi", "ne": "hi", "ja": "ja", "zh": "zh",
            **dict.fromkeys(SLAVIC, "slav")}
# Any other language: by the script of its text. Latin (es, is, it, ...) and scripts without a model get the
# French one: on held-out Icelandic and German, languages neither model saw, it did a little better than the Slavic
# one (F1 0.35 / 0.22 against 0.33 / 0.16; bench/train_ner_world.py --fallback): a guess, better than nothing.
_KANA = re.compile("[\u3040-\u30ff]")
_HAN = re.compile(f"[{CJK_CHARS}]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_DEVANAGARI = re.compile("[\u0900-\u097f]")
_SCRIPTS = (("ja", _KANA), ("zh", _HAN), ("slav", _CYRILLIC), ("hi", _DEVANAGARI))
FALLBACK = "fr"
OWN_FEATURES = {"en", "de"}  # features.py (English/German cues, HanTa); the rest universal.py
CHAR_MODELS = {"ja", "zh"}


def model_path(name: str):
    return MODELS / f"{name}.crfsuite"


def own_model(lang: str) -> str | None:
    """The model of the language itself (pt-BR is read as pt), if it has one."""
    return MODEL_OF.get(lang.split("-")[0].lower())


def model_for(lang: str, text: str) -> str:
    if name := own_model(lang):
        return name
    for name, letters in _SCRIPTS:
        if letters.search(text):
            return name
    return FALLBACK


@cache
def _tagger(name: str):
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path(name)))
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


def _reader(name: str) -> tuple[Callable[[str], list[tuple[int, int]]], Callable[[Sequence[str]], list]]:
    """Tokeniser and feature function of a model."""
    if name in OWN_FEATURES:
        return tokenise, lambda words: sentence_features(words, name)
    if name in CHAR_MODELS:
        return tokenise_chars, universal.char_features
    return tokenise_words, universal.word_features


_SENTENCE_END = {".", "!", "?", "…", "。", "！", "？", "؟", "।"}


def _punctuation(word: str) -> bool:
    return not any(c.isalnum() for c in word)


def _windows(words: Sequence[str], by_sentence: bool) -> list[tuple[int, int]]:
    """Token ranges tagged one at a time: sentences for the models trained on single sentences (a paragraph
    read whole let a name run on over the full stop: `Zuckerberga. Zeznaniom`), at most MAX_TOKENS each. A stop
    after a single letter is an initial (В. Путин), not a sentence end."""
    cuts = [0]
    if by_sentence:
        cuts += [i + 1 for i in range(1, len(words) - 1) if words[i] in _SENTENCE_END and len(words[i - 1]) > 1]
    cuts.append(len(words))
    return [(lo, min(lo + MAX_TOKENS, hi)) for a, hi in zip(cuts, cuts[1:], strict=False) for lo in range(a, hi, MAX_TOKENS)]


def tag_text(text: str, lang: str) -> list[tuple[int, int, str]]:
    """Character spans (start, end, type) of persons, places and organisations in `text`."""
    name = model_for(lang, text)
    tokens, featurise = _reader(name)
    offsets = tokens(text)
    if not offsets:
        return []
    words = [text[a:b] for a, b in offsets]
    labels: list[str] = []
    tagger = _tagger(name)
    for lo, hi in _windows(words, name not in OWN_FEATURES):
        labels.extend(tagger.tag(featurise(words[lo:hi])))
    universal_words = name not in OWN_FEATURES and name not in CHAR_MODELS
    out = []
    for s, e, typ in bio_to_spans(labels):
        if typ not in TYPES:
            continue
        # A name starts with a capital where the script has them: the Russian data tags descriptors with the name
        # (`мэрии Москвы` as one organisation), which the entity index would not call a name.
        while s < e and (words[s] in _LEADING or _punctuation(words[s]) or (universal_words and words[s][:1].islower())):
            s += 1
        while e > s and (words[e - 1] in _TRAILING or _punctuation(words[e - 1])):
            e -= 1
        if s < e:
            out.append((offsets[s][0], offsets[e - 1][1], TYPES[typ]))
    return out
