"""Token features for the CRF taggers (shared by training and run time: any change here needs retraining)."""

from __future__ import annotations

import gzip
import re
from collections.abc import Sequence
from functools import cache, lru_cache

from . import pieces, pos
from .pieces import MODELS

# Languages whose model also gets HanTa POS/lemma, piece classes and vectors, longer affixes and the noun/frequency
# lexicon (small training data).
RICH = {"de"}
MAX_GAZ = 5  # longest gazetteer entry, in tokens
GAZETTEER = MODELS / "gazetteer.tsv.gz"

# German organisation heads, also at the end of compounds (Bundesministerium, Volksbank, Fußball-Bund).
_ORG_DE = re.compile(
    r"(ministerium|bank|verband|verbände|partei|verein|gesellschaft|konzern|institut|universität|hochschule|gericht|"
    r"gerichtshof|amt|bund|bundes|kommission|zeitung|stiftung|akademie|museum|theater|klinik|klinikum|werke?|gruppe|"
    r"agentur|behörde|rat|senat|gewerkschaft|kirche|orchester|union|liga|fraktion|ag|gmbh|kg|se|ev|club|klub|"
    r"verlag|fc|sv|tsv|vfb|vfl|bsv|holding|airlines?|bahn|post|telekom|versicherung|sparkasse|schule|gymnasium)$"
)
_ORG_EN = re.compile(
    r"(bank|party|union|association|council|ministry|university|college|institute|corp|corporation|inc|ltd|plc|co|"
    r"group|club|fc|united|city|rovers|athletic|agency|commission|committee|court|airlines?|bancorp|holdings?|"
    r"fund|board|league|federation|organisation|organization|news|times|post|journal|exchange|reserve)$"
)
_DIGIT = re.compile(r"\d")
_UPPER = re.compile(r"[A-ZÄÖÜ]")
_LOWER = re.compile(r"[a-zäöüß]")
# Possessive: a long run is one step, not a stack of them (the same matches).
_RUN_OF_THREE = re.compile(r"(.)\1{2,}+")
_RUN = re.compile(r"(.)\1++")


def shape(w: str) -> str:
    s = _UPPER.sub("X", w)
    s = _LOWER.sub("x", s)
    s = _DIGIT.sub("d", s)
    return _RUN_OF_THREE.sub(r"\1\1", s)


@lru_cache(maxsize=50_000)
def short_shape(w: str) -> str:
    return _RUN.sub(r"\1", shape(w))


@cache
def gazetteer() -> dict[tuple[str, ...], frozenset[str]]:
    """Casefolded token tuple -> categories (loc_country, loc_city, per_first, ...)."""
    out: dict[tuple[str, ...], set[str]] = {}
    path = GAZETTEER
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                name, cats = line.rstrip("\n").split("\t")
                out.setdefault(tuple(name.split(" ")), set()).update(cats.split(","))
    return {k: frozenset(v) for k, v in out.items()}


@cache
def lexicon() -> tuple[frozenset[str], dict[str, str]]:
    """German common-noun lemmas (casefolded) and word-frequency bands (10 = most common ... 60), see models/README.md."""
    nouns: set[str] = set()
    bands: dict[str, str] = {}
    path = MODELS / "lexicon_de.tsv.gz"
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                word, band, noun = line.rstrip("\n").split("\t")
                if band:
                    bands[word] = band
                if noun:
                    nouns.add(word)
    return frozenset(nouns), bands


CLUSTERS = MODELS / "clusters_de.tsv.gz"


@cache
def word_clusters() -> dict[str, tuple[str, ...]]:
    """Casefolded German word -> its distributional classes, coarse to fine (see models/README.md): words that occur
    in the same contexts share a class, so a name the training data never showed gets the cues of those it did."""
    out: dict[str, tuple[str, ...]] = {}
    if CLUSTERS.exists():
        with gzip.open(CLUSTERS, "rt", encoding="utf-8") as f:
            for line in f:
                word, *classes = line.rstrip("\n").split("\t")
                out[word] = tuple(f"wc{k}={c}" for k, c in enumerate(classes))
    return out


_INFLECTION = ("", "s", "es", "n", "en", "e", "er", "ern", "ns")


def _is_noun(lw: str, nouns: frozenset[str], min_len: int = 1) -> bool:
    return any(lw.endswith(e) and len(lw) - len(e) >= min_len and lw[: len(lw) - len(e)] in nouns for e in _INFLECTION)


def lexicon_features(w: str) -> tuple[str, ...]:
    """Frequency band of the word, and whether it is (an inflected form of) a common noun or a compound ending in one.

    Names are rare in the noun lexicon: a capitalised word that is a known noun (Regierung, Gewinne) is seldom a name,
    one that is not (Merkel, Siemens) often is."""
    lw = w.casefold()
    if not lw.isalpha():
        return ()
    nouns, bands = lexicon()
    f = ("fb=" + bands.get(lw, "0"),)
    if _is_noun(lw, nouns):
        f += ("noun",)
    elif len(lw) > 5 and any(_is_noun(lw[k:], nouns, 4) for k in range(2, len(lw) - 3)):
        f += ("nhead",)
    return f


def _capitalised(w: str) -> bool:
    return w[:1].isupper()


def gazetteer_tags(words: Sequence[str], lang: str, upper_line: bool) -> list[set[str]]:
    """Per token, the categories of the longest gazetteer entries covering it ('cat:B' / 'cat:I')."""
    gaz = gazetteer()
    low = [w.casefold() for w in words]
    tags: list[set[str]] = [set() for _ in words]
    n = len(words)
    for i in range(n):
        if not (_capitalised(words[i]) or upper_line):
            continue
        for j in range(min(n, i + MAX_GAZ), i, -1):
            if not (_capitalised(words[j - 1]) or upper_line):
                continue
            cats = gaz.get(tuple(low[i:j]))
            if cats is None and j == i + 1 and lang == "de" and len(low[i]) > 3 and low[i][-1] == "s":
                cats = gaz.get((low[i][:-1],))  # genitive: Deutschlands, Merkels
                if cats:
                    cats = frozenset(c + "s" for c in cats)
            # x_: entities of the English training data; o_: names of the open German corpora (a gazetteer for German only)
            if cats and lang != "de":
                cats = frozenset(c for c in cats if not c.startswith(("x_", "o_")))
            if cats:
                for c in cats:
                    tags[i].add(c + ":B")
                    for k in range(i + 1, j):
                        tags[k].add(c + ":I")
                break
    return tags


@lru_cache(maxsize=50_000)  # ~2 kB a word
def _token_features(w: str, lang: str) -> tuple[str, ...]:
    lw = w.casefold()
    f = [
        "w=" + lw,
        "sh=" + shape(w),
        "ss=" + short_shape(w),
        "p1=" + lw[:1],
        "p2=" + lw[:2],
        "p3=" + lw[:3],
        "s2=" + lw[-2:],
        "s3=" + lw[-3:],
        "s4=" + lw[-4:],
    ]
    if w[:1].isupper():
        f.append("title" if w[1:].islower() or len(w) == 1 else ("upper" if w.isupper() else "mixedcap"))
    if _DIGIT.search(w):
        f.append("digit")
    if "-" in w.strip("-"):
        f.append("hyphen")
        parts = lw.split("-")
        f.append("hl=" + parts[-1])
        f.append("hf=" + parts[0])
    org = _ORG_DE if lang == "de" else _ORG_EN
    m = org.search(lw.replace("-", "").replace(".", ""))
    if m and w[:1].isupper():
        f.append("orgcue" if m.start() == 0 else "orgsuffix")
    if len(w) == 1 and not w.isalnum():
        f.append("punct=" + w)
    elif lang in RICH:
        f.extend(pieces.word_classes(w))
    if lang in RICH:
        f += ["s5=" + lw[-5:], "p4=" + lw[:4]]
        if len(w) > 1 and w.isupper() and w.isalpha():
            f.append("acro")
        if len(lw) > 6:
            f.append("h6=" + lw[-6:])  # compound head: -ministerium, -verband
        f.extend(lexicon_features(w))
        f.extend(word_clusters().get(lw, ("wc=none",)))  # none: a word too rare in the unlabelled text
    return tuple(f)


_VEC_KEYS = {d: tuple(f"{d}e{k}" for k in range(pieces.DIMS)) for d in (-1, 0, 1)}


def sentence_features(words: Sequence[str], lang: str) -> list[dict[str, float]]:
    """CRFsuite features (name -> value) for one sequence of tokens."""
    extra = pos.features(words) if lang in RICH else None
    letters = [w for w in words if any(c.isalpha() for c in w)]
    upper_line = len(letters) >= 2 and sum(w.isupper() for w in letters) / len(letters) > 0.7
    gaz = gazetteer_tags(words, lang, upper_line)
    base = [_token_features(w, lang) for w in words]
    low = [w.casefold() for w in words]
    shapes = [short_shape(w) for w in words]
    n = len(words)
    vectors = [pieces.word_vector(w) for w in words] if lang in RICH else None
    feats = []
    for i in range(n):
        f = ["bias", *base[i]]
        f.extend("g=" + t for t in gaz[i])
        if extra:
            f.extend(extra[i])
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
                    if extra:
                        f.extend(f"{d}:{x}" for x in extra[j])
            else:
                f.append(f"{d}:pad")
        if i > 0:
            f.append(f"bi=-1:{low[i - 1]}|{low[i]}")
        if i < n - 1:
            f.append(f"bi=+1:{low[i]}|{low[i + 1]}")
        item = dict.fromkeys(f, 1.0)
        if lang in RICH:
            for d in (-1, 0, 1):
                if 0 <= i + d < n:
                    item.update(zip(_VEC_KEYS[d], vectors[i + d], strict=True))
        feats.append(item)
    return feats
