"""Shared fixtures: real `mkdocs build` runs of small corpora, and the built site read back."""
from __future__ import annotations

import json
import os
import subprocess
import sys
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
          env: dict[str, str] | None = None) -> Build:
    """Build the project's own mkdocs.yml over `corpus`, as a user would, in a subprocess,
    with a cache of its own (cold), so no test sees another's."""
    cache = out.parent / f"{out.name}-cache"
    env = {**os.environ, "CORPUS_DIR": str(corpus), "CORPUS_CACHE_DIR": str(cache), "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(out)]
    if strict:
        command.append("--strict")
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    return Build(result.returncode, result.stdout + result.stderr, out)


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The default corpus, built strictly once per test session."""
    result = build(ROOT / "corpus", tmp_path_factory.mktemp("seed-site"))
    assert result.returncode == 0, result.log
    return result


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, dict[str, str]]:
    """The hostile corpus (tests/hostile.py) built once, not strictly, and each file's expected outcome."""
    from hostile import write_hostile_corpus

    base = tmp_path_factory.mktemp("hostile")
    expected = write_hostile_corpus(base / "corpus", base / "outside")
    result = build(base / "corpus", base / "site", strict=False)
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
    result = build(CORPORA / "glance", tmp_path_factory.mktemp("glance"))
    assert result.returncode == 0, result.log
    return result
