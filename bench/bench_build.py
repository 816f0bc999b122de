"""Build time, memory and output size of the plugin against a plain Material build of the same texts.

    .venv/bin/python bench/bench_build.py [--sizes 1000,5000,20000] [--out docs/benchmarks.md]
                                          [--data ../shared/testdata] [--work /tmp/mkdocs-corpus-bench] [--merge]

For each N it builds the same N real articles two ways, in the same run:

- plain: a generated MkDocs project, `theme: material` (fonts off), `plugins: [search]`, every
  article a bare Markdown page (its text, first line as `# title`) outside the nav;
- ours: `mkdocs build` with the project's own `mkdocs.yml`, `CORPUS_DIR` pointing at the same
  texts as files and `CORPUS_CACHE_DIR` at a cache folder.

Each is built cold (empty cache, empty output folder), then again warm after one sentence is
appended to one article (the same article in both). Every build is a subprocess; the benchmark
records its wall time, CPU time, peak memory and output size.

Corpus of N articles, deterministic: the WMT21 parallel set (1,097 articles in 8 languages; a
prefix when N is smaller), then the 1,028 German 10kGNAD articles, then Reuters-21578 to fill.
The tarballs are unpacked once under the work folder and reused between runs.

Peak memory is the peak of the whole process tree: the sum of the resident set sizes of the build
and all its descendants, sampled from /proc every 50 ms, or the largest single process's exact
peak (`ru_maxrss` from `wait4`) when that is higher. Summed RSS counts pages shared between
forked workers once per process, so it errs high.

Writes the report (Markdown, with the machine) to --out, a plot of time against N next to it
(`assets/bench-build.png`), and the raw numbers to bench/results/build.json. Skips cleanly
(exit 0) when the test data is absent.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import html
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tarfile
import threading
import time
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

from build_report import PLOT, mb, table, verdicts, write_report
from search_download import measure_queries

ROOT = Path(__file__).resolve().parents[1]
TESTDATA = Path(__file__).resolve().parents[2] / "shared" / "testdata"
RESULTS = ROOT / "bench" / "results" / "build.json"
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
EDIT = "\n\nThis sentence was appended by the build benchmark to measure a warm rebuild.\n"
SETS = (
    ("parallel", None),
    ("10kgnad", "large/10kgnad_test_de.tar.gz"),
    ("reuters", "large/reuters21578.tar.gz"),
)


@dataclass
class Build:
    seconds: float
    cpu_seconds: float
    peak_tree_bytes: int  # sampled sum over the process tree
    peak_process_bytes: int  # exact, largest single process (ru_maxrss)
    output_bytes: int
    output_files: int
    html_pages: int
    search_index_bytes: int
    returncode: int
    load_before: float  # 1-minute load average when the build started (the machine is shared)
    source: str  # hash of the plugin's code and mkdocs.yml when the build started (they change under a long run)
    cache: dict | None = None  # ours: the cache hits and misses the build reported in api/report.json
    stages: dict[str, float] | None = None  # ours: seconds per stage, from the log's "time per stage" line

    @property
    def peak_bytes(self) -> int:
        return max(self.peak_tree_bytes, self.peak_process_bytes)


# --------------------------------------------------------------------------- corpus


def unpack(data: Path, work: Path) -> dict[str, list[Path]]:
    """Every article file of each set, sorted by name; tarballs unpacked once under work/data."""
    sets: dict[str, list[Path]] = {}
    for name, archive in SETS:
        if archive is None:
            folder = data / "parallel" / "articles"
        else:
            folder = work / "data" / name
            if not (folder / ".complete").exists():
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir(parents=True)
                with tarfile.open(data / archive) as tar:
                    tar.extractall(folder, filter="data")
                (folder / ".complete").touch()
        sets[name] = sorted(p for p in folder.rglob("*") if p.suffix in (".txt", ".md") and p.is_file())
    return sets


def choose(sets: dict[str, list[Path]], n: int) -> list[Path]:
    chosen: list[Path] = []
    for name, _ in SETS:
        chosen += sets[name][: n - len(chosen)]
    if len(chosen) < n:
        raise SystemExit(f"only {len(chosen)} articles in the test data, asked for {n}")
    return chosen


def read_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n")


def plain_markdown(text: str) -> str:
    """A bare Markdown page: first line as `# title`, the rest as is (`<` escaped: Reuters has `<ACME CORP>`)."""
    title, _, body = text.strip().partition("\n")
    return f"# {html.escape(title.strip(), quote=False)}\n\n{html.escape(body.strip(), quote=False)}\n"


def prepare(articles: list[Path], run: Path) -> tuple[Path, Path, Path, Path]:
    """The corpus folder for ours and the plain project, fresh; returns (corpus, plain, edited ours, edited plain)."""
    shutil.rmtree(run, ignore_errors=True)
    corpus, plain = run / "corpus", run / "plain"
    pages = plain / "docs" / "articles"
    corpus.mkdir(parents=True)
    pages.mkdir(parents=True)
    for path in articles:
        shutil.copyfile(path, corpus / path.name)  # copies, not links: the warm run edits one
        (pages / f"{path.stem}.md").write_text(plain_markdown(read_text(path)), encoding="utf-8")
    (plain / "docs" / "index.md").write_text(f"# Plain baseline\n\n{len(articles)} articles, outside the nav.\n")
    (plain / "mkdocs.yml").write_text(
        "site_name: Plain baseline\n"
        "theme:\n  name: material\n  font: false\n"
        "plugins:\n  - search\n"
        "nav:\n  - index.md\n"
        "not_in_nav: |\n  /articles/\n"
    )
    first = articles[0]  # a parallel-set article: it has translations, so its story is redone too
    return corpus, plain, corpus / first.name, pages / f"{first.stem}.md"


def append_edit(path: Path) -> None:
    with open(path, "a", encoding="utf-8") as f:
        f.write(EDIT)


# --------------------------------------------------------------------------- measuring


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def tree_rss(root: int) -> int:
    tree, total, todo = _children(), 0, [root]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/statm", "rb") as f:
                total += int(f.read().split()[1]) * PAGE_SIZE
        except (OSError, IndexError, ValueError):
            pass
        todo += tree.get(pid, [])
    return total


def output_stats(site: Path) -> tuple[int, int, int, int]:
    size = files = pages = 0
    for dirpath, _, names in os.walk(site):
        for name in names:
            size += os.lstat(os.path.join(dirpath, name)).st_size
            files += 1
            pages += name.endswith(".html")
    # Material's one-file index, plus Pagefind's chunked one when the plugin writes it.
    index = site / "search" / "search_index.json"
    search = index.stat().st_size if index.exists() else 0
    for dirpath, _, names in os.walk(site / "pagefind"):
        search += sum(os.lstat(os.path.join(dirpath, name)).st_size for name in names)
    return size, files, pages, search


def build(config: Path, site: Path, env: dict[str, str], log: Path, timeout: float,
          flags: tuple[str, ...] = (), root: Path = ROOT) -> Build:
    """One `mkdocs build` in a subprocess; `flags` go before `-f` (e.g. `--strict`), `root` is the checkout hashed."""
    command = [str(Path(sys.executable).parent / "mkdocs"), "build", *flags, "-f", str(config), "-d", str(site)]
    load, source = os.getloadavg()[0], source_hash(root)
    peak = 0
    with open(log, "w") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.wait(0.05):
                peak = max(peak, tree_rss(proc.pid))

        def kill() -> None:
            if not done.wait(timeout):
                os.killpg(proc.pid, signal.SIGKILL)

        threads = [threading.Thread(target=sample, daemon=True), threading.Thread(target=kill, daemon=True)]
        for thread in threads:
            thread.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
        proc.returncode = os.waitstatus_to_exitcode(status)
    size, files, pages, index = output_stats(site)
    return Build(
        seconds=round(seconds, 2),
        cpu_seconds=round(usage.ru_utime + usage.ru_stime, 2),
        peak_tree_bytes=peak,
        peak_process_bytes=usage.ru_maxrss * 1024,
        output_bytes=size,
        output_files=files,
        html_pages=pages,
        search_index_bytes=index,
        returncode=proc.returncode,
        load_before=round(load, 2),
        source=source,
        cache=cache_counts(site),
        stages=stage_seconds(log),
    )


def stage_seconds(log: Path) -> dict[str, float] | None:
    """The plugin's last `time per stage: corpus 2.0 s, translations 9.4 s, ...` line, as {stage: seconds}."""
    lines = [line for line in log.read_text(errors="replace").splitlines() if "time per stage: " in line]
    if not lines:
        return None
    parts = lines[-1].split("time per stage: ", 1)[1].split(", ")
    return {name: float(seconds) for name, seconds in (part.rsplit(" ", 2)[:2] for part in parts)}


def cache_counts(site: Path) -> dict | None:
    try:
        return json.loads((site / "api" / "report.json").read_text(encoding="utf-8")).get("cache")
    except (OSError, ValueError, AttributeError):
        return None


def measure(n: int, sets: dict[str, list[Path]], work: Path, timeout: float) -> dict:
    articles = choose(sets, n)
    run = work / "run" / str(n)
    corpus, plain, edited_ours, edited_plain = prepare(articles, run)
    cache = run / "cache"
    cache.mkdir()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CORPUS_DIR=str(corpus), CORPUS_CACHE_DIR=str(cache))
    logs = run / "logs"
    logs.mkdir()
    builds: dict[str, Build] = {}

    def one(key: str, config: Path, site: Path) -> None:
        print(f"  N={n:>6} {key:<11}", end=" ", flush=True)
        result = builds[key] = build(config, site, env, logs / f"{key}.log", timeout)
        status = "" if result.returncode == 0 else f"  FAILED (exit {result.returncode}, see {logs / key}.log)"
        peak, size = mb(result.peak_bytes), mb(result.output_bytes)
        print(f"{result.seconds:8.1f} s  {peak:>6} MB peak  {size:>6} MB out{status}", flush=True)

    ours_config = ROOT / "mkdocs.yml"
    # Interleaved, so drift in the shared machine's load falls on both builds alike.
    one("plain_cold", plain / "mkdocs.yml", run / "site-plain")
    one("ours_cold", ours_config, run / "site-ours")
    print(f"  N={n:>6} search queries in Chromium", flush=True)
    search = measure_queries(run / "site-ours") if builds["ours_cold"].returncode == 0 else None
    append_edit(edited_ours)
    one("ours_warm", ours_config, run / "site-ours")
    append_edit(edited_plain)
    one("plain_warm", plain / "mkdocs.yml", run / "site-plain")
    chosen = set(articles)
    counts = {name: sum(1 for p in paths if p in chosen) for name, paths in sets.items()}
    return {
        "n": n,
        "composition": counts,
        "words": sum(len(read_text(p).split()) for p in articles),
        "input_bytes": sum(p.stat().st_size for p in articles),
        "edited_article": articles[0].name,
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "plugin_revision": git_revision(),
        "builds": {key: asdict(value) | {"peak_bytes": value.peak_bytes} for key, value in builds.items()},
        "search": search,  # what one query downloads on the cold-built site (search_download.py), or None
    }


# --------------------------------------------------------------------------- the machine


def git_revision(root: Path = ROOT) -> str:
    git = ["git", "-C", str(root)]
    try:
        head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout
        dirty = subprocess.run([*git, "status", "--porcelain", "plugins"], capture_output=True, text=True).stdout
    except OSError:
        return "unknown"
    return head.strip() + ("+uncommitted changes in plugins/" if dirty.strip() else "")


def source_hash(root: Path = ROOT) -> str:
    digest = hashlib.sha256()
    for path in sorted((root / "plugins" / "mkdocs_corpus").rglob("*")) + [root / "mkdocs.yml"]:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = os.sysconf("SC_PHYS_PAGES") * PAGE_SIZE

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "absent"

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_bytes": ram,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "mkdocs": version("mkdocs"),
        "mkdocs_material": version("mkdocs-material"),
        "mkdocs_corpus": version("mkdocs-corpus"),
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    }



# --------------------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,5000,20000", help="comma-separated corpus sizes")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md", help="the report page")
    parser.add_argument("--data", type=Path, default=TESTDATA, help="the shared test data folder")
    parser.add_argument("--work", type=Path, default=Path("/tmp/mkdocs-corpus-bench"), help="unpacked data and build folders")
    parser.add_argument("--json", type=Path, default=RESULTS, help="raw numbers")
    parser.add_argument("--merge", action="store_true", help="keep the results of other sizes from the existing JSON")
    parser.add_argument("--keep", action="store_true", help="keep each size's corpus and sites under --work")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per build before it is killed")
    parser.add_argument("--report-only", action="store_true", help="build nothing: rewrite the page and plot from the JSON")
    args = parser.parse_args()
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})

    if args.report_only:
        saved = json.loads(args.json.read_text())
        write_report(saved["results"], saved["machine"], args.out)
        print("\n".join(verdicts(saved["results"])))
        return 0

    needed = [args.data / "parallel" / "articles"] + [args.data / archive for _, archive in SETS if archive]
    missing = [str(p) for p in needed if not p.exists()]
    if missing:
        print(f"skipped: test data not found: {', '.join(missing)}")
        return 0

    args.work.mkdir(parents=True, exist_ok=True)
    sets = unpack(args.data, args.work)
    host = machine()
    print(f"{host['cpu']}, {host['cores']} cores; mkdocs {host['mkdocs']}, material {host['mkdocs_material']}")
    rows: dict[int, dict] = {}
    if args.merge and args.json.exists():
        rows = {r["n"]: r for r in json.loads(args.json.read_text())["results"]}
    for n in sizes:
        rows[n] = measure(n, sets, args.work, args.timeout)
        if not args.keep:
            shutil.rmtree(args.work / "run" / str(n), ignore_errors=True)
        ordered = [rows[k] for k in sorted(rows)]
        # Written after every size, so a long run leaves its results behind even if stopped.
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"machine": host, "results": ordered}, indent=2) + "\n")
        write_report(ordered, host, args.out)
        print()
        print(f"## {n:,} articles")
        print(table(rows[n]))
        print()
    print("\n".join(verdicts([rows[k] for k in sorted(rows)])))
    print(f"\nwrote {args.out}, {args.out.parent / PLOT}, {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
