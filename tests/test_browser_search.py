"""Search in a real headless Chromium, under the site's Content-Security-Policy: a reader types a query in
the header, our form on Pagefind's API answers from the index of the page's language, and a result leads to the article."""
from __future__ import annotations

import pytest
from browser import serve
from conftest import Build, build
from test_search import fragments

pytestmark = pytest.mark.browser

EN_TITLE = 'Iran\'s Raisi tells Putin in Moscow that West backs Gaza "genocide"'


def _watch(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    return errors


def _search_from_header(page, query: str) -> None:
    page.locator("input.corpus-search-form__input").fill(query)
    page.locator("input.corpus-search-form__input").press("Enter")
    page.wait_for_url("**/search/**")
    page.locator(".corpus-search__result-link").first.wait_for(timeout=15_000)


def _search_from_article(page, base: str, article_id: str, query: str, lang: str) -> None:
    """Open an article, search from its header, and land on the search page of its language."""
    page.goto(base + f"articles/{article_id}/")
    _search_from_header(page, query)
    assert page.url == base + f"search/{lang}/?q={query}"
    assert page.locator("html").get_attribute("lang") == lang


def test_english_query_leads_to_the_article(seed_site: Build, browser) -> None:
    with serve(seed_site.site) as base:
        page = browser.new_page()
        errors = _watch(page)
        _search_from_article(page, base, "2bd2f271896fa816", "Shoigu", "en")
        assert page.locator(".corpus-search__result-link").all_inner_texts() == [EN_TITLE]
        assert page.locator(".corpus-search__result-excerpt mark").first.inner_text() == "Shoigu"
        page.locator(".corpus-search__result-link").first.click()
        page.wait_for_url("**/articles/2bd2f271896fa816/")
        assert page.locator("h1").inner_text() == EN_TITLE
        page.close()
    assert errors == []


def test_german_query_searches_the_german_index(seed_site: Build, browser) -> None:
    with serve(seed_site.site) as base:
        page = browser.new_page()
        errors = _watch(page)
        _search_from_article(page, base, "ed0ac21500300798", "Schoigu", "de")
        results = page.locator(".corpus-search__result-link")
        assert results.count() == 1 and results.first.inner_text().startswith("Im Rahmen einer Reihe")
        # Stemming: an inflected form finds the same article.
        page.locator(".corpus-search__input").fill("Gesprächs")
        page.locator(".corpus-search__message", has_text="Gesprächs").wait_for(timeout=15_000)
        assert results.count() == 1
        results.first.click()
        page.wait_for_url("**/articles/ed0ac21500300798/")
        assert page.locator("html").get_attribute("lang") == "de"
        page.close()
    assert errors == []


def test_filter_panel_loads_on_opening_and_filters(seed_site: Build, browser) -> None:
    with serve(seed_site.site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors = _watch(page)
        fetched: list[str] = []
        page.on("request", lambda r: fetched.append(r.url))
        page.goto(base + "search/en/?q=Moscow")
        page.locator(".corpus-search__result-link").first.wait_for(timeout=15_000)
        # A query fetches no filter values: they are fetched when the reader opens the panel.
        assert not [u for u in fetched if "/pagefind/filter/" in u]
        assert [u for u in fetched if "/pagefind/index/" in u] and not [u for u in fetched if "pagefind-ui" in u]
        panel = page.locator(".corpus-search__filters")
        panel.locator("summary").click()
        page.locator(".corpus-search__filter-name", has_text="Source").click()
        assert [u for u in fetched if "/pagefind/filter/" in u]
        checkbox = page.get_by_label("Reuters")
        assert page.locator(".corpus-search__filter-label", has_text="Reuters").inner_text() == "Reuters 1"
        checkbox.check()
        page.locator(".corpus-search__message", has_text="1 matching document").wait_for(timeout=15_000)
        assert page.locator(".corpus-search__result-link").count() == 1
        assert page.locator(".corpus-search__result-meta").first.inner_text() == "Reuters · English"
        # Material's typeset rules do not reach the panel: it sits beside the results, each box on its label's line.
        results_box = page.locator(".corpus-search__results-area").bounding_box()
        assert panel.bounding_box()["x"] + panel.bounding_box()["width"] <= results_box["x"]
        box = checkbox.bounding_box()
        label = page.locator(".corpus-search__filter-label", has_text="Reuters").bounding_box()
        assert box["width"] < 30 and box["x"] < label["x"]
        assert abs((box["y"] + box["height"] / 2) - (label["y"] + label["height"] / 2)) < 6
        # A filter alone, without words, lists the articles it selects.
        page.locator(".corpus-search__input").fill("")
        page.locator(".corpus-search__message", has_text="1 matching document").wait_for(timeout=15_000)
        assert page.locator(".corpus-search__result-link").all_inner_texts() == [EN_TITLE]
        page.close()
    assert errors == []


def test_hostile_corpus_search_works_under_the_policy(hostile_site: Build, browser) -> None:
    articles = hostile_site.articles()
    start = articles["zero-width.txt"]["url"]
    with serve(hostile_site.site) as base:
        page = browser.new_page()
        errors = _watch(page)
        page.on("dialog", lambda d: (errors.append(f"dialog {d.message}"), d.dismiss()))
        page.goto(base + start)
        _search_from_header(page, "Schoigu")
        page.locator(".corpus-search__result-link").first.click()
        page.wait_for_url(base + start)
        assert "Scho" in page.locator("h1").inner_text()
        # Hostile titles, excerpts and filter values all show as text.
        for query in ("passwd", "iframe", "pwned"):
            page.goto(base + f"search/en/?q={query}")
            page.locator(".corpus-search__message", has_text=query).wait_for(timeout=15_000)
            page.locator(".corpus-search__filters summary").click()
            page.locator(".corpus-search__filter-name").first.wait_for(timeout=15_000)
            for name in page.locator(".corpus-search__filter-name").all():
                name.click()
            assert page.locator(".corpus-search [onmouseover], .corpus-search [onload], .corpus-search [onerror]").count() == 0
            assert page.locator(".corpus-search script, .corpus-search iframe, .corpus-search svg b").count() == 0
            assert page.evaluate("() => window.__pwned") is None
        page.goto(base + "search/en/?q=passwd")
        page.locator(".corpus-search__filters summary").click()
        page.locator(".corpus-search__filter-name", has_text="Source").click()
        # Shown as text, with the look-alikes of < > & that the article page's filter markup uses.
        label = page.locator(".corpus-search__filter-label", has_text="Evil").first
        assert "\u2039b onmouseover='window.__pwned=1'\u203aEvil\u2039/b\u203a" in label.inner_text()
        page.close()
    assert errors == []


def test_nothing_from_outside_the_corpus_is_indexed(hostile_site: Build) -> None:
    texts = fragments(hostile_site.site)
    assert len(texts) >= 20
    assert not any("TOP SECRET" in json_text for json_text in (str(f) for f in texts))


def test_more_results_load_ten_at_a_time(tmp_path, browser) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    towns = ("Leeds", "York", "Hull", "Bath", "Ely", "Wells", "Truro", "Derby", "Ripon", "Exeter", "Durham", "Lincoln")
    for day, town in enumerate(towns, start=1):
        (corpus / f"{town.lower()}-en.md").write_text(
            f"---\npublished: 2024-03-{day:02d}\n---\nFerry timetable changes in {town}\n\n"
            f"The ferry company said on Monday that the timetable in {town} changes next month, and that "
            "passengers should check the new departure times before they travel.\n",
            encoding="utf-8",
        )
    site = build(corpus, tmp_path / "site")
    assert site.returncode == 0, site.log
    with serve(site.site) as base:
        page = browser.new_page()
        errors = _watch(page)
        page.goto(base + "search/en/?q=ferry")
        page.locator(".corpus-search__message", has_text="12 matching documents").wait_for(timeout=15_000)
        results, more = page.locator(".corpus-search__result-link"), page.locator(".corpus-search__more")
        results.nth(9).wait_for(timeout=15_000)
        assert results.count() == 10 and more.is_visible()
        more.click()
        results.nth(11).wait_for(timeout=15_000)
        assert results.count() == 12 and more.is_hidden()
        titles = set(results.all_inner_texts())
        assert titles == {f"Ferry timetable changes in {town}" for town in towns}
        page.close()
    assert errors == []


DE_ID, EN_ID = "ed0ac21500300798", "2bd2f271896fa816"


def _languages(page) -> dict[str, tuple[bool, bool, str]]:
    """The language filter: language code -> (checked, disabled, count shown)."""
    return {box.get_attribute("value"): (box.is_checked(), box.is_disabled(),
                                         page.locator(f"label[for='{box.get_attribute('id')}'] .corpus-search__filter-count").inner_text())
            for box in page.locator(".corpus-search__languages input").all()}


def test_a_german_word_on_the_english_page_finds_the_german_seed(seed_site: Build, browser) -> None:
    with serve(seed_site.site) as base:
        page = browser.new_page()
        errors = _watch(page)
        fetched: list[str] = []
        page.on("request", lambda r: fetched.append(r.url))
        _search_from_article(page, base, EN_ID, "Russland", "en")
        results = page.locator(".corpus-search__result-link")
        assert results.count() == 1 and results.first.inner_text().startswith("Im Rahmen einer Reihe")
        assert results.first.get_attribute("lang") == "de"
        # Each index is searched by its own language's Pagefind build (its stemmer), not the page's.
        assert {u.rsplit("/", 1)[1] for u in fetched if "/pagefind/wasm." in u} == {"wasm.en.pagefind", "wasm.de.pagefind"}
        assert not [u for u in fetched if u.endswith("/pagefind/pagefind.js")]
        # No English match: the filter, which starts on English, shows every language, and says so.
        assert _languages(page) == {"en": (True, False, "0"), "de": (True, False, "1")}
        assert page.locator(".corpus-search__note").inner_text() == "None in this page's language; results in every language"
        results.first.click()
        page.wait_for_url(f"**/articles/{DE_ID}/")
        page.close()
    assert errors == []


def test_a_name_lists_its_entity_first_then_the_story_once_with_both_versions(seed_site: Build, browser) -> None:
    with serve(seed_site.site) as base:
        page = browser.new_page()
        errors = _watch(page)
        page.goto(base + "search/en/?q=Putin")
        page.locator(".corpus-search__result-link").first.wait_for(timeout=15_000)
        entity = page.locator(".corpus-search__entity-link").first
        entity.wait_for(timeout=15_000)
        assert entity.inner_text() == "Vladimir Putin"
        assert entity.get_attribute("href") == base + "entities/vladimir-putin/"
        # The entity comes before the articles.
        assert page.evaluate("""() => !!(document.querySelector('.corpus-search__entities')
            .compareDocumentPosition(document.querySelector('.corpus-search__results')) & Node.DOCUMENT_POSITION_FOLLOWING)""")
        assert _languages(page) == {"en": (True, False, "1"), "de": (False, False, "1")}
        # Both languages shown: both seeds match, and their story is listed once, with both versions.
        page.get_by_label("German").check()
        page.wait_for_url("**language=en&language=de")
        page.locator(".corpus-search__message", has_text="2 matching documents").wait_for(timeout=15_000)
        page.locator(".corpus-search__version--match[lang=de]").wait_for(timeout=15_000)
        assert page.locator(".corpus-search__result").count() == 1
        versions = page.locator(".corpus-search__version")
        assert [(v.get_attribute("lang"), v.inner_text(), v.get_attribute("href")) for v in versions.all()] == [
            ("de", "Deutsch", base + f"articles/{DE_ID}/"), ("en", "English", base + f"articles/{EN_ID}/")]
        assert page.locator(".corpus-search__version--match").count() == 2  # both versions matched
        assert page.locator(".corpus-search__result-link").inner_text() == EN_TITLE  # the best match leads
        entity.click()
        page.wait_for_url("**/entities/vladimir-putin/")
        page.close()
    assert errors == []


def test_filter_choices_live_in_the_address_and_survive_a_reload(seed_site: Build, browser) -> None:
    with serve(seed_site.site) as base:
        page = browser.new_page()
        errors = _watch(page)
        page.goto(base + "search/en/?q=Putin")
        page.locator(".corpus-search__result-link").first.wait_for(timeout=15_000)
        page.get_by_label("German").check()
        page.get_by_label("English").uncheck()
        page.locator(".corpus-search__filters summary").click()
        page.locator(".corpus-search__filter-name", has_text="Mentions").click()
        page.get_by_label("Vladimir Putin").check()
        page.wait_for_url("**entity=Vladimir+Putin")
        assert page.url == base + "search/en/?q=Putin&language=de&entity=Vladimir+Putin"
        page.reload()
        page.locator(".corpus-search__result-link").first.wait_for(timeout=15_000)
        assert page.locator(".corpus-search__input").input_value() == "Putin"
        assert page.locator(".corpus-search__result-link").all_inner_texts()[0].startswith("Im Rahmen einer Reihe")
        assert _languages(page) == {"en": (False, False, "1"), "de": (True, False, "1")}
        page.locator(".corpus-search__filter-name", has_text="Mentions").wait_for(timeout=15_000)
        assert page.get_by_label("Vladimir Putin").is_checked()
        # A language without results cannot be chosen.
        page.locator(".corpus-search__input").fill("Schoigu")
        page.locator(".corpus-search__message", has_text="Schoigu").wait_for(timeout=15_000)
        assert _languages(page) == {"en": (False, True, "0"), "de": (True, False, "1")}
        page.close()
    assert errors == []


def test_one_language_failing_leaves_the_others_searchable(seed_site: Build, browser, tmp_path) -> None:
    import shutil

    site = tmp_path / "site"
    shutil.copytree(seed_site.site, site)
    (site / "pagefind" / "wasm.de.pagefind").unlink()
    with serve(site) as base:
        page = browser.new_page()
        page.goto(base + "search/en/?q=Putin")
        page.locator(".corpus-search__result-link").first.wait_for(timeout=15_000)
        assert page.locator(".corpus-search__result-link").all_inner_texts() == [EN_TITLE]
        page.locator(".corpus-search__note", has_text="German").wait_for(timeout=15_000)
        assert page.locator(".corpus-search__note").inner_text().startswith("Search is unavailable here: German (")
        page.close()


@pytest.fixture(scope="module")
def two_languages(tmp_path_factory: pytest.TempPathFactory) -> Build:
    corpus = tmp_path_factory.mktemp("two-languages") / "corpus"
    corpus.mkdir()
    articles = {
        "harbour-en.md": ("en", "Harbour reopens in Zanzibar",
                          "The harbour of Zanzibar reopened on Monday after the storm damaged the northern pier."),
        "ferry-en.md": ("en", "Ferries return to Zanzibar", "Ferries to Zanzibar sail again, the port authority said."),
        "hafen-de.md": ("de", "Sansibar öffnet den Hafen wieder",
                        "Der Hafen von Zanzibar ist wieder offen, teilte die Regierung am Montag mit."),
    }
    for name, (lang, title, body) in articles.items():
        (corpus / name).write_text(f"---\ntitle: {title}\nlang: {lang}\n---\n{body}\n", encoding="utf-8")
    result = build(corpus, corpus.parent / "site")
    assert result.returncode == 0, result.log
    return result


def _german_files(urls: list[str]) -> list[str]:
    """Pagefind's files of the German index: its WebAssembly, metadata, index chunks and fragments."""
    names = [u.split("?")[0].rsplit("/", 1)[1] for u in urls if "/pagefind/" in u]
    return [n for n in names if n.startswith("de_") or ".de_" in n or ".de." in n]


def test_a_query_downloads_only_the_languages_that_can_match_it(two_languages: Build, browser) -> None:
    with serve(two_languages.site) as base:
        page = browser.new_page()
        errors = _watch(page)
        fetched: list[str] = []
        page.on("response", lambda r: fetched.append(r.url))
        # No German article holds "harbour": nothing of the German index is fetched, and German cannot be chosen.
        page.goto(base + "search/en/?q=harbour")
        page.locator(".corpus-search__message", has_text="harbour").wait_for(timeout=15_000)
        assert page.locator(".corpus-search__result-link").all_inner_texts() == ["Harbour reopens in Zanzibar"]
        assert _languages(page) == {"en": (True, False, "1"), "de": (False, True, "0")}
        assert _german_files(fetched) == [] and [u for u in fetched if "/search/words/" in u]
        # A word both hold finds both; German is searched with its own stemmer (Regierungen finds Regierung); Pagefind
        # leaves out a word an index lacks, so a language that holds one word of a query is searched.
        for query, counts in (("Zanzibar", {"en": (True, False, "2"), "de": (False, False, "1")}),
                              ("Regierungen", {"en": (True, False, "0"), "de": (True, False, "1")}),
                              ("harbour Regierung", {"en": (True, False, "1"), "de": (False, False, "1")})):
            page.locator(".corpus-search__input").fill(query)
            page.locator(".corpus-search__message", has_text=query).wait_for(timeout=15_000)
            assert _languages(page) == counts, query
        assert "wasm.de.pagefind" in _german_files(fetched)
        page.close()
    assert errors == []
