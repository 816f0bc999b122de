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
# Chinese and Japanese write a position after a place as part of the same run of characters (アフガニスタン東部,
# eastern Afghanistan; 叙利亚北部; ベナン沖, off Benin), and the character models tag the run as one name. The place
# is the name; the position is not, and a translation names only the place.
_POSITIONS = sorted(("東部", "西部", "南部", "北部", "中部", "東北部", "北東部", "北西部", "南東部", "南西部", "北東", "北西",
                     "南東", "南西", "东部", "东北部", "东南部", "西北部", "西南部", "沖", "近郊", "郊外", "周辺", "一帯", "全土",
                     "全域", "附近", "境内"), key=len, reverse=True)  # 北東部 before 東部
# Words the character models take into the name they precede: times (今月バローチスターン州, this month in
# Balochistan), `the late` (故マフムード・ゲママ), `the capital` (首都ナイロビ).
_BEFORE = sorted(("故", "已故", "今月", "先月", "来月", "今年", "昨年", "来年", "今週", "先週", "昨日", "今日", "明日", "昨夜",
                  "今夜", "今朝", "首都", "去年", "昨天", "今天", "明天", "本月", "上月"), key=len, reverse=True)
_SEPARATOR = re.compile(r"[：:｜|／（）()「」『』【】]|-{2,}+|—++")  # also brackets: エルサレム（ロイター通信
# A Japanese place followed by the larger one it lies in ends the larger one's name at its kind (州, 県): a name in
# katakana after it is a second place (タミル・ナドゥ州ティルチラーパリ, Tiruchirappalli in Tamil Nadu state).
_REGION_THEN_NAME = re.compile(r"(?<=[\u30a0-\u30ff][州県郡省])(?=[\u30a1-\u30fa])")


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
            start, end = offsets[s][0], offsets[e - 1][1]
            parts = _cjk_names(text, start, end) if name in CHAR_MODELS else [(start, end)]
            out.extend((a, b, TYPES[typ]) for a, b in parts)
    return out


def _cjk_names(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The names in a span of a character model: parts a separator or a bracket divides (`アルジェリア：マフムード・ゲママ`,
    a dateline's `--`) are names of their own; a time or `the late` before a name and a position after a place are
    not part of it. A part keeps two characters at least."""
    pieces, pos = [], start
    cuts = sorted([(m.start(), m.end()) for m in _SEPARATOR.finditer(text, start, end)]
                  + [(m.start(), m.start()) for m in _REGION_THEN_NAME.finditer(text, start, end)])
    for cut_start, cut_end in cuts:
        pieces.append((pos, cut_start))
        pos = cut_end
    pieces.append((pos, end))
    parts = []
    for a, b in pieces:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        a = next((a + len(w) for w in _BEFORE if text.startswith(w, a, b) and b - a - len(w) >= 2), a)
        b = next((b - len(w) for w in _POSITIONS if text.endswith(w, a, b) and b - a - len(w) >= 2), b)
        if b - a >= 2:
            parts.append((a, b))
    return parts
