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
from .html import text
from .language_names import language_name
from .listing import GeneratedPage, Item, Versions, article_item, directory, language_label, paginated
from .stories import pivot, story_item, story_markdown, story_src
from .urls import Layout, article_src, source_key

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
    by_id = {a.id: a for a in articles}
    pivot_lang = {s.key: index.lang_of[pivot(s, index, by_id)] for s in index.stories}
    for article in articles:
        source_src = f"{SOURCES}/{source_key(article.source)}/index.md" if article.source else None
        markdown = article_markdown(article, layout, source_src, f"{LANGUAGES}/{article.lang}/index.md",
                                    _story_links(article, index, pivot_lang), entities.of_article(article.id) if entities else (),
                                    filterable)
        yield GeneratedPage(article_src(article.id), markdown, lang=article.lang)


def story_versions(index: StoryIndex) -> Versions:
    """Each translated article's story languages, for the lists."""
    langs: dict[str, tuple[str, ...]] = {}
    for story in index.stories:
        codes = tuple(sorted(index.lang_of[m] for m in story.members))
        for member in story.members:
            langs[member] = codes
    return Versions(langs)


def browse_pages(articles: list[Article], layout: Layout, page_size: int, index: StoryIndex | None = None,
                 entities: EntityIndex | None = None, page_lang: str = "en") -> Iterator[GeneratedPage]:
    """Every other generated page, one at a time (lists first): the lists, the entity pages and the story
    pages. The caller keeps each page's Markdown packed, so the whole site's never sits in memory at once.
    `page_lang`: the site's language, whose version a story page shows beside the pivot."""
    index = index or StoryIndex()
    versions = story_versions(index)
    item = article_item(layout, versions)
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
                      articles, layout, page_size, in_nav=True, item=item)
    languages = sorted(by_language, key=lambda code: -len(by_language[code]))
    pages.append(directory(
        f"{LANGUAGES}/index.md", "Languages", "Articles by the language they are written in.",
        [(language_label(code), f"{LANGUAGES}/{code}/index.md", len(by_language[code])) for code in languages],
        layout,
    ))
    for code in languages:
        pages += paginated(f"{LANGUAGES}/{code}", f"Articles in {language_name(code)}",
                           f"Every article written in {text(language_name(code))} ({text(code)}), newest first.",
                           by_language[code], layout, page_size, item=item, feed=(feed_path(code), code))
    pages += date_pages(articles, layout, page_size, item)
    sources = sorted(by_source, key=lambda key: (-len(by_source[key]), key))
    pages.append(directory(
        f"{SOURCES}/index.md", "Sources", "Articles by the agency or outlet named in their dateline or front matter.",
        [(text(source_names[key]), f"{SOURCES}/{key}/index.md", len(by_source[key])) for key in sources],
        layout,
    ))
    for key in sources:
        pages += paginated(f"{SOURCES}/{key}", f"Articles from {source_names[key]}",
                           "Every article credited to this source.", by_source[key], layout, page_size, item=item)
    by_id = {a.id: a for a in articles}
    pivots = [by_id[pivot(s, index, by_id)] for s in index.stories]
    pages += paginated(STORIES, "Stories in several languages",
                       "Every story the archive holds in more than one language, newest first, by the version its "
                       "page aligns the others with (the original where it is known); its languages link each version.",
                       pivots, layout, page_size, in_nav=True, item=_story_item(index, by_id, layout))
    yield from pages
    if entities is not None:
        yield from entity_pages(entities, articles, layout, page_size,
                                lambda article_id: story.key if (story := index.story_of.get(article_id)) else None,
                                versions, page_lang)
    for story in index.stories:
        yield GeneratedPage(story_src(story), story_markdown(story, index, by_id, layout, page_lang))


def _story_item(index: StoryIndex, by_id: dict[str, Article], layout: Layout) -> Item:
    return lambda article, here: story_item(index.story_of[article.id], article, index, layout, here)


def _story_links(article: Article, index: StoryIndex, pivot_lang: dict[str, str]) -> StoryLinks:
    translations = index.translations(article.id)
    if not translations:
        return StoryLinks()
    versions = tuple(sorted([*translations.items(), (article.lang, article.id)]))
    story = index.story_of[article.id]
    original = index.original(article.id)
    others = tuple(sorted(translations.items())) if original == article.id else ()
    return StoryLinks(versions, story_src(story), pivot_lang[story.key], original, others)
