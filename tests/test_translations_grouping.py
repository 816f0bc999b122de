"""Grouping logic of the translation stage, on small hand-written stories and a fake encoder.

The fake encoder knows no language: it embeds the numbers and names a sentence holds, which
translations keep. That is enough to exercise candidates, scoring, greedy assignment and the
handling of declarations quickly; the real encoder is exercised in test_translations_seed.py.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest
from mkdocs_corpus.pipeline.translations import Problem, Version, find_stories
from mkdocs_corpus.pipeline.translations.anchors import AnchorIndex, article_anchors

FIXTURES = Path(__file__).parent / "fixtures" / "translations"


class AnchorEmbedder:
    """Hashes each sentence's anchors into a vector; unknown sentences get a random direction."""

    languages = frozenset({"en", "de", "fr", "ru"})

    def __call__(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), 64), dtype=np.float32)
        for row, text in enumerate(texts):
            tokens = sorted(article_anchors([text])) or [text]
            for token in tokens:
                digest = hashlib.sha1(token.encode()).digest()
                out[row, digest[0] % 64] += 1.0 if digest[1] % 2 else -1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-9)


def version(name: str, **declared: str) -> Version:
    story, lang = name.split(".")
    units = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8").split("\n\n")
    return Version(article_id=f"{story}-{lang}", lang=lang, units=tuple(u.strip() for u in units if u.strip()), **declared)


def groups(result) -> set[frozenset[str]]:
    return {frozenset(story.members) for story in result.stories}


ALL = ["bridge.en", "bridge.de", "bridge.fr", "festival.en", "festival.de", "harbour.en", "harbour.ru"]


def test_detects_each_story_with_one_version_per_language() -> None:
    result = find_stories([version(n) for n in ALL], embedder=AnchorEmbedder())
    assert groups(result) == {
        frozenset({"bridge-en", "bridge-de", "bridge-fr"}),
        frozenset({"festival-en", "festival-de"}),
        frozenset({"harbour-en", "harbour-ru"}),
    }
    assert result.problems == ()
    for story in result.stories:
        assert not story.declared
        assert len({m.split("-")[1] for m in story.members}) == len(story.members)
        assert story.key == min(story.members)
        assert all(0.0 <= link.confidence <= 1.0 and not link.declared for link in story.links)
        # Links span the story; alignments cover every pair of its versions.
        assert len(story.links) == len(story.members) - 1
        n = len(story.members)
        assert len(story.alignments) == n * (n - 1) // 2


def test_same_language_articles_are_never_grouped() -> None:
    twin = Version("bridge-en-copy", "en", version("bridge.en").units)
    result = find_stories([version("bridge.en"), twin, version("bridge.de")], embedder=AnchorEmbedder())
    (story,) = result.stories
    assert "bridge-de" in story.members and len(story.members) == 2


def test_unrelated_articles_stay_apart() -> None:
    result = find_stories([version("bridge.en"), version("festival.de"), version("harbour.ru")], embedder=AnchorEmbedder())
    assert result.stories == ()


def test_threshold_one_accepts_nothing_and_result_is_deterministic() -> None:
    versions = [version(n) for n in ALL]
    assert find_stories(versions, threshold=1.01, embedder=AnchorEmbedder()).stories == ()
    assert find_stories(versions, embedder=AnchorEmbedder()) == find_stories(list(reversed(versions)), embedder=AnchorEmbedder())


def test_anchor_candidates_break_ties_by_article_not_by_hash_order() -> None:
    # English article 0 shares one rare anchor, all equally rare, with each of seven German
    # articles: a tie for its five places. Each German article has five better English partners
    # (two anchors each), so only article 0's own choice can pair it with a German one. The order
    # of a set of strings follows the hash seed: without a rule for ties, two builds of one corpus
    # picked different candidates, and so published different links.
    sets = [frozenset(f"tie{k}" for k in range(1, 8))]
    sets += [frozenset({f"tie{k}"} | {f"pair{k}x{m}{side}" for m in range(5) for side in "ab"}) for k in range(1, 8)]
    sets += [frozenset({f"pair{k}x{m}a", f"pair{k}x{m}b"}) for k in range(1, 8) for m in range(5)]
    langs = ["en"] + ["de"] * 7 + ["en"] * 35
    found = AnchorIndex(sets).candidates(langs, per_article=5, max_df=50)
    assert {pair for pair in found if 0 in pair} == {(0, j) for j in range(1, 6)}


def test_uncovered_language_is_linked_through_anchors() -> None:
    class EnglishOnly(AnchorEmbedder):
        languages = frozenset({"en"})

    result = find_stories([version("harbour.en"), version("harbour.ru"), version("bridge.en")], embedder=EnglishOnly())
    assert groups(result) == {frozenset({"harbour-en", "harbour-ru"})}


@pytest.mark.parametrize("versions", [[], [Version("a", "en", ("Only one.",))]])
def test_nothing_to_group(versions: list[Version]) -> None:
    assert find_stories(versions, embedder=AnchorEmbedder()).stories == ()


def test_empty_article_does_not_break_detection() -> None:
    result = find_stories([version("bridge.en"), Version("empty", "de", ()), version("bridge.de")], embedder=AnchorEmbedder())
    assert groups(result) == {frozenset({"bridge-en", "bridge-de"})}


# --- declarations ------------------------------------------------------------------------------


def test_declared_translation_of_wins_over_detection() -> None:
    # The declaration pairs festival-de with bridge-en although their texts differ.
    versions = [version("bridge.en"), version("festival.de", translation_of="bridge-en"), version("bridge.fr")]
    result = find_stories(versions, embedder=AnchorEmbedder())
    (story,) = result.stories
    assert story.declared and set(story.members) == {"bridge-en", "festival-de", "bridge-fr"}
    declared = [link for link in story.links if link.declared]
    assert [(link.source, link.target, link.confidence) for link in declared] == [("bridge-en", "festival-de", 1.0)]
    # Detection added the French version to the declared story; bridge-de could not join.
    assert any(not link.declared and "bridge-fr" in (link.source, link.target) for link in story.links)


def test_declared_story_key_is_kept_and_groups_stay_fixed() -> None:
    versions = [
        version("bridge.en", story="lindholm-bridge"),
        version("bridge.de", story="lindholm-bridge"),
        version("festival.en", story="orvalo"),
        version("festival.de"),
        version("bridge.fr", story="orvalo"),  # curator's choice, against the text
    ]
    result = find_stories(versions, embedder=AnchorEmbedder())
    by_key = {story.key: set(story.members) for story in result.stories}
    # festival-de joins its English original; bridge-fr stays where it was declared.
    assert by_key == {"lindholm-bridge": {"bridge-en", "bridge-de"}, "orvalo": {"festival-en", "festival-de", "bridge-fr"}}
    assert result.problems == ()


def test_unknown_translation_of_is_a_problem_not_an_exception() -> None:
    result = find_stories([version("bridge.en"), version("bridge.de", translation_of="no-such-id")], embedder=AnchorEmbedder())
    assert result.problems == (Problem("bridge-de", "translation_of points at 'no-such-id', which is no article here"),)
    assert groups(result) == {frozenset({"bridge-en", "bridge-de"})}  # detection still finds it


def test_two_versions_of_one_language_in_a_declared_story() -> None:
    twin = Version("bridge-en-copy", "en", ("Another English text.",), story="s")
    result = find_stories([version("bridge.en", story="s"), twin, version("bridge.de", story="s")], embedder=AnchorEmbedder())
    (problem,) = result.problems
    assert problem.article_id == "bridge-en-copy" and "already has a 'en' version (bridge-en)" in problem.message
    assert {story.key: set(story.members) for story in result.stories} == {"s": {"bridge-en", "bridge-de"}}


def test_article_declared_into_two_stories() -> None:
    versions = [
        version("bridge.en", story="one"),
        version("festival.en", story="two"),
        version("bridge.de", story="one", translation_of="festival-en"),
    ]
    result = find_stories(versions, embedder=AnchorEmbedder())
    (problem,) = result.problems
    assert problem.article_id == "bridge-de" and "'one'" in problem.message and "'two'" in problem.message
    assert {story.key: set(story.members) for story in result.stories} == {"one": {"bridge-en", "bridge-de"}}


def test_translation_of_same_language_and_self_are_problems() -> None:
    versions = [
        version("bridge.en"),
        Version("bridge-en-2", "en", ("x",), translation_of="bridge-en"),
        Version("loop", "de", ("y",), translation_of="loop"),
    ]
    result = find_stories(versions, embedder=AnchorEmbedder())
    assert [p.article_id for p in result.problems] == ["bridge-en-2", "loop"]


def test_duplicate_ids_are_reported() -> None:
    result = find_stories([version("bridge.en"), version("bridge.en"), version("bridge.de")], embedder=AnchorEmbedder())
    assert [p.article_id for p in result.problems] == ["bridge-en"]
    assert groups(result) == {frozenset({"bridge-en", "bridge-de"})}
