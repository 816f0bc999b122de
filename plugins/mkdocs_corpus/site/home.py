"""The corpus at a glance, where a hand-written home page says `<!-- corpus:figures -->`: its counts, articles
per month by language, its languages and sources, the newest stories and the most mentioned entities."""
from __future__ import annotations

from collections import Counter

from ..pipeline.entities import EntityIndex
from ..pipeline.model import Corpus
from ..pipeline.versions import StoryIndex
from .browse import ALL_ARTICLES, ENTITIES, LANGUAGES, SOURCES, STORIES, Layout, entity_src
from .charts import articles_per_period, stacked_bars
from .html import text
from .language_names import language_name
from .listing import newest_first
from .stories import pivot, story_item
from .urls import source_key

FIGURES_MARKER = "<!-- corpus:figures -->"
NEWEST_STORIES = 8
TOP_SOURCES = 10
TOP_ENTITIES = 12


def figures_html(corpus: Corpus, layout: Layout, here: str, stories: StoryIndex | None = None,
                 entities: EntityIndex | None = None) -> str:
    """One raw HTML block (no blank line inside, so Markdown leaves it whole)."""
    stories = stories or StoryIndex()
    articles = corpus.articles
    by_lang = Counter(a.lang for a in articles)
    by_source = Counter(a.source for a in articles if a.source)
    # The entity registry is read, not skipped: it is no article, and no failure either.
    skipped = sum(o.outcome == "skipped" and o.path != corpus.registry for o in corpus.outcomes)
    paged = [e for e in entities.entities if e.page] if entities else []
    rows = [
        ("Articles", f"{len(articles):,}", f"{ALL_ARTICLES}/index.md"),
        ("Languages", f"{len(by_lang):,}", f"{LANGUAGES}/index.md"),
        ("Sources", f"{len(by_source):,}", f"{SOURCES}/index.md"),
        ("Stories in several languages", f"{len(stories.stories):,}", f"{STORIES}/index.md"),
        ("Entities with a page", f"{len(paged):,}", f"{ENTITIES}/index.md"),
        ("Words", f"{sum(a.words for a in articles):,}", None),
        ("Files skipped", f"{skipped:,}", None),
    ]
    cells = "".join(
        f"<tr><td>{_label(label, target and layout.link(here, target))}</td><td>{value}</td></tr>"
        for label, value, target in rows
    )
    parts = [f'<table class="corpus-figures"><tbody>{cells}</tbody></table>']
    periods, counts, undated = articles_per_period(articles)
    note = f"{undated:,} articles carry no date." if undated else ""
    parts.append("<h2>Articles per month</h2>" + stacked_bars(
        "corpus-home-months", "Articles per month, by language",
        "Each bar counts the articles published that month, stacked by the language they are written in.",
        periods, counts, note))
    languages = "".join(
        f'<tr><td><a href="{layout.link(here, f"{LANGUAGES}/{code}/index.md")}">{text(language_name(code))}</a> '
        f"<code>{text(code)}</code></td><td>{n:,}</td></tr>"
        for code, n in sorted(by_lang.items(), key=lambda item: (-item[1], item[0]))
    )
    sources = "".join(
        f'<tr><td><a href="{layout.link(here, f"{SOURCES}/{source_key(name)}/index.md")}">{text(name)}</a></td>'
        f"<td>{n:,}</td></tr>"
        for name, n in sorted(by_source.items(), key=lambda item: (-item[1], item[0]))[:TOP_SOURCES]
    )
    more = (f'<p><a href="{layout.link(here, f"{SOURCES}/index.md")}">All {len(by_source):,} sources</a></p>'
            if len(by_source) > TOP_SOURCES else "")
    parts.append('<div class="corpus-glance">'
                 f'<section><h2>Languages</h2><table class="corpus-groups"><thead><tr><th>Language</th><th>Articles</th>'
                 f"</tr></thead><tbody>{languages}</tbody></table></section>"
                 f'<section><h2>Sources</h2>' + (
                     f'<table class="corpus-groups"><thead><tr><th>Source</th><th>Articles</th></tr></thead>'
                     f"<tbody>{sources}</tbody></table>{more}" if sources else '<p class="corpus-empty">None named.</p>')
                 + "</section></div>")
    parts.append(_newest_stories(corpus, stories, layout, here))
    if paged:
        top = sorted(paged, key=lambda e: (-e.mentions, -len(e.articles), e.name))[:TOP_ENTITIES]
        items = "".join(
            f'<li><a href="{layout.link(here, entity_src(e.id))}">{text(e.name)}</a> '
            f'<span class="corpus-count">{e.mentions:,} mentions in {len(e.articles):,} articles</span></li>'
            for e in top
        )
        parts.append(f'<h2>Most mentioned</h2><ol class="corpus-ranked">{items}</ol>'
                     f'<p><a href="{layout.link(here, f"{ENTITIES}/index.md")}">All entities</a></p>')
    return '<div class="corpus-home">' + "".join(parts) + "</div>\n"


def _newest_stories(corpus: Corpus, stories: StoryIndex, layout: Layout, here: str) -> str:
    if not stories.stories:
        return ""
    by_id = {a.id: a for a in corpus.articles}
    pivots = {pivot(s, stories, by_id): s for s in stories.stories}
    items = []
    for article in newest_first([by_id[i] for i in pivots])[:NEWEST_STORIES]:
        items.append(story_item(pivots[article.id], article, stories, layout, here))
    href = layout.link(here, f"{STORIES}/index.md")
    every = f'<a href="{href}">Every story in several languages ({len(stories.stories):,})</a>'
    return f'<h2>Newest stories</h2><ol class="corpus-list">{"".join(items)}</ol><p>{every}</p>'


def _label(label: str, href: str | None) -> str:
    return f'<a href="{href}">{label}</a>' if href else label
