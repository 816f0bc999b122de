"""Which name in a translation's paragraph stands for a name in the original: the evidence that
brings non-cognate names together (Kremlin/Kreml, White House/Weißen Hauses, Middle East/Nahen
Osten) without a registry.

Two signals, the stronger wins:
- spelling across scripts: both names transliterated (anyascii) and spelled alike, or one the
  head of the other's compound (`Gaza`/`Gazastreifen`);
- meaning: the cosine of the two names' vectors from the multilingual sentence encoder, for the
  languages it was trained on (`Middle East`/`Nahen Osten` 0.72, `Middle East`/`Gesprächen` 0.08).

Candidates for a name recognition missed are the runs of capitalised words of the paragraph (and
katakana runs in Japanese): the encoder picks the one that means the name, or none.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from difflib import SequenceMatcher
from functools import lru_cache

import numpy as np

from .kana import is_kana, sound_alike, sound_near
from .names import person_key, token_spans
from .spotting import UNSPACED

# Vectors of texts, one L2-normalised row each (`translations.embeddings.UseEmbedder`).
Encode = Callable[[list[str]], np.ndarray]
MAX_WORDS = 3  # a candidate name is at most this many words
# Spelled alike, once transliterated: `kreml`/`kremlin` 0.83, `gaza`/`gazastreifen` 0.9; below it,
# spelling says nothing (`iran`/`irak` 0.75, `kirbi`/`keri` 0.67) and only meaning counts.
SPELLED_ALIKE = 0.8
# Names written in katakana are spelled by sound (vowels added, l and r one letter): `Mick Jagger`
# and `ミック・ジャガー` spell 0.74 alike, two different names about 0.3.
KANA_ALIKE = 0.6
# A katakana name and a Latin one with the same sounded consonants (`kana.sounds`): as good as spelled alike.
SOUND_ALIKE = 0.85
# Nearly the same sounded consonants (`kana.sound_near`): enough to join two names of aligned paragraphs
# (merging.JOIN), not to project one onto an unrecognised span (PROJECT) nor to join across types.
SOUND_NEAR = 0.62
_KATAKANA = re.compile(r"[\u30a0-\u30ff\u31f0-\u31ff]{2,}")
# Latin names inside Chinese or Japanese text (`ABC`, `Facebook`, `Yahoo News`).
_LATIN_RUN = re.compile(r"[A-Z][A-Za-z0-9.'’&-]*+(?: [A-Z][A-Za-z0-9.'’&-]*+)*+")  # possessive, as in names._TOKEN


def spelling(a: str, b: str) -> float:
    """How alike two names are spelled once transliterated, 0..1; a compound starting with the
    other name (`gazastreifen`, `gaza`) counts as 0.9."""
    x, y = _spelled(a), _spelled(b)
    if not x or not y:
        return 0.0
    if x == y:
        return 1.0
    short, long = sorted((x, y), key=len)
    if len(short) >= 4 and " " not in long and long.startswith(short):
        return 0.9
    return SequenceMatcher(None, x, y, autojunk=False).ratio()


@lru_cache(maxsize=100_000)
def _spelled(name: str) -> str:
    return person_key(name)


def _kana_alike(a: str, b: str) -> bool:
    """Whether the looser kana threshold applies: one name is katakana, both spell at least four
    letters and start alike (`インド`, India, is no `In` nor `Video`)."""
    if not (is_kana(a) or is_kana(b)):
        return False
    x, y = _spelled(a), _spelled(b)
    return min(len(x), len(y)) >= 4 and x[:1] == y[:1]


class Similarity:
    """Scores pairs of names in their languages; vectors are computed once per name, in batches."""

    def __init__(self, encode: Encode | None = None, languages: Iterable[str] = ()) -> None:
        self.encode = encode
        self.languages = frozenset(languages)
        self.vectors: dict[str, np.ndarray] = {}

    def prepare(self, names: Iterable[tuple[str, str]]) -> None:
        """Embed every (name, lang) to be compared whose language the encoder knows, in one batch."""
        if self.encode is None:
            return
        fresh = list(dict.fromkeys(n for n, lang in names if lang in self.languages and n not in self.vectors))
        if fresh:
            # A shouted name is embedded as written in text (`BIDEN` as Biden): capitals read as other words.
            texts = [name.title() if name.isupper() and len(name) > 4 else name for name in fresh]
            for name, row in zip(fresh, np.asarray(self.encode(texts), dtype=np.float32), strict=True):
                self.vectors[name] = row

    def score(self, a: str, a_lang: str, b: str, b_lang: str) -> float:
        """The spelling score where names are spelled alike, else the cosine of their vectors (0 without)."""
        spelled = spelling(a, b)
        best = spelled if spelled >= SPELLED_ALIKE or (spelled >= KANA_ALIKE and _kana_alike(a, b)) else 0.0
        if sound_alike(a, b):
            best = max(best, SOUND_ALIKE)
        elif sound_near(a, b):
            best = max(best, SOUND_NEAR)
        va, vb = self.vectors.get(a), self.vectors.get(b)
        if va is not None and vb is not None and a_lang in self.languages and b_lang in self.languages:
            best = max(best, float(va @ vb))
        return best

    def spelled_alike(self, left: Sequence[tuple[str, str]], right: Sequence[tuple[str, str]]) -> bool:
        """Whether some name of one side is spelled (or, in katakana, sounds) like one of the other."""
        return any(sound_alike(a, b) or spelling(a, b) >= SPELLED_ALIKE for a, _ in left for b, _ in right)

    def best(self, left: Sequence[tuple[str, str]], right: Sequence[tuple[str, str]]) -> float:
        """The best score between any name of one side and any of the other ((name, lang) pairs)."""
        return max((self.score(a, la, b, lb) for a, la in left for b, lb in right), default=0.0)


def candidates(text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of `text` that could be a name recognition missed: up to MAX_WORDS capitalised words
    in a row (`Weißen Hauses`, `Nahen Osten`); in Chinese and Japanese, Latin names and katakana runs."""
    if lang in UNSPACED:
        found = [m.span() for m in _LATIN_RUN.finditer(text)]
        for m in _KATAKANA.finditer(text):  # a full name and each of its parts: `ジェイミー・ヴァーディ`, `ヴァーディ`
            found.append(m.span())
            if "・" in m.group():
                start = m.start()
                for part in m.group().split("・"):
                    if len(part) >= 2:
                        found.append((start, start + len(part)))
                    start += len(part) + 1
        return found
    spans = token_spans(text)
    runs: list[list[tuple[int, int]]] = []
    for n, (s, e) in enumerate(spans):
        if not text[s].isupper():
            continue
        if runs and n > 0 and runs[-1][-1] == spans[n - 1] and text[spans[n - 1][1]:s].strip() == "":
            runs[-1].append((s, e))
        else:
            runs.append([(s, e)])
    found = []
    for run in runs:
        for i in range(len(run)):
            for j in range(i, min(len(run), i + MAX_WORDS)):
                found.append((run[i][0], run[j][1]))
    return found

