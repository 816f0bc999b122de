"""The Markdown of one article page: front matter with its metadata, then the escaped text."""
from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from ..pipeline.entities import Entity
from ..pipeline.length import counted_in_characters
from ..pipeline.model import Article, Block
from ..pipeline.text import shown_path
from .entities import entity_src
from .html import anchor, dir_attr, front_matter, text
from .language_names import interface_language, language_name, language_name_in
from .listing import length_label
from .messages import long_date, t
from .stories import COLUMNS_PARAMETER
from .urls import Layout, article_src

DESCRIPTION_CHARS = 200
# An article's most mentioned entities, of those in more than one article, are its search filter values.
# The search page fetches every filter's values when a reader opens its filter panel and lists them all,
# so the list must not grow with the long tail of names: at most FILTER_ENTITIES per article, and only
# the archive's FILTER_VOCABULARY entities in most articles (a list a reader can scan; see
# `filter_vocabulary`).
FILTER_ENTITIES = 5
FILTER_VOCABULARY = 100
SCHEMA_TYPES = {"person": "Person", "place": "Place", "organisation": "Organization", "other": "Thing"}
# Pagefind decodes filter values' entities unevenly (`&amp;gt;` comes out as `>`), and its own UI (which
# a reader's other tools may put on the bundle) inserts them as HTML, so no escaping keeps them text:
# the characters that start markup or an entity become look-alikes.
_FILTER_SAFE = str.maketrans({"<": "\u2039", ">": "\u203a", "&": "\uff06"})


@dataclass(frozen=True)
class StoryLinks:
    """What an article page shows of the other versions of its story."""

    versions: tuple[tuple[str, str], ...] = ()  # (lang, article id), this article included
    story: str | None = None  # the story page's src
    pivot_lang: str | None = None  # the language of the version the story page aligns the others with
    original: str | None = None  # the story's original version (this one or another), None where it is not known
    translations: tuple[tuple[str, str], ...] = ()  # (lang, id) of versions translating this one


def filter_vocabulary(entities: Iterable[Entity]) -> frozenset[str]:
    """Ids of the entities that may be search filter values: those with a page in most articles."""
    shared = sorted((e for e in entities if e.page and len(e.articles) > 1), key=lambda e: (-len(e.articles), e.id))
    return frozenset(e.id for e in shared[:FILTER_VOCABULARY])


def article_markdown(article: Article, layout: Layout, source_src: str | None, language_src: str,
                     story: StoryLinks = StoryLinks(), entities: Sequence[Entity] = (),
                     filterable: Collection[str] | None = None) -> str:
    """The page for `article`; `*_src` are the listing pages its source and language link to;
    `entities` are the ones it mentions, most mentioned first; `filterable` the ids that may be
    search filter values (default: `filter_vocabulary(entities)`)."""
    here = article_src(article.id)
    ui = interface_language(article.lang, layout.lang)  # the page's <html lang>: its labels are in it
    front = {
        # MkDocs themes print meta values unescaped, so every corpus string goes in escaped.
        "title": text(article.title),
        "description": text(_lead(article.blocks)[:DESCRIPTION_CHARS]),
        "lang": article.lang,
        "article_id": article.id,
        "source": text(article.source) if article.source else None,
        "dateline": text(article.dateline) if article.dateline else None,
        "authors": [text(a) for a in article.authors],
        "editors": [text(e) for e in article.editors],
        "published": article.published,
        "words": article.words,
        "characters": article.characters,
        "reading_minutes": article.reading_minutes,
        "corpus_path": text(shown_path(article.path)),
        "hide": ["toc"],
        # Read by theme/main.html: hreflang alternates and schema.org data for the page head.
        "corpus_alternates": [{"lang": lang, "href": layout.link(here, article_src(i))} for lang, i in story.versions],
        "corpus_jsonld": _json_ld(article, layout, here, story, entities),
    }
    allowed = filter_vocabulary(entities) if filterable is None else filterable
    facets = tuple(e.name for e in entities if e.id in allowed)[:FILTER_ENTITIES]
    parts = [front_matter(front), _metadata(article, layout, here, source_src, language_src, ui),
             _search_facets(article, facets, _story_facets(layout, here, story))]
    if len(story.versions) > 1:
        parts.append(_versions(article, layout, here, story, ui))
    if article.title_inferred:
        parts.append(f'<p class="corpus-note">{t(ui, "article.untitled")}</p>\n')
    # Pagefind indexes only this element (of any page), so lists and hand-written pages stay out of search results.
    parts.append(f'<div class="corpus-text" lang="{text(article.lang)}" data-pagefind-body>')
    parts += [_block(block) for block in article.blocks if block.kind != "title"]
    parts.append("</div>\n")
    if entities:
        parts.append(_entity_links(entities, layout, here, ui, article.lang))
    return "\n".join(parts)


def _entity_links(entities: Sequence[Entity], layout: Layout, here: str, ui: str, lang: str) -> str:
    """The people, places and organisations the article mentions, each linking its entity page and
    called by its name in the article's language (Russland on a German page). Each type's group says its
    type once (`data-type`), not each name: an article can name dozens."""
    groups = []
    for kind in ("person", "organisation", "place", "other"):
        label = t(ui, f"entities.{kind}")
        links = [f'<a href="{layout.link(here, entity_src(e.id))}">{text(e.name_in(lang))}</a>'
                 if e.page else f'<span>{text(e.name_in(lang))}</span>'
                 for e in entities if e.type == kind]
        if links:
            groups.append(f'<div data-type="{kind}"><dt>{label}</dt><dd>{" · ".join(links)}</dd></div>')
    heading = t(ui, "entities.mentioned")
    return f'<h2 id="entities">{heading}</h2>\n<dl class="corpus-meta corpus-entities">{"".join(groups)}</dl>\n'


def _lead(blocks: tuple[Block, ...]) -> str:
    return next((b.text for b in blocks if b.kind == "paragraph"), "")


def _block(block: Block) -> str:
    attrs = dir_attr(block.text) + (f' lang="{text(block.lang)}"' if block.lang else "")
    if block.kind == "heading":
        return f'<h2 id="{anchor(block.text)}"{attrs}>{text(block.text)}</h2>'
    css = ' class="corpus-credits"' if block.kind == "credits" else ""
    return f"<p{css}{attrs}>{text(block.text)}</p>"


def _metadata(article: Article, layout: Layout, here: str, source_src: str | None, language_src: str,
              ui: str = "en") -> str:
    rows: list[tuple[str, str]] = []  # (field, value): the label is the field's string, its class `corpus-<field>`
    if article.source:
        value = text(article.source)
        if source_src:
            value = f'<a href="{layout.link(here, source_src)}">{value}</a>'
        rows.append(("source", value))
    if article.dateline:
        rows.append(("dateline", text(article.dateline)))
    if article.published:
        rows.append(("published", f'<time datetime="{text(article.published)}">{text(long_date(ui, article.published))}</time>'))
    if article.authors:
        rows.append(("authors", text(", ".join(article.authors))))
    if article.editors:
        rows.append(("editors", text(", ".join(article.editors))))
    language = f'<a href="{layout.link(here, language_src)}">{text(language_name_in(article.lang, ui))}</a>'
    rows.append(("language", f"{language} <code>{text(article.lang)}</code>"))
    rows.append(("length", f"{length_label(article, ui)} · {t(ui, 'length.minutes', article.reading_minutes)}"))
    rows.append(("file", f"<code>{text(shown_path(article.path))}</code>"))
    items = "".join(f'<div><dt>{t(ui, "meta." + field)}</dt><dd class="corpus-{field}">{value}</dd></div>'
                    for field, value in rows)
    return f'<dl class="corpus-meta">{items}</dl>\n'


def _story_facets(layout: Layout, here: str, story: StoryLinks) -> list[tuple[str, str, str]]:
    """What the search page needs to show the versions of one story as one result: the story's key (its first
    version's id, the same on every version's page) and each version as `lang link`, links relative to this page."""
    if len(story.versions) < 2:
        return []
    versions = " ".join(f"{lang} {layout.link(here, article_src(other))}" for lang, other in story.versions)
    return [("meta", "story", min(other for _, other in story.versions)), ("meta", "versions", versions)]


def _search_facets(article: Article, entities: tuple[str, ...] = (),
                   story: list[tuple[str, str, str]] | None = None) -> str:
    """Hidden values Pagefind reads as the result's title, its story (assets/corpus-search.js groups the versions
    of one story) and as search filters (see engine/pagefind.py)."""
    facets = [("meta", "title", article.title), *(story or ()), ("filter", "language", language_name(article.lang))]
    if article.source:
        facets.append(("filter", "source", article.source))
    if article.published and article.published[:4].isdigit():
        facets.append(("filter", "year", article.published[:4]))
    facets += [("filter", "entity", name) for name in entities]
    spans = "".join(
        f'<span data-pagefind-{kind}="{name}">{text(value.translate(_FILTER_SAFE) if kind == "filter" else value)}</span>'
        for kind, name, value in facets
    )
    return f'{FACETS_START}{spans}</div>\n'


FACETS_START = '<div class="corpus-search-facets" hidden>'


def without_facets(markdown: str) -> str:
    """An article page as published: the search facets are for Pagefind, which reads the page as generated
    (plugin.py hands it over then); a reader's browser never uses them. Their spans hold escaped text only,
    so the block's first `</div>` ends it."""
    start = markdown.find(FACETS_START)
    end = markdown.find("</div>\n", start)
    return markdown if start < 0 or end < 0 else markdown[:start] + markdown[end + len("</div>\n"):]


def _versions(article: Article, layout: Layout, here: str, story: StoryLinks, ui: str = "en") -> str:
    items = []
    for lang, other in story.versions:
        name = text(language_name(lang))
        if other == article.id:
            items.append(f'<strong lang="{text(lang)}">{name}</strong>')
        else:
            href = layout.link(here, article_src(other))
            items.append(f'<a href="{href}" hreflang="{text(lang)}" lang="{text(lang)}">{name}</a>')
    line = f'<p class="corpus-versions"><span>{t(ui, "story.versions")}</span> ' + " · ".join(items) + "</p>"
    if story.story:
        # The story page opens with this version beside the pivot (or the pivot beside the next one).
        shown = dict.fromkeys([story.pivot_lang or article.lang, article.lang])
        query = ",".join(text(lang) for lang in shown) if len(shown) > 1 else ""
        href = layout.link(here, story.story) + (f"?{COLUMNS_PARAMETER}={query}" if query else "")
        line += (f'\n<p class="corpus-side-by-side"><span>{t(ui, "story.side_by_side")}</span> '
                 f'<a href="{href}">{t(ui, "story.all_versions", len(story.versions))}</a></p>')
    return line + "\n"


def _json_ld(article: Article, layout: Layout, here: str, story: StoryLinks,
             entities: Sequence[Entity] = ()) -> dict[str, object]:
    """schema.org `NewsArticle`; `tojson` in the template escapes it for the page head."""
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "inLanguage": article.lang,
    }
    if not counted_in_characters(article.words, article.characters):
        data["wordCount"] = article.words  # schema.org counts words; CJK text has characters
    if article.published:
        data["datePublished"] = article.published
    if article.authors:
        data["author"] = [{"@type": "Person", "name": name} for name in article.authors]
    if article.source:
        data["publisher"] = {"@type": "Organization", "name": article.source}
    lang_of = dict((i, lang) for lang, i in story.versions)

    def ref(other: str) -> dict[str, str]:
        return {"@type": "NewsArticle", "@id": layout.link(here, article_src(other)), "inLanguage": lang_of.get(other, "")}

    if story.original and story.original != article.id:
        data["translationOfWork"] = ref(story.original)
    if story.translations:
        data["workTranslation"] = [ref(i) for _, i in story.translations]
    elif story.original is None and len(story.versions) > 1:
        # Nobody knows which came first: each version lists the others as its translations, and none claims
        # to be the translation of another (translationOfWork).
        data["workTranslation"] = [ref(i) for _, i in story.versions if i != article.id]
    if entities:
        data["mentions"] = [_thing(e, layout.link(here, entity_src(e.id)) if e.page else None) for e in entities]
    return data


def _thing(entity: Entity, href: str | None) -> dict[str, object]:
    thing: dict[str, object] = {"@type": SCHEMA_TYPES[entity.type], "name": entity.name}
    if href:
        thing["url"] = href
    if entity.wikidata:
        thing["sameAs"] = f"https://www.wikidata.org/wiki/{entity.wikidata}"
    return thing
