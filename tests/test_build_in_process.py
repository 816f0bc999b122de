"""A build run inside a Python process, as `mkdocs serve` and library callers run it: the plugin
changes the process's garbage collection for the build only (heap.py), whether the build succeeds or fails,
and at the process's exit spares it the collector's last walk over the heap."""
from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPORA, ROOT
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs_corpus.engine.heap import BUILD_THRESHOLDS

PROBE = """
import gc
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

@event_priority(100)  # before the corpus plugin's own on_post_build, which ends the build
def on_post_build(config):
    Path({out!r}).write_text(repr(gc.get_threshold()))

def on_nav(nav, config, files):
    if {fail!r}:
        raise PluginError("the probe stops the build")
"""


def _build_in_process(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                      fail: bool = False) -> tuple[int, int, int]:
    """Builds `corpus` strictly in this process; returns the thresholds a hook saw at the end of the build.
    With `fail`, the hook stops the build halfway, as a failing plugin would."""
    seen = tmp_path / "seen.txt"
    probe = tmp_path / "probe.py"
    probe.write_text(PROBE.format(out=str(seen), fail=fail))
    monkeypatch.setenv("CORPUS_DIR", str(corpus))
    monkeypatch.setenv("CORPUS_CACHE_DIR", str(tmp_path / "cache"))
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True, hooks=[str(probe)])
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return eval(seen.read_text())  # noqa: S307 - the tuple repr our own hook wrote


@pytest.fixture
def process_thresholds():
    before = gc.get_threshold()
    gc.set_threshold(555, 7, 9)  # not the interpreter's defaults, so that "put back" is not a coincidence
    yield (555, 7, 9)
    gc.set_threshold(*before)


def test_a_build_collects_rarely_and_puts_the_thresholds_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              process_thresholds: tuple[int, int, int]) -> None:
    during = _build_in_process(CORPORA / "dated", tmp_path, monkeypatch)
    assert during == BUILD_THRESHOLDS
    assert (tmp_path / "site" / "api" / "articles.json").is_file()
    assert gc.get_threshold() == process_thresholds


def test_a_failed_build_puts_the_thresholds_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 process_thresholds: tuple[int, int, int]) -> None:
    with pytest.raises(Abort, match="BuildError"):  # the probe's error, after our on_files, before on_post_build
        _build_in_process(CORPORA / "dated", tmp_path, monkeypatch, fail=True)
    assert gc.get_threshold() == process_thresholds


EXIT_PROBE = """
import sys
sys.path.insert(0, {plugins!r})
from mkdocs_corpus.engine import heap

class Cycle:
    def __del__(self):
        print("collected at exit")

if {built!r}:
    heap.restore(heap.collect_rarely())  # what a build does at its start and end
first, second = Cycle(), Cycle()
first.other, second.other = second, first  # garbage only the collector would find
del first, second
"""


@pytest.mark.parametrize("built", [False, True])
def test_after_a_build_the_process_exits_without_walking_its_heap_again(built: bool) -> None:
    script = EXIT_PROBE.format(plugins=str(ROOT / "plugins"), built=built)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    # The interpreter's last collection finds the cycle; after a build, the heap is frozen before it runs.
    assert ("collected at exit" in result.stdout) is not built
