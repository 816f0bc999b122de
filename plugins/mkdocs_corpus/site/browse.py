"""Pages stage: the Markdown of every generated page (articles, lists, directories), in memory.

Hands on `GeneratedPage`s; the plugin turns them into MkDocs files. Imports nothing from MkDocs.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from ..pipeline.entities import EntityIndex
from ..pipeline.model import Article
from ..pipeline.versions import StoryIndex
from .article import StoryLinks, article_markdown, filter_vocabulary
from .dates import DATES, date_pages
from .entities import ENTITIES, entity_pages, entity_src
from .feeds import feed_path
from .language_names import language_name
from .listing import GeneratedPage, directory, language_label, paginated
from .parallel import parallel_markdown
from .urls import Layout, article_src, pair_src, source_key

__all__ = ["GeneratedPage", "Layout", "article_pages", "article_src", "browse_pages", "entity_src",
           "ALL_ARTICLES", "DATES", "ENTITIES", "LANGUAGES", "SOURCES", "STORIES"]

ALL_ARTICLES = "browse/all"
LANGUAGES = "browse/languages"
SOURCES = "browse/sources"
STORIES = "browse/translations"


def article_pages(articles: list[Article], layout: Layout, index: StoryIndex | None = None,
                  entities: EntityIndex | None = None) -> Iterator[GeneratedPage]:
    """Each article's page, one at a time: the pages search indexes, so the plugin hands them over first."""
    index = index or StoryIndex()
    filterable = filter_vocabulary(entities.entities) if entities else frozenset()
    for article in articles:
        source_src = f"{SOURCES}/{source_key(article.source)}/index.md" if article.source else None
        markdown = article_markdown(article, layout, source_src, f"{LANGUAGES}/{article.lang}/index.md",
                                    _story_links(article, index), entities.of_article(article.id) if entities else (),
                                    filterable)
        yield GeneratedPage(article_src(article.id), markdown, lang=article.lang)


def browse_pages(articles: list[Article], layout: Layout, page_size: int, index: StoryIndex | None = None,
                 entities: EntityIndex | None = None) -> Iterator[GeneratedPage]:
    """Every other generated page, one at a time (lists first): the lists, the entity pages and the side-by-side
    pages. The caller keeps each page's Markdown packed, so the whole site's never sits in memory at once."""
    index = index or StoryIndex()
    by_language: dict[str, list[Article]] = defaultdict(list)
    by_source: dict[str, list[Article]] = defaultdict(list)
    source_names: dict[str, str] = {}
    for article in articles:
        by_language[article.lang].append(article)
        if article.source:
            key = source_key(article.source)
            by_source[key].append(article)
            source_names.setdefault(key, article.source)

    pages = paginated(ALL_ARTICLES, "All articles", "Every article in the archive, newest first.",
                      articles, layout, page_size, in_nav=True)
    languages = sorted(by_language, key=lambda code: -len(by_language[code]))
    pages.append(directory(
        f"{LANGUAGES}/index.md", "Languages", "Articles by the language they are written in.",
        [(language_label(code), f"{LANGUAGES}/{code}/index.md", len(by_language[code])) for code in languages],
        layout,
    ))
    for code in languages:
        folder = f"{LANGUAGES}/{code}"
        feed = layout.asset(f"{folder}/index.md", feed_path(code))
        pages += paginated(folder, f"Articles in {language_name(code)}",
                           f'Every article written in {language_name(code)} ({code}), newest first. '
                           f'<a href="{feed}" type="application/atom+xml">Atom feed</a> of the newest.',
                           by_language[code], layout, page_size,
                           meta={"corpus_feed": {"href": feed, "lang": code, "title": f"{language_name(code)} (Atom)"}})
    pages += date_pages(articles, layout, page_size)
    sources = sorted(by_source, key=lambda key: (-len(by_source[key]), key))
    from .html import text

    pages.append(directory(
        f"{SOURCES}/index.md", "Sources", "Articles by the agency or outlet named in their dateline or front matter.",
        [(text(source_names[key]), f"{SOURCES}/{key}/index.md", len(by_source[key])) for key in sources],
        layout,
    ))
    for key in sources:
        pages += paginated(f"{SOURCES}/{key}", f"Articles from {source_names[key]}",
                           "Every article credited to this source.", by_source[key], layout, page_size)
    by_id = {a.id: a for a in articles}
    originals = [by_id[index.original(s.members[0]) or s.members[0]] for s in index.stories]
    pages += paginated(STORIES, "Stories in several languages",
                       "Every story the archive holds in more than one language, "
                       "listed by its original version where it is known.",
                       originals, layout, page_size, in_nav=True)
    yield from pages
    if entities is not None:
        yield from entity_pages(entities, articles, layout, page_size,
                                lambda article_id: story.key if (story := index.story_of.get(article_id)) else None)
    for story in index.stories:
        for alignment in story.alignments:
            src = pair_src(alignment)
            left, right = by_id[alignment.source], by_id[alignment.target]
            yield GeneratedPage(src, parallel_markdown(alignment, left, right, layout, src))


def _story_links(article: Article, index: StoryIndex) -> StoryLinks:
    translations = index.translations(article.id)
    if not translations:
        return StoryLinks()
    versions = tuple(sorted([*translations.items(), (article.lang, article.id)]))
    side_by_side = tuple(sorted(
        (index.lang_of[a.target if a.source == article.id else a.source], pair_src(a))
        for a in index.alignments(article.id)
    ))
    original = index.original(article.id)
    others = tuple(sorted(translations.items())) if original == article.id else ()
    return StoryLinks(versions, side_by_side, original, others)
