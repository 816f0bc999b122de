"""Broken and hostile input: nothing crashes, nothing is lost, nothing gets in."""
from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build
from hostile import PWN, WARNED

pytestmark = pytest.mark.slow  # builds the hostile corpus, a 5 MB article among its files


def test_every_file_is_reported_with_its_outcome(hostile) -> None:
    site, expected = hostile
    outcomes = {f["path"]: f["outcome"] for f in site.api("report.json")["files"]}
    assert outcomes == expected
    for entry in site.api("report.json")["files"]:
        assert entry["outcome"] == "published" or entry["reason"]


def test_problems_are_logged_naming_the_file(hostile) -> None:
    site, _ = hostile
    warnings = "\n".join(site.warnings())
    for name in WARNED:
        assert f"{name}:" in warnings, name
    report_paths = {w["path"] for w in site.api("report.json")["warnings"]}
    assert set(WARNED) <= report_paths


def test_strict_build_fails_on_them(hostile) -> None:
    lenient, expected = hostile
    # The same corpus with the lenient build's cache: only strictness differs.
    result = build(lenient.site.parent / "corpus", lenient.site.parent / "strict-site", strict=True,
                   env={"CORPUS_CACHE_DIR": str(lenient.site.parent / "site-cache")})
    assert result.returncode != 0
    assert "Aborted with" in result.log and "warnings in strict mode" in result.log
    assert len(expected) > len(WARNED)


def test_duplicate_ids_both_publish(hostile) -> None:
    site, _ = hostile
    articles = site.articles()
    ids = {articles["a/dup_0123456789abcdef.txt"]["id"], articles["b/dup_0123456789abcdef.txt"]["id"]}
    assert ids == {"0123456789abcdef", "0123456789abcdef-2"}
    assert "Second of two" in site.page("articles/0123456789abcdef-2")


def test_decoded_files_publish_their_text(hostile) -> None:
    site, _ = hostile
    articles = site.articles()
    assert articles["latin1.txt"]["title"] == "Grüße aus Köln"
    assert articles["utf16.txt"]["title"] == "Ein Titel"
    assert "The body still publishes." in site.page(articles["malformed-yaml.md"]["url"])
    assert not Path("/tmp/pwned-by-yaml").exists()


def test_symlinked_secret_is_not_published(hostile) -> None:
    site, _ = hostile
    for page in site.site.rglob("*.html"):
        assert "TOP SECRET" not in page.read_text(encoding="utf-8")


def test_no_markup_from_the_corpus_reaches_any_page(hostile) -> None:
    site, _ = hostile
    pages = list(site.site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":  # data, not code: must not close its element
                assert "<" not in script.get_text(), page
                continue
            assert "__pwned" not in script.get_text(), page
        for tag in soup.find_all(True):
            for name, value in tag.attrs.items():
                text = " ".join(value) if isinstance(value, list) else str(value)
                assert not (name.startswith("on") and "__pwned" in text), (page, tag)
                if name in ("href", "src"):
                    assert not text.strip().lower().startswith(("javascript:", "data:")), (page, tag)
        assert soup.find("iframe") is None and soup.find("svg", onload=True) is None


def test_injections_are_shown_as_text(hostile) -> None:
    site, _ = hostile
    articles = site.articles()
    soup = BeautifulSoup(site.page(articles["html-injection.txt"]["url"]), "html.parser")
    assert soup.find("h1").get_text() == articles["html-injection.txt"]["title"]
    assert f"<script>{PWN}</script>" in soup.find("h1").get_text()
    tricks = BeautifulSoup(site.page(articles["markdown-tricks.md"]["url"]), "html.parser")
    assert tricks.find("h1").get_text() == f"<svg onload='{PWN}'>"
    body = tricks.select_one(".corpus-text").get_text()
    assert "# Not a heading" in body and '--8<-- "/etc/passwd"' in body and "**bold?**" in body
    jinja = BeautifulSoup(site.page(articles["jinja.txt"]["url"]), "html.parser")
    assert "{{ page.title }}" in jinja.select_one(".corpus-text").get_text()
    assert jinja.find("h1").get_text() == "Template {{ config.site_name }} test"


def test_odd_text_renders_readably(hostile) -> None:
    site, _ = hostile
    articles = site.articles()
    arabic = BeautifulSoup(site.page(articles["arabic.txt"]["url"]), "html.parser")
    assert articles["arabic.txt"]["lang"] == "ar" and arabic.html["lang"] == "ar"
    assert all(p.get("dir") == "rtl" for p in arabic.select(".corpus-text p"))
    assert articles["hebrew.txt"]["lang"] == "he"
    mixed = BeautifulSoup(site.page(articles["mixed-language.txt"]["url"]), "html.parser")
    assert articles["mixed-language.txt"]["lang"] == "en"
    paragraphs = mixed.select(".corpus-text p")
    assert [p.get("lang") for p in paragraphs] == [None, "de", "ar"]
    assert paragraphs[2].get("dir") == "rtl" and paragraphs[0].get("dir") is None
    assert articles["nfd.txt"]["title"] == "München und Köln"  # NFC
    assert articles["zero-width.txt"]["title"] == "Putin meets Schoigu"
    assert articles["cp1251.txt"]["title"] == "Шойгу в Москве"
    assert articles["crlf.txt"]["title"] == "Windows newlines" and articles["cr-only.txt"]["title"] == "Old Mac newlines"
    assert "\x07" not in site.page(articles["control-chars.txt"]["url"])


def test_big_files_publish_whole(hostile) -> None:
    site, _ = hostile
    articles = site.articles()
    assert articles["huge.txt"]["words"] > 800_000
    assert articles["long-line.txt"]["words"] == 420_000 + 4  # and the four words of its title
    assert site.page(articles["huge.txt"]["url"]).count("The committee met again") >= 72_000


def test_front_matter_attacks_are_dropped_with_warnings(hostile) -> None:
    site, _ = hostile
    articles = site.articles()
    assert articles["traversal-id.md"]["id"] == "traversal-id"
    assert not any(p.name == "escaped" for p in site.site.parent.rglob("escaped"))
    assert articles["yaml-bomb.md"]["title"] == "fine" and articles["yaml-bomb.md"]["authors"] == []
    assert articles["bad-types.md"]["lang"] == "en" and articles["bad-types.md"]["published"] is None
    for page in site.site.rglob("*.html"):
        assert page.resolve().is_relative_to(site.site.resolve())


def test_every_page_carries_a_content_security_policy(hostile) -> None:
    site, _ = hostile
    for page in site.site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        policy = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert policy is not None, page
        # The theme's scripts are files of the site (theme/partials/javascripts/base.html): no inline script to allow.
        assert "script-src 'self' 'wasm-unsafe-eval';" in policy["content"], page
