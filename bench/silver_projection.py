"""Silver German NER sentences by annotation projection (training only; bench/train_ner.py --tune de --silver).

The WMT21 news articles in ../shared/testdata/parallel hold 58 German/English and 135 German/French article pairs; in
this data each paragraph is one sentence and a translation has its original's paragraph count, so paragraph i <->
paragraph i (pairs whose counts differ, or whose character-length ratio is implausible, are dropped). The English (or
French) side is tagged by the shipped English model; each PER/LOC/ORG name it finds is projected onto the German
tokens by:

  * the same token sequence (casefolded),
  * the same German name key (inflection: `Trumps` = `Trump`, mkdocs_corpus.pipeline.entities.names),
  * the same country or city (Babel / GeoNames names in both languages: `Germany` = `Deutschland`),
  * the same person key (transliteration: `Vladimir` = `Wladimir`),
  * a hyphenated German compound whose first part is the name (`US-Präsident`: GermEval's *part, label PRT).

A German sentence is kept only when every source name was projected and no capitalised word that the two sentences
share (a name the English tagger may have missed) is left unlabelled. MISC names found verbatim in the German become
OTH; others are ignored (GermEval's OTH/deriv types are not scored). From French (no French model at hand) a name is
cut to its capitalised words, and a PER is kept only when the gazetteer knows one of its words as a person's name
(LOC when it knows the name as a place only).

    python bench/silver_projection.py [--src en|fr] [--sample 30]   # statistics and a random sample of names

Cross-validated in bench/train_ner.py (comment block): no variant gained enough to be shipped.

Licence: the WMT21 articles are for research and evaluation (their publishers' copyright): a model trained on this
silver data is for research use only.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from mkdocs_corpus.pipeline.entities import gazetteer as places  # noqa: E402
from mkdocs_corpus.pipeline.entities.names import name_keys, person_key  # noqa: E402
from mkdocs_corpus.pipeline.recognition import tagger  # noqa: E402
from mkdocs_corpus.pipeline.recognition.features import gazetteer, sentence_features  # noqa: E402
from mkdocs_corpus.pipeline.recognition.tokens import tokenise  # noqa: E402

PARALLEL = ROOT.parent / "shared" / "testdata" / "parallel"
NAME_TYPES = ("PER", "LOC", "ORG")
MAX_EXTRA = 2  # a German name may be this many tokens longer than its English source
LENGTH_RATIO = (0.6, 2.0)  # plausible German/English character-length ratios of one sentence pair
_ARTICLES_DE = {"der", "die", "das", "des", "dem", "den"}
_FRENCH_LEADING = {"le", "la", "les", "l", "l'", "l’", "de", "du", "des", "d'", "d’", "un", "une", "au", "aux", "en"}


# ---------------------------------------------------------------- sentence pairs

def paragraphs(path: Path) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if p.strip()]


def article_pairs(root: Path = PARALLEL, src: str = "en") -> list[tuple[Path, Path]]:
    """(source-language file, German file) of every translation pair between the two languages."""
    out = []
    with (root / "pairs.tsv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            langs = (row["lang_a"], row["lang_b"])
            if set(langs) == {src, "de"}:
                a, de = (row["file_a"], row["file_b"]) if langs[0] == src else (row["file_b"], row["file_a"])
                out.append((root / "articles" / a, root / "articles" / de))
    return out


def sentence_pairs(root: Path = PARALLEL, src: str = "en") -> tuple[list[tuple[str, str]], int]:
    """Aligned (source, German) sentences, and the number of articles dropped for differing paragraph counts."""
    pairs, dropped = [], 0
    for en_path, de_path in article_pairs(root, src):
        en, de = paragraphs(en_path), paragraphs(de_path)
        if len(en) != len(de):
            dropped += 1
            continue
        for e, d in zip(en, de, strict=True):
            if LENGTH_RATIO[0] <= len(d) / max(len(e), 1) <= LENGTH_RATIO[1]:
                pairs.append((e, d))
    return pairs, dropped


# ---------------------------------------------------------------- English names

def english_names(text: str, src: str = "en") -> list[tuple[list[str], str, float]]:
    """(tokens, type, confidence) of the names the shipped English model finds, MISC included; `the` and `'s`
    trimmed. Confidence: the lowest marginal probability of the model's labels over the name and its neighbours.
    On French text (no French model here) a name is cut to its capitalised words, French articles dropped."""
    words = [text[a:b] for a, b in tokenise(text)][: tagger.MAX_TOKENS]
    if not words:
        return []
    crf = tagger._tagger("en")
    labels = crf.tag(sentence_features(words, "en"))
    out = []
    for s, e, typ in tagger.bio_to_spans(labels):
        confidence = min(crf.marginal(labels[i], i) for i in range(max(s - 1, 0), min(e + 1, len(words))))
        while s < e and words[s] in tagger._LEADING:
            s += 1
        while e > s and words[e - 1] in tagger._TRAILING:
            e -= 1
        if src == "fr":
            while s < e and (not words[s][:1].isupper() or words[s].casefold() in _FRENCH_LEADING):
                s += 1
            while e > s and not words[e - 1][:1].isupper():
                e -= 1
        if s < e:
            out.append((words[s:e], typ, confidence))
    return out


# ---------------------------------------------------------------- matching one name

def _capitalised(w: str) -> bool:
    return w[:1].isupper() or w[:1].isdigit()


def _same_place(en: str, de: str, src: str) -> bool:
    a = places.country(en, src) or places.city(en, src)
    b = places.country(de, "de") or places.city(de, "de")
    return a is not None and b is not None and a.anchor == b.anchor


def match_kind(en_words: list[str], de_words: list[str], typ: str, src: str = "en") -> str | None:
    """How a German token span renders an English name ('exact', 'inflected', 'place', 'person'), or None."""
    if not (_capitalised(de_words[0]) and _capitalised(de_words[-1])) or de_words[0].casefold() in _ARTICLES_DE:
        return None
    if [w.casefold() for w in en_words] == [w.casefold() for w in de_words]:
        return "exact"
    en, de = " ".join(en_words), " ".join(de_words)
    if typ == "MISC":
        return None
    if len(de_words) == len(en_words) and name_keys(en, "de") & name_keys(de, "de"):
        return "inflected"
    if typ == "LOC" and _same_place(en, de, src):
        return "place"
    if typ == "PER" and len(de_words) == len(en_words) and person_key(en) == person_key(de):
        return "person"
    return None


def find_spans(en_words: list[str], typ: str, de_words: list[str], src: str = "en") -> list[tuple[int, int, str]]:
    """Non-overlapping German spans (start, end, how) rendering one English name, longest first."""
    found: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    for length in range(min(len(de_words), len(en_words) + MAX_EXTRA), 0, -1):
        for i in range(len(de_words) - length + 1):
            if taken & set(range(i, i + length)):
                continue
            kind = match_kind(en_words, de_words[i : i + length], typ, src)
            if kind:
                found.append((i, i + length, kind))
                taken.update(range(i, i + length))
    return found


def find_part(en_words: list[str], de_words: list[str], src: str = "en") -> list[int]:
    """German hyphenated compounds whose first part is the (one-token) name: `US-Präsident` for `U.S.`/`US`."""
    if len(en_words) != 1:
        return []
    keys = {en_words[0].casefold().replace(".", "")} | {k.replace(".", "") for k in name_keys(en_words[0], "de")}
    place = places.country(en_words[0], src)
    out = []
    for i, w in enumerate(de_words):
        head = w.split("-")[0]
        if "-" in w.strip("-") and _capitalised(w):
            if head.casefold() in keys or (place and (p := places.country(head, "de")) and p.anchor == place.anchor):
                out.append(i)
    return out


# ---------------------------------------------------------------- one sentence

def project(en_text: str, de_text: str, stats: dict | None = None, min_confidence: float = 0.0,
            src: str = "en") -> tuple[list[str], list[str]] | None:
    """(German tokens, BILOU labels), or None when a name could not be projected, the English model is less sure of
    a PER/LOC/ORG name than `min_confidence`, or a shared capitalised word is left unlabelled."""
    stats = {} if stats is None else stats
    de_words = [de_text[a:b] for a, b in tokenise(de_text)]
    labels = ["O"] * len(de_words)
    names = english_names(en_text, src)
    if any(typ in NAME_TYPES and confidence < min_confidence for _, typ, confidence in names):
        stats["unsure"] = stats.get("unsure", 0) + 1
        return None
    for en_words, typ, _ in sorted(names, key=lambda n: -len(n[0])):
        spans = [s for s in find_spans(en_words, typ, de_words, src) if all(x == "O" for x in labels[s[0] : s[1]])]
        if typ in NAME_TYPES and not spans:
            parts = [i for i in find_part(en_words, de_words, src) if labels[i] == "O"]
            if not parts:
                stats["unprojected"] = stats.get("unprojected", 0) + 1
                return None
            for i in parts:
                labels[i] = "U-PRT"
            stats["part"] = stats.get("part", 0) + len(parts)
            continue
        if src != "en" and typ == "PER" and spans:
            typ = _checked_person(de_words, spans)
            if typ is None:
                stats["unchecked_person"] = stats.get("unchecked_person", 0) + 1
                return None
        for s, e, how in spans:
            label = typ if typ in NAME_TYPES else "OTH"
            labels[s:e] = tagger.to_bilou(["B-" + label] + ["I-" + label] * (e - s - 1))
            stats[how] = stats.get(how, 0) + 1
    if _missed_shared_word(en_text, de_words, labels):
        stats["shared_unlabelled"] = stats.get("shared_unlabelled", 0) + 1
        return None
    return de_words, labels


def _checked_person(de_words: list[str], spans: list[tuple[int, int, str]]) -> str | None:
    """For a source without its own model: PER when a word of the name is a known first or last name, LOC when the
    name is a known place (and no person's name), else None (the English model types French names poorly)."""
    gaz = gazetteer()
    cats: set[str] = set()
    for s, e, _ in spans:
        words = [w.casefold() for w in de_words[s:e]]
        cats |= set(gaz.get(tuple(words), ()))
        for w in words:
            cats |= {c for c in gaz.get((w,), ()) if c.startswith(("per_", "x_per"))}
    if any(c.startswith(("per_", "x_per")) for c in cats):
        return "PER"
    if any(c.startswith(("loc_", "x_loc")) for c in cats):
        return "LOC"
    return None


def _missed_shared_word(en_text: str, de_words: list[str], labels: list[str]) -> bool:
    """A capitalised German word (not sentence-initial) found capitalised mid-sentence in the English, unlabelled."""
    en_words = [en_text[a:b] for a, b in tokenise(en_text)]
    shared = {w for w in en_words[1:] if w[:1].isupper() and len(w) > 1}
    return any(labels[i] == "O" and de_words[i] in shared for i in range(1, len(de_words)))


def silver(root: Path = PARALLEL, stats: dict | None = None, min_confidence: float = 0.0, src: str = "en"):
    """Silver German sentences (tokens, BILOU labels) projected from the `src` side of the parallel set."""
    stats = {} if stats is None else stats
    pairs, dropped = sentence_pairs(root, src)
    stats.update(articles_dropped=dropped, sentence_pairs=len(pairs))
    out = [s for e, d in pairs if (s := project(e, d, stats, min_confidence, src)) is not None]
    stats["kept"] = len(out)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=int, default=30, help="print this many random projected names")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--src", choices=["en", "fr"], default="en", help="project from this language")
    ap.add_argument("--min-confidence", type=float, default=0.0, help="drop sentences with a less sure English name")
    args = ap.parse_args()
    if not PARALLEL.is_dir():
        print(f"skipped: {PARALLEL} not found")
        return
    stats: dict = {}
    sents = silver(PARALLEL, stats, args.min_confidence, args.src)
    names = [(words, s, e, typ) for words, labels in sents for s, e, typ in tagger.bio_to_spans(labels)]
    by_type: dict[str, int] = {}
    for *_, typ in names:
        by_type[typ] = by_type.get(typ, 0) + 1
    print(f"silver: {len(sents)} sentences, {len(names)} names {by_type}; {stats}")
    for words, s, e, typ in random.Random(args.seed).sample(names, min(args.sample, len(names))):
        print(f"  {typ:4s} {' '.join(words[s:e]):30s} | {' '.join(words[max(0, s - 5) : e + 5])}")


if __name__ == "__main__":
    main()
