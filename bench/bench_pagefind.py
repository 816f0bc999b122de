"""Pagefind's own memory and time indexing a built site, with whole pages or only what it indexes.

    .venv/bin/python bench/bench_pagefind.py SITE      # e.g. the 20,000-article site bench_build.py --keep leaves
    .venv/bin/python bench/bench_pagefind.py SITE --pages 5000,10000,20000   # how it grows, whole pages only

Streams every page of SITE that marks a searchable body to one `pagefind --service` process
(the plugin's SearchIndexer), twice in the same run: the whole page as MkDocs wrote it, and a
minimal page holding only the hidden facets and the article text (the part Pagefind keeps).
Reports Pagefind's peak resident memory (sampled from /proc every 0.2 s) while the pages are
added and while the bundle is written, the time and the bundle size of each. With `--pages`,
indexes the first N article pages for each N instead. Writes the bundles to temporary folders,
never into SITE.
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

from mkdocs_corpus.search import BODY_MARKER, SearchIndexer  # noqa: E402

LANG = re.compile(r'<html lang="([^"]+)"')


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


def search_section(html: str) -> str:
    """The facets and the article text of one of our article pages, as a page of its own."""
    start = html.index('<div class="corpus-search-facets"')
    end = html.index("</div>\n", html.index(BODY_MARKER)) + len("</div>\n")
    lang = m.group(1) if (m := LANG.search(html)) else "en"
    head = '<head><meta charset="utf-8"><title>-</title></head>'
    return f'<!doctype html><html lang="{lang}">{head}<body>{html[start:end]}</body></html>'


def index(pages: list[Path], site: Path, cut: bool) -> dict:
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
                indexer.add(url, search_section(html) if cut else html)
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
    if args.pages:
        for n in (int(n) for n in args.pages.split(",")):
            print(f"{min(n, len(pages)):>7,} pages  {index(pages[:n], args.site, False)}", flush=True)
        return 0
    for label, cut in (("whole pages", False), ("search section only", True)):
        print(f"{label:<20} {index(pages, args.site, cut)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
