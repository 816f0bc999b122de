"""Measure mkdocs_corpus.pipeline.recognition on ../shared/testdata/ner/{en,de} with the metric of ../shared/tools/score.py ner().

Per document: the set of (surface.casefold(), type) found vs the set of gold outer PER/LOC/ORG entities;
micro P/R/F1 over all documents listed in gold_entities.tsv. Only measures: never tune on this data.

    python bench/eval_ner.py [en] [de] [--errors N]
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from mkdocs_corpus.pipeline.recognition import MODEL_VERSION, recognise  # noqa: E402

NER = Path(os.environ.get("NER_DIR", ROOT.parent / "shared" / "testdata" / "ner"))
TYPES = {"PER": "person", "LOC": "place", "ORG": "organisation"}


def gold_sets(path: Path) -> dict[str, set[tuple[str, str]]]:
    gold: dict[str, set[tuple[str, str]]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for g in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            doc = gold.setdefault(g["doc_id"], set())
            if g["level"] == "outer" and g["type"] in TYPES:
                doc.add((g["surface"].casefold(), TYPES[g["type"]]))
    return gold


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(lang: str, errors: int) -> None:
    base = NER / lang
    gold = gold_sets(base / "gold_entities.tsv")
    counts: dict[str, Counter] = defaultdict(Counter)
    misses: Counter = Counter()
    words = 0
    elapsed = 0.0
    for doc, want in sorted(gold.items()):
        text = (base / "articles" / f"{doc}.txt").read_text(encoding="utf-8")
        paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
        words += len(text.split())
        t0 = time.perf_counter()
        spans = recognise(paragraphs, lang)
        elapsed += time.perf_counter() - t0
        found = {(p[s.start : s.end].casefold(), s.type) for p, ss in zip(paragraphs, spans, strict=True) for s in ss}
        for typ in [*TYPES.values(), "all"]:
            f = {x for x in found if typ in ("all", x[1])}
            g = {x for x in want if typ in ("all", x[1])}
            counts[typ].update(tp=len(f & g), fp=len(f - g), fn=len(g - f))
        misses.update(("fp",) + x for x in found - want)
        misses.update(("fn",) + x for x in want - found)
    print(f"{lang}: {len(gold)} documents, {words} words, {words / elapsed:.0f} words/s (model {MODEL_VERSION})")
    for typ in ["all", *TYPES.values()]:
        c = counts[typ]
        p, r, f1 = prf(c["tp"], c["fp"], c["fn"])
        print(f"  {typ:13s} P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  (tp {c['tp']}, fp {c['fp']}, fn {c['fn']})")
    if errors:
        for (kind, surface, typ), n in misses.most_common(errors):
            print(f"    {kind} {n:3d} {typ:13s} {surface}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("langs", nargs="*", default=["en", "de"])
    ap.add_argument("--errors", type=int, default=0, help="print the N most frequent errors (for reading, not tuning)")
    args = ap.parse_args()
    if not NER.is_dir():
        print(f"skipped: {NER} not found")
        return
    for lang in args.langs:
        evaluate(lang, args.errors)


if __name__ == "__main__":
    main()
