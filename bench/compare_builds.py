"""Two checkouts of the archive built side by side on the same corpus: time, memory and site bytes, as new/old ratios.

    .venv/bin/python bench/compare_builds.py --old /work/wt/old --new . [--articles 5000 | --corpus DIR]
                                             [--repeat 2] [--name NAME] [--data ../shared/testdata]

A checkout is a tree of this repository: its `plugins/` goes first on PYTHONPATH (over the editable install)
and its own `mkdocs.yml` (with its `docs/`) is built. Each build is `mkdocs build --strict`, cold: a fresh,
empty cache folder and site folder every time. Builds run in the order old, new, then new, old, and so on
(ABBA), so a drift in the shared machine's load falls on both sides alike. Per build: wall seconds, CPU
seconds of the build and its workers (children rusage), peak memory (bench_build.build: the process tree's
sampled RSS, or ru_maxrss when higher), site bytes (sum of file sizes), HTML pages, bytes per top-level
folder of the site, the 1-minute load average before and after. Then medians per side and new/old ratios.

Corpus: `--articles N` assembles N real articles the way bench_build.py does (the WMT21 parallel set, then
10kGNAD German, then Reuters-21578 English) as copies in a folder under --work, outside the repository;
`--corpus DIR` builds a folder as it is (e.g. ../shared/testdata/parallel/articles).

Prints a Markdown table and writes bench/results/compare-NAME.json. Skips cleanly (exit 0) when the
test data is absent.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_build import ROOT, SETS, TESTDATA, build, choose, git_revision, machine, mb, unpack  # noqa: E402

RESULTS = ROOT / "bench" / "results"
# (label, key in a build's record, format) for the table; every one but the last two gets a ratio.
ROWS = (
    ("wall time (s)", "seconds", lambda x: f"{x:,.1f}"),
    ("CPU time, build + workers (s)", "cpu_seconds", lambda x: f"{x:,.1f}"),
    ("peak memory (MB)", "peak_bytes", mb),
    ("site (MB)", "output_bytes", mb),
    ("files in the site", "output_files", lambda x: f"{x:,.0f}"),
    ("HTML pages", "html_pages", lambda x: f"{x:,.0f}"),
)


def folder_bytes(site: Path) -> dict[str, int]:
    """Bytes under each top-level entry of the site; files at the top level are summed as '(top-level files)'."""
    sizes: dict[str, int] = {}
    for entry in os.scandir(site):
        if entry.is_dir(follow_symlinks=False):
            total = 0
            for dirpath, _, names in os.walk(entry.path):
                total += sum(os.lstat(os.path.join(dirpath, name)).st_size for name in names)
            sizes[entry.name + "/"] = total
        else:
            sizes["(top-level files)"] = sizes.get("(top-level files)", 0) + entry.stat(follow_symlinks=False).st_size
    return dict(sorted(sizes.items(), key=lambda kv: -kv[1]))


def assemble(data: Path, work: Path, n: int) -> Path:
    """N articles of the build benchmark's corpus, copied flat into work/corpus-N (made once, reused)."""
    corpus = work / f"corpus-{n}"
    done = corpus / ".complete"
    if not done.exists():
        shutil.rmtree(corpus, ignore_errors=True)
        corpus.mkdir(parents=True)
        for path in choose(unpack(data, work), n):
            shutil.copyfile(path, corpus / path.name)
        done.touch()
    return corpus


def one_build(side: str, tree: Path, corpus: Path, run: Path, index: int, timeout: float) -> dict:
    folder = run / f"{side}-{index}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    cache, site = folder / "cache", folder / "site"
    cache.mkdir()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CORPUS_DIR=str(corpus), CORPUS_CACHE_DIR=str(cache),
               PYTHONPATH=os.pathsep.join(filter(None, [str(tree / "plugins"), os.environ.get("PYTHONPATH")])))
    result = build(tree / "mkdocs.yml", site, env, folder / "build.log", timeout, flags=("--strict",), root=tree)
    record = asdict(result) | {"peak_bytes": result.peak_bytes, "load_after": round(os.getloadavg()[0], 2),
                               "folders": folder_bytes(site) if site.is_dir() else {}}
    status = "" if result.returncode == 0 else f"  FAILED (exit {result.returncode}, see {folder / 'build.log'})"
    print(f"  {side} #{index}: {result.seconds:8.1f} s wall {result.cpu_seconds:8.1f} s CPU "
          f"{mb(result.peak_bytes):>6} MB peak {mb(result.output_bytes):>6} MB site "
          f"{result.html_pages:,} pages, load {result.load_before} -> {record['load_after']}{status}", flush=True)
    return record


def medians(builds: list[dict]) -> dict[str, float]:
    ok = [b for b in builds if b["returncode"] == 0] or builds
    return {key: statistics.median(b[key] for b in ok) for _, key, _ in ROWS}


def table(result: dict) -> str:
    old, new = result["builds"]["old"], result["builds"]["new"]
    mo, mn = result["median"]["old"], result["median"]["new"]
    head = [f"old #{i + 1}" for i in range(len(old))] + [f"new #{i + 1}" for i in range(len(new))]
    lines = ["| | " + " | ".join(head) + " | old median | new median | new / old |",
             "|---|" + "---:|" * (len(head) + 3)]
    for label, key, fmt in ROWS:
        cells = [fmt(b[key]) for b in old + new] + [fmt(mo[key]), fmt(mn[key])]
        cells.append(f"{mn[key] / mo[key]:.2f}×" if mo[key] else "–")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines.append("| load average, before → after | " + " | ".join(
        f"{b['load_before']:.1f} → {b['load_after']:.1f}" for b in old + new) + " | | | |")
    failed = [f"{side} #{i + 1}" for side in ("old", "new") for i, b in enumerate(result["builds"][side])
              if b["returncode"] != 0]
    if failed:
        lines.append(f"\n**Failed builds: {', '.join(failed)}**: their figures are left out of the medians.")
    return "\n".join(lines)


def folder_table(result: dict) -> str:
    """Site bytes per top-level folder: the first successful build of each side (cold builds are deterministic in size)."""
    first = {side: next((b for b in result["builds"][side] if b["returncode"] == 0), result["builds"][side][0])
             for side in ("old", "new")}
    old, new = first["old"]["folders"], first["new"]["folders"]
    names = sorted(set(old) | set(new), key=lambda k: -max(old.get(k, 0), new.get(k, 0)))
    total_old, total_new = sum(old.values()), sum(new.values())
    lines = ["| site folder | old (MB) | share of old | new (MB) | share of new | new / old |", "|---|---:|---:|---:|---:|---:|"]
    for name in names + ["whole site"]:
        a, b = (total_old, total_new) if name == "whole site" else (old.get(name, 0), new.get(name, 0))
        lines.append(f"| {name} | {a / 1e6:,.2f} | {a / total_old:.1%} | {b / 1e6:,.2f} | {b / total_new:.1%} | "
                     + (f"{b / a:.2f}×" if a and b else "gone" if a else "new") + " |")
    return "\n".join(lines)


def stage_table(result: dict) -> str:
    """Median seconds per stage of the plugin (its log's "time per stage" line), where both sides logged one."""
    per = {side: [b["stages"] for b in result["builds"][side] if b["returncode"] == 0 and b.get("stages")]
           for side in ("old", "new")}
    if not per["old"] or not per["new"]:
        return "(no stage times in the build logs)"
    names = list(dict.fromkeys(name for side in ("old", "new") for stages in per[side] for name in stages))
    lines = ["| stage | old median (s) | new median (s) | new − old (s) |", "|---|---:|---:|---:|"]
    for name in names:
        old, new = (statistics.median(s.get(name, 0.0) for s in per[side]) for side in ("old", "new"))
        lines.append(f"| {name} | {old:,.1f} | {new:,.1f} | {new - old:+,.1f} |")
    return "\n".join(lines)


def report(result: dict) -> None:
    revisions = {side: result["checkouts"][side]["revision"] for side in ("old", "new")}
    print(f"\n## {result['input_files']:,} articles: old {revisions['old']} against new {revisions['new']}\n")
    print(table(result))
    print("\nSeconds per stage, from each build's log (stages overlap with Pagefind on the other core):\n")
    print(stage_table(result))
    print("\nSite bytes per top-level folder (first successful build of each side):\n")
    print(folder_table(result))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--old", type=Path, help="the baseline checkout (a tree of this repository)")
    parser.add_argument("--new", type=Path, default=ROOT, help="the checkout compared with it (default: this one)")
    parser.add_argument("--articles", type=int, help="assemble N articles as bench_build.py does")
    parser.add_argument("--corpus", type=Path, help="or build this folder as it is")
    parser.add_argument("--repeat", type=int, default=2, help="cold builds of each side")
    parser.add_argument("--name", help="result name: bench/results/compare-NAME.json (default: the corpus size or folder)")
    parser.add_argument("--data", type=Path, default=TESTDATA, help="the shared test data folder")
    parser.add_argument("--work", type=Path, default=Path("/tmp/mkdocs-corpus-compare"), help="corpus, caches and sites")
    parser.add_argument("--keep", action="store_true", help="keep every build's site and cache under --work")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per build before it is killed")
    parser.add_argument("--report", type=Path, help="build nothing: print the tables of a saved result JSON")
    args = parser.parse_args()
    if args.report:
        report(json.loads(args.report.read_text()))
        return 0
    if args.old is None:
        parser.error("--old is required")
    if (args.articles is None) == (args.corpus is None):
        parser.error("give one of --articles N or --corpus DIR")

    if args.articles is not None:
        needed = [args.data / "parallel" / "articles"] + [args.data / archive for _, archive in SETS if archive]
    else:
        needed = [args.corpus]
    missing = [str(p) for p in needed if not p.exists()]
    if missing:
        print(f"skipped: test data not found: {', '.join(missing)}")
        return 0

    old, new = args.old.resolve(), args.new.resolve()
    for tree in (old, new):
        if not (tree / "mkdocs.yml").is_file() or not (tree / "plugins" / "mkdocs_corpus").is_dir():
            raise SystemExit(f"{tree} is not a checkout of this repository (no mkdocs.yml or plugins/mkdocs_corpus)")
    args.work.mkdir(parents=True, exist_ok=True)
    corpus = assemble(args.data, args.work, args.articles) if args.articles else args.corpus.resolve()
    name = args.name or (str(args.articles) if args.articles else corpus.name)
    inputs = [p for p in corpus.iterdir() if p.is_file() and not p.name.startswith(".")]
    run = args.work / f"run-{name}"
    trees = {"old": old, "new": new}
    revisions = {side: git_revision(tree) for side, tree in trees.items()}
    print(f"{len(inputs):,} input files in {corpus}; old {old} at {revisions['old']}, new {new} at {revisions['new']}")

    builds: dict[str, list[dict]] = {"old": [], "new": []}
    result = {
        "name": name,
        "corpus": str(corpus),
        "input_files": len(inputs),
        "input_bytes": sum(p.stat().st_size for p in inputs),
        "checkouts": {side: {"path": str(tree), "revision": revisions[side]} for side, tree in trees.items()},
        "command": "mkdocs build --strict (cold: empty cache and site folders)",
        "order": [],
        "machine": machine(),
        "builds": builds,
    }
    out = RESULTS / f"compare-{name}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    for i in range(args.repeat):
        for side in ("old", "new") if i % 2 == 0 else ("new", "old"):
            result["order"].append(side)
            builds[side].append(one_build(side, trees[side], corpus, run, len(builds[side]) + 1, args.timeout))
            if not args.keep:
                shutil.rmtree(run / f"{side}-{len(builds[side])}", ignore_errors=True)
            if builds["old"] and builds["new"]:
                # Written after every build, so a run stopped for lack of time leaves what it measured.
                result["median"] = {side: medians(b) for side, b in builds.items()}
                result["ratio_new_over_old"] = {
                    key: round(result["median"]["new"][key] / result["median"]["old"][key], 3)
                    for _, key, _ in ROWS if result["median"]["old"][key]}
                out.write_text(json.dumps(result, indent=1) + "\n")
    report(result)
    print(f"\nwrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
