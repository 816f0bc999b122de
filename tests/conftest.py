"""Shared fixtures: real `mkdocs build` runs of small corpora, and the built site read back."""
from __future__ import annotations

import fcntl
import io
import json
import logging
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPORA = Path(__file__).parent / "corpora"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@dataclass
class Build:
    """One finished `mkdocs build`: its exit code, its log, and the site folder."""

    returncode: int
    log: str
    site: Path

    def api(self, name: str):
        return json.loads((self.site / "api" / name).read_text(encoding="utf-8"))

    def articles(self) -> dict[str, dict]:
        """articles.json keyed by the input file's path."""
        return {a["path"]: a for a in self.api("articles.json")}

    def page(self, url: str) -> str:
        return (self.site / url / "index.html").read_text(encoding="utf-8")

    def warnings(self) -> list[str]:
        return [line for line in self.log.splitlines() if line.startswith(("WARNING", "ERROR"))]


def build(corpus: Path, out: Path, *, strict: bool = True, config: Path = ROOT / "mkdocs.yml",
          env: dict[str, str] | None = None, fresh_process: bool = False) -> Build:
    """Build the project's own mkdocs.yml over `corpus`, as a user would, with a cache of its own (cold), so
    no test sees another's. In this process, as `mkdocs serve` and library callers build, so the models stay
    loaded across tests; `fresh_process` runs the `mkdocs build` command instead."""
    cache = out.parent / f"{out.name}-cache"
    # One analysis process, this one: its models stay loaded from one test's build to the next (a pool's
    # workers would load them again for every build). The pool has tests of its own (test_cache.py).
    variables = {"CORPUS_DIR": str(corpus), "CORPUS_CACHE_DIR": str(cache), "NO_MKDOCS_2_WARNING": "1",
                 "CORPUS_WORKERS": "1", **(env or {})}
    if fresh_process:
        command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(out)]
        if strict:
            command.append("--strict")
        result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, **variables}, timeout=600)
        return Build(result.returncode, result.stdout + result.stderr, out)
    return _build_here(config, out, strict, variables)


def _build_here(config: Path, out: Path, strict: bool, variables: dict[str, str]) -> Build:
    """What `mkdocs build` does (mkdocs/__main__.py), its log kept as the command prints it."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    saved = {name: os.environ.get(name) for name in variables}
    os.environ.update(variables)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    code = 0
    try:
        site = load_config(str(config), site_dir=str(out), strict=strict)
        site.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(site)
        finally:
            site.plugins.on_shutdown()
    except Abort as error:
        code = 1
        stream.write("\n" + error.format_message() + "\n")
    except MkDocsException as error:
        code = 1
        stream.write(f"Error: {error.format_message()}\n")
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return Build(code, stream.getvalue(), out)


def built_once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], tuple[Build, object]]):
    """`make(folder)` run once per test run, not once per worker: under pytest-xdist the workers share the
    run's temporary root, and the first to take the lock builds while the others wait and read its record.
    Returns make's Build and its JSON-able extra."""
    root = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, above each worker's own
    folder = root / f"shared-{name}"
    record = folder / "build.json"
    with open(root / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not record.exists():
            folder.mkdir(exist_ok=True)
            result, extra = make(folder)
            record.write_text(json.dumps({"returncode": result.returncode, "log": result.log,
                                          "site": str(result.site), "extra": extra}), encoding="utf-8")
    saved = json.loads(record.read_text(encoding="utf-8"))
    return Build(saved["returncode"], saved["log"], Path(saved["site"])), saved["extra"]


def _corpus_site(factory: pytest.TempPathFactory, name: str, corpus: Path) -> Build:
    result, _ = built_once(factory, name, lambda folder: (build(corpus, folder / "site"), None))
    assert result.returncode == 0, result.log
    return result


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The default corpus, built strictly once per test run."""
    return _corpus_site(tmp_path_factory, "seed-site", ROOT / "corpus")


@pytest.fixture(scope="session")
def interface_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """tests/corpora/interface: one dated story in English, German, Russian and Japanese, an English article,
    and an Italian one (a language Material has strings for and our catalogue has not)."""
    return _corpus_site(tmp_path_factory, "interface-site", CORPORA / "interface")


def _build_hostile(base: Path) -> tuple[Build, dict[str, str]]:
    from hostile import write_hostile_corpus

    expected = write_hostile_corpus(base / "corpus", base / "outside")
    return build(base / "corpus", base / "site", strict=False), expected


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, dict[str, str]]:
    """The hostile corpus (tests/hostile.py) built once, not strictly, and each file's expected outcome."""
    result, expected = built_once(tmp_path_factory, "hostile", _build_hostile)
    assert result.returncode == 0, result.log
    return result, expected


@pytest.fixture(scope="session")
def hostile_site(hostile: tuple[Build, dict[str, str]]) -> Build:
    return hostile[0]


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium (Debian's) for the whole session; see browser.py."""
    from browser import CHROMIUM_ARGS, chromium_path
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def glance_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """tests/corpora/glance (a story in three languages, dated articles, an entity registry), built strictly."""
    return _corpus_site(tmp_path_factory, "glance", CORPORA / "glance")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Slow modules first, then browser ones: pytest-xdist (`make test`, --no-loadscope-reorder) hands out
    whole modules in this order, so the longest start first and no core waits alone at the end."""
    def weight(item: pytest.Item) -> int:
        marks = module_marks[item.module.__name__] if item.module else set()
        return 0 if "slow" in marks else 1 if "browser" in marks else 2

    module_marks: dict[str, set[str]] = {}
    for item in items:
        if item.module:
            module_marks.setdefault(item.module.__name__, set()).update(m.name for m in item.iter_markers())
    items.sort(key=weight)
