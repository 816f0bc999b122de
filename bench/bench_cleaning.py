"""Warm rebuilds with the plugin cleaning the site folder in place against MkDocs' own cleaning, alternated.

    .venv/bin/python bench/bench_cleaning.py CORPUS CACHE SITE [--rounds 3] [--cold]

Builds CORPUS once to warm CACHE and SITE, then for each round appends a sentence to one article and
rebuilds twice: `clean_in_place: true` (the default) and `clean_in_place: false` (MkDocs deletes the
whole site first). `--cold` drops the kernel's page cache before each build (needs root), as when a
site is rebuilt hours after the last build. Prints each build's wall time and the medians.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def config(folder: Path, in_place: bool) -> Path:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("docs_dir: docs\n", f"docs_dir: {ROOT / 'docs'}\n")
    if not in_place:
        text = text.replace("      entities: !ENV [CORPUS_ENTITIES, true]\n",
                            "      entities: !ENV [CORPUS_ENTITIES, true]\n      clean_in_place: false\n")
    path = folder / f"mkdocs-{'in-place' if in_place else 'mkdocs'}.yml"
    path.write_text(text, encoding="utf-8")
    return path


def build(cfg: Path, site: Path, env: dict[str, str], cold: bool) -> float:
    if cold:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(cfg), "-d", str(site)],
                   env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("cache", type=Path)
    parser.add_argument("site", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cold", action="store_true")
    args = parser.parse_args()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CORPUS_DIR=str(args.corpus), CORPUS_CACHE_DIR=str(args.cache))
    edited = sorted(p for p in args.corpus.iterdir() if p.is_file())[0]
    times: dict[bool, list[float]] = {True: [], False: []}
    with tempfile.TemporaryDirectory() as folder:
        configs = {mode: config(Path(folder), mode) for mode in (True, False)}
        print(f"warm-up {build(configs[True], args.site, env, False):.1f} s", flush=True)
        for round_ in range(args.rounds):
            for mode in (True, False):
                with edited.open("a", encoding="utf-8") as file:
                    file.write(f"\nOne more sentence, round {round_}.\n")
                seconds = build(configs[mode], args.site, env, args.cold)
                times[mode].append(seconds)
                print(f"round {round_ + 1} {'in place' if mode else 'mkdocs  '} {seconds:.1f} s", flush=True)
    ours, theirs = statistics.median(times[True]), statistics.median(times[False])
    print(f"median: in place {ours:.1f} s, MkDocs' cleaning {theirs:.1f} s ({ours / theirs:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
