"""Faults while building (issue 20, classes 14-18): a locked cache, a build killed anywhere, a full disk,
two builds into one folder. An interrupted or failed build never leaves a site that the next build
cannot repair, and no process of a build outlives it.

Every build here is a real `mkdocs build --strict` in a process group of its own, of a corpus written
below, with the render cache and cleaning in place on (the defaults). Entities and translations are
off: they change what pages say, not how the site folder, the pool, Pagefind and the caches behave,
and their models would make each of the many builds several times slower.
"""
from __future__ import annotations

import contextlib
import json
import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT
from mkdocs_corpus.engine.cache import AnalysisCache, analysis_key
from mkdocs_corpus.engine.search_bundle import UNPUBLISHED, bundle_problem, listed_fragments
from mkdocs_corpus.engine.site_folder import MARKER, PREVIOUS
from mkdocs_corpus.pipeline.analysis import Options, analyse

pytestmark = [pytest.mark.slow,  # kills and repairs whole builds
              pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)")]

ARTICLES = 60
LOCKED = "is being written by another build"
ENTRY = "pagefind/pagefind-entry.json"
WORDS = {
    "en": "council budget harbour tram library storm election city river bridge school market museum festival "
          "train station park minister vote report".split(),
    "de": "Rat Haushalt Hafen Strassenbahn Bibliothek Sturm Wahl Stadt Fluss Brücke Schule Markt Museum Fest Zug "
          "Bahnhof Park Minister Abstimmung Bericht".split(),
}


def write_corpus(folder: Path, edition: int = 2) -> None:
    """`ARTICLES` dated articles in English and German. Edition 1 is an older state of the same corpus: one
    article reads differently and one more article is there, which edition 2 has deleted."""
    folder.mkdir(parents=True)
    for n in range(ARTICLES + (edition == 1)):
        lang = "de" if n % 3 == 0 else "en"
        rng = random.Random(n)
        title = " ".join(rng.choice(WORDS[lang]) for _ in range(5)).capitalize()
        paragraphs = [" ".join(rng.choice(WORDS[lang]) for _ in range(40)) + "." for _ in range(4)]
        if edition == 1 and n == 5:
            paragraphs[0] = "An older version of this paragraph, " + paragraphs[0]
        (folder / f"a{n:03d}-{lang}.md").write_text(
            f"---\npublished: 2024-0{1 + n % 9}-{1 + n % 28:02d}\n---\n{title}\n\n" + "\n\n".join(paragraphs) + "\n",
            encoding="utf-8")


def write_config(path: Path) -> Path:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for old, new in [("docs_dir: docs\n", f"docs_dir: {ROOT / 'docs'}\n"),
                     ("      entities: !ENV [CORPUS_ENTITIES, true]\n", "      entities: false\n      translations: false\n"),
                     ("      - Entities: browse/entities/index.md\n", "")]:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return path


@dataclass
class Setup:
    corpus: Path
    config: Path

    def start(self, site: Path, cache: Path, log: Path, *, corpus: Path | None = None) -> subprocess.Popen:
        """A build in a process group (and session) of its own, so that the group can be killed and searched."""
        env = {**os.environ, "CORPUS_DIR": str(corpus or self.corpus), "CORPUS_CACHE_DIR": str(cache),
               "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "https://archive.example.org/", "SOURCE_DATE_EPOCH": "1700000000"}
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(self.config), "-d", str(site)]
        with log.open("wb") as out:
            # A write past a file size limit (see `out_of_disk`) fails, rather than kill the process.
            return subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                                    preexec_fn=lambda: signal.signal(signal.SIGXFSZ, signal.SIG_IGN))

    def build(self, site: Path, cache: Path, **options) -> tuple[int, str]:
        log = site.parent / f"{site.name}.log"
        process = self.start(site, cache, log, **options)
        returncode = process.wait(timeout=600)
        assert _outlivers(process.pid, wait=0) == [], "a process of the build outlived it"
        return returncode, log.read_text(encoding="utf-8", errors="replace")


def _running() -> list[tuple[int, int, int, str]]:
    """(pid, parent's pid, process group, command) of every process still running: a zombie has ended, it only
    waits to be reaped."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            state, ppid, group = Path(f"/proc/{entry}/stat").read_bytes().rpartition(b")")[2].split()[:3]
            command = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, ValueError):
            continue
        if state not in (b"Z", b"X"):
            found.append((int(entry), int(ppid), int(group), command))
    return found


def _group(pgid: int) -> list[str]:
    return [f"{pid} {command}" for pid, _, group, command in _running() if group == pgid]


def _children(pid: int) -> list[str]:
    """The commands of the children of `pid`: a pool worker is a fork of the build (its command is the
    build's, `mkdocs build`), Pagefind's has `pagefind`."""
    return [command for _, ppid, _, command in _running() if ppid == pid]


def _outlivers(pgid: int, wait: float = 10.0) -> list[str]:
    """What of the killed build's group still runs after `wait` seconds (Pagefind and the workers end at once;
    the wait is only for a loaded machine)."""
    deadline = time.monotonic() + wait
    while (left := _group(pgid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    if left:  # reported; not left to burden the machine
        os.killpg(pgid, signal.SIGKILL)
    return left


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def comparable(site: Path) -> dict[str, bytes]:
    """Every file, byte for byte, but for what differs between any two builds, even two clean ones:
    - the report's cache figures, which say what the build found in its caches (a rebuild's differ from a
      cold build's by design);
    - Pagefind's page numbers: Pagefind numbers pages as it gets through them, which varies from run to
      run, and its metadata, word index and filter files hold the numbers (and are named by a hash of
      their content); the order of the languages in its entry file is a hash map's. These stand in for
      them: the result fragments each language's metadata lists (the fragments themselves, one per page
      and named by its content, are compared as files), each language's page count, and how many files of
      each kind there are. A bundle that is not whole fails here.
    Nothing in the site depends on the time: undated articles would take SOURCE_DATE_EPOCH, and the
    plugin's sitemap (which replaces MkDocs' own, whose lastmod is the build's date) has no dates."""
    files = tree(site)
    report = json.loads(files["api/report.json"])
    del report["cache"]
    files["api/report.json"] = json.dumps(report, sort_keys=True).encode()
    numbered = [name for name in files if name == ENTRY or name.endswith((".pf_meta", ".pf_index", ".pf_filter"))]
    if numbered:
        bundle = site / "pagefind"
        assert bundle_problem(bundle) is None, bundle_problem(bundle)
        languages = {lang: info["page_count"] for lang, info in json.loads(files[ENTRY])["languages"].items()}
        counts = {suffix: sum(name.endswith(suffix) for name in numbered) for suffix in (".pf_meta", ".pf_index", ".pf_filter")}
        for name in numbered:
            del files[name]
        files["pagefind: pages per language, fragments listed, files per kind"] = json.dumps(
            [languages, sorted(listed_fragments(bundle) or ()), counts], sort_keys=True).encode()
    return files


@dataclass
class Reference:
    setup: Setup
    files: dict[str, bytes]  # a clean build of the corpus into an empty folder (comparable)
    cache: Path  # that build's cache: warm for the corpus
    edition_one: Path  # the older corpus
    edition_one_site: Path  # its clean build
    seconds: float  # a cold build's wall time
    warm_seconds: float  # a rebuild's, with every cache warm


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Reference:
    base = tmp_path_factory.mktemp("faults")
    setup = Setup(base / "corpus", write_config(base / "mkdocs.yml"))
    write_corpus(setup.corpus)
    write_corpus(base / "edition-one", edition=1)
    started = time.monotonic()
    returncode, log = setup.build(base / "clean", base / "clean-cache")
    seconds = time.monotonic() - started
    assert returncode == 0, log
    files = comparable(base / "clean")
    assert not [name for name in files if name.startswith(".")]  # no marker, nothing set aside
    started = time.monotonic()
    returncode, log = setup.build(base / "clean", base / "clean-cache")  # warm, and in place
    warm_seconds = time.monotonic() - started
    assert returncode == 0, log
    assert comparable(base / "clean") == files  # nothing in the site depends on the time or the caches
    returncode, log = setup.build(base / "edition-one-site", base / "edition-one-cache", corpus=base / "edition-one")
    assert returncode == 0, log
    return Reference(setup, files, base / "clean-cache", base / "edition-one", base / "edition-one-site", seconds,
                     warm_seconds)


# 14. A locked cache database is waited for, then left alone.

def test_a_locked_cache_is_waited_for_then_left_alone(reference: Reference, tmp_path: Path) -> None:
    article, problems = analyse("a.txt", b"Title here\n\nSome text of the article.\n", Options())
    key = analysis_key("a.txt", b"x", Options())
    store = AnalysisCache(tmp_path)
    store.save({key: (article, problems)})
    store.close()
    holder = sqlite3.connect(tmp_path / "analysis.sqlite", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # as another build writing to a shared cache folder, held on
    started = time.monotonic()
    locked = AnalysisCache(tmp_path)
    assert time.monotonic() - started >= AnalysisCache.LOCK_WAIT * 0.9  # it waited for the lock first
    assert locked.db is None and "locked" in (locked.error or "") and "off for this build" in (locked.error or "")
    assert locked.get_many([key]) == {}  # a miss, not an error
    holder.execute("ROLLBACK")
    holder.close()
    again = AnalysisCache(tmp_path)
    assert again.error is None and again.decode(again.get_many([key]), 1)[key][0] == article  # kept, not replaced
    again.close()

    # A whole build: it goes on without that cache, says so, and leaves the database as it was.
    cache = tmp_path / "build-cache"
    shutil.copytree(reference.cache, cache)
    rows = _rows(cache / "analysis.sqlite")
    holder = sqlite3.connect(cache / "analysis.sqlite", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        returncode, log = reference.setup.build(tmp_path / "site", cache)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert returncode == 0, log
    report = json.loads((tmp_path / "site" / "api" / "report.json").read_text(encoding="utf-8"))
    assert any("analysis.sqlite" in n["message"] and "locked" in n["message"] for n in report["notices"])
    assert report["cache"]["analysis"] == {"hits": 0, "misses": ARTICLES}
    assert _rows(cache / "analysis.sqlite") == rows
    built = comparable(tmp_path / "site")
    assert {k: v for k, v in built.items() if k != "api/report.json"} == \
        {k: v for k, v in reference.files.items() if k != "api/report.json"}  # the report has the notice


def _rows(database: Path) -> list[tuple]:
    with sqlite3.connect(database) as db:
        return sorted(db.execute("SELECT key, value FROM analysis"))


def test_only_a_file_that_is_not_a_database_is_replaced(tmp_path: Path) -> None:
    (tmp_path / "analysis.sqlite").write_bytes(b"this is not a database" * 100)
    store = AnalysisCache(tmp_path)
    assert store.db is not None and "not a database" in (store.error or "")
    store.close()
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "analysis.sqlite").mkdir()  # cannot be opened, and is no file of ours to delete
    store = AnalysisCache(tmp_path / "folder")
    assert store.db is None and "off for this build" in (store.error or "")
    assert (tmp_path / "folder" / "analysis.sqlite").is_dir()


# 15. No process of a killed build outlives it.

def test_a_killed_build_leaves_no_worker_and_no_pagefind(reference: Reference, tmp_path: Path) -> None:
    for stage, sign in [("pool", "mkdocs"), ("pagefind", "pagefind")]:
        cache = tmp_path / f"{stage}-cache"
        if stage == "pagefind":  # analysed already: Pagefind starts sooner
            shutil.copytree(reference.cache, cache)
        process = reference.setup.start(tmp_path / f"{stage}-site", cache, tmp_path / f"{stage}.log")
        seen = _await_child(process, sign)
        os.kill(process.pid, signal.SIGKILL)  # the build's own process only: what it started must see to itself
        process.wait()
        assert seen, f"no {stage} process seen: {(tmp_path / f'{stage}.log').read_text()}"
        assert _outlivers(process.pid) == [], stage


def _await_child(process: subprocess.Popen, sign: str, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        if any(sign in command for command in _children(process.pid)):
            return True
        time.sleep(0.005)
    return False


# 16. A first build killed while Pagefind writes its bundle.

def test_a_first_build_killed_while_pagefind_writes_is_repaired(reference: Reference, tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    shutil.copytree(reference.cache, cache)  # warm: the build gets to Pagefind's write sooner
    process = reference.setup.start(site, cache, tmp_path / "killed.log")
    deadline = time.monotonic() + 120
    written: list[Path] = []
    while process.poll() is None and time.monotonic() < deadline and not written:
        # Pagefind writes into a hidden folder of its own (search_bundle.py), never into site/pagefind/.
        written = sorted(site.glob(f"{UNPUBLISHED}*/fragment/*"))
        time.sleep(0.001)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert written, (tmp_path / "killed.log").read_text()
    assert (site / MARKER).exists()  # the first build into an empty folder marks it too
    assert not (site / "pagefind").exists()  # what Pagefind had begun is not published
    written[0].write_bytes(b"")  # as Pagefind leaves a fragment it had begun (when the kill came later than that)
    returncode, log = reference.setup.build(site, cache)
    assert returncode == 0, log
    assert comparable(site) == reference.files  # every file, hidden ones too: the killed build's folder is gone


# 17. A full disk (or any failed write) while the site is written.

def out_of_disk(setup: Setup, site: Path, cache: Path, limit: int) -> tuple[int, str]:
    """A build that can write no file past `limit` bytes once it holds the site folder, as on a full disk:
    each write past it fails (EFBIG). Set only then, as the process starts by writing a language model
    to a temporary file. What the build starts afterwards (workers, Pagefind) inherits the limit."""
    log = site.parent / f"{site.name}.log"
    process = setup.start(site, cache, log)
    while process.poll() is None and not (site / MARKER).exists():
        time.sleep(0.001)
    resource.prlimit(process.pid, resource.RLIMIT_FSIZE, (limit, limit))
    returncode = process.wait(timeout=600)
    assert _outlivers(process.pid, wait=0) == []
    return returncode, log.read_text(encoding="utf-8", errors="replace")


def test_a_build_that_runs_out_of_disk_leaves_whole_files_and_is_repaired(reference: Reference, tmp_path: Path) -> None:
    pages = sorted(len(data) for name, data in reference.files.items() if name.startswith("articles/"))
    limit = pages[len(pages) // 2]  # half the article pages fit, half do not

    # Into an empty folder with a warm render cache: the plugin writes the article pages from it.
    site, cache = tmp_path / "empty", tmp_path / "cache"
    shutil.copytree(reference.cache, cache)
    returncode, log = out_of_disk(reference.setup, site, cache, limit)
    assert returncode != 0 and "File too large" in log, log
    left = tree(site)
    # The pages written before the disk was full are whole, and the one that did not fit is not there at all
    # (written in place, it would be there cut short).
    assert [name for name, data in left.items() if name.startswith("articles/") and data != reference.files[name]] == []
    assert not [name for name in left if name.endswith(".tmp")]
    assert not (site / "pagefind").exists()  # no search bundle pointing at pages that may not be there
    assert (site / MARKER).exists()
    returncode, log = reference.setup.build(site, cache)
    assert returncode == 0, log
    assert comparable(site) == reference.files

    # Over the site of the corpus' previous edition: whatever write fails, the next build repairs the mix.
    site, cache = tmp_path / "previous", tmp_path / "previous-cache"
    shutil.copytree(reference.edition_one_site, site)
    shutil.copytree(reference.cache, cache)  # analysed already: a worker would fail to write its language model
    returncode, log = out_of_disk(reference.setup, site, cache, limit)
    assert returncode != 0 and "File too large" in log, log
    assert not (site / "pagefind").exists() and (site / MARKER).exists()
    returncode, log = reference.setup.build(site, cache)
    assert returncode == 0, log
    assert comparable(site) == reference.files


# 18. Two builds into one folder.

def test_a_second_build_into_a_folder_being_built_fails_and_touches_nothing(reference: Reference, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(reference.edition_one_site, site)
    before = tree(site)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from pathlib import Path; from mkdocs_corpus.engine.site_folder import lock; "
         "lock(Path(sys.argv[1])); print('held', flush=True); sys.stdin.read()", str(site)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        returncode, log = reference.setup.build(site, tmp_path / "cache")
    finally:
        holder.communicate("")
    assert returncode != 0 and LOCKED in log and "build into another folder" in log, log
    assert tree(site) == before  # nothing moved, nothing written

    # Two builds of different corpora started together: one holds the folder, the other stops at once. Never a
    # mix: the site is one corpus' clean build.
    site = tmp_path / "both"
    setup = reference.setup
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    runs = [setup.start(site, tmp_path / "a-cache", logs[0]),
            setup.start(site, tmp_path / "b-cache", logs[1], corpus=reference.edition_one)]
    codes = [run.wait(timeout=600) for run in runs]
    texts = [log.read_text(encoding="utf-8", errors="replace") for log in logs]
    clean = [reference.files, comparable(reference.edition_one_site)]
    if 1 in codes:
        assert sorted(codes) == [0, 1] and LOCKED in texts[codes.index(1)], texts
        assert comparable(site) == clean[codes.index(0)]
    else:  # only if one build ended before the other began (a machine too busy to start them together)
        assert codes == [0, 0] and comparable(site) in clean, texts


# The fault test: kill the build anywhere, then rebuild.

ROUNDS, KILLS = 7, 3  # each round kills a build, then twice the build that would repair it, then lets one finish
SEED = int(os.environ.get("CORPUS_FAULT_SEED", "20"))


@pytest.mark.slow
def test_a_build_killed_anywhere_is_repaired_by_the_next(reference: Reference, tmp_path: Path) -> None:
    """21 kills at random moments spread over a build's whole run (one in each 21st of it), by SIGKILL to the
    build's process alone (what it started must end by itself) or to its whole group, in turn. Each round
    starts with the analysis cache emptied, so that the pool is at work; the first round, with an empty site
    folder. After each kill nothing of the build may run on; after each round the build that finishes must
    leave exactly a clean build's site."""
    rng = random.Random(SEED)
    moments = [(n + rng.random()) / (ROUNDS * KILLS) for n in range(ROUNDS * KILLS)]
    rng.shuffle(moments)
    site, cache = tmp_path / "site", tmp_path / "cache"
    seen: list[str] = []
    for round_ in range(ROUNDS):
        (cache / "analysis.sqlite").unlink(missing_ok=True)
        for kill in range(KILLS):
            n = KILLS * round_ + kill
            whole_group = n % 2 == 0
            delay = moments[n] * (reference.seconds if kill == 0 else reference.warm_seconds)
            log = tmp_path / f"kill-{n}.log"
            process = reference.setup.start(site, cache, log)
            time.sleep(delay)
            running = process.poll() is None
            children = _children(process.pid)
            with contextlib.suppress(ProcessLookupError):  # it ended, and poll() reaped it, before the kill
                if whole_group:
                    os.killpg(process.pid, signal.SIGKILL)
                else:
                    os.kill(process.pid, signal.SIGKILL)
            process.wait()
            what = (f"kill {n}: {'group' if whole_group else 'process'} at {delay:.2f} s, "
                    f"{'running' if running else 'already ended'}, with {sum('mkdocs' in c for c in children)} "
                    f"workers and {sum('pagefind' in c for c in children)} Pagefind")
            seen.append(what)
            assert _outlivers(process.pid) == [], what + "\n" + log.read_text(errors="replace")
        returncode, text = reference.setup.build(site, cache)
        assert returncode == 0, "\n".join(seen) + "\n" + text
        assert comparable(site) == reference.files, "\n".join(seen)
        assert not (site / MARKER).exists() and not (site / PREVIOUS).exists()
    print("\n".join(seen))
    assert sum("running" in line for line in seen) >= len(seen) * 3 // 4  # most kills hit a build at work
