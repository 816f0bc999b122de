"""Language identification accuracy on the real WMT21 parallel set, through a real MkDocs build.

    .venv/bin/python bench/eval_langid.py [PARALLEL_DIR]

Builds the site with CORPUS_DIR pointing at the articles, then compares `api/articles.json`
with `languages.tsv`, exactly as ../shared/tools/score.py's `langid` does. Skips (exit 0) when
the test data is absent.
"""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "testdata" / "parallel"


def main() -> int:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not (data / "languages.tsv").is_file():
        print(f"skipped: no test data at {data}")
        return 0
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        env = {**os.environ, "CORPUS_DIR": str(data / "articles"), "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", out],
                       check=True, env=env)
        seconds = time.perf_counter() - started
        articles = {Path(a["path"]).name: a for a in json.loads(Path(out, "api", "articles.json").read_text())}
    with open(data / "languages.tsv", encoding="utf-8") as f:
        gold = list(csv.DictReader(f, delimiter="\t"))
    wrong = [(g["file"], g["lang"], articles.get(g["file"], {}).get("lang")) for g in gold
             if articles.get(g["file"], {}).get("lang") != g["lang"]]
    per_lang = Counter(g["lang"] for g in gold)
    missed = Counter(lang for _, lang, _ in wrong)
    print(f"language id: {1 - len(wrong) / len(gold):.4f} of {len(gold)} right; build {seconds:.0f} s")
    for lang in sorted(per_lang):
        print(f"  {lang}: {per_lang[lang] - missed[lang]}/{per_lang[lang]}")
    for file, want, got in wrong:
        print(f"  wrong: {file} gold {want}, found {got}")
    return 0 if len(wrong) / len(gold) <= 0.01 else 1


if __name__ == "__main__":
    sys.exit(main())
