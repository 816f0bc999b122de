"""Hostile input, round two (issue 20): each test pins one class of input, with inputs written here or in
hostile.py (built once by the `hostile` fixture). The regular-expression class is test_linear_time.py."""
from __future__ import annotations

import ast
import json
import os
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, build
from hostile import BIG_NUMBER, CYCLE, NON_LATIN_SOURCES, UNDECODABLE_NAME, UNDECODABLE_SHOWN
from mkdocs_corpus.config import CorpusConfig
from mkdocs_corpus.engine.cache import AnalysisCache, VectorCache, checksum, decode_analysis, encode_analysis
from mkdocs_corpus.pipeline.analysis import Options, analyse
from mkdocs_corpus.pipeline.corpus import read_file
from mkdocs_corpus.pipeline.entities.registry import load_registry
from mkdocs_corpus.pipeline.reading import Unreadable, list_corpus
from mkdocs_corpus.pipeline.text import CONTROL, shown_path, slug, valid_id
from mkdocs_corpus.pipeline.translations.declared import settle
from mkdocs_corpus.pipeline.translations.model import Version

pytestmark = pytest.mark.slow  # builds the hostile corpus, a 5 MB article among its files

PACKAGE = ROOT / "plugins" / "mkdocs_corpus"
ARTICLE = b"A headline\n\nLONDON (Reuters) - The text of the article, long enough to be one.\n"


@pytest.fixture
def deadline():
    """Fail instead of hanging: what used to block (a FIFO) must return within seconds."""
    def expire(*_: object) -> None:
        raise TimeoutError("blocked")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


# 1. A credits line of thousands of "in X" (the patterns themselves: test_linear_time.py).
def test_a_credits_line_of_thousands_of_places_publishes(hostile) -> None:
    site, _ = hostile
    assert site.articles()["credits-bomb.txt"]["title"] == "Credits bomb"


# 2. Only regular files are read.
def test_fifos_sockets_and_devices_are_listed_as_skipped_never_opened(tmp_path: Path, deadline) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "good.txt").write_bytes(ARTICLE)
    os.mkfifo(root / "pipe.txt")
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(str(root / "socket.md"))
    kinds = {"pipe.txt": "named pipe", "socket.md": "socket"}
    try:
        os.mknod(root / "zero.txt", stat.S_IFCHR | 0o600, os.makedev(1, 5))
        kinds["zero.txt"] = "character device"
    except OSError:
        pass  # only root may make a device
    listing = list_corpus(root)
    assert listing.articles == ("good.txt",)
    reasons = {path: reason for path, reason, warned in listing.skipped if warned}
    for name, kind in kinds.items():
        assert kind in reasons[name] and "not a regular file" in reasons[name]


def test_a_file_swapped_for_a_fifo_after_listing_is_refused_not_waited_on(tmp_path: Path, deadline) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_bytes(ARTICLE)
    assert list_corpus(root).articles == ("a.txt",)
    (root / "a.txt").unlink()
    os.mkfifo(root / "a.txt")
    with pytest.raises(Unreadable, match="named pipe"):
        read_file(root, "a.txt", 1_000_000)


def test_the_hostile_corpus_reports_its_fifo_and_socket(hostile) -> None:
    site, expected = hostile
    skipped = {f["path"]: f["reason"] for f in site.api("report.json")["files"] if f["outcome"] == "skipped"}
    assert "named pipe" in skipped["pipe.txt"] and "socket" in skipped["socket.txt"]
    if "zero.txt" in expected:
        assert "character device" in skipped["zero.txt"]


# 3. File names that are not UTF-8.
def test_a_file_name_that_is_not_utf8_publishes_and_is_shown_escaped(hostile) -> None:
    site, _ = hostile
    article = site.articles()[UNDECODABLE_SHOWN]
    assert article["title"] == "Undecodable file name" and valid_id(article["id"])
    page = BeautifulSoup(site.page(article["url"]), "html.parser")
    assert page.select_one(".corpus-file code").get_text() == UNDECODABLE_SHOWN
    for export in (site.site / "api").glob("*.json"):
        json.loads(export.read_bytes().decode("utf-8"))  # strict UTF-8, valid JSON


def test_the_analysis_cache_keeps_an_undecodable_name(tmp_path: Path) -> None:
    article, problems = analyse(UNDECODABLE_NAME, ARTICLE, Options(entities=False))
    store = AnalysisCache(tmp_path)
    store.save({"key": (article, problems)})
    assert store.error is None and store.decode(store.get_many(["key"]), 1)["key"][0] == article
    store.close()
    assert shown_path(UNDECODABLE_NAME) == UNDECODABLE_SHOWN


# 4. Integers past Python's int-to-str limit.
def test_a_huge_number_in_front_matter_is_a_warning_naming_the_field_and_the_rest_is_kept() -> None:
    data = f"---\ntitle: Kept title\npublished: {BIG_NUMBER}\nauthors: [Anna Berg, {BIG_NUMBER}]\n---\nThe text.\n"
    article, problems = analyse("big.md", data.encode(), Options(entities=False))
    assert article.title == "Kept title" and article.published is None
    messages = [p.message for p in problems]
    assert any("'published'" in m and "5,000 digits" in m for m in messages)
    assert any("'authors'" in m and "5,000 digits" in m for m in messages)
    # Hex has no conversion limit of its own, but its decimal text would: the same rule.
    article, problems = analyse("hex.md", f"---\ntitle: 0x{'f' * 4000}\n---\nThe text.\n".encode(), Options(entities=False))
    assert article.title != "" and any("'title'" in p.message for p in problems)


def test_a_huge_number_in_the_registry_leaves_out_one_entry(tmp_path: Path) -> None:
    (tmp_path / "entities.yml").write_text(f"- name: Kept\n- name: Huge\n  geonames: {BIG_NUMBER}\n- name: Also kept\n"
                                           f"- name: Hex\n  geonames: 0x{'f' * 4000}\n")
    registry, problems = load_registry(tmp_path / "entities.yml", "entities.yml")
    assert [e.name for e in registry.entries] == ["Kept", "Also kept"]
    assert len(problems) == 2 and "entry 2: field 'geonames'" in problems[0].message


def test_the_hostile_build_warns_about_its_huge_numbers(hostile) -> None:
    site, _ = hostile
    warnings = {(w["path"], w["message"]) for w in site.api("report.json")["warnings"]}
    assert any(path == "big-number.md" and "'published'" in message for path, message in warnings)
    assert any(path == "entities.yml" and "'geonames'" in message for path, message in warnings)
    assert site.articles()["big-number.md"]["title"] == "A big number"


# 5. Configuration.
def _validate(tmp_path: Path, **options: object) -> dict[str, str]:
    config = CorpusConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict({"languages": ["en", "de"], **options})
    failed, _ = config.validate()
    return {key: str(error) for key, error in failed}


@pytest.mark.parametrize(("options", "key", "says"), [
    ({"page_size": "ten"}, "page_size", "int"),
    ({"page_size": 0}, "page_size", "at least 1"),
    ({"translation_threshold": 2.0}, "translation_threshold", "between 0 and 1"),
    ({"translation_threshold": -0.5}, "translation_threshold", "between 0 and 1"),
    ({"max_file_size": -1}, "max_file_size", "above 0"),
    ({"max_file_size": 0}, "max_file_size", "above 0"),
    ({"workers": "many"}, "workers", "int"),
    ({"corpus_dir": "/"}, "corpus_dir", "root of the file system"),
    ({"corpus_dir": str(Path.home())}, "corpus_dir", "home folder"),
])
def test_bad_options_are_config_errors_naming_the_option(tmp_path: Path, options: dict, key: str, says: str) -> None:
    failed = _validate(tmp_path, **options)
    assert key in failed and says in failed[key]


def test_good_options_pass(tmp_path: Path) -> None:
    assert _validate(tmp_path, page_size=10, translation_threshold=0.5, max_file_size=1000, corpus_dir="corpus") == {}


def _config(tmp_path: Path, corpus: Path, **options: object) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "index.md").write_text("# Test\n")
    plugin = {"corpus_dir": str(corpus), "translations": False, "entities": False, "search": "material", **options}
    config = {"site_name": "Test", "docs_dir": str(docs), "theme": {"name": "material", "font": False},
              "plugins": ["search", {"corpus": plugin}]}
    path = tmp_path / "mkdocs.yml"
    path.write_text(json.dumps(config))  # JSON is YAML
    return path


def _mkdocs(config: Path, out: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(out)],
                          capture_output=True, text=True, env=env, timeout=600)


def test_a_wrong_type_stops_the_build_with_a_message_not_a_traceback(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_bytes(ARTICLE)
    result = _mkdocs(_config(tmp_path, corpus, page_size="ten"), tmp_path / "site")
    log = result.stdout + result.stderr
    assert result.returncode != 0 and "page_size" in log and "Traceback" not in log


def test_a_corpus_folder_holding_the_docs_stops_the_build(tmp_path: Path) -> None:
    result = _mkdocs(_config(tmp_path, tmp_path), tmp_path / "elsewhere" / "site")
    log = result.stdout + result.stderr
    assert result.returncode != 0 and "corpus_dir:" in log and "holds" in log and "Traceback" not in log


def test_a_cache_dir_that_is_a_file_turns_the_cache_off_with_a_notice(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_bytes(ARTICLE)
    blocker = tmp_path / "cache-is-a-file"
    blocker.write_text("not a folder")
    result = _mkdocs(_config(tmp_path, corpus, cache_dir=str(blocker)), tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads((tmp_path / "site" / "api" / "report.json").read_text())
    assert any("cache_dir" in n["message"] and "without caches" in n["message"] for n in report["notices"])
    assert report["summary"]["published"] == 1 and blocker.read_text() == "not a folder"


# 6. The analysis cache is input too.
def _resign(entry: str, change) -> str:
    """A tampered entry whose checksum was computed again, as anyone who can read this code could."""
    data = json.loads(entry.partition("\n")[2])
    change(data["article"])
    payload = json.dumps(data)
    return checksum(payload.encode()).hex() + "\n" + payload


@pytest.mark.parametrize("change", [
    lambda a: a.update(id="../../../../tmp/x"),
    lambda a: a.update(id='a"><meta http-equiv=refresh content="0;url=https://example.invalid">'),
    lambda a: a.update(id="ok\n"),
    lambda a: a.update(id="x--y"),
    lambda a: a.update(path="/etc/passwd"),
    lambda a: a.update(path="../outside.txt"),
    lambda a: a.update(lang='en"><script>'),
    lambda a: a.update(lang_confidence=7),
    lambda a: a.update(words=-1),
    lambda a: a.update(words=True),
    lambda a: a.update(title=""),
    lambda a: a.update(title="A\x1b[31m title"),
    lambda a: a.update(published="<script>"),
    lambda a: a.update(title_inferred="no"),
    lambda a: a["blocks"][0].update(kind="script"),
    lambda a: a["blocks"][0].update(lang="../x"),
    lambda a: a.update(spans=[[0, 5, 500, "person"]]),
    lambda a: a.update(spans=[[99, 0, 1, "person"]]),
    lambda a: a.update(spans=[[0, 0, 1, "alien"]]),
])
def test_a_resigned_entry_with_an_impossible_value_is_recomputed(change) -> None:
    article, problems = analyse("dir/a.txt", ARTICLE, Options())
    entry = encode_analysis(article, problems)
    assert decode_analysis(entry) == (article, problems)
    assert decode_analysis(_resign(entry, change)) is None


def test_an_entry_changed_in_place_fails_its_checksum() -> None:
    article, problems = analyse("a.txt", ARTICLE, Options())
    entry = encode_analysis(article, problems)
    same_length = entry.replace('"A headline"', '"B headline"')
    assert len(same_length) == len(entry) and same_length != entry
    assert decode_analysis(same_length) is None
    assert decode_analysis(entry.partition("\n")[2]) is None  # no checksum at all (an older entry)


def test_vectors_replaced_by_same_length_random_bytes_are_recomputed(tmp_path: Path) -> None:
    store = VectorCache(tmp_path, dim=4)
    rows = np.arange(12, dtype=np.float32).reshape(3, 4) / 10
    store.save({"k": (np.array([1, 2]), rows)})
    assert np.array_equal(store.load(["k"], [2])["k"][1], rows.astype(np.float16))
    (blob,) = store.db.execute("SELECT value FROM vectors").fetchone()
    header_end = blob.index(b"\n", 20) + 1
    noise = np.random.default_rng(0).bytes(len(blob) - header_end)
    store.put_many([("k", blob[:header_end] + noise)])
    assert store.load(["k"], [2]) == {}
    store.close()


def test_a_tampered_cache_never_writes_outside_the_site(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_bytes(ARTICLE)
    first = build(corpus, tmp_path / "site")
    assert first.returncode == 0, first.log
    cache = tmp_path / "site-cache" / "analysis.sqlite"
    with sqlite3.connect(cache) as db:
        for key, value in db.execute("SELECT key, value FROM analysis").fetchall():
            db.execute("UPDATE analysis SET value = ? WHERE key = ?",
                       (_resign(value, lambda a: a.update(id="../../../../escaped")), key))
    second = build(corpus, tmp_path / "again", env={"CORPUS_CACHE_DIR": str(cache.parent)})
    assert second.returncode == 0, second.log
    assert second.api("report.json")["cache"]["analysis"] == {"hits": 0, "misses": 1}
    assert [a["id"] for a in second.api("articles.json")] == ["a"]
    assert not list(tmp_path.rglob("escaped"))


# 7. A file swapped for a symlink between listing and reading.
def test_a_file_swapped_for_a_symlink_after_listing_is_not_read(tmp_path: Path) -> None:
    root, outside = tmp_path / "corpus", tmp_path / "outside"
    (root / "sub").mkdir(parents=True)
    outside.mkdir()
    (outside / "a.txt").write_text("TOP SECRET\n\nOutside the corpus.\n")
    (outside / "b.txt").write_text("TOP SECRET\n\nOutside the corpus.\n")
    (root / "a.txt").write_bytes(ARTICLE)
    (root / "sub" / "b.txt").write_bytes(ARTICLE)
    assert list_corpus(root).articles == ("a.txt", "sub/b.txt")
    (root / "a.txt").unlink()
    (root / "a.txt").symlink_to(outside / "a.txt")
    (root / "sub").rename(root / "old-sub")
    (root / "sub").symlink_to(outside)  # a folder on the path, swapped
    for path in ("a.txt", "sub/b.txt"):
        with pytest.raises(Unreadable, match="outside the corpus"):
            read_file(root, path, 1_000_000)
    (root / "inside.txt").symlink_to(root / "old-sub" / "b.txt")  # a symlink within the corpus still reads
    assert read_file(root, "inside.txt", 1_000_000) == ARTICLE


def test_a_registry_swapped_for_a_symlink_is_not_read_nor_quoted(tmp_path: Path) -> None:
    root, outside = tmp_path / "corpus", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (outside / "secret").write_text("TOP SECRET: [not yaml\n")
    (root / "entities.yml").symlink_to(outside / "secret")
    registry, problems = load_registry(root / "entities.yml", "entities.yml")
    assert registry.entries == () and len(problems) == 1
    assert "outside the corpus" in problems[0].message and "SECRET" not in problems[0].message


# 8. Ids are matched whole.
def test_an_id_with_a_trailing_newline_is_no_id(tmp_path: Path) -> None:
    assert not valid_id("evil\n") and not valid_id("evil\n\n") and valid_id("evil")
    (tmp_path / "entities.yml").write_text('- id: "evil\\n"\n  name: Evil\n- id: fine\n  name: Fine\n')
    registry, problems = load_registry(tmp_path / "entities.yml", "entities.yml")
    assert [e.id for e in registry.entries] == ["fine"] and "'evil\\n'" in problems[0].message
    article, problems = analyse("a.md", b'---\nid: "evil\\n "\n---\nText.\n', Options(entities=False))
    assert article.id == "evil"  # stripped first, like any declared value
    article, problems = analyse("b.md", b'---\nid: "ev il"\n---\nText.\n', Options(entities=False))
    assert article.id == "b" and problems


# 9. Control characters.
def test_no_control_character_reaches_a_page_or_a_feed(hostile) -> None:
    site, _ = hostile
    for page in [*site.site.rglob("*.html"), *site.site.glob("*.xml"), *(site.site / "api").glob("*.json")]:
        text = page.read_text(encoding="utf-8")
        assert not CONTROL.search(text.replace("\r", "")), page
    for feed in site.site.glob("feed-*.xml"):
        ET.parse(feed)  # well-formed XML


def test_control_characters_in_a_title_or_file_name_keep_the_page_title_and_json_ld(hostile) -> None:
    site, _ = hostile
    articles = site.articles()
    escapes = articles["control-escapes.md"]
    assert escapes["title"] == "Escapes and end" and escapes["authors"] == ["Anna Berg"]
    assert escapes["source"] == "Wire Service"
    for article in (escapes, articles["del\\x7f-c1\\x9b-name.txt"]):
        soup = BeautifulSoup(site.page(article["url"]), "html.parser")
        assert soup.title.get_text().startswith(article["title"])
        ld = json.loads(soup.find("script", type="application/ld+json").get_text())
        assert ld["headline"] == article["title"]


# 10. Near-miss registry names.
def test_a_registry_under_another_name_is_a_warning(tmp_path: Path, hostile) -> None:
    site, _ = hostile
    skipped = {f["path"]: f["reason"] for f in site.api("report.json")["files"] if f["outcome"] == "skipped"}
    for name in ("entities.yaml", "Entities.yml"):
        assert "second entity registry" in skipped[name]
    (tmp_path / "entities.yaml").write_text("- name: X\n")
    listing = list_corpus(tmp_path)
    assert listing.registry is None
    assert listing.skipped == (("entities.yaml", listing.skipped[0][1], True),)
    assert "rename it to entities.yml" in listing.skipped[0][1]


# 11. Slugs keep distinct names apart.
def test_slugs_transliterate_and_keep_distinct_names_apart() -> None:
    assert slug("Reuters") == "reuters" and slug("Müller Zeitung") == "muller-zeitung"
    names = ["北京新闻", "上海新闻", "東京", "东京", "Синьхуа", "Синхуа", "🔥", "💧", "", "a" * 200, "a" * 201]
    slugs = [slug(name) for name in names]
    assert len(set(slugs)) == len(names) and "article" not in slugs
    assert all(valid_id(s) for s in slugs)
    assert slug("Синьхуа").startswith("sin-khua-")


def test_there_is_one_slug_function() -> None:
    defined = [path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py")
               for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
               if isinstance(node, ast.FunctionDef) and node.name == "slug"]
    assert defined == ["pipeline/text.py"]


def test_cjk_file_names_and_non_latin_sources_stay_apart(hostile) -> None:
    site, _ = hostile
    articles = site.articles()
    ids = {articles["北京新闻.txt"]["id"], articles["上海新闻.txt"]["id"]}
    assert len(ids) == 2 and not any(i.startswith("article") for i in ids)
    sources = {articles[name]["url"] for name in NON_LATIN_SOURCES}
    assert len(sources) == 4
    pages = set()
    for name, source in NON_LATIN_SOURCES.items():
        soup = BeautifulSoup(site.page(articles[name]["url"]), "html.parser")
        href = soup.select_one(".corpus-source a")["href"]
        pages.add(href)
        listing = (site.site / "articles" / articles[name]["id"] / href / "index.html").resolve()
        assert source in listing.read_text(encoding="utf-8")
    assert len(pages) == 4


# 12. One side-by-side URL per pair.
def test_ids_with_a_double_dash_are_refused_so_pair_urls_are_unambiguous(hostile) -> None:
    assert not valid_id("x--y") and not valid_id("x-") and not valid_id("-x")
    ids = ["x", "y", "z", "x-y", "y-z"]
    urls = {f"{a}--{b}" for a in ids for b in ids if a != b}
    assert len(urls) == len(ids) * (len(ids) - 1)
    site, _ = hostile
    articles = site.articles()
    assert {articles["double-dash-a.md"]["id"], articles["double-dash-b.md"]["id"]} == {"double-dash-a", "double-dash-b"}
    stories = site.api("translations.json")
    assert len({story["url"] for story in stories}) == len(stories)  # one page per story, each its own
    for story in stories:
        assert all(alignment["url"].startswith(story["url"]) for alignment in story["alignments"])


# 13. A translation_of cycle.
def test_a_translation_of_cycle_is_a_warning_naming_each_file(hostile) -> None:
    versions = [Version("a", "en", ("x",), "b", None), Version("b", "de", ("x",), "c", None),
                Version("c", "fr", ("x",), "a", None)]
    declarations = settle(versions, {v.article_id: i for i, v in enumerate(versions)})
    assert sorted(p.article_id for p in declarations.problems) == ["a", "b", "c"]
    assert "cycle (a -> b -> c -> a)" in declarations.problems[0].message
    assert len(declarations.links) == 2  # the closing link is dropped; the three stay one story
    site, _ = hostile
    warned = {w["path"] for w in site.api("report.json")["warnings"] if "cycle" in w["message"]}
    assert warned == set(CYCLE)


def test_replace_keeps_cache_fields_in_step() -> None:
    """The cache encodes every field of an article; a new field must be validated too (engine/cache.py)."""
    article, problems = analyse("a.txt", ARTICLE, Options())
    assert set(asdict(article)) == set(json.loads(encode_analysis(article, problems).partition("\n")[2])["article"])
    assert decode_analysis(encode_analysis(replace(article, story="s", translation_of="b"), problems)) is not None
