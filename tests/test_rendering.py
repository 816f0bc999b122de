"""The render cache: a rebuild takes every unchanged generated page's HTML from the cache, byte for
byte what the theme would render; an edit, a configuration change or a broken cache re-renders."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from conftest import ROOT, build
from mkdocs.config import load_config
from mkdocs.structure.files import InclusionLevel
from mkdocs_corpus.engine.packed import PackedPage, content_digest, digest_of
from mkdocs_corpus.engine.rendering import RenderCache

CORPORA = Path(__file__).parent / "corpora"


def html_pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}


def rendered(result) -> dict[str, int]:
    return result.api("report.json")["cache"]["rendered_pages"]


def test_rebuild_serves_cached_pages_identical_to_rendered_ones(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPORA / "stories", corpus)
    cold = build(corpus, tmp_path / "site")  # cache: tmp_path / "site-cache"
    assert cold.returncode == 0, cold.log
    generated = rendered(cold)["misses"]
    assert rendered(cold)["hits"] == 0 and generated > 7
    first = html_pages(cold.site)

    warm = build(corpus, tmp_path / "site")
    assert warm.returncode == 0, warm.log
    assert rendered(warm) == {"hits": generated, "misses": 0}
    assert html_pages(warm.site) == first  # every page, cached or not, byte for byte

    edited = corpus / "library-en.txt"
    edited.write_text(edited.read_text() + "\nThe reading room will also open on Sundays.\n")
    third = build(corpus, tmp_path / "site")
    assert third.returncode == 0, third.log
    # The article itself, and the pages that list it or link it, are rendered; the rest come from the cache.
    assert 1 <= rendered(third)["misses"] < generated / 2
    assert "open on Sundays" in third.page("articles/library-en")
    changed = {url for url, data in html_pages(third.site).items() if first.get(url) != data}
    assert "articles/library-en/index.html" in changed
    # What the cache served is what a cold build renders: the key covers each page's whole source, front
    # matter too (the <head>'s title, description and JSON-LD, e.g. which version is the original).
    cold_again = build(corpus, tmp_path / "cold-again")
    assert cold_again.returncode == 0 and rendered(cold_again)["hits"] == 0
    assert html_pages(third.site) == html_pages(cold_again.site)


def test_configuration_change_renders_every_page_again(tmp_path: Path) -> None:
    corpus = CORPORA / "stories"
    cold = build(corpus, tmp_path / "site")
    assert cold.returncode == 0, cold.log
    config = tmp_path / "mkdocs.yml"
    config.write_text((ROOT / "mkdocs.yml").read_text().replace("site_name: News corpus archive", "site_name: Renamed archive"))
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    renamed = build(corpus, tmp_path / "site", config=config)
    assert renamed.returncode == 0, renamed.log
    assert rendered(renamed)["hits"] == 0
    assert "Renamed archive" in renamed.page("articles/library-en")


def test_switched_off_and_broken_caches_render_everything(tmp_path: Path) -> None:
    corpus = CORPORA / "stories"
    config = tmp_path / "mkdocs.yml"
    config.write_text((ROOT / "mkdocs.yml").read_text().replace("      entities:", "      render_cache: false\n      entities:"))
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    for _ in range(2):
        off = build(corpus, tmp_path / "off", config=config)
        assert off.returncode == 0, off.log
        assert rendered(off)["hits"] == 0
    assert not (tmp_path / "off-cache" / "rendered.sqlite").exists()

    cache = tmp_path / "site-cache"
    cache.mkdir()
    (cache / "rendered.sqlite").write_bytes(b"not a database" * 50)
    broken = build(corpus, tmp_path / "site")
    assert broken.returncode == 0, broken.log
    assert rendered(broken)["hits"] == 0 and rendered(broken)["misses"] > 0
    assert html_pages(broken.site) == html_pages(off.site)


def test_entries_that_do_not_decompress_are_misses_and_unused_ones_are_dropped(tmp_path: Path) -> None:
    cache = RenderCache(tmp_path, "salt")
    key = cache.key("articles/a.md", digest_of(b"text"))
    assert key != cache.key("articles/b.md", digest_of(b"text")) != RenderCache(tmp_path, "other").key("articles/a.md", digest_of(b"text"))
    assert key != cache.key("articles/a.md", digest_of(b"other text"))
    cache.put(key, "<p>page</p>")
    cache.put(cache.key("articles/old.md", digest_of(b"gone")), "<p>old</p>")
    cache.finish()

    again = RenderCache(tmp_path, "salt")
    assert again.has(key) and again.get(key) == "<p>page</p>"
    again.finish()  # used only `key`: the other entry is dropped
    with sqlite3.connect(tmp_path / "rendered.sqlite") as db:
        assert [row[0] for row in db.execute("SELECT key FROM rendered")] == [key]
        db.execute("UPDATE rendered SET value = ?", (b"\x00not zlib",))

    tampered = RenderCache(tmp_path, "salt")
    assert tampered.get(key) is None and tampered.hits == 0
    tampered.close()


def project_linking(tmp_path: Path, links: str) -> Path:
    """The project's mkdocs.yml and docs in `tmp_path`, its about page ending with `links`; the config's path."""
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    about = tmp_path / "docs" / "about.md"
    about.write_text(about.read_text() + f"\n{links}\n")
    config = tmp_path / "mkdocs.yml"
    config.write_text((ROOT / "mkdocs.yml").read_text())
    return config


def test_cached_pages_are_written_directly_unless_another_plugin_handles_pages(tmp_path: Path) -> None:
    corpus = CORPORA / "stories"
    config = project_linking(tmp_path, "See [the library story](articles/library-en.md) and "
                                       "[its names](articles/library-en.md#entities).")
    cold = build(corpus, tmp_path / "site", config=config)
    warm = build(corpus, tmp_path / "site", config=config)
    assert cold.returncode == 0 and warm.returncode == 0, cold.log + warm.log
    assert rendered(warm)["misses"] == 0 and html_pages(warm.site) == html_pages(cold.site)
    # Written by the plugin, not MkDocs (no Page object, so no `on_post_page` for it), yet a hand-written
    # page's link to it resolves under --strict as before. On the cold build, the anchor was checked against
    # the article's own HTML (MkDocs knows only the Markdown it converts, and ours is empty).
    assert 'href="../articles/library-en/"' in warm.page("about")
    assert 'href="../articles/library-en/#entities"' in warm.page("about")
    fragments = list((warm.site / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert len(fragments) == len(warm.api("articles.json"))  # and every article is still searchable

    # A hook that handles pages must see every page, cached or not: then MkDocs builds them all.
    (tmp_path / "stamp.py").write_text("def on_post_page(output, page, config):\n"
                                       "    return output.replace('</body>', '<!-- stamped --></body>')\n")
    config.write_text(config.read_text() + "hooks:\n  - stamp.py\n")
    for _ in range(2):
        hooked = build(corpus, tmp_path / "site", config=config)
        assert hooked.returncode == 0, hooked.log
        pages = html_pages(hooked.site)
        assert all(b"<!-- stamped -->" in data for url, data in pages.items() if url.startswith("articles/"))
    assert rendered(hooked)["hits"] > 0


def test_links_to_an_anchor_of_a_generated_page_are_checked(tmp_path: Path) -> None:
    config = project_linking(tmp_path, "See [nowhere](articles/library-en.md#nowhere).")
    result = build(CORPORA / "stories", tmp_path / "site", config=config)
    assert result.returncode != 0
    assert "'articles/library-en.md' does not contain an anchor '#nowhere'" in result.log


def test_a_packed_pages_digest_is_its_contents_even_after_another_plugin_rewrites_it(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: digest\n")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    config.plugins._current_plugin = "corpus"  # as MkDocs sets it while a plugin's event runs
    page = PackedPage.of(config, "articles/a.md", "# Grüße\n", InclusionLevel.NOT_IN_NAV)
    assert page.digest == content_digest(page) == digest_of("# Grüße\n".encode())
    page.content_string = "# Changed by a plugin\n"
    assert page.digest == digest_of(b"# Changed by a plugin\n")


def test_editing_a_hand_written_page_keeps_cached_pages_unless_the_navigation_shows_the_edit(tmp_path: Path) -> None:
    corpus = CORPORA / "stories"
    config = project_linking(tmp_path, "")
    about = tmp_path / "docs" / "about.md"
    cold = build(corpus, tmp_path / "site", config=config)
    assert cold.returncode == 0, cold.log
    generated = rendered(cold)["misses"]
    # Its navigation entry has a title in mkdocs.yml: no other page shows its text.
    about.write_text(about.read_text().replace("Every commit rebuilds", "Each commit rebuilds"))
    text = build(corpus, tmp_path / "site", config=config)
    assert text.returncode == 0, text.log
    assert rendered(text) == {"hits": generated, "misses": 0}
    assert "Each commit rebuilds" in (text.site / "about" / "index.html").read_text()
    # Front matter can show in the navigation (Material's page status): every page is rendered again.
    about.write_text("---\nstatus: new\n---\n\n" + about.read_text())
    status = build(corpus, tmp_path / "site", config=config)
    assert status.returncode == 0, status.log
    assert rendered(status)["hits"] == 0
    # Without a title in mkdocs.yml the navigation shows the page's first heading.
    config.write_text(config.read_text().replace("  - About this archive: about.md", "  - about.md"))
    untitled = build(corpus, tmp_path / "site", config=config)
    assert untitled.returncode == 0, untitled.log
    about.write_text(about.read_text().replace("# About this archive", "# How this archive works"))
    heading = build(corpus, tmp_path / "site", config=config)
    assert heading.returncode == 0, heading.log
    assert rendered(heading)["hits"] == 0
    # A generated page in the navigation shows the whole navigation (an article's shows About as one link).
    assert "How this archive works" in heading.page("browse/all")
