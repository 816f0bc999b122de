"""Clean stage, as golden files: each YAML holds an input text and the expected `CleanText`.

Refresh after an intended change with `pytest tests/test_cleaning.py --update-golden` and review
the diff.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml
from mkdocs_corpus.pipeline.cleaning import clean, derive_title, parse_credits

GOLDEN = sorted((Path(__file__).parent / "golden" / "cleaning").glob("*.yml"))


def _as_data(result) -> dict:
    data = dataclasses.asdict(result)
    data["blocks"] = [f"{b['kind']}: {b['text']}" for b in data["blocks"]]
    data["credits"] = {k: list(v) for k, v in data["credits"].items()}
    data["debris"] = list(data["debris"])
    return data


@pytest.mark.parametrize("path", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_golden(path: Path, update_golden: bool) -> None:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    actual = _as_data(clean(case["input"]))
    if update_golden:
        case["expected"] = actual
        path.write_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    assert actual == case["expected"]


def test_there_are_golden_cases() -> None:
    assert len(GOLDEN) >= 6


def test_credits_roles() -> None:
    credits = parse_credits("(Reporting by Anna Smith and Lee Chan in Seoul; Additional reporting by Bo Li; Editing by Kim Doe and Al Roe)")
    assert credits.authors == ("Anna Smith", "Lee Chan", "Bo Li")
    assert credits.editors == ("Kim Doe", "Al Roe")


def test_derived_title_is_short() -> None:
    result = clean("Ein sehr langer erster Satz, der als Titel viel zu lang wäre, weil er immer weiter geht und kein Ende findet. Zweiter Satz.\n\nMehr Text hier.")
    assert result.title is None
    title = derive_title(result.blocks)
    assert title.endswith("…") and len(title.split()) == 13
