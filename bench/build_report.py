"""The build benchmark's report: the Markdown page with its tables and verdicts, and the plot.

Used by bench_build.py after each size, and alone with `bench_build.py --report-only`.
"""
from __future__ import annotations

import sys
from pathlib import Path

PLOT = "assets/bench-build.png"
LABELS = {"parallel": "WMT21 parallel", "10kgnad": "10kGNAD German", "reuters": "Reuters-21578"}
# The targets of issue 5, item 5: (label, key in a result row, limit).
TARGETS = (
    ("cold build at 5,000 at most 3x the plain build", "cold", 3.0),
    ("warm rebuild after editing one article at most 1.3x the plain rebuild", "warm", 1.3),
)
SEARCH_LIMIT = 300e3
MEMORY_LIMIT = 1.5e9

def mb(value: float) -> str:
    return f"{value / 1e6:,.0f}" if value >= 1e7 else f"{value / 1e6:,.1f}"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "–"


def table(row: dict) -> str:
    b = row["builds"]
    lines = [
        "| | plain cold | ours cold | ours warm | plain warm | ours / plain, cold | ours / plain, warm |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]

    def line(label: str, key: str, fmt, ratios: bool = True) -> str:  # type: ignore[no-untyped-def]
        v = {k: b[k][key] for k in b}
        cells = [fmt(v[k]) for k in ("plain_cold", "ours_cold", "ours_warm", "plain_warm")]
        cells += [ratio(v["ours_cold"], v["plain_cold"]), ratio(v["ours_warm"], v["plain_warm"])] if ratios else ["", ""]
        return f"| {label} | " + " | ".join(cells) + " |"

    lines.append(line("wall time (s)", "seconds", lambda x: f"{x:,.1f}"))
    lines.append(line("CPU time (s)", "cpu_seconds", lambda x: f"{x:,.1f}"))
    lines.append(line("peak memory (MB)", "peak_bytes", mb))
    lines.append(line("output size (MB)", "output_bytes", mb))
    lines.append(line("of which search index (MB)", "search_index_bytes", mb))
    lines.append(line("HTML pages", "html_pages", lambda x: f"{x:,}", ratios=False))
    lines.append(line("load average at start", "load_before", lambda x: f"{x:.1f}", ratios=False))
    caches = {k: b[k].get("cache") for k in ("ours_cold", "ours_warm")}
    if all(caches.values()):
        cells = [
            "; ".join(f"{name.replace('_', ' ')} {c[name]['hits']:,} hits, {c[name]['misses']:,} misses" for name in c)
            for c in caches.values()
        ]
        lines.append(f"\nOur cache, from `api/report.json`: cold {cells[0]}; warm {cells[1]}.")
    stages = {k: b[k].get("stages") for k in ("ours_cold", "ours_warm")}
    if all(stages.values()):
        lines.append("\nOur time per stage (s, from the build log; Pagefind indexes alongside, on the other core):\n")
        lines.append("| stage | cold | warm |")
        lines.append("|---|---:|---:|")
        for name in dict.fromkeys([*stages["ours_cold"], *stages["ours_warm"]]):
            lines.append(f"| {name} | " + " | ".join(f"{s.get(name, 0):,.1f}" for s in stages.values()) + " |")
    if row.get("search"):
        lines.append("\nWhat one search query downloads on our cold-built site (fresh browser cache; `search_download.py`):\n")
        lines.append("| query | results shown | requests | search files (kB) | same, gzipped as served (kB) "
                     "| rest of the page (kB) |")
        lines.append("|---|---:|---:|---:|---:|---:|")
        for q in row["search"]:
            lines.append(f"| {q['lang']}: {q['query']} | {q['results_shown']} | {q['search_requests']} | "
                         f"{q['search_bytes'] / 1e3:,.0f} | {q.get('search_bytes_gzip', 0) / 1e3:,.0f} "
                         f"| {q['page_bytes'] / 1e3:,.0f} |")
    failed = [k for k in b if b[k]["returncode"] != 0]
    if failed:
        lines.append(f"\n**Failed builds: {', '.join(failed)}** (their figures are not comparable).")
    if len({b[k].get("source") for k in ("ours_cold", "ours_warm")}) > 1:
        lines.append("\n**The plugin's code changed between the cold and the warm build**: the warm figure is not comparable.")
    return "\n".join(lines)


def verdicts(rows: list[dict]) -> list[str]:
    out = []
    by_n = {r["n"]: r["builds"] for r in rows}
    if 5000 in by_n:
        b = by_n[5000]
        for label, key, limit in TARGETS:
            value = b[f"ours_{key}"]["seconds"] / b[f"plain_{key}"]["seconds"]
            cpu = ratio(b[f"ours_{key}"]["cpu_seconds"], b[f"plain_{key}"]["cpu_seconds"])
            verdict = "met" if value <= limit else "not met"
            out.append(f"- {label}: **{value:.2f}×** wall time at 5,000 ({cpu} CPU time), {verdict}.")
    else:
        out.append("- time ratios at 5,000: not measured in this run.")
    if 20000 in by_n:
        peak = max(by_n[20000]["ours_cold"]["peak_bytes"], by_n[20000]["ours_warm"]["peak_bytes"])
        verdict = "met" if peak < MEMORY_LIMIT else "not met"
        out.append(f"- peak memory at 20,000 under 1.5 GB: **{peak / 1e9:.2f} GB** (ours, cold or warm), {verdict}.")
    else:
        out.append("- peak memory at 20,000: not measured in this run.")
    searched = [r for r in rows if r.get("search")]
    if searched:
        r = max(searched, key=lambda r: r["n"])
        worst = max(r["search"], key=lambda q: q["search_bytes"])
        zipped = max(q.get("search_bytes_gzip", 0) for q in r["search"])
        verdict = ("met" if worst["search_bytes"] < SEARCH_LIMIT
                   else "met as served gzipped" if zipped < SEARCH_LIMIT else "not met")
        out.append(f"- a search query at {r['n']:,} downloads under 300 kB: at most **{worst['search_bytes'] / 1e3:,.0f} kB** "
                   f"({worst['lang']}: {worst['query']}), {zipped / 1e3:,.0f} kB gzipped as served; {verdict}.")
    if len(rows) >= 2:
        per = ", ".join(f"{r['builds']['ours_cold']['output_bytes'] / r['n'] / 1e3:,.1f} kB at {r['n']:,}" for r in rows)
        rel = ", ".join(ratio(r["builds"]["ours_cold"]["output_bytes"], r["builds"]["plain_cold"]["output_bytes"]) for r in rows)
        out.append(f"- output size linear in N: ours per article {per}. The mix of articles changes with N (longer")
        out.append(f"  parallel articles first), so compare with the plain build of the same texts: ours / plain {rel}.")
    return out


def page(rows: list[dict], host: dict, command: str) -> str:
    ram = host["ram_bytes"] / 2**30
    parts = [
        "# Build benchmark",
        "",
        "How long the archive takes to build, how much memory and disk it needs, against a plain",
        "mkdocs-material build of the same texts. Generated by `bench/bench_build.py`; do not edit by hand.",
        "",
        f"Command: `{command}`",
        "",
        "## What is compared",
        "",
        "- **plain**: a generated MkDocs project, Material theme (fonts off), built-in search on, each article a",
        "  bare Markdown page (its text, first line as the title) outside the nav. MkDocs has no cache, so its",
        "  warm rebuild does all the work again.",
        "- **ours**: the project's own `mkdocs.yml` with `CORPUS_DIR` pointing at the same files and",
        "  `CORPUS_CACHE_DIR` at a cache folder: reading, cleaning, language identification, translation",
        "  detection, index pages and the `api/` exports included.",
        "- **cold**: empty cache, empty output folder. **warm**: the same folders again after one sentence was",
        "  appended to one article (a parallel-set article, so its story is redone too).",
        "- Corpus of N: the 1,097 WMT21 parallel articles (8 languages; a prefix when N is smaller), the 1,028",
        "  German 10kGNAD articles, then English Reuters-21578 articles to fill, from `../shared/testdata`.",
        "- **Peak memory**: the whole process tree (build and workers), the sum of resident set sizes sampled every",
        "  50 ms from /proc, or the largest single process's exact peak (`ru_maxrss`) when higher. Pages shared",
        "  between forked workers are counted once per process, so it errs high.",
        "- Output size: the bytes of every file in the site folder. Times are wall clock; the machine is shared,",
        "  so the 1-minute load average at the start of each build is shown.",
        "- **Search download**: after the cold build, `bench/search_download.py` opens the search page of a language",
        "  in headless Chromium with an empty browser cache, runs one query, and adds up every response under",
        "  `/pagefind/` (Pagefind's scripts, WebAssembly, index metadata and chunks, result fragments) and the",
        "  search page's own script and style (`assets/corpus-search.*`):",
        "  raw, and with scripts and styles gzipped as a static host such as GitHub Pages sends them.",
        "",
        "## Time against N",
        "",
        f"![Build time against the number of articles, both builds, cold and warm]({PLOT})",
        "",
        "## Targets",
        "",
        *verdicts(rows),
        "",
    ]
    for row in rows:
        comp = ", ".join(f"{v:,} {LABELS.get(k, k)}" for k, v in row["composition"].items() if v)
        parts += [
            f"## {row['n']:,} articles",
            "",
            f"{comp}; {row['words']:,} words, {mb(row['input_bytes'])} MB of text. Measured {row['date']},",
            f"plugin at `{row['plugin_revision']}`.",
            "",
            table(row),
            "",
        ]
    parts += [
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        f"| CPU | {host['cpu']} |",
        f"| cores | {host['cores']} |",
        f"| RAM | {ram:.1f} GiB |",
        f"| OS | {host['os']} |",
        f"| Python | {host['python']} |",
        f"| MkDocs | {host['mkdocs']} |",
        f"| mkdocs-material | {host['mkdocs_material']} |",
        f"| mkdocs-corpus | {host['mkdocs_corpus']} |",
        f"| date | {host['date']} |",
        "",
    ]
    return "\n".join(parts)


def plot(rows: list[dict], path: Path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: no plot written", file=sys.stderr)
        return False
    ns = [r["n"] for r in rows]
    fig, ax = plt.subplots(figsize=(7, 4.2), dpi=110)
    styles = {
        "ours_cold": ("ours, cold", "tab:blue", "-", "o"),
        "ours_warm": ("ours, warm (one article edited)", "tab:blue", "--", "s"),
        "plain_cold": ("plain Material, cold", "tab:orange", "-", "o"),
        "plain_warm": ("plain Material, warm (one page edited)", "tab:orange", "--", "s"),
    }
    for key, (label, colour, line, marker) in styles.items():
        ax.plot(ns, [r["builds"][key]["seconds"] for r in rows], line, color=colour, marker=marker, label=label)
    ax.set_xlabel("articles (N)")
    ax.set_ylabel("wall time (s)")
    ax.set_xticks(ns, [f"{n:,}" for n in ns])
    ax.set_ylim(bottom=0)
    ax.grid(True, alpha=0.3)
    ax.legend()
    ax.set_title("mkdocs build: time against N")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
    return True


def write_report(rows: list[dict], host: dict, out: Path) -> None:
    command = "python bench/bench_build.py --sizes " + ",".join(str(r["n"]) for r in rows)
    plot(rows, out.parent / PLOT)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page(rows, host, command))
