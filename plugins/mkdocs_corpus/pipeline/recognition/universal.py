"""Features of the taggers for languages other than en/de (shared by training and run time: a change needs
retraining, bench/train_ner_world.py).

Words: nothing language-specific, so one model can serve related languages and scripts (the Slavic model reads
Polish and Bulgarian without training data in them): the word, its shape, affixes (inflection: Rosji, Пакистана),
the classes of its multilingual USE SentencePiece pieces (pieces.py) and the every-script gazetteer (world.py).
Chinese and Japanese: per character, its script (kanji, hiragana, katakana, Latin) and the run of that script it
sits in; katakana runs are mostly foreign names.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from . import pieces, world
from .features import shape, short_shape


@lru_cache(maxsize=100_000)
def _word(w: str) -> tuple[str, ...]:
    lw = w.casefold()
    f = ["w=" + lw, "sh=" + shape(w), "ss=" + short_shape(w), "p1=" + lw[:1], "p2=" + lw[:2], "p3=" + lw[:3],
         "s1=" + lw[-1:], "s2=" + lw[-2:], "s3=" + lw[-3:], "s4=" + lw[-4:]]
    if w[:1].isupper():
        f.append("title" if w[1:].islower() or len(w) == 1 else ("upper" if w.isupper() else "mixedcap"))
    elif w[:1].islower():
        f.append("lower")
    if any(c.isdigit() for c in w):
        f.append("digit")
    if "-" in w.strip("-"):
        f.append("hyphen")
    if len(w) == 1 and not w.isalnum():
        f.append("punct=" + w)
    elif w:
        f.extend(pieces.word_classes(w))
    f.append(f"len={min(len(w), 8)}")
    return tuple(f)


def word_features(words: Sequence[str]) -> list[list[str]]:
    """CRFsuite features (binary) of one sequence of words."""
    letters = [w for w in words if any(c.isalpha() for c in w)]
    upper_line = len(letters) >= 2 and sum(w.isupper() for w in letters) / len(letters) > 0.7
    gaz = world.tags(words)
    base = [_word(w) for w in words]
    low = [w.casefold() for w in words]
    shapes = [short_shape(w) for w in words]
    n = len(words)
    out = []
    for i in range(n):
        f = ["bias", *base[i]]
        f.extend("g=" + t for t in gaz[i])
        if upper_line:
            f.append("upline")
        if i == 0:
            f.append("BOS")
        if i == n - 1:
            f.append("EOS")
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                f.append(f"{d}:w={low[j]}")
                f.append(f"{d}:ss={shapes[j]}")
                if abs(d) == 1:
                    f.extend(f"{d}:g={t}" for t in gaz[j])
                    f.append(f"{d}:s3={low[j][-3:]}")
                    f.extend(f"{d}:{x}" for x in base[j] if x.startswith("c64="))
            else:
                f.append(f"{d}:pad")
        if i > 0:
            f.append(f"bi=-1:{low[i - 1]}|{low[i]}")
        if i < n - 1:
            f.append(f"bi=+1:{low[i]}|{low[i + 1]}")
        out.append(f)
    return out


def script(c: str) -> str:
    """H hiragana, K katakana, C Han, D digit, L/l upper/lower-case letter, P anything else."""
    o = ord(c[0])
    if 0x3040 <= o <= 0x309F:
        return "H"
    if 0x30A0 <= o <= 0x30FF or 0xFF66 <= o <= 0xFF9F:
        return "K"
    if 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF:
        return "C"
    if c[0].isdigit():
        return "D"
    if c[0].isalpha():
        return "L" if c[0].isupper() else "l"
    return "P"


def char_features(chars: Sequence[str]) -> list[list[str]]:
    """CRFsuite features of one sequence of characters (Chinese, Japanese; Latin words and numbers stay whole)."""
    n = len(chars)
    t = [script(c) for c in chars]
    # the run of one script each character sits in: its length and whether the character starts/ends it
    first, last = list(range(n)), list(range(n))
    for i in range(1, n):
        if t[i] == t[i - 1]:
            first[i] = first[i - 1]
    for i in range(n - 2, -1, -1):
        if t[i] == t[i + 1]:
            last[i] = last[i + 1]
    out = []
    for i in range(n):
        f = ["bias", "c=" + chars[i], "t=" + t[i]]
        for d in (-2, -1, 1, 2):
            j = i + d
            f.append(f"{d}:c=" + (chars[j] if 0 <= j < n else "^$"))
            f.append(f"{d}:t=" + (t[j] if 0 <= j < n else "^$"))
        for a, b in ((-1, 0), (0, 1), (-2, -1), (1, 2)):
            ca = chars[i + a] if 0 <= i + a < n else "^"
            cb = chars[i + b] if 0 <= i + b < n else "$"
            f.append(f"b{a}{b}={ca}{cb}")
        f.append("tt=" + "".join(t[j] if 0 <= j < n else "^" for j in range(i - 2, i + 3)))
        k, m = first[i], last[i]
        f.append(f"run={t[i]}{min(m - k + 1, 6)}")
        f.append(f"pos={'B' if k == i else ''}{'E' if m == i else ''}")
        out.append(f)
    return out
