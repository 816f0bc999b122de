"""The analysis and vector caches: hits on a rebuild, one miss per edited article, and a corrupt,
tampered or stale cache ignored rather than trusted."""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from conftest import Build, build
from mkdocs_corpus.engine.cache import (
    AnalysisCache,
    StageMemo,
    VectorCache,
    analysis_key,
    decode_analysis,
    encode_analysis,
)
from mkdocs_corpus.pipeline.analysis import Options, analyse
from mkdocs_corpus.pipeline.entities.index import find_mentions
from mkdocs_corpus.pipeline.entities.registry import Registry
from mkdocs_corpus.pipeline.translations.anchors import anchors_by_unit, article_anchors
from mkdocs_corpus.pipeline.translations.embeddings import CachedEmbedder, embed_articles, split_units

CORPORA = Path(__file__).parent / "corpora"


def cached_build(corpus: Path, out: Path, cache: Path) -> Build:
    result = build(corpus, out, env={"CORPUS_CACHE_DIR": str(cache)})
    assert result.returncode == 0, result.log
    return result


def test_rebuild_reuses_every_analysis_and_reanalyses_only_the_edited_file(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPORA / "stories", corpus)
    cache = tmp_path / "cache"
    cold = cached_build(corpus, tmp_path / "cold", cache)
    assert cold.api("report.json")["cache"]["analysis"] == {"hits": 0, "misses": 7}
    assert cold.api("report.json")["cache"]["sentence_vectors"]["hits"] == 0
    warm = cached_build(corpus, tmp_path / "warm", cache)
    assert warm.api("report.json")["cache"]["analysis"] == {"hits": 7, "misses": 0}
    assert warm.api("report.json")["cache"]["sentence_vectors"]["misses"] == 0
    assert warm.api("articles.json") == cold.api("articles.json")
    assert warm.api("translations.json") == cold.api("translations.json")
    # Recognition is part of the cached analysis: the warm build finds the same names without running it.
    assert any(a["mentions"] for a in cold.api("articles.json"))
    assert warm.api("entities.json") == cold.api("entities.json")
    edited = corpus / "library-en.txt"
    edited.write_text(edited.read_text() + "\nThe reading room will also open on Sundays.\n")
    third = cached_build(corpus, tmp_path / "third", cache)
    assert third.api("report.json")["cache"]["analysis"] == {"hits": 6, "misses": 1}
    assert third.api("report.json")["cache"]["sentence_vectors"]["misses"] == 1
    # Entity mentions are found again for the edited article only (and its story, were its people to change);
    # the index built from the rest, served by the memo, is what a build without any cache makes.
    assert cold.api("report.json")["cache"]["entity_mentions"] == {"hits": 0, "misses": 7}
    assert warm.api("report.json")["cache"]["entity_mentions"] == {"hits": 7, "misses": 0}
    assert third.api("report.json")["cache"]["entity_mentions"] == {"hits": 6, "misses": 1}
    assert cold.api("report.json")["cache"]["translation_anchors"] == {"hits": 0, "misses": 7}
    assert third.api("report.json")["cache"]["translation_anchors"] == {"hits": 6, "misses": 1}
    uncached = cached_build(corpus, tmp_path / "uncached", tmp_path / "other-cache")
    for export in ("articles.json", "entities.json"):
        assert third.api(export) == uncached.api(export), export


def test_corrupt_cache_files_are_replaced_not_trusted(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "analysis.sqlite").write_bytes(b"this is not a database" * 100)
    (cache / "vectors.sqlite").write_bytes(b"\x00garbage" * 100)
    result = cached_build(CORPORA / "stories", tmp_path / "site", cache)
    assert result.api("report.json")["cache"]["analysis"]["misses"] == 7
    assert {a["id"]: a["translations"] for a in result.api("articles.json")}["library-en"] == {"de": "library-de"}


def test_tampered_entries_are_ignored(tmp_path: Path) -> None:
    article, problems = analyse("a.txt", b"Title here\n\nSome text of the article.\n", Options())
    key = analysis_key("a.txt", b"x", Options())
    store = AnalysisCache(tmp_path)
    store.save({key: (article, problems)})
    assert store.decode(store.get_many([key]), 1)[key][0] == article
    for bad in ["{}", "not json", json.dumps({"article": {"id": 1}, "problems": []}),
                encode_analysis(article, problems).replace('"words": ', '"words": "many", "x": ')]:
        store.put_many([(key, bad)])
        assert store.decode(store.get_many([key]), 1) == {}
    assert decode_analysis(None) is None
    store.close()


def test_memo_serves_exactly_the_mentions_finding_gives(tmp_path: Path) -> None:
    articles = [analyse(p.name, p.read_bytes(), Options())[0] for p in sorted((CORPORA / "stories").iterdir())]
    story_of = {"library-en": "library", "library-de": "library"}
    languages = tuple(sorted({a.lang for a in articles} | {"en"}))
    found = find_mentions(articles, Registry(), languages, story_of)
    assert len(found) > 10
    for round_ in range(2):
        memo = StageMemo(tmp_path, "mentions")
        assert find_mentions(articles, Registry(), languages, story_of, memo) == found
        assert (memo.hits, memo.misses) == ((0, len(articles)) if round_ == 0 else (len(articles), 0))
        memo.finish()
    # Entries that are not what the memo writes are found again, never trusted.
    memo = StageMemo(tmp_path, "mentions")
    keys = [key for (key,) in memo.db.execute("SELECT key FROM mentions")]
    bad = ["[[1, 2]]", '"text"', "[[0, 0, 3, \"Foo\", \"alien\", false, null]]", "[[0, 0, 3, 4, \"person\", false, null]]", "{"]
    memo.put_many(zip(keys, bad, strict=False))
    assert find_mentions(articles, Registry(), languages, story_of, memo) == found
    assert (memo.hits, memo.misses) == (len(articles) - len(bad), len(bad))  # and counted as misses
    memo.close()


def test_memo_serves_exactly_the_anchors_each_unit_gives(tmp_path: Path) -> None:
    articles = [("Putin met Raisi in Tehran on 19 July 2022.", "Шойгу был там."), ("Die Bibliothek öffnet 2024.",), ()]
    found = anchors_by_unit(articles)
    assert found[0][1] == article_anchors(["Шойгу был там."]) == {"shoyg"} and found[2] == ()
    for round_ in range(2):
        memo = StageMemo(tmp_path, "anchors")
        assert anchors_by_unit(articles, memo) == found
        assert (memo.hits, memo.misses) == ((0, 3) if round_ == 0 else (3, 0))
        memo.finish()
    # An entry of the wrong shape, or with a unit too many or too few, is found again, never trusted.
    memo = StageMemo(tmp_path, "anchors")
    keys = [key for (key,) in memo.db.execute("SELECT key FROM anchors")]
    memo.put_many(zip(keys, ['[["#2022"], [7]]', '[["x"], ["y"], ["z"]]', '{"units": 1}'], strict=True))  # no article has 3
    assert anchors_by_unit(articles, memo) == found
    memo.close()


def test_key_changes_with_content_options_and_path() -> None:
    base = analysis_key("a.txt", b"text", Options())
    assert analysis_key("a.txt", b"text!", Options()) != base
    assert analysis_key("b.txt", b"text", Options()) != base
    assert analysis_key("a.txt", b"text", Options(languages=("en", "de"))) != base
    assert analysis_key("a.txt", b"text", Options(entities=False)) != base
    assert analysis_key("a.txt", b"text", Options()) == base


def test_cached_embedder_returns_what_the_model_gives_rounded(tmp_path: Path) -> None:
    calls: list[list[str]] = []

    def fake(texts: list[str]) -> np.ndarray:
        calls.append(texts)
        rows = np.array([[len(t), 1.0] + [0.0] * 510 for t in texts], dtype=np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)

    one = ("A first sentence. A second one here.", "Another unit.")
    two = ("Another unit.",)
    three = ("A third article. It says more.", "")
    store = VectorCache(tmp_path)
    first = CachedEmbedder(fake, store).articles([one, two, one])
    second = CachedEmbedder(fake, store).articles([two, three, one])
    # Only articles with new text reach the model, each distinct sentence once per batch.
    assert calls == [["A first sentence.", "A second one here.", "Another unit."], ["A third article.", "It says more."]]
    assert [a.per_unit.tolist() for a in second] == [[1], [2, 0], [2, 1]]
    assert (store.hits, store.misses) == (2, 4)  # per article asked for
    plain = embed_articles([split_units(one)], fake)[0]
    for got in (first[0], first[2], second[2]):
        assert got.rows.dtype == np.float16 and np.array_equal(got.rows, plain.rows.astype(np.float16))
    assert np.array_equal(first[1].rows, second[0].rows)
    store.finish()

    def tamper(sql: str) -> list[list[str]]:
        with sqlite3.connect(tmp_path / "article-vectors.sqlite") as db:
            db.execute(sql)
        before = len(calls)
        again = CachedEmbedder(fake, VectorCache(tmp_path)).articles([one])
        assert again[0].rows.shape == (3, 512) and again[0].per_unit.tolist() == [2, 1]
        return calls[before:]

    # A truncated matrix, a header with the wrong number of units, or no header: recomputed, not trusted.
    for sql in ("UPDATE vectors SET value = substr(value, 1, 100)",
                "UPDATE vectors SET value = CAST('[2]' AS BLOB) || substr(value, instr(value, x'0a'))",
                "UPDATE vectors SET value = x'00'"):
        assert tamper(sql) == [["A first sentence.", "A second one here.", "Another unit."]], sql


def test_vector_cache_forgets_articles_no_build_asks_for(tmp_path: Path) -> None:
    def fake(texts: list[str]) -> np.ndarray:
        return np.ones((len(texts), 512), dtype=np.float32)

    (tmp_path / "vectors.sqlite").write_bytes(b"sentence by sentence, as until 2026-11")
    store = VectorCache(tmp_path)
    assert not (tmp_path / "vectors.sqlite").exists()  # the old cache's file goes
    CachedEmbedder(fake, store).articles([("Kept.",), ("Dropped.",)])
    store.finish()
    store = VectorCache(tmp_path)
    store.finish()  # a build that stopped before the translation stage asked: nothing pruned
    store = VectorCache(tmp_path)
    CachedEmbedder(fake, store).articles([("Kept.",)])
    store.finish()
    with sqlite3.connect(tmp_path / "article-vectors.sqlite") as db:
        assert db.execute("SELECT count(*) FROM vectors").fetchone() == (1,)


@pytest.mark.parametrize("workers", [1, 2])
def test_pool_and_inline_analysis_agree(tmp_path: Path, workers: int) -> None:
    from mkdocs_corpus.engine.loading import Settings, load_corpus

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(40):
        (corpus / f"a{n:02d}.txt").write_text(f"Headline number {n}\n\nThe council met on day {n} to discuss the budget.\n")
    (corpus / "empty.txt").write_text("")
    result = load_corpus(corpus, Settings(workers=workers))
    assert len(result.articles) == 40 and [o.path for o in result.outcomes if o.outcome == "skipped"] == ["empty.txt"]
    assert result.articles[7].title == "Headline number 7"


def test_pool_analyses_while_the_build_goes_on_and_bad_entries_are_analysed_again(tmp_path: Path) -> None:
    import multiprocessing

    from mkdocs_corpus.engine.loading import Settings, load_corpus

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPORA / "stories", corpus)
    settings = Settings(workers=2, cache_dir=tmp_path / "cache")
    workers_seen: list[int] = []

    def meanwhile() -> None:
        workers_seen.append(len(multiprocessing.active_children()))

    from mkdocs_corpus.engine.stats import CacheUse

    use = CacheUse()
    cold = load_corpus(corpus, settings, meanwhile=meanwhile, use=use)
    assert workers_seen and workers_seen[0] >= 1  # the pool was already at work
    assert use["analysis"] == (0, 7)
    warm = load_corpus(corpus, settings, meanwhile=meanwhile, use=use)
    assert len(workers_seen) == 1  # nothing new: nothing to wait for, nothing run meanwhile
    assert use["analysis"] == (7, 0) and warm.articles == cold.articles
    with sqlite3.connect(tmp_path / "cache" / "analysis.sqlite") as db:
        db.execute("UPDATE analysis SET value = 'not json' WHERE rowid = 1")
    mended = load_corpus(corpus, settings, meanwhile=meanwhile, use=use)
    assert len(workers_seen) == 2 and use["analysis"] == (6, 1)
    assert mended.articles == cold.articles
