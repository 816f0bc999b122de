"""The corpus at a glance (tests/corpora/glance: a three-language story, dated articles, an entity registry):
the home page's and an entity page's charts against api/articles.json, lists, and the reader-facing fixes."""
from __future__ import annotations

import posixpath
from collections import Counter

import pytest
from bs4 import BeautifulSoup
from conftest import Build
from mkdocs_corpus.pipeline.entities import Entity, EntityIndex
from mkdocs_corpus.pipeline.model import Article, Block
from mkdocs_corpus.site.compact import compact
from mkdocs_corpus.site.entities import entity_pages
from mkdocs_corpus.site.listing import paginated
from mkdocs_corpus.site.urls import Layout


@pytest.fixture(scope="module")
def site(glance_site: Build) -> Build:
    return glance_site


def bars(svg) -> Counter[tuple[str, str]]:
    """(period, language) -> count, as the chart's bars say."""
    found: Counter[tuple[str, str]] = Counter()
    for rect in svg.select("rect"):
        found[(rect["data-period"], rect["data-series"])] += int(rect["data-count"])
    return found


def test_home_chart_bars_match_the_articles_per_month(site: Build) -> None:
    home = BeautifulSoup(site.page(""), "html.parser")
    svg = home.select_one(".corpus-home svg.corpus-chart")
    assert svg["role"] == "img" and svg.title.get_text() and svg.desc.get_text()
    expected = Counter((a["published"][:7], a["lang"]) for a in site.api("articles.json") if a["published"])
    assert bars(svg) == expected
    # Taller bars for more articles: heights are proportional to counts.
    heights = {(r["data-period"], r["data-series"]): float(r["height"]) for r in svg.select("rect")}
    one = heights[("2024-01", "en")]
    assert all(abs(heights[key] - one * n) < 0.2 for key, n in expected.items())
    # Every month between the first and the last has its place, and the figures are a table too.
    table = home.select_one(".corpus-home details.corpus-chart-data table")
    assert [th.get_text() for th in table.select("tbody th")] == [
        "Nov 2023", "Dec 2023", "Jan 2024", "Feb 2024", "Mar 2024"]


def test_entity_chart_bars_match_the_articles_that_mention_it(site: Build) -> None:
    entity = next(e for e in site.api("entities.json") if e["id"] == "bergen")
    page = BeautifulSoup(site.page(entity["url"]), "html.parser")
    svg = page.select_one("svg.corpus-chart")
    assert svg["role"] == "img" and "Bergen" in svg.title.get_text()
    expected = Counter((a["published"][:7], a["lang"]) for a in site.api("articles.json")
                       if "bergen" in a["entities"] and a["published"])
    assert len({period for period, _ in expected}) >= 2
    assert bars(svg) == expected


def test_home_page_at_a_glance(site: Build) -> None:
    home = BeautifulSoup(site.page(""), "html.parser")
    figures = {row.td.get_text(): row.find_all("td")[1].get_text() for row in home.select(".corpus-figures tr")}
    # entities.yml is read as the registry: it is not a skipped file.
    assert figures["Files skipped"] == "0" and figures["Stories in several languages"] == "1"
    assert site.api("report.json")["summary"]["skipped"] == 1
    newest = home.select(".corpus-home h2 + ol.corpus-list > li")
    assert [a.get_text() for a in newest[0].select(".corpus-langs a")] == ["de", "en", "fr"]
    assert "Bergen" in [a.get_text() for a in home.select(".corpus-ranked a")]


def test_lists_show_date_source_and_story_languages(site: Build) -> None:
    listed = BeautifulSoup(site.page("browse/all"), "html.parser").select(".corpus-list > li")
    ferry = next(li for li in listed if li.a["href"].endswith("/ferry-de/"))
    assert ferry.select_one("time")["datetime"] == "2024-03-12" and "Reuters" in ferry.select_one(".corpus-facts").get_text()
    assert [c.get_text() for c in ferry.select(".corpus-langs > *")] == ["de", "en", "fr"]
    assert ferry.select_one(".corpus-langs b").get_text() == "de"  # its own language
    tunnel = next(li for li in listed if li.a["href"].endswith("/tunnel-en/"))
    assert [c.get_text() for c in tunnel.select(".corpus-langs > *")] == ["en"]


def test_dates_tables_name_years_and_months(site: Build) -> None:
    years = BeautifulSoup(site.page("browse/dates"), "html.parser")
    assert years.select_one(".corpus-groups th").get_text() == "Year"
    months = BeautifulSoup(site.page("browse/dates/2024"), "html.parser")
    assert months.select_one(".corpus-groups th").get_text() == "Month"


def test_developer_pages_sit_under_about(seed_site: Build) -> None:
    home = BeautifulSoup(seed_site.page(""), "html.parser")
    top = home.select_one("nav.md-nav--primary > ul")
    labels = [item.find(["a", "label"]).get_text(" ", strip=True) for item in top.find_all("li", recursive=False)]
    assert "Benchmarks" not in labels and "Adding an article" not in labels
    about = next(item for item in top.find_all("li", recursive=False)
                 if item.find(["a", "label"]).get_text(" ", strip=True) == "About")
    assert {"Benchmarks", "Adding an article", "About this archive"} <= {a.get_text(strip=True) for a in about.select("a")}


def test_every_page_of_a_paginated_language_list_links_the_feed_at_the_root() -> None:
    layout = Layout()
    articles = [_article(f"a{n}", f"Article {n}") for n in range(5)]
    pages = paginated("browse/languages/en", "English", "All.", articles, layout, 2, feed=("feed-en.xml", "en"))
    assert len(pages) == 3
    for page in pages:
        here = layout.url(page.src_uri)
        soup = BeautifulSoup(page.markdown.split("---\n", 2)[2], "html.parser")
        href = soup.find("a", type="application/atom+xml")["href"]
        assert posixpath.normpath(posixpath.join(here, href)) == "feed-en.xml", (page.src_uri, href)
        assert f'"href": "{href}"' in page.markdown  # the head's <link rel="alternate">, from front matter


def test_company_is_ranked_by_shared_articles_then_by_mentions_not_the_alphabet() -> None:
    """Twelve names in one shared article each, alphabetically before Russia, must not push Russia (one
    shared article too, but far more mentions) off the list; a name in two shared articles leads it."""
    articles = [_article(f"a{n}", f"Article {n}") for n in range(14)]
    putin = Entity("putin", "person", "Vladimir Putin", articles=[a.id for a in articles], mentions=30)
    russia = Entity("russia", "place", "Russia", articles=["a0", "x"], mentions=24)
    kremlin = Entity("kremlin", "organisation", "Kremlin", articles=["a1", "a2"], mentions=4)
    minor = [Entity(f"minor-{n:02d}", "person", f"Alexander {chr(65 + n)}", articles=[f"a{n + 1}", "x"], mentions=2)
             for n in range(12)]
    entities = [putin, russia, kremlin, *minor]
    index = EntityIndex(entities, {e.id: e for e in entities})
    for entity in entities:
        for article_id in entity.articles:
            index.mentions_of.setdefault(article_id, []).append((None, entity.id))  # type: ignore[arg-type]
    articles.append(_article("x", "Elsewhere"))
    page = next(p for p in entity_pages(index, articles, Layout(), 50, lambda i: None) if p.src_uri == "entities/putin.md")
    company = BeautifulSoup(page.markdown, "html.parser").select(".corpus-company > li")
    names = [li.a.get_text() for li in company]
    assert len(names) == 12 and names[:2] == ["Kremlin", "Russia"]
    assert company[0].select_one("span").get_text() == "2 shared articles"
    assert company[1].select_one("span").get_text() == "1 shared article"


def _article(article_id: str, title: str) -> Article:
    return Article(article_id, f"{article_id}.txt", "en", 1.0, title, False, None, None, (), (), None,
                   (Block("paragraph", title),), 2, 1)


def test_published_html_loses_indentation_but_keeps_preformatted_text() -> None:
    page = ("<html>\n  <body>\n\n    <p>One\n       two</p>\n    <pre>  a\n    b</pre>\n"
            "    <script>if (a)\n      b();</script>\n  </body>\n</html>\n")
    assert compact(page) == "<html><body><p>One\ntwo</p>\n<pre>  a\n    b</pre>\n<script>if (a)\n      b();</script>\n</body></html>\n"
    # A line break between two inline elements reads as a space and stays; next to a block it shows nothing.
    assert compact("<div>\n  <a>x</a>\n  <b>y</b>\n</div>\n<p>z</p>") == "<div><a>x</a>\n<b>y</b></div><p>z</p>"
