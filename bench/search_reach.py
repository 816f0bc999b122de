"""Which languages each query finds articles in, as the search page's language filter counts them, in a real
headless Chromium on a built site.

    .venv/bin/python bench/search_reach.py SITE [--compare OTHER_SITE] [--per-language 12] [--names 24]

The queries are drawn from the site itself (api/articles.json, api/entities.json), the same for any build of one
corpus: words of article titles in every language (a seeded sample of `--per-language` each, 4 letters or more)
and the display names of the most mentioned entities, in each language they have one. Each is typed on the search
page of the site's language, one after the other on one page. With `--compare` the same queries run on a second
build (another version of the search page) and every language that found articles in the first but none in the
second is listed: what that version loses. Needs playwright and Debian's chromium (skips without them).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

_TITLE_WORD = re.compile(r"[^\W\d_]{4,}")  # titles of the bench's own corpus: short, so no linear-time concern


def queries(site: Path, per_language: int, names: int) -> list[str]:
    articles = json.loads((site / "api" / "articles.json").read_text(encoding="utf-8"))
    entities = json.loads((site / "api" / "entities.json").read_text(encoding="utf-8"))
    rng = random.Random(0)
    chosen: list[str] = []
    for lang in sorted({a["lang"] for a in articles}):
        words = sorted({w for a in articles if a["lang"] == lang for w in _TITLE_WORD.findall(a["title"])})
        chosen += rng.sample(words, min(per_language, len(words)))
    for entity in sorted(entities, key=lambda e: (-e["mentions"], e["id"]))[:names]:
        chosen += sorted({entity["name"], *entity.get("display_names", {}).values()})
    return list(dict.fromkeys(chosen))


def reach(site: Path, terms: list[str], lang: str) -> dict[str, dict[str, int]] | None:
    """query -> {language: articles found}, read from the language filter's counts."""
    try:
        from browser import bench_browser  # the test tools: pytest, playwright
    except ImportError:
        return None
    found: dict[str, dict[str, int]] = {}
    with bench_browser(site) as opened:
        if opened is None:
            return None
        browser, base = opened
        page = browser.new_page()
        page.goto(f"{base}search/{lang}/")
        for term in terms:
            page.locator(".corpus-search__input").fill(term)
            page.wait_for_function("t => { const q = document.querySelector('.corpus-search__message q');"
                                   " return q && q.textContent === t; }", arg=term, timeout=30_000)
            counts = page.evaluate("""() => Object.fromEntries(
                [...document.querySelectorAll('.corpus-search__languages input')].map(box => [box.value,
                 Number(document.querySelector(`label[for='${box.id}'] .corpus-search__filter-count`).textContent || 0)]))""")
            found[term] = {code: n for code, n in counts.items() if n}
        browser.close()
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--compare", type=Path, help="a second build of the same corpus")
    parser.add_argument("--per-language", type=int, default=12)
    parser.add_argument("--names", type=int, default=24)
    parser.add_argument("--lang", default="en", help="the search page the queries are typed on")
    args = parser.parse_args()
    terms = queries(args.site, args.per_language, args.names)
    first = reach(args.site, terms, args.lang)
    if first is None:
        print("skipped: playwright or Debian's chromium is missing")
        return 0
    report: dict = {"queries": len(terms), "found": first}
    if args.compare:
        second = reach(args.compare, terms, args.lang) or {}
        lost = {term: sorted(set(first[term]) - set(second.get(term, {}))) for term in terms}
        report.update({
            "language_hits": sum(len(v) for v in first.values()),
            "lost": {term: {lang: first[term][lang] for lang in langs} for term, langs in lost.items() if langs},
            "different_counts": {term: [first[term], second.get(term)] for term in terms
                                 if set(first[term]) - set(lost[term]) and
                                 {k: v for k, v in first[term].items() if k not in lost[term]} != second.get(term)},
        })
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
