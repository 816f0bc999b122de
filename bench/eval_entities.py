"""Entity recognition through a real MkDocs build, scored exactly as ../shared/tools/score.py's
`ner` scores it: per document, the set of (surface form, type) in `api/articles.json`'s
`mentions` against the gold's outer PER/LOC/ORG entities.

    .venv/bin/python bench/eval_entities.py [NER_DIR]     # NER_DIR holds en/ and de/

Each language's documents are built as their own corpus, as a user would publish them (the
shipped mkdocs.yml, language identification included). Skips (exit 0) without the test data.
"""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "testdata" / "ner"
TYPES = {"PER": "person", "LOC": "place", "ORG": "organisation"}
GOAL = 0.75


def score(articles: dict[str, dict], gold_tsv: Path) -> dict[str, tuple[int, int, int]]:
    """(tp, fp, fn) overall and per type."""
    gold: dict[str, set[tuple[str, str]]] = defaultdict(set)
    docs = set()
    with open(gold_tsv, encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            docs.add(row["doc_id"] + ".txt")
            if row["level"] == "outer" and row["type"] in TYPES:
                gold[row["doc_id"] + ".txt"].add((row["surface"].casefold(), TYPES[row["type"]]))
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for doc in docs:
        mentions = articles.get(doc, {}).get("mentions") or []
        found = {(m["text"].casefold(), m["type"]) for m in mentions if m.get("type") in TYPES.values()}
        for kind in ("all", *TYPES.values()):
            f = {x for x in found if kind in ("all", x[1])}
            g = {x for x in gold[doc] if kind in ("all", x[1])}
            counts[kind][0] += len(f & g)
            counts[kind][1] += len(f - g)
            counts[kind][2] += len(g - f)
    return {k: tuple(v) for k, v in counts.items()}  # type: ignore[misc]


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not (data / "en" / "gold_entities.tsv").is_file():
        print(f"skipped: no test data at {data}")
        return 0
    ok = True
    for lang in ("en", "de"):
        with tempfile.TemporaryDirectory() as out:
            started = time.perf_counter()
            env = {**os.environ, "CORPUS_DIR": str(data / lang / "articles"), "NO_MKDOCS_2_WARNING": "1",
                   "CORPUS_CACHE_DIR": str(Path(out) / "cache")}
            command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"),
                       "-d", str(Path(out) / "site")]
            subprocess.run(command, check=True, env=env)
            seconds = time.perf_counter() - started
            records = json.loads(Path(out, "site", "api", "articles.json").read_text(encoding="utf-8"))
        articles = {Path(a["path"]).name: a for a in records}
        wrong_lang = sum(a["lang"] != lang for a in articles.values())
        counts = score(articles, data / lang / "gold_entities.tsv")
        p, r, f = f1(*counts["all"])
        ok &= f >= GOAL
        print(f"{lang}: F1 {f:.3f} (P {p:.3f} R {r:.3f}) over {len(articles)} documents; "
              f"{wrong_lang} identified as another language; build {seconds:.0f} s")
        for kind in TYPES.values():
            p, r, f = f1(*counts[kind])
            print(f"  {kind:<13} F1 {f:.3f} (P {p:.3f} R {r:.3f})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
