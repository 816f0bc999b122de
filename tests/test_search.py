"""Search with Pagefind: the seed site's per-language indexes, what article pages mark for them, the
search pages and header form, and how `search:` and Material's search plugin must agree."""
from __future__ import annotations

import gzip
import json
import os
import shutil
import stat
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, Build, build
from mkdocs_corpus.engine.pagefind import SearchError, SearchIndexer, SearchReport, material_search_problem, searchable
from mkdocs_corpus.engine.search_bundle import UNPUBLISHED, bundle_problem, listed_fragments, settle_fragments
from mkdocs_corpus.site.search_pages import word_key, word_shards
from test_rendering import project_linking

EN_ID, DE_ID = "2bd2f271896fa816", "ed0ac21500300798"
CORPUS_DIR = "      corpus_dir: !ENV [CORPUS_DIR, corpus]\n"


def fragment_files(site: Path) -> dict[str, dict]:
    """Every result fragment Pagefind wrote, by file name (`<index language>_<hash>.pf_fragment`):
    gzip, a `pagefind_dcd` signature, then JSON."""
    out = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        out[path.name] = json.loads(data[data.index(b"{"):])
    return out


def fragments(site: Path) -> list[dict]:
    return list(fragment_files(site).values())


def test_one_index_per_language(seed_site: Build) -> None:
    bundle = seed_site.site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"en", "de"}
    assert all(info["page_count"] == 1 for info in entry["languages"].values())
    for asset in ("pagefind-worker.js", "wasm.en.pagefind", "wasm.de.pagefind"):
        assert (bundle / asset).is_file(), asset
    # What assets/corpus-search.js does not load is not published: Pagefind's own UIs and main-thread API.
    assert not [p.name for p in bundle.iterdir() if p.name.startswith("pagefind") and p.suffix in (".js", ".css")
                and p.name != "pagefind-worker.js"]
    assert "search: Pagefind indexed 2 pages in de, en" in seed_site.log


def test_only_article_text_is_indexed_with_its_filters(seed_site: Build) -> None:
    by_url = {f["url"]: f for f in fragments(seed_site.site)}
    assert set(by_url) == {f"/articles/{EN_ID}/", f"/articles/{DE_ID}/"}
    en, de = by_url[f"/articles/{EN_ID}/"], by_url[f"/articles/{DE_ID}/"]
    assert en["meta"]["title"] == 'Iran\'s Raisi tells Putin in Moscow that West backs Gaza "genocide"'
    assert {k: v for k, v in en["filters"].items() if k != "entity"} == {"language": ["English"], "source": ["Reuters"]}
    assert de["filters"].keys() == {"language", "entity"} and de["filters"]["language"] == ["Deutsch"]
    # One entity, one filter value, whichever language the article is in.
    assert {"Russia", "Vladimir Putin"} <= set(en["filters"]["entity"]) & set(de["filters"]["entity"])
    assert "Sergei Shoigu" in en["content"] and "Schoigu" in de["content"]
    # The metadata block and the page chrome stay out of the indexed text.
    assert "Dateline" not in en["content"] and "News corpus archive" not in en["content"]


def _fragment(site: Path, url: str) -> dict:
    """What Pagefind stored of one page: its fragment file (gzip, a signature, then JSON)."""
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        record = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        if record["url"] == url:
            return record
    raise AssertionError(f"no fragment for {url}")


def test_article_page_marks_body_title_and_filters(seed_site: Build) -> None:
    soup = BeautifulSoup(seed_site.page(f"articles/{EN_ID}"), "html.parser")
    body = soup.select("[data-pagefind-body]")
    assert len(body) == 1 and "corpus-text" in body[0]["class"]
    # Pagefind read the title and filters from the page as generated; the published page leaves them out.
    assert not soup.select(".corpus-search-facets, [data-pagefind-filter], [data-pagefind-meta]")
    fragment = _fragment(seed_site.site, f"/articles/{EN_ID}/")
    filters = fragment["filters"]
    assert filters["language"] == ["English"] and filters["source"] == ["Reuters"]
    assert 0 < len(filters["entity"]) <= 5 and "Vladimir Putin" in filters["entity"]
    assert fragment["meta"]["title"].startswith("Iran's Raisi")


def test_pagefind_is_handed_only_what_it_indexes() -> None:
    facets = '<div class="corpus-search-facets" hidden><span data-pagefind-meta="title">T</span></div>\n'
    text = '<div class="corpus-text" lang="de" data-pagefind-body><p>Text</p></div>'
    page = (f'<html lang="de"><head><script>x</script></head><body><header class="md-header">h</header>'
            f'<nav class="md-nav">n</nav>{facets}{text}<div class="corpus-entities">e</div><footer>f</footer></body></html>')
    cut = BeautifulSoup(searchable(page), "html.parser")
    assert cut.html["lang"] == "de" and cut.select_one("[data-pagefind-meta]").get_text() == "T"
    assert cut.select_one("[data-pagefind-body]").get_text() == "Text"
    assert not cut.select(".md-header, .md-nav, .corpus-entities, nav, header, footer, script")
    assert searchable("<html><body><p>not one of ours</p></body></html>") == "<html><body><p>not one of ours</p></body></html>"


def test_lists_and_hand_written_pages_are_not_indexed(seed_site: Build) -> None:
    for url in ("", "browse/all", "about", "search/en"):
        assert "data-pagefind-body" not in seed_site.page(url), url


def test_search_page_per_language_and_header_form(seed_site: Build) -> None:
    for lang in ("en", "de"):
        soup = BeautifulSoup(seed_site.page(f"search/{lang}"), "html.parser")
        assert soup.html["lang"] == lang
        assert soup.select_one("#corpus-search") is not None
        scripts = [s["src"] for s in soup.find_all("script", src=True)]
        # Our own form on Pagefind's API: Pagefind's ready-made UI (120 kB of script) is not loaded.
        assert "../../assets/corpus-search.js" in scripts and not any("pagefind-ui" in src for src in scripts)
        assert not soup.select('link[href*="pagefind-ui"]')
        assert soup.select_one("#corpus-search")["data-bundle"] == "../../pagefind/"
        assert soup.select_one("#corpus-search input.corpus-search__input")["aria-label"] == {"en": "Search", "de": "Suche"}[lang]
    # Each page's header form opens the search page of the page's own language.
    for url, action in ((f"articles/{DE_ID}", "../../search/de/"), (f"articles/{EN_ID}", "../../search/en/"),
                        ("about", "../search/en/"), ("", "search/en/")):
        form = BeautifulSoup(seed_site.page(url), "html.parser").select_one("form.corpus-search-form")
        assert form["action"] == action and form.get("method", "get") == "get", url  # GET, HTML's default
        assert form.select_one("input")["name"] == "q"


def test_material_search_is_off_and_policy_allows_webassembly(seed_site: Build) -> None:
    assert not (seed_site.site / "search" / "search_index.json").exists()
    soup = BeautifulSoup(seed_site.page("search/en"), "html.parser")
    policy = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    script_src = policy.split("script-src")[1].split(";")[0]
    assert "'wasm-unsafe-eval'" in script_src and "'unsafe-eval'" not in script_src


@pytest.mark.parametrize(("mode", "listed", "problem"), [
    ("pagefind", False, None), ("pagefind", True, "remove `- search`"),
    ("material", True, None), ("material", False, "add `- search`"),
    ("both", True, None), ("both", False, "add `- search`"),
])
def test_search_option_and_material_plugin_must_agree(mode: str, listed: bool, problem: str | None) -> None:
    found = material_search_problem(mode, listed)
    assert found is None if problem is None else problem in found


def _config(tmp_path: Path, plugins: str) -> Path:
    """The project's mkdocs.yml with other plugin lines, its folders made absolute."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("docs_dir: docs", f"docs_dir: {ROOT / 'docs'}")
    head, rest = text.split("plugins:\n", 1)
    tail = rest[rest.index("\nnav:"):]
    path = tmp_path / "mkdocs.yml"
    path.write_text(f"{head}plugins:\n{plugins}{tail}", encoding="utf-8")
    return path


def test_material_search_listed_with_pagefind_fails_naming_the_option(tmp_path: Path) -> None:
    config = _config(tmp_path, f"  - search\n  - corpus:\n{CORPUS_DIR}")
    result = build(ROOT / "corpus", tmp_path / "site", config=config)
    assert result.returncode != 0
    assert "search: pagefind, but Material's search plugin is listed too" in result.log


def test_both_builds_both_indexes(tmp_path: Path) -> None:
    config = _config(tmp_path, f"  - search\n  - corpus:\n{CORPUS_DIR}      search: both\n")
    result = build(ROOT / "corpus", tmp_path / "site", config=config)
    assert result.returncode == 0, result.log
    assert (result.site / "search" / "search_index.json").is_file()
    assert (result.site / "pagefind" / "pagefind-entry.json").is_file()
    header = BeautifulSoup(result.page(f"articles/{DE_ID}"), "html.parser").select_one("header")
    assert header.select_one("form.corpus-search-form") is not None and header.select_one(".md-search") is not None


def test_material_alone_builds_without_pagefind(tmp_path: Path) -> None:
    config = _config(tmp_path, f"  - search\n  - corpus:\n{CORPUS_DIR}      search: material\n")
    result = build(ROOT / "corpus", tmp_path / "site", config=config)
    assert result.returncode == 0, result.log
    assert (result.site / "search" / "search_index.json").is_file()
    assert not (result.site / "pagefind").exists()
    assert "Pagefind indexed" not in result.log


def test_entity_filter_values_are_the_archives_most_covered_entities() -> None:
    """The filter panel lists every value of every filter: the entity filter's vocabulary is bounded."""
    from mkdocs_corpus.pipeline.entities import Entity
    from mkdocs_corpus.site.article import FILTER_VOCABULARY, filter_vocabulary

    many = [Entity(f"e{i:04d}", "person", f"Name {i}", articles=[f"a{j}" for j in range(2 + i % 500)]) for i in range(1000)]
    lone = Entity("lone", "place", "Lone", articles=["a1"])
    pageless = Entity("pageless", "place", "Pageless", articles=[f"a{j}" for j in range(900)], page=False)
    chosen = filter_vocabulary([*many, lone, pageless])
    assert len(chosen) == FILTER_VOCABULARY
    assert "lone" not in chosen and "pageless" not in chosen
    least = min(len(e.articles) for e in many if e.id in chosen)
    assert all(len(e.articles) <= least for e in many if e.id not in chosen)


def test_an_incomplete_bundle_is_named(seed_site: Build, tmp_path: Path) -> None:
    """Pagefind answers before its last writes land; write() waits for, then checks, a whole bundle."""
    bundle = tmp_path / "pagefind"
    shutil.copytree(seed_site.site / "pagefind", bundle)
    assert bundle_problem(bundle) is None
    fragment = next((bundle / "fragment").iterdir())
    fragment.write_bytes(b"")
    assert bundle_problem(bundle) == f"{fragment} is empty"
    meta = next(bundle.glob("pagefind.de_*.pf_meta"))
    meta.unlink()
    assert bundle_problem(bundle) == f"{meta} (de) is missing"
    (bundle / "pagefind-entry.json").write_text("", encoding="utf-8")
    assert "pagefind-entry.json is missing or unreadable" in bundle_problem(bundle)


def test_each_article_is_indexed_in_its_pages_language(tmp_path: Path) -> None:
    """Pagefind is handed an article before the theme renders it; the index it lands in must still be
    the page's `<html lang>`: its own language, Material's code for it (`no` is `nb`), or the site's
    language where Material has no translation (Swahili)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    texts = {"en": "The harbour reopened on Monday after the storm damaged the northern pier.",
             "no": "Havnen åpnet igjen mandag etter at stormen skadet den nordlige brygga.",
             "sw": "Bandari ilifunguliwa tena Jumatatu baada ya dhoruba kuharibu gati la kaskazini."}
    for lang, body in texts.items():
        (corpus / f"harbour-{lang}.md").write_text(f"---\ntitle: Harbour {lang}\nlang: '{lang}'\n---\n{body}\n", encoding="utf-8")
    result = build(corpus, tmp_path / "site")
    assert result.returncode == 0, result.log
    index_of = {fragment["url"]: name.split("_")[0] for name, fragment in fragment_files(result.site).items()}
    assert len(index_of) == 3
    for url, index in index_of.items():
        page = BeautifulSoup((result.site / url.strip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert index == page.html["lang"], url
    assert sorted(index_of.values()) == ["en", "en", "nb"]


def test_a_hand_written_page_that_asks_for_search_is_indexed(tmp_path: Path) -> None:
    """Pagefind writes its files as soon as the generated pages are handed over, unless a page that
    MkDocs renders later asks to be indexed: then it waits for that page."""
    config = project_linking(tmp_path, "<div data-pagefind-body><p>The zanzibarqux lighthouse keeper.</p></div>")
    result = build(ROOT / "corpus", tmp_path / "site", config=config)
    assert result.returncode == 0, result.log
    by_url = {fragment["url"]: fragment for fragment in fragments(result.site)}
    assert "zanzibarqux" in by_url["/about/"]["content"]
    assert len(by_url) == len(result.api("articles.json")) + 1


def test_a_searchable_page_after_the_write_began_is_an_error(tmp_path: Path) -> None:
    page = '<html lang="en"><head></head><body><div data-pagefind-body><p>The harbour reopened.</p></div></body></html>'
    indexer = SearchIndexer()
    indexer.add("/harbour/", page)
    indexer.write_soon(tmp_path)
    indexer.add("/list/", "<html><body><p>not searchable: skipped, as before</p></body></html>")
    with pytest.raises(SearchError, match="/late/ has a searchable body but came after the index was written"):
        indexer.add("/late/", page)
    report = indexer.write(tmp_path)
    assert report.pages == 1 and bundle_problem(tmp_path / "pagefind") is None
    assert [fragment["url"] for fragment in fragments(tmp_path)] == ["/harbour/"]


def _page(text: str) -> str:
    return f'<html lang="en"><head></head><body><div data-pagefind-body><p>{text}</p></div></body></html>'


def _write_bundle(pages: dict[str, str], site: Path, reuse: bool = False) -> tuple[SearchIndexer, SearchReport]:
    indexer = SearchIndexer(reuse=reuse)
    for url, html in pages.items():
        indexer.add(url, html)
    return indexer, indexer.write(site)


def test_a_rebuild_keeps_unchanged_fragments_and_deletes_the_rest(tmp_path: Path) -> None:
    before = {f"/p{n}/": _page(f"The harbour report number {n}.") for n in range(6)}
    after = {**before, "/p0/": _page("The harbour reopened today."), "/p6/": _page("A new quay.")}
    del after["/p5/"]
    _write_bundle(after, tmp_path / "reference")
    _write_bundle(before, tmp_path / "site")
    kept = tmp_path / "site" / "pagefind" / "fragment"
    unchanged = {path.name: path.stat().st_mtime_ns for path in kept.iterdir()}
    indexer, report = _write_bundle(after, tmp_path / "site", reuse=True)
    assert not report.afresh and report.reused == 4  # p1-p4
    assert fragment_files(tmp_path / "site") == fragment_files(tmp_path / "reference")  # no stale fragment left
    still = {path.name: path.stat().st_mtime_ns for path in kept.iterdir()}
    assert sum(still.get(name) == when for name, when in unchanged.items()) == 4  # p1-p4: skipped by Pagefind
    assert bundle_problem(tmp_path / "site" / "pagefind") is None


def test_kept_fragments_are_given_up_when_a_name_clash_gets_likely(tmp_path: Path) -> None:
    old = {f"/old{n}/": _page(f"alpha{n} harbour") for n in range(20)}
    new = {f"/new{n}/": _page(f"omega{n} quay") for n in range(20)}  # 20 new x 20 stale: over the budget
    _write_bundle(new, tmp_path / "reference")
    reference = fragment_files(tmp_path / "reference")
    _write_bundle(old, tmp_path / "site")
    folder = tmp_path / "site" / "pagefind" / "fragment"
    # A clash: a kept file under a name the new write uses, holding another page. Pagefind would skip it.
    (folder / next(iter(reference))).write_bytes(next(folder.iterdir()).read_bytes())
    indexer, report = _write_bundle(new, tmp_path / "site", reuse=True)
    assert report.afresh and report.reused == 0
    assert fragment_files(tmp_path / "site") == reference


@pytest.mark.parametrize("reuse", [False, True])
def test_the_published_bundle_is_whole_at_every_moment_of_a_rewrite(tmp_path: Path, reuse: bool) -> None:
    """Pagefind writes into a folder of its own; `site/pagefind/` stays the previous bundle, whole, until the
    new one, whole and with Pagefind ended, replaces it by a rename (search_bundle.py). So a build killed at
    any moment leaves no half-written file there, which Pagefind would keep (it skips files that exist)."""
    before = {f"/p{n}/": _page(f"The harbour report number {n}.") for n in range(6)}
    after = {**before, "/p0/": _page("The harbour reopened today."), "/p6/": _page("A new quay.")}
    _write_bundle(after, tmp_path / "reference")
    site = tmp_path / "site"
    _write_bundle(before, site)
    bundle = site / "pagefind"
    problems: list[str] = []
    looks = 0
    writing = threading.Event()

    def watch() -> None:
        nonlocal looks
        while not writing.is_set():
            looks += 1
            try:
                folder = os.stat(bundle).st_ino
                problem = bundle_problem(bundle)
                if problem and os.stat(bundle).st_ino == folder:  # not a look that straddled the rename
                    problems.append(problem)
            except FileNotFoundError:  # between the two renames, or renamed away mid-look
                pass

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        _, report = _write_bundle(after, site, reuse=reuse)
    finally:
        writing.set()
        watcher.join()
    assert looks > 1 and problems == []
    assert report.reused == (5 if reuse else 0) and not report.afresh
    assert fragment_files(site) == fragment_files(tmp_path / "reference") and bundle_problem(bundle) is None
    assert not [entry for entry in os.listdir(site) if entry.startswith(UNPUBLISHED)]  # the old one deleted
    (site / "plain").mkdir()  # the bundle is published with the permissions of any folder, not a temporary one's
    assert stat.S_IMODE(bundle.stat().st_mode) == stat.S_IMODE((site / "plain").stat().st_mode)


def test_the_fragments_a_bundle_lists_are_read_from_its_metadata(seed_site: Build, tmp_path: Path) -> None:
    bundle = tmp_path / "pagefind"
    shutil.copytree(seed_site.site / "pagefind", bundle)
    files = {path.name.removesuffix(".pf_fragment") for path in (bundle / "fragment").iterdir()}
    assert listed_fragments(bundle) == files and len(files) == len(seed_site.api("articles.json"))
    meta = next(bundle.glob("pagefind.en_*.pf_meta"))
    meta.write_bytes(gzip.compress(b"pagefind_dcd\x9f"))  # indefinite length: not what Pagefind writes
    assert listed_fragments(bundle) is None
    assert settle_fragments(bundle, files) is None  # unreadable: the caller writes afresh
    assert {path.name.removesuffix(".pf_fragment") for path in (bundle / "fragment").iterdir()} == files


def test_the_extended_pagefind_is_used() -> None:
    # Its indexer splits Chinese and Japanese into words (tests/test_browser_cjk_search.py shows what that changes).
    from mkdocs_corpus.engine.pagefind import _executable

    executable, note = _executable()
    assert "pagefind_bin_extended" in executable.parts and note is None


def test_both_versions_of_a_story_carry_its_key_and_versions(seed_site: Build) -> None:
    by_url = {f["url"]: f for f in fragments(seed_site.site)}
    en, de = by_url[f"/articles/{EN_ID}/"], by_url[f"/articles/{DE_ID}/"]
    # One key for the story on both pages; each version as `lang link`, links relative to the page.
    assert en["meta"]["story"] == de["meta"]["story"] == min(EN_ID, DE_ID)
    assert en["meta"]["versions"] == f"de ../{DE_ID}/ en ./"
    assert de["meta"]["versions"] == f"de ./ en ../{EN_ID}/"


def test_the_entity_name_index_is_sharded_by_first_letter(seed_site: Build) -> None:
    from mkdocs_corpus.site.search_pages import fold

    folder = seed_site.site / "search" / "names"
    shards = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in folder.glob("*.json")}
    putin = [r for r in shards[f"{ord('p'):x}"] if r[0] == "entities/vladimir-putin/"]
    assert putin and putin[0][1] == {"de": "Putin"} and "Vladimir Putin" in putin[0][2:]
    assert any(r[0] == putin[0][0] for r in shards[f"{ord('v'):x}"])  # found by each word of each name
    v = next(r for r in shards[f"{ord('v'):x}"] if r[0] == "entities/vladimir-putin/")
    assert v[2] == "Vladimir Putin" and all(fold(name).startswith("v") for name in v[3:])  # names of its letter only
    # Every shard is listed on the search page, which asks for no other (a missing one would be a 404).
    soup = BeautifulSoup(seed_site.page("search/en"), "html.parser")
    assert set(soup.select_one(".corpus-search-name-shards")["data-shards"].split()) == set(shards)
    russia = next(r for r in shards[f"{ord('r'):x}"] if r[0] == "entities/russia/")
    assert "Russland" in russia[2:] and fold("Ŕússland") == "russland"
    assert sum(path.stat().st_size for path in folder.glob("*.json")) < 20_000


def test_a_crowded_letter_of_the_name_index_is_split_by_its_first_two_letters() -> None:
    from mkdocs_corpus.pipeline.entities.model import Entity, EntityIndex
    from mkdocs_corpus.site.search_pages import name_shards
    from mkdocs_corpus.site.urls import Layout

    people = [Entity("vladimir-putin", "person", "Vladimir Putin", {"de": ["Wladimir Putin"]}, mentions=9),
              Entity("pope-leo", "person", "Pope Leo", mentions=5), Entity("x-men", "organisation", "X-Men", mentions=1)]
    index = EntityIndex(people, {e.id: e for e in people})
    assert set(name_shards(index, Layout())) == {"76", "70", "77", "6c", "78", "6d"}  # one per first letter
    shards = name_shards(index, Layout(), limit=10)  # every letter too crowded: one shard per two letters
    assert {"70-75", "70-6f", "76-6c", "77-6c", "78-2d", "6d-65"} <= set(shards) and "70" not in shards
    assert [r[0] for r in shards["70-75"]] == ["entities/vladimir-putin/"]  # `pu`: Putin only, not the pope
    assert shards["77-6c"][0][2:] == ["Vladimir Putin", "Wladimir Putin"]  # its name, and the names of `wl`
    assert [r[0] for r in shards["78-2d"]] == ["entities/x-men/"]  # a query may run over a one-letter word


def test_the_word_index_keeps_each_languages_word_beginnings() -> None:
    shards = word_shards([
        ("en", "The Harbour's iPhone-Hülle, U.S. city\n<b>Putin</b>"),
        ("de", "Die Regierungen der Straße: Häuser\tund Putins COVID19"),
        ("ja", "東京都のｺﾛﾅ対策 G7"),
        ("EN", "harbours"),  # a language as Pagefind writes its index: lower case
    ])
    assert shards["68"] == {"de": "hause", "en": "harbo hulle"}  # PREFIX letters, folded; each once; sorted
    assert shards["70"] == {"de": "putin", "en": "phone putin"}  # a compound's parts; markup is text
    assert shards["73"] == {"de": "stras", "en": "s"}  # ß as ss (the German stemmer's Strasse); Harbour's: s
    assert shards["75"] == {"de": "und", "en": "u us"}  # a shorter word whole; U.S. is us
    assert shards["63"] == {"de": "covid", "en": "citi"}  # y as i: the English stemmer's city/cities
    assert shards["31"] == {"de": "19"} and shards["67"] == {"ja": "g g7"}
    assert shards["62"] == {"en": "b bputi"} and "3c" not in shards  # <b> is text, its signs no word
    # Unspaced scripts by character, in blocks of 256; half-width kana as Pagefind reads them.
    assert shards["67xx"] == {"ja": "東"} and shards["30xx"] == {"ja": "のコナロ"}
    assert word_key("putin") == "70" and word_key("東") == "67xx"


def test_the_word_index_is_published_as_data_and_listed_on_the_search_page(seed_site: Build) -> None:
    folder = seed_site.site / "search" / "words"
    files = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in folder.glob("*.json")}
    listed = BeautifulSoup(seed_site.page("search/en"), "html.parser").select_one(".corpus-search-word-shards")
    assert sorted(listed["data-shards"].split()) == sorted(files)
    assert set(files["72"]) == {"de", "en"} and "russl" in files["72"]["de"].split()  # Russland
    assert "russl" not in files["72"]["en"].split()


def test_without_a_complete_word_index_every_language_is_searched(tmp_path: Path) -> None:
    """A hand-written page asks for search: its words are not in the word index, so the search page has none."""
    config = project_linking(tmp_path, "<div data-pagefind-body><p>The zanzibarqux lighthouse keeper.</p></div>")
    result = build(ROOT / "corpus", tmp_path / "site", config=config)
    assert result.returncode == 0, result.log
    assert BeautifulSoup(result.page("search/en"), "html.parser").select_one(".corpus-search-word-shards") is None
    assert not list((result.site / "search" / "words").glob("*.json"))
