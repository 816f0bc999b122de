"""Pagefind's own memory and time indexing a built site's articles, as the plugin hands them over.

    .venv/bin/python bench/bench_pagefind.py SITE      # e.g. the 20,000-article site bench_build.py --keep leaves
    .venv/bin/python bench/bench_pagefind.py SITE --pages 5000,10000,20000   # how it grows

Streams every article page of SITE to one `pagefind --service` process through the plugin's
SearchIndexer, which hands over only the part Pagefind keeps (search.searchable: the language,
the hidden facets and the article text). Reports Pagefind's peak resident memory (sampled from
/proc every 0.2 s) while the pages are added and while the bundle is written, the time and the
bundle size. With `--pages`, indexes the first N article pages for each N. Writes the bundles to
temporary folders, never into SITE.
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from mkdocs_corpus.engine.pagefind import BODY_MARKER, SearchIndexer  # noqa: E402


def pagefind_rss() -> int:
    total = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if re.search(r"^Name:\s+pagefind", text, re.M) and (m := re.search(r"VmRSS:\s+(\d+)", text)):
            total += int(m.group(1)) * 1024
    return total


def index(pages: list[Path], site: Path) -> dict:
    peak, phase, done = [0, 0], [0], threading.Event()  # peak while adding, peak while writing

    def sample() -> None:
        while not done.is_set():
            peak[phase[0]] = max(peak[phase[0]], pagefind_rss())
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    indexer = SearchIndexer()
    start = time.perf_counter()
    try:
        for path in pages:
            html = path.read_text(encoding="utf-8")
            if BODY_MARKER in html:
                url = "/" + path.parent.relative_to(site).as_posix() + "/"
                indexer.add(url, html)
        if indexer._service is not None:
            indexer._service.wait_all()  # every page indexed: what follows is the write
        phase[0] = 1
        with tempfile.TemporaryDirectory() as out:
            report = indexer.write(Path(out))
    finally:
        indexer.close()
        done.set()
        sampler.join()
    return {"pages": report.pages, "seconds": round(time.perf_counter() - start, 1),
            "peak_adding_mb": round(peak[0] / 1e6), "peak_writing_mb": round(peak[1] / 1e6),
            "bundle_mb": round(report.bundle_bytes / 1e6, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--pages", help="comma-separated page counts: index the first N article pages for each")
    args = parser.parse_args()
    pages = sorted((args.site / "articles").glob("*/index.html"))
    if not pages:
        print(f"skipped: no article pages under {args.site}")
        return 0
    for n in (int(n) for n in args.pages.split(",")) if args.pages else [len(pages)]:
        print(f"{min(n, len(pages)):>7,} pages  {index(pages[:n], args.site)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
