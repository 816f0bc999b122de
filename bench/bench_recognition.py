"""Entity recognition speed per language (words/s), the cost of loading each model, and each model's installed size.

    PYTHONPATH=plugins .venv/bin/python bench/bench_recognition.py [--paragraphs 300] [--rounds 2]
                                                                   [--data ../shared/testdata]

For every language that has a model of its own (`recognition.tagger.MODEL_OF`) and real text in the test data,
and for the fallback (a language without a model: the model of its script, `tagger.FALLBACK` for Latin), it runs
the package's entry point, `recognition.recognise(paragraphs, lang)` (what `analysis.recognised_spans` calls for
every article of a cold build), in this process over up to --paragraphs paragraphs, and reports:

- first call: seconds of the first `recognise` of one paragraph with that model (opening the CRF, and for en/de
  the gazetteers, lexicon and HanTa lemmas); a cold build pays it once per worker process;
- words per CPU second and per wall second of the rest, the fastest of --rounds rounds (the machine is shared:
  CPU time is the steadier figure). Words and CJK characters are counted as the package counts length
  (pipeline/length.py): Japanese and Chinese are given in characters/s.

Text, in this order until the sample is full: parallel/articles (by languages.tsv), ner/{en,de}/articles,
linking/articles (bg, cs, pl, ru, sl, uk), then for hi and hr, which have no evaluation text, the sentences of
train/{hi,hr}/open (tokens joined by spaces: text the model was trained on, good for speed only). A paragraph
is a block of text between blank lines (ner/: a line).

Prints Markdown tables and writes bench/results/recognition.json. Skips cleanly (exit 0) when the test data
is absent.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_build import ROOT, TESTDATA, git_revision, machine  # noqa: E402
from mkdocs_corpus.pipeline import length  # noqa: E402
from mkdocs_corpus.pipeline.recognition import recognise, supported, tagger  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "recognition.json"
FALLBACK_LANGS = ("is", "es", "it", "pt", "nl")  # Latin-script languages without a model, if text is at hand


def paragraphs_of(path: Path, by_line: bool = False) -> list[str]:
    text = path.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n")
    parts = text.split("\n") if by_line else text.split("\n\n")
    return [p.strip() for p in parts if p.strip()]


def conll_sentences(path: Path) -> list[str]:
    sentences, tokens = [], []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.strip():
            tokens.append(line.split("\t")[0])
        elif tokens:
            sentences.append(" ".join(tokens))
            tokens = []
    if tokens:
        sentences.append(" ".join(tokens))
    return sentences


def texts(data: Path, limit: int) -> dict[str, dict]:
    """{lang: {"paragraphs": [...], "sources": {source: count}}}, at most `limit` paragraphs each."""
    found: dict[str, dict] = defaultdict(lambda: {"paragraphs": [], "sources": defaultdict(int)})

    def add(lang: str, source: str, paragraphs: list[str]) -> None:
        entry = found[lang]
        room = limit - len(entry["paragraphs"])
        if room > 0 and paragraphs:
            entry["paragraphs"] += paragraphs[:room]
            entry["sources"][source] += min(room, len(paragraphs))

    parallel = data / "parallel"
    if (parallel / "languages.tsv").exists():
        with open(parallel / "languages.tsv", encoding="utf-8") as f:
            for row in sorted(csv.DictReader(f, delimiter="\t"), key=lambda r: r["file"]):
                add(row["lang"], "parallel/articles", paragraphs_of(parallel / "articles" / row["file"]))
    for lang in ("en", "de"):
        for path in sorted((data / "ner" / lang / "articles").glob("*")):
            add(lang, f"ner/{lang}/articles", paragraphs_of(path, by_line=True))
    for path in sorted((data / "linking" / "articles").glob("*.txt")):
        add(path.name.rsplit(".", 2)[-2], "linking/articles", paragraphs_of(path))
    for lang in ("hi", "hr"):
        for path in sorted((data / "train" / lang / "open").glob("*/conll.txt")):
            add(lang, f"train/{lang}/open/{path.parent.name} (training text)", conll_sentences(path))
    return {lang: {"paragraphs": v["paragraphs"], "sources": dict(v["sources"])} for lang, v in found.items()}


def model_files() -> dict[str, int]:
    folder = tagger.model_path("x").parent
    return {p.name: p.stat().st_size for p in sorted(folder.iterdir()) if p.is_file()}


def package_bytes(module: str) -> int | None:
    try:
        top = Path(__import__(module).__file__).parent
    except (ImportError, TypeError):
        return None
    return sum(p.stat().st_size for p in top.rglob("*") if p.is_file())


def measure(lang: str, paragraphs: list[str], rounds: int, loaded: set[str]) -> dict:
    model = tagger.model_for(lang, "\n".join(paragraphs[:20]))
    first = None
    if model not in loaded:
        started = time.perf_counter()
        recognise(paragraphs[:1], lang)
        first = time.perf_counter() - started
        loaded.add(model)
    words, characters = length.count(paragraphs)
    best_cpu = best_wall = float("inf")
    spans = 0
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        found = recognise(paragraphs, lang)
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
        spans = sum(map(len, found))
    in_characters = length.counted_in_characters(words, characters)
    units = characters if in_characters else words
    return {
        "model": model,
        "own_model": tagger.own_model(lang) is not None,
        "paragraphs": len(paragraphs),
        "words": words,
        "characters": characters,
        "unit": "characters" if in_characters else "words",
        "units_per_cpu_second": round(units / best_cpu) if best_cpu else None,
        "units_per_wall_second": round(units / best_wall) if best_wall else None,
        "cpu_seconds": round(best_cpu, 3),
        "wall_seconds": round(best_wall, 3),
        "first_call_seconds": round(first, 3) if first is not None else None,
        "names_found": spans,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--paragraphs", type=int, default=300, help="paragraphs per language")
    parser.add_argument("--rounds", type=int, default=2, help="timed passes per language; the fastest counts")
    parser.add_argument("--data", type=Path, default=TESTDATA, help="the shared test data folder")
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    if not (args.data / "parallel" / "languages.tsv").exists():
        print(f"skipped: test data not found at {args.data}")
        return 0

    corpus = texts(args.data, args.paragraphs)
    own = sorted(lang for lang in corpus if tagger.own_model(lang))
    fallback = [lang for lang in FALLBACK_LANGS if lang in corpus and supported(lang)]
    missing = sorted(set(tagger.MODEL_OF) - set(corpus))
    package = Path(tagger.__file__).resolve().parents[3]
    print(f"recognition from {package} at {git_revision(package.parent)}; "
          f"{len(own)} languages with a model and text, fallback measured on {', '.join(fallback) or 'none'}")
    loaded: set[str] = set()
    rows = {}
    for lang in [*own, *fallback]:
        rows[lang] = measure(lang, corpus[lang]["paragraphs"], args.rounds, loaded) | {"sources": corpus[lang]["sources"]}
        r = rows[lang]
        print(f"  {lang}: {r['units_per_cpu_second']:>9,} {r['unit']}/CPU-s  model {r['model']}", flush=True)
    files = model_files()
    result = {
        "machine": machine(),
        "revision": git_revision(package.parent),
        "package": str(package),
        "paragraphs_per_language": args.paragraphs,
        "rounds": args.rounds,
        "languages": rows,
        "not_measured_no_text": missing,
        "model_files": files,
        "models_total_bytes": sum(files.values()),
        "python_crfsuite_bytes": package_bytes("pycrfsuite"),
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=1) + "\n")

    print("\n| language | model | text | paragraphs | words or chars | per CPU second | per wall second "
          "| first call (s) | names |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|")
    for lang, r in rows.items():
        model = r["model"] + ("" if r["own_model"] else " (fallback)")
        source = "; ".join(r["sources"])
        n = r["characters"] if r["unit"] == "characters" else r["words"]
        first = f"{r['first_call_seconds']:.2f}" if r["first_call_seconds"] is not None else "(loaded)"
        print(f"| {lang} | {model} | {source} | {r['paragraphs']} | {n:,} {r['unit']} | "
              f"{r['units_per_cpu_second']:,} | {r['units_per_wall_second']:,} | {first} | {r['names_found']:,} |")
    readers = defaultdict(list)
    for lang, model in tagger.MODEL_OF.items():
        readers[model].append(lang)
    print("\n| model file | installed bytes | reads |\n|---|---:|---|")
    for name, size in files.items():
        stem = name.split(".")[0]
        reads = ", ".join(readers.get(stem, [])) + (" and any other Latin-script language" if stem == tagger.FALLBACK else "")
        print(f"| {name} | {size:,} | {reads} |")
    print(f"| **all of models/** | **{result['models_total_bytes']:,}** | |")
    if result["python_crfsuite_bytes"]:
        print(f"| (python-crfsuite, the runtime) | {result['python_crfsuite_bytes']:,} | |")
    if missing:
        print(f"\nNo text in the test data for: {', '.join(missing)} (read by a model, not measured).")
    print(f"\nwrote {args.json.relative_to(ROOT) if args.json.is_relative_to(ROOT) else args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
