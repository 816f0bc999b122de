"""Entity recognition throughput per language, and the entity index's share of a 5,000-article build.

    .venv/bin/python bench/bench_entities.py [--n 5000] [--sample 300] [--data ../shared/testdata]
                                             [--work /tmp/mkdocs-corpus-bench]

1. Throughput: the same analysed articles (Reuters-21578 for English, 10kGNAD for German, the
   parallel set's other languages) are run through recognition; words per second of recognition,
   against per-article analysis without it (reading, cleaning, language) as the baseline in the
   same run.
2. Build: N real articles (the build benchmark's corpus) built with `entities: true` and with
   `entities: false` (the baseline), each cold (empty cache) and then cached after appending one
   sentence to one article; wall time and peak memory, and the entity stage's own time from
   the build log.

Writes bench/results/entities.json. Skips cleanly (exit 0) when the test data is absent.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_build import ROOT, TESTDATA, append_edit, build, choose, machine, prepare, unpack  # noqa: E402
from mkdocs_corpus.pipeline.analysis import Options, analyse, name_units  # noqa: E402
from mkdocs_corpus.pipeline.length import count  # noqa: E402
from mkdocs_corpus.pipeline.recognition import recognise, supported  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "entities.json"
STAGE = re.compile(r"entities: ([\d,]+) \(([\d,]+) with a page\) from ([\d,]+) mentions in ([\d.]+) s")


def throughput(sets: dict[str, list[Path]], sample: int) -> dict[str, dict]:
    """Words/s of recognition per language, and of analysis without recognition, on the same articles."""
    by_lang: dict[str, list] = defaultdict(list)
    for name in ("reuters", "10kgnad", "parallel"):
        for path in sets[name][: sample * 3]:
            data = path.read_bytes()
            started = time.perf_counter()
            article, _ = analyse(path.name, data, Options(entities=False))
            seconds = time.perf_counter() - started
            if supported(article.lang) and len(by_lang[article.lang]) < sample:
                by_lang[article.lang].append((article, seconds))
    rows = {}
    for lang, items in sorted(by_lang.items()):
        words = sum(sum(count(b.text for b in a.blocks)) for a, _ in items)  # words, or CJK characters
        analysis = sum(s for _, s in items)
        started = time.perf_counter()
        for article, _ in items:
            recognise(name_units(article), lang)
        recognition = time.perf_counter() - started
        rows[lang] = {"articles": len(items), "words": words, "recognition_words_per_s": round(words / recognition),
                      "analysis_words_per_s": round(words / analysis), "ratio": round(recognition / analysis, 2)}
        print(f"{lang}: recognition {words / recognition:,.0f} words/s, analysis without it {words / analysis:,.0f} words/s "
              f"({len(items)} articles, {words:,} words): recognition costs {recognition / analysis:.2f}x analysis")
    return rows


def builds(n: int, sets: dict[str, list[Path]], work: Path) -> dict[str, dict]:
    corpus, _, edited, _ = prepare(choose(sets, n), work / f"entities-{n}")
    rows = {}
    for label, flag in (("baseline (entities: false)", "false"), ("entities: true", "true")):
        cache = work / f"entities-{n}" / f"cache-{flag}"
        env = {**os.environ, "CORPUS_DIR": str(corpus), "CORPUS_CACHE_DIR": str(cache), "CORPUS_ENTITIES": flag,
               "NO_MKDOCS_2_WARNING": "1"}
        row = {}
        for phase in ("cold", "cached"):
            if phase == "cached":
                append_edit(edited)
            log = work / f"entities-{n}" / f"{flag}-{phase}.log"
            result = build(ROOT / "mkdocs.yml", work / f"entities-{n}" / f"site-{flag}", env, log, 7200)
            stage = STAGE.search(log.read_text(errors="replace"))
            row[phase] = {**asdict(result), "entity_stage_seconds": float(stage[4]) if stage else None,
                          "entities": stage[1] if stage else None, "entity_pages": stage[2] if stage else None}
            detail = f", entity stage {stage[4]} s for {stage[1]} entities ({stage[2]} with a page)" if stage else ""
            print(f"{label} {phase}: {result.seconds:.1f} s, peak {result.peak_tree_bytes / 1e6:,.0f} MB{detail}", flush=True)
        rows[label] = row
        if flag == "false":
            # The same edit must not be appended twice: restore the corpus for the second configuration.
            corpus, _, edited, _ = prepare(choose(sets, n), work / f"entities-{n}-b")
    base, ours = rows["baseline (entities: false)"], rows["entities: true"]
    for phase in ("cold", "cached"):
        print(f"{phase}: entities on/off = {ours[phase]['seconds'] / base[phase]['seconds']:.2f}x")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--sample", type=int, default=300)
    parser.add_argument("--data", type=Path, default=TESTDATA)
    parser.add_argument("--work", type=Path, default=Path("/tmp/mkdocs-corpus-bench"))
    parser.add_argument("--skip-build", action="store_true", help="throughput only; keep the saved build figures")
    args = parser.parse_args()
    if not (args.data / "large").is_dir():
        print(f"skipped: no test data at {args.data}")
        return 0
    sets = unpack(args.data, args.work)
    result = {"machine": machine(), "throughput": throughput(sets, args.sample)}
    if not args.skip_build:
        result["build"] = {"n": args.n, **builds(args.n, sets, args.work)}
    elif RESULTS.exists() and "build" in (earlier := json.loads(RESULTS.read_text())):
        result["build"] = earlier["build"]  # kept from the last run that built (its machine and code may differ)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=1) + "\n")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
