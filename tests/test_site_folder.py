"""Cleaning the site folder in place: a rebuild overwrites what it writes again and deletes only what it
did not, so the site ends exactly as MkDocs' delete-everything-first cleaning would leave it."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from conftest import ROOT, build
from mkdocs_corpus.engine.search_bundle import UNPUBLISHED
from mkdocs_corpus.engine.site_folder import MARKER, PREVIOUS, keep_if_same, remove_stale, restore, set_aside
from test_search import fragment_files


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _comparable(tree: dict[str, bytes]) -> dict[str, bytes]:
    """All but what differs between any two builds: the cache figures, and Pagefind's page numbering.
    Pagefind numbers pages in the order it is handed them, and a rebuild hands over the pages the render
    cache holds before those it renders, so its metadata, word index and filter files (which hold the
    numbers, and are named by their hash) differ; they are counted instead. The result fragments, one
    per page and named by its content, are compared."""
    numbered = [path for path in tree if path.endswith((".pf_meta", ".pf_index", ".pf_filter"))
                or path == "pagefind/pagefind-entry.json"]
    counts = {suffix: sum(path.endswith(suffix) for path in numbered) for suffix in (".pf_meta", ".pf_index", ".pf_filter")}
    assert counts[".pf_meta"] == 2  # a metadata file for each of two languages
    kept = {path: data for path, data in tree.items() if path not in numbered and path != "api/report.json"}
    return kept | {f"pagefind files *{suffix}": str(count).encode() for suffix, count in counts.items()}


def test_rebuild_in_place_equals_a_fresh_build(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "tests" / "corpora" / "dated", corpus)
    site = tmp_path / "site"
    reproducible = {"SOURCE_DATE_EPOCH": "1700000000"}  # the feeds' time for undated articles
    first = build(corpus, site, env=reproducible)
    assert first.returncode == 0, first.log
    old_article = next(a["url"] for a in first.api("articles.json") if a["path"] == "tram-en.md")
    unchanged = next(a["url"] for a in first.api("articles.json") if a["path"] == "haushalt-de.md")
    unchanged_fragment = _fragment_of(site, unchanged)
    written = unchanged_fragment.stat().st_mtime_ns
    # What a previous build, or a person, left that this build will not write again.
    (site / "left-over").mkdir()
    (site / "left-over" / "index.html").write_text("stale", encoding="utf-8")
    (site / "pagefind" / "fragment" / "en_stale.pf_fragment").write_bytes(b"stale")
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    (site / "CNAME").write_text("archive.example.org\n", encoding="utf-8")
    (corpus / "tram-en.md").unlink()
    (corpus / "budget-en.md").write_text((corpus / "budget-en.md").read_text(encoding="utf-8") + "\nOne more line.\n",
                                         encoding="utf-8")

    again = build(corpus, site, env=reproducible)
    assert again.returncode == 0, again.log
    fresh = build(corpus, tmp_path / "fresh", env=reproducible)
    assert fresh.returncode == 0, fresh.log
    # Exactly the files of a cold build into an empty folder, byte for byte, plus the hidden entry MkDocs
    # keeps. This also holds the render cache to its word: the pages it served are current.
    assert _comparable(_tree(site)) == {**_comparable(_tree(fresh.site)), ".git/HEAD": b"ref: refs/heads/gh-pages\n"}
    asked = {name: use for name, use in again.api("report.json")["cache"].items() if use["hits"] + use["misses"]}
    assert asked and all(use["hits"] for use in asked.values()), asked  # it did use the caches it asked
    assert not (site / old_article).exists() and not (site / "left-over").exists()
    assert not (site / PREVIOUS).exists() and not (site / MARKER).exists()
    # Pagefind skipped the unchanged article's fragment (search_bundle.py): kept, not written again.
    assert _fragment_of(site, unchanged) == unchanged_fragment and unchanged_fragment.stat().st_mtime_ns == written
    assert "result fragments kept from the last build" in again.log


def test_the_bundle_of_a_build_that_did_not_finish_is_written_afresh(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "tests" / "corpora" / "dated", corpus)
    site = tmp_path / "site"
    assert build(corpus, site).returncode == 0
    fragment = _fragment_of(site, _article_url(site, "haushalt-de.md"))
    good = fragment.read_bytes()
    fragment.write_bytes(good[: len(good) // 2])  # as a build killed while Pagefind wrote would leave it
    (site / MARKER).write_bytes(b"")  # that build never got to its end
    again = build(corpus, site)
    assert again.returncode == 0, again.log
    assert fragment.read_bytes() == good


def test_a_bundle_a_killed_build_left_unpublished_is_discarded(tmp_path: Path) -> None:
    """A build killed while Pagefind wrote leaves the folder Pagefind wrote into, with truncated files; it was
    never published, and the next build deletes it rather than publish or keep anything of it."""
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "tests" / "corpora" / "dated", corpus)
    site = tmp_path / "site"
    assert build(corpus, site).returncode == 0
    wasm = next((site / "pagefind").glob("wasm.*.pagefind"))
    good = (wasm.read_bytes(), fragment_files(site))
    left = site / f"{UNPUBLISHED}killed"
    shutil.copytree(site / "pagefind", left)
    for name in (wasm.name, "fragment/" + _fragment_of(site, _article_url(site, "haushalt-de.md")).name):
        (left / name).write_bytes((left / name).read_bytes()[:100])
    (site / MARKER).write_bytes(b"")  # that build never got to its end
    again = build(corpus, site)
    assert again.returncode == 0, again.log
    assert not left.exists() and not [entry for entry in os.listdir(site) if entry.startswith(UNPUBLISHED)]
    assert (wasm.read_bytes(), fragment_files(site)) == good


def _article_url(site: Path, path: str) -> str:
    articles = json.loads((site / "api" / "articles.json").read_text(encoding="utf-8"))
    return next(a["url"] for a in articles if a["path"] == path)


def _fragment_of(site: Path, url: str) -> Path:
    """The result fragment file Pagefind wrote for the page at `url`."""
    url = url if url.startswith("/") else "/" + url
    return next(site / "pagefind" / "fragment" / name for name, fragment in fragment_files(site).items()
                if fragment["url"] == url)


def test_set_aside_restore_and_remove_stale(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a" / "b").mkdir(parents=True)
    (site / "a" / "b" / "kept.html").write_text("old", encoding="utf-8")
    (site / "a" / "b" / "gone.html").write_text("old", encoding="utf-8")
    (site / "a" / "b" / "same.html").write_text("same", encoding="utf-8")
    (site / "a" / "empty-after").mkdir()
    (site / "a" / "empty-after" / ".hidden").write_text("old", encoding="utf-8")
    (site / "bundle").mkdir()
    (site / "bundle" / "old.pf").write_text("old", encoding="utf-8")
    os.symlink("a/b/kept.html", site / "link")
    (site / ".keep").write_text("mine", encoding="utf-8")
    (site / PREVIOUS).mkdir()  # left by a build that failed
    (site / PREVIOUS / "ancient.html").write_text("old", encoding="utf-8")

    assert set_aside(site)
    assert sorted(os.listdir(site)) == sorted([".keep", PREVIOUS])  # nothing visible for MkDocs to delete
    assert not (site / PREVIOUS / "ancient.html").exists()
    started, deleting = restore(site, fresh=("bundle",))
    deleting.join()
    assert sorted(os.listdir(site)) == sorted([".keep", MARKER, "a", "link"])
    (site / "a" / "b" / "kept.html").write_text("new", encoding="utf-8")  # written by this build
    assert keep_if_same(site / "a" / "b" / "same.html", b"same")  # what this build would write: only touched
    assert not keep_if_same(site / "a" / "b" / "gone.html", b"new") and not keep_if_same(site / "a" / "none", b"")
    os.symlink("same.html", site / "a" / "b" / "linked.html")  # what would be written is the target's content:
    assert not keep_if_same(site / "a" / "b" / "linked.html", b"same")  # still the link goes, for a file
    assert not (site / "a" / "b" / "linked.html").exists()
    (site / "bundle").mkdir()
    (site / "bundle" / "new.pf").write_text("new", encoding="utf-8")

    assert remove_stale(site, started) == 3  # gone.html, .hidden and the old symlink
    assert _tree(site) == {".keep": b"mine", "a/b/kept.html": b"new", "a/b/same.html": b"same", "bundle/new.pf": b"new"}
    assert not (site / "a" / "empty-after").exists() and not (site / "link").is_symlink()


def test_an_empty_or_missing_site_folder_is_left_to_mkdocs(tmp_path: Path) -> None:
    assert not set_aside(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / ".git").mkdir()
    assert not set_aside(tmp_path / "empty")
    assert os.listdir(tmp_path / "empty") == [".git"]


def test_mkdocs_cleaning_when_switched_off_and_the_render_cache_kept(tmp_path: Path) -> None:
    corpus = ROOT / "tests" / "corpora" / "dated"
    site = tmp_path / "site"
    first = build(corpus, site)
    assert first.returncode == 0, first.log
    (site / "left-over.html").write_text("stale", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "      entities: !ENV [CORPUS_ENTITIES, true]\n",
        "      entities: !ENV [CORPUS_ENTITIES, true]\n      clean_in_place: false\n      workers: 1\n").replace(
        "docs_dir: docs\n", f"docs_dir: {ROOT / 'docs'}\n"), encoding="utf-8")
    again = build(corpus, site, config=config)
    assert again.returncode == 0, again.log
    assert not (site / "left-over.html").exists()  # MkDocs emptied the folder first
    # How the build runs is no part of what a page says: every page still comes from the render cache.
    assert again.api("report.json")["cache"]["rendered_pages"]["misses"] == 0
