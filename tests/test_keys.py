"""One key scheme for every cache: a key covers all the code its value depends on."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "mkdocs_corpus"
KEYS = """
from mkdocs_corpus.engine.cache import VectorCache, analysis_key
from mkdocs_corpus.pipeline.analysis import Options
from mkdocs_corpus.pipeline.translations.anchors import _memo_key
print(VectorCache(None).key(["One sentence. Another one."]))
print(analysis_key("a.txt", b"Title\\n\\nText.", Options()))
print(_memo_key(["One sentence."]))
"""


def keys_of(package_parent: Path) -> list[str]:
    result = subprocess.run([sys.executable, "-c", KEYS], capture_output=True, text=True, timeout=120,
                            env={"PYTHONPATH": str(package_parent), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two copies of the package, the second with another sentence splitter."""
    base = tmp_path_factory.mktemp("keys")
    same, changed = base / "same", base / "changed"
    for copy in (same, changed):
        shutil.copytree(PACKAGE, copy / "mkdocs_corpus", ignore=shutil.ignore_patterns("__pycache__"))
    embeddings = changed / "mkdocs_corpus" / "pipeline" / "translations" / "embeddings.py"
    source = embeddings.read_text(encoding="utf-8")
    assert "_SENTENCE_END = re.compile(r\"" in source
    embeddings.write_text(source.replace("_SENTENCE_END = re.compile(r\"", "_SENTENCE_END = re.compile(r\"(?:;\\s+)|", 1),
                          encoding="utf-8")
    return same, changed


def test_a_new_sentence_splitter_changes_the_vector_key(copies: tuple[Path, Path]) -> None:
    same, changed = copies
    before, after = keys_of(same), keys_of(changed)
    assert before == keys_of(same)  # stable for the same code
    assert before[0] != after[0]  # sentence vectors are computed again
    assert before[1] == after[1]  # analysis does not use the splitter
    assert before[2] == after[2]  # nor do the translation anchors


def test_a_model_file_changes_the_analysis_key(copies: tuple[Path, Path], tmp_path: Path) -> None:
    same, _ = copies
    other = tmp_path / "model"
    shutil.copytree(same, other)
    models = other / "mkdocs_corpus" / "pipeline" / "recognition" / "models"
    first = sorted(p for p in models.iterdir() if p.is_file())[0]
    first.write_bytes(first.read_bytes() + b"\0")
    assert keys_of(same)[1] != keys_of(other)[1]
