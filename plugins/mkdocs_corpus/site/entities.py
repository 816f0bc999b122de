"""Entity pages: the A–Z index (all, and by type) and one page per entity: its articles per month as a chart,
its company ranked by shared articles, and every article that mentions it grouped by story, with
keyword-in-context lines from one version of each story."""
from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence

from ..pipeline.analysis import name_units
from ..pipeline.entities import EntityIndex
from ..pipeline.entities.index import sort_name
from ..pipeline.entities.model import Entity, Mention
from ..pipeline.model import Article
from .charts import articles_per_period, stacked_bars
from .html import dir_attr, front_matter, text
from .language_names import language_name
from .listing import NO_VERSIONS, GeneratedPage, Versions, chips, facts, pager, titled
from .pagination import paginate
from .urls import Layout, article_src

ENTITIES = "browse/entities"
TYPE_FOLDERS = {"person": "people", "place": "places", "organisation": "organisations", "other": "other"}
TYPE_TITLES = {"person": "People", "place": "Places", "organisation": "Organisations", "other": "Other names"}
CONTEXT_CHARS = 70
KWIC_PER_ARTICLE = 3
COMPANY = 12
COMPANY_ARTICLES = 300  # how many of an entity's articles are read to find its company
LANG = "en"  # entity pages speak English whatever the interface language, their "page N of M" headings too


def entity_src(entity_id: str) -> str:
    return f"entities/{entity_id}.md"


def entity_pages(index: EntityIndex, articles: Sequence[Article], layout: Layout, page_size: int,
                 story_of: Callable[[str], str | None], versions: Versions = NO_VERSIONS,
                 page_lang: str = "en") -> Iterator[GeneratedPage]:
    """One at a time: at 20,000 articles the entity pages alone are 15,000. `versions`: each article's story
    languages and page; `page_lang`: the language whose version of a story is quoted first."""
    by_id = {a.id: a for a in articles}
    paged = [e for e in index.entities if e.page]
    yield _overview(index, paged, layout)
    yield from _az(f"{ENTITIES}/all", "All entities", paged, layout, page_size * 2)
    for kind, folder in TYPE_FOLDERS.items():
        members = [e for e in paged if e.type == kind]
        if members:
            yield from _az(f"{ENTITIES}/{folder}", TYPE_TITLES[kind], members, layout, page_size * 2)
    named_in = {article_id: {entity_id for _, entity_id in found} for article_id, found in index.mentions_of.items()}
    for entity in paged:
        yield from _entity(entity, index, by_id, layout, page_size, story_of, named_in, versions, page_lang)


def _overview(index: EntityIndex, paged: Sequence[Entity], layout: Layout) -> GeneratedPage:
    src = f"{ENTITIES}/index.md"
    counts = Counter(e.type for e in paged)
    rows = "".join(
        f'<tr><td><a href="{layout.link(src, f"{ENTITIES}/{folder}/index.md")}">{TYPE_TITLES[kind]}</a></td>'
        f"<td>{counts[kind]:,}</td></tr>"
        for kind, folder in TYPE_FOLDERS.items() if counts[kind]
    )
    top = sorted(paged, key=lambda e: (-len(e.articles), -e.mentions, e.name))[:30]
    unpaged = len(index.entities) - len(paged)
    note = (f" {unpaged:,} more names occur in a single article each; their articles list them." if unpaged else "")
    parts = [titled("Entities"), "<h1>Entities</h1>\n",
             '<p class="corpus-intro">The people, places and organisations the articles mention, one entry each '
             'whatever the language. <a href="' + layout.link(src, f"{ENTITIES}/all/index.md") + f'">All, A–Z</a>.{note}</p>\n']
    if rows:
        head = "<thead><tr><th>Type</th><th>Entities</th></tr></thead>"
        parts.append(f'<table class="corpus-groups">{head}<tbody>{rows}</tbody></table>\n')
        parts.append("<h2>Most mentioned</h2>\n" + _table(top, src, layout))
    else:
        parts.append('<p class="corpus-empty">None yet.</p>\n')
    return GeneratedPage(src, "\n".join(parts), in_nav=True)


def _az(folder: str, title: str, entities: Sequence[Entity], layout: Layout, page_size: int) -> list[GeneratedPage]:
    """A–Z pages with a letter bar that links each letter to the page where it starts."""
    pages = paginate(sorted(entities, key=lambda e: (sort_name(e.name), e.id)), page_size, folder)
    first_page: dict[str, str] = {}  # letter -> the page where it starts
    for page in pages:
        for entity in page.items:
            first_page.setdefault(_letter(entity.name), page.src)
    generated = []
    for page in pages:
        letters = " ".join(
            f'<a href="{layout.link(page.src, first)}#letter-{text(letter)}">{text(letter)}</a>'
            for letter, first in first_page.items()
        )
        heading = page.heading(title, LANG)
        bar = f'<nav class="corpus-letters" aria-label="A–Z">{letters}</nav>\n'
        parts = [titled(heading), f"<h1>{text(heading)}</h1>\n", bar]
        parts.append(_table(page.items, page.src, layout, letters=True) if page.items
                     else '<p class="corpus-empty">None yet.</p>\n')
        if page.count > 1:
            parts.append(pager(page, layout, ("← Previous", "Next →")))
        generated.append(GeneratedPage(page.src, "\n".join(parts), in_nav=False))
    return generated


def _letter(name: str) -> str:
    first = sort_name(name)[:1].upper()
    return first if first.isalpha() else "#"


def _table(entities: Sequence[Entity], here: str, layout: Layout, letters: bool = False) -> str:
    rows, seen = [], set()
    for entity in entities:
        letter = _letter(entity.name)
        anchor = f' id="letter-{text(letter)}"' if letters and letter not in seen else ""
        seen.add(letter)
        rows.append(
            f'<tr{anchor}><td><a href="{layout.link(here, entity_src(entity.id))}">{text(entity.name)}</a></td>'
            f'<td>{entity.type}</td><td>{len(entity.articles):,}</td><td>{entity.mentions:,}</td></tr>'
        )
    head = "<thead><tr><th>Name</th><th>Type</th><th>Articles</th><th>Mentions</th></tr></thead>"
    return f'<table class="corpus-entities">{head}<tbody>{"".join(rows)}</tbody></table>\n'


def _entity(entity: Entity, index: EntityIndex, by_id: dict[str, Article], layout: Layout, page_size: int,
            story_of: Callable[[str], str | None], named_in: dict[str, set[str]], versions: Versions,
            page_lang: str) -> list[GeneratedPage]:
    groups: dict[str, list[str]] = defaultdict(list)
    for article_id in entity.articles:
        groups[story_of(article_id) or article_id].append(article_id)
    # The version quoted first: the page's language if the story has it, else the original order.
    ordered = [sorted(group, key=lambda i: by_id[i].lang != page_lang) for group in groups.values()]
    pages = paginate(ordered, page_size, entity_src(entity.id).removesuffix(".md"), first=entity_src(entity.id))
    head = _head(entity, index, pages[0].src, layout, named_in, [by_id[i] for i in entity.articles])
    generated = []
    for page in pages:
        title = page.heading(entity.name, LANG)
        front = {"title": text(title), "description": text(f"{entity.type}: every article that mentions {entity.name}"),
                 "hide": ["toc"]}
        parts = [front_matter(front), f'<h1>{text(title)}</h1>\n']
        parts.append(head if page.number == 1 else "")
        parts.append(f"<h2>Articles ({len(entity.articles):,}, in {len(ordered):,} stories)</h2>\n")
        parts.append('<ol class="corpus-mentions">' + "".join(
            _story(group, entity, index, by_id, page.src, layout, versions) for group in page.items) + "</ol>\n")
        if page.count > 1:
            parts.append(pager(page, layout, ("← Previous", "Next →")))
        generated.append(GeneratedPage(page.src, "\n".join(parts)))
    return generated


def _head(entity: Entity, index: EntityIndex, here: str, layout: Layout, named_in: dict[str, set[str]],
          articles: Sequence[Article]) -> str:
    facts = [("Type", text(entity.type)), ("Articles", f"{len(entity.articles):,}"), ("Mentions", f"{entity.mentions:,}")]
    if entity.wikidata:
        facts.append(("Wikidata", f'<a href="https://www.wikidata.org/wiki/{text(entity.wikidata)}">{text(entity.wikidata)}</a>'))
    items = "".join(f"<div><dt>{label}</dt><dd>{value}</dd></div>" for label, value in facts)
    # Per language: the name a page in it shows (`name_in`) first, then the other forms the articles use.
    names = "".join(
        f'<tr><td>{text(language_name(lang))} <code>{text(lang)}</code></td>'
        f'<td lang="{text(lang)}">{text(" · ".join(dict.fromkeys([entity.name_in(lang), *forms])))}</td></tr>'
        for lang, forms in entity.names.items()
    )
    html = f'<dl class="corpus-meta">{items}</dl>\n'
    html += f'<h2>Names</h2>\n<table class="corpus-names"><tbody>{names}</tbody></table>\n'
    periods, counts, undated = articles_per_period(articles)
    note = f"{undated:,} of its articles carry no date." if undated else ""
    html += "<h2>Over time</h2>\n" + stacked_bars(
        "corpus-entity-months", f"Articles that mention {entity.name}, per month",
        "Each bar counts the articles published that month that mention it, stacked by language.", periods, counts, note)
    company = _company(entity, index, named_in)
    if company:
        items = "".join(
            f'<li><a href="{layout.link(here, entity_src(other.id))}">{text(other.name)}</a> '
            f'<span>{n:,} shared article{"s" if n != 1 else ""}</span></li>'
            for other, n in company
        )
        html += (f'<h2>Mentioned with</h2>\n<p class="corpus-intro">The names most often in the same articles, '
                 f'by the number of articles they share.</p>\n<ol class="corpus-company">{items}</ol>\n')
    return html


def _company(entity: Entity, index: EntityIndex, named_in: dict[str, set[str]]) -> list[tuple[Entity, int]]:
    """The entities most often mentioned in the same articles (read from a bounded number of them;
    `named_in`: the entities each article mentions). Ties go to the one mentioned more often overall, not
    to the alphabet: a list cut at `COMPANY` must not drop a country for a name seen twice."""
    together: Counter[str] = Counter()
    for article_id in entity.articles[:COMPANY_ARTICLES]:
        together.update(named_in.get(article_id, ()))
    together.pop(entity.id, None)
    ranked = heapq.nsmallest(COMPANY, ((i, n) for i, n in together.items() if index.by_id[i].page),
                             key=lambda item: (-item[1], -index.by_id[item[0]].mentions,
                                               -len(index.by_id[item[0]].articles), sort_name(index.by_id[item[0]].name),
                                               item[0]))
    return [(index.by_id[i], n) for i, n in ranked]


def _story(group: list[str], entity: Entity, index: EntityIndex, by_id: dict[str, Article], here: str,
           layout: Layout, versions: Versions) -> str:
    """One story: its first version with its date, source, story languages and up to `KWIC_PER_ARTICLE` mentions
    in context; each other version by its title and its first mention (the name as that language writes it).
    The style sheet knows the parts by their place in `.corpus-mentions` (a version is a `div`, a mention in
    context a `p`), not by a class on each: an entity page can list hundreds."""
    parts = []
    for n, article_id in enumerate(group):
        article = by_id[article_id]
        texts = name_units(article)
        found = index.mentions_in.get((article_id, entity.id), ())[: KWIC_PER_ARTICLE if n == 0 else 1]
        kwic_html = "".join(f'<p lang="{text(article.lang)}">{kwic(texts[m.unit], m)}</p>' for m in found)
        link = (f'<a href="{layout.link(here, article_src(article_id))}" lang="{text(article.lang)}"'
                f"{dir_attr(article.title)}>{text(article.title)}</a>")
        if n == 0:
            parts.append(f'<div>{link}{chips(article, versions)} {facts(article)}{kwic_html}</div>')
        else:
            parts.append(f'<div>{link} <code>{text(article.lang)}</code>{kwic_html}</div>')
    return "<li>" + "".join(parts) + "</li>"


def kwic(unit: str, mention: Mention, width: int = CONTEXT_CHARS) -> str:
    """The mention in its context, name highlighted, cut at word boundaries; escaped."""
    left = unit[max(0, mention.start - width) : mention.start]
    right = unit[mention.end : mention.end + width]
    if mention.start > width and " " in left:
        left = "…" + left[left.index(" ") + 1 :]
    if len(unit) - mention.end > width and " " in right:
        right = right[: right.rindex(" ")] + "…"
    return f"{text(left)}<mark>{text(unit[mention.start : mention.end])}</mark>{text(right)}"
