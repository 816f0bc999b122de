"""What one search query downloads: a real headless Chromium on a built site, fresh browser cache.

    .venv/bin/python bench/search_download.py SITE [--query en:oil --query de:Regierung ...]

For each query it opens `search/<lang>/?q=<query>` (the search page of that language, as the
header's search box does), waits for the first result, and adds up the bytes of every response:
- `search_bytes`: everything under `/pagefind/` (Pagefind's worker script, each language's WebAssembly,
  metadata and the index chunks it needs, the result fragments), the entity name shard and the word shards the
  query needs (`search/names/`, `search/words/`) and the search page's own script and style (`assets/corpus-search.*`);
- `page_bytes`: everything else (the search page's HTML, Material's CSS and JavaScript).
Bytes are response bodies as served by a plain static server, without HTTP compression
(`search_bytes`), and as a server that gzips text sends them (`search_bytes_gzip`: scripts, styles
and JSON gzipped; Pagefind's index, fragments and WebAssembly are compressed files already, as
GitHub Pages sends them). Used by
bench_build.py; needs playwright and Debian's chromium (skips, returning None, without them).
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

# A rare name, a frequent word, the commonest word of the English news (in nearly every Reuters article) and a
# German word: the index chunk a query needs grows with how common its word is.
QUERIES = (("en", "oil"), ("en", "Reagan"), ("en", "said"), ("de", "Regierung"))


def measure_queries(site: Path, queries: tuple[tuple[str, str], ...] = QUERIES, largest: int = 3) -> list[dict] | None:
    try:
        from browser import bench_browser  # the test tools: pytest, playwright
    except ImportError:
        return None
    results = []
    with bench_browser(site) as opened:
        if opened is None:
            return None
        browser, base = opened
        for lang, query in queries:
            if not (site / "search" / lang / "index.html").exists():
                continue
            context = browser.new_context()  # an empty browser cache for each query
            page = context.new_page()
            sizes: dict[str, int] = {}
            zipped: dict[str, int] = {}

            def record(response, sizes=sizes, zipped=zipped) -> None:
                try:
                    body = response.body()
                except Exception:  # a redirect or aborted request has no body
                    body = b""
                sizes[response.url] = len(body)
                text = response.url.split("?")[0].endswith((".js", ".css", ".json", ".html", "/"))
                zipped[response.url] = len(gzip.compress(body, 6)) if text and body else len(body)

            page.on("response", record)
            page.goto(f"{base}search/{lang}/?q={quote(query)}")
            found = page.locator(".corpus-search__result-link")
            try:
                found.first.wait_for(timeout=30_000)
            except Exception:
                pass
            page.wait_for_load_state("networkidle")
            search = {u: n for u, n in sizes.items()
                      if "/pagefind/" in u or "/assets/corpus-search." in u or "/search/names/" in u
                      or "/search/words/" in u}
            results.append({
                "lang": lang, "query": query, "results_shown": found.count(),
                "search_bytes": sum(search.values()), "search_bytes_gzip": sum(zipped[u] for u in search),
                "search_requests": len(search),
                "page_bytes": sum(n for u, n in sizes.items() if u not in search),
                "largest": sorted(((n, u.removeprefix(base)) for u, n in search.items()), reverse=True)[:largest],
            })
            context.close()
        browser.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", action="append", help="lang:words, e.g. en:oil (repeatable)")
    parser.add_argument("--largest", type=int, default=3, help="how many of the largest files to list")
    args = parser.parse_args()
    queries = tuple(tuple(q.split(":", 1)) for q in args.query) if args.query else QUERIES
    results = measure_queries(args.site, queries, args.largest)  # type: ignore[arg-type]
    if results is None:
        print("skipped: playwright or Debian's chromium is missing")
        return 0
    print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
