"""The real encoder (USE multilingual v3) on the two seed articles, after cleaning.

The German version lacks the English title, the dateline lead and the credits line; every
other unit must pair 1-1 with its German twin.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs_corpus.pipeline.translations import Version, find_stories

FIXTURES = Path(__file__).parent / "fixtures" / "translations"


def units(name: str) -> tuple[str, ...]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return tuple(u.strip() for u in text.split("\n\n") if u.strip())


@pytest.fixture(scope="module")
def seed_story():
    en = Version("2bd2f271896fa816", "en", units("seed.en.txt"))
    de = Version("ed0ac21500300798", "de", units("seed.de.txt"))
    result = find_stories([en, de])
    assert result.problems == ()
    (story,) = result.stories
    return story, en, de


def test_seed_articles_are_one_story(seed_story) -> None:
    story, en, de = seed_story
    assert set(story.members) == {en.article_id, de.article_id}
    (link,) = story.links
    assert not link.declared and link.confidence > 0.9


def test_seed_alignment_leaves_title_lead_and_credits_alone(seed_story) -> None:
    story, en, de = seed_story
    (alignment,) = story.alignments
    flip = alignment.source == de.article_id
    pairs = [(t, s) if flip else (s, t) for s, t in alignment.pairs]  # as (english, german)
    unmatched_en = [e[0] for e, g in pairs if not g]
    assert unmatched_en == [0, 1, 18]  # title, "MOSCOW (Reuters) - ...", "(Reporting by ...)"
    assert en.units[1].startswith("MOSCOW (Reuters)") and en.units[18].startswith("(Reporting by")
    matched = [(e, g) for e, g in pairs if e and g]
    assert matched == [((k + 2,), (k,)) for k in range(16)]
    assert alignment.coverage == round(32 / 35, 4)
