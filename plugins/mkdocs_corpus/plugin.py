"""MkDocs wiring: each event hands off to a pipeline stage, the site's pages, or an engine session."""
from __future__ import annotations

import time
from dataclasses import replace
from importlib.resources import files as resources
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from .config import CorpusConfig, corpus_folder_problem
from .engine.build import BuildSession
from .engine.cache import unusable
from .engine.loading import Settings, load_corpus
from .engine.packed import PackedPage
from .engine.pagefind import BODY_MARKER, material_search_problem
from .engine.progress import Progress
from .engine.render_key import build_salt, others_listen, template_dirs
from .engine.render_session import RenderSession
from .engine.rendering import RenderCache
from .engine.stages import entity_stage, translation_stage
from .engine.stats import CacheUse
from .engine.theme_files import drop_unused_theme_files
from .pipeline.analysis import Options
from .pipeline.entities import EntityIndex
from .pipeline.model import Corpus, Problem
from .pipeline.translations import UseEmbedder
from .pipeline.versions import StoryIndex
from .site.article import without_facets
from .site.browse import GeneratedPage, Layout, article_pages, browse_pages
from .site.compact import compact
from .site.exports import write_exports
from .site.feeds import atom_feeds
from .site.home import FIGURES_MARKER, figures_html
from .site.language_names import html_language, theme_codes
from .site.messages import Html, NavTitles, script_messages, t
from .site.search_pages import (
    language_names_json,
    name_shards,
    search_languages,
    search_pages,
    search_urls,
    searchable_texts,
    word_shards,
    write_name_index,
    write_word_index,
)
from .site.security import with_policy
from .site.sitemaps import site_sitemap, story_sitemaps, write_sitemap
from .site.stories import STORY_SCRIPT

log = get_plugin_logger(__name__)
CSS = "assets/corpus.css"
SCOPE_SCRIPT = "assets/corpus-scope.js"  # theme/partials/javascripts/base.html loads it
SEARCH_CSS = "assets/corpus-search.css"  # with Pagefind, published inside corpus.css: one link less on every page
SEARCH_SCRIPT = "assets/corpus-search.js"


class CorpusPlugin(BasePlugin[CorpusConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.build: BuildSession | None = None
        self.render: RenderSession | None = None
        self.corpus = Corpus()
        self.stories = StoryIndex()
        self.entities = EntityIndex()
        self.caches = CacheUse()
        self.generated: set[str] = set()  # src_uri of every page this plugin generated
        self.page_urls: list[str] = []  # every page written, for the sitemap
        self.search_languages: list[str] = []
        self.name_shards: dict[str, list[list[Any]]] = {}  # the search page's entity names (site/search_pages.py)
        self.word_shards: dict[str, dict[str, str]] | None = None  # the beginnings of each language's words (idem)
        self.cache_notice: Problem | None = None  # why this build runs without its caches, if it does

    def on_config(self, config: Any) -> Any:
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path or ".").parent
        self.corpus_root = (root / self.config.corpus_dir).resolve()
        if not self.corpus_root.is_dir():
            raise PluginError(f"corpus_dir: folder not found: {self.corpus_root}")
        problem = corpus_folder_problem(self.corpus_root, Path(config.site_dir).resolve(), Path(config.docs_dir).resolve())
        if problem:
            raise PluginError(f"corpus_dir: {problem}")
        self.layout = Layout(directory_urls=config.use_directory_urls, lang=html_language(config.theme["language"]))
        self.cache_dir = (root / self.config.cache_dir).resolve() if self.config.cache_dir else None
        self.cache_notice = None
        if self.cache_dir is not None and (reason := unusable(self.cache_dir)):
            # A cache only saves time: without one the build is slower, not wrong.
            self.cache_notice = Problem(str(self.cache_dir), f"cache_dir is not a folder the build can write ({reason}); "
                                        "building without caches", "notice")  # logged with the corpus's
            self.cache_dir = None
        theme_dir = str(resources("mkdocs_corpus") / "theme")
        # After the user's custom_dir (theirs wins), before the theme's own templates.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, theme_dir)
        config.extra_css.append(CSS)
        material_search = [p for name, p in config.plugins.items() if name in ("search", "material/search")]
        self.material_search = any(getattr(p.config, "enabled", True) for p in material_search)
        problem = material_search_problem(self.config.search, self.material_search)
        if problem:
            raise PluginError(problem)
        self.pagefind = self.config.search in ("pagefind", "both")
        self.theme_codes = theme_codes()  # the same choice as site.language_names.interface_language
        return config

    def on_pre_build(self, config: Any) -> None:
        self._close()  # a session left by a build that ended without MkDocs' events (serve, interrupted)
        if self.config.enabled:
            self.build = BuildSession(Path(config.site_dir), clean_in_place=self.config.clean_in_place,
                                      pagefind=self.pagefind)
            self.caches = CacheUse()

    # Late, so other plugins' pages exist first and none of ours is mistaken for theirs.
    @event_priority(-50)
    def on_files(self, files: Files, config: Any) -> Files:
        if self.build is None:
            return files
        self.build.restore_site()
        stopwatch = self.build.stopwatch
        options = Options(tuple(self.config.languages), self.config.min_language_confidence, self.config.entities)
        settings = Settings(options, self.config.max_file_size, self.config.workers, self.cache_dir)
        progress = Progress()
        with stopwatch.stage("corpus"):
            # A new or edited article most likely has new sentences: the encoder loads while the pool analyses.
            encoder = UseEmbedder.load if self.config.translations else None
            self.corpus = load_corpus(self.corpus_root, settings, progress, meanwhile=encoder, use=self.caches)
        if self.cache_notice is not None:
            self.corpus.problems.append(self.cache_notice)
        self.page_urls = []
        self.stories = StoryIndex()
        if self.config.translations:
            with stopwatch.stage("translations"):
                self.stories, problems = translation_stage(self.corpus.articles, self.config.translation_threshold,
                                                           self.cache_dir, progress, self.caches)
            self.corpus.problems.extend(problems)
        self.entities = EntityIndex()
        if self.config.entities:
            with stopwatch.stage("entities"):
                self.entities = entity_stage(self.corpus, self.corpus_root, self.stories,
                                             self.config.entity_min_articles, self.cache_dir, self.caches)
        with stopwatch.stage("pages"):
            self._add_pages(files, config)
        drop_unused_theme_files(files, self.material_search)
        return files

    def _all_indexed(self, files: Files, config: Any) -> bool:
        """Whether Pagefind has every searchable page once our article pages are handed over: no other plugin
        or hook handles pages, and no hand-written page nor any template outside the packaged themes asks for
        search (`data-pagefind-body`), so nothing MkDocs renders later would add to the index."""
        if others_listen(self, config):
            return False
        marker = BODY_MARKER.encode()
        for file in files.documentation_pages():
            if file.src_uri not in self.generated and marker in file.content_bytes:
                return False
        return not any(marker in path.read_bytes() for d in template_dirs(config) for path in d.rglob("*.html"))

    def _add_pages(self, files: Files, config: Any) -> None:
        assert self.build is not None
        for problem in self.corpus.problems:
            (log.warning if problem.severity == "warning" else log.info)(f"{problem.path}: {problem.message}")
        self.generated = set()
        entities = self.entities if self.config.entities else None
        indexer = self.build.indexer
        index_language: dict[str | None, str] = {}  # article language -> its Pagefind index's
        for page in article_pages(self.corpus.articles, self.layout, self.stories, entities):
            if indexer is not None:  # Pagefind indexes it while the build goes on
                lang = html_language(self.theme_codes.get(page.lang or "", config.theme["language"]))
                index_language[page.lang] = lang
                self.build.index("/" + self.layout.url(page.src_uri), page.markdown, lang)
            self._add_page(replace(page, markdown=without_facets(page.markdown)), files, config)
        self.word_shards = None  # without it the search page runs every query in every language
        if indexer is not None and self._all_indexed(files, config):
            indexer.write_soon(Path(config.site_dir))  # Pagefind writes while MkDocs goes on
            # Only our article pages are searchable: the words they hold are all a query can match.
            self.word_shards = word_shards(searchable_texts(self.corpus.articles, index_language))
        for page in browse_pages(self.corpus.articles, self.layout, self.config.page_size, self.stories, entities,
                                 config.theme["language"]):
            self._add_page(page, files, config)
        for path, xml in story_sitemaps(self.stories, self.layout, config.site_url).items():
            files.append(File.generated(config, path, content=xml))
        for path, xml in atom_feeds(self.corpus.articles, self.layout, config.site_name, config.site_url).items():
            files.append(File.generated(config, path, content=xml))
        assets = resources("mkdocs_corpus")
        css = (assets / CSS).read_bytes() + ((assets / SEARCH_CSS).read_bytes() if self.pagefind else b"")
        files.append(File.generated(config, CSS, content=css))
        for asset in (SCOPE_SCRIPT, STORY_SCRIPT):
            files.append(File.generated(config, asset, content=(assets / asset).read_bytes()))
        if self.pagefind:
            self.search_languages = search_languages({a.lang for a in self.corpus.articles}, config.theme["language"])
            self.name_shards = name_shards(self.entities, self.layout)
            words = sorted(self.word_shards) if self.word_shards is not None else None
            for page in search_pages(self.search_languages, self.layout, sorted(self.name_shards), words):
                files.append(File.generated(config, page.src_uri, content=page.markdown, inclusion=InclusionLevel.NOT_IN_NAV))
            files.append(File.generated(config, SEARCH_SCRIPT, content=(assets / SEARCH_SCRIPT).read_bytes()))

    def _add_page(self, page: GeneratedPage, files: Files, config: Any) -> None:
        self.generated.add(page.src_uri)
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        existing = files.get_file_from_path(page.src_uri)
        if existing is not None:
            log.warning(f"{page.src_uri}: a file in docs/ has the path of a generated page; the generated page wins")
            files.remove(existing)
        files.append(PackedPage.of(config, page.src_uri, page.markdown, inclusion))

    # Last: the build-wide part of the render cache's key needs the final navigation.
    @event_priority(-100)
    def on_nav(self, nav: Any, config: Any, files: Files) -> Any:
        if self.build is None:
            return nav
        salt = build_salt(self, config, nav, files, self.generated,
                          sorted(self.search_languages) if self.pagefind else None)
        self.render = RenderSession(RenderCache(self.cache_dir if self.config.render_cache else None, salt), self._secured)
        if not others_listen(self, config):
            with self.build.stopwatch.stage("cached pages"):
                # A generated page: on_files handed it to search.
                self.page_urls += self.render.write_cached(files, Path(config.site_dir), self.generated)
        return nav

    def on_env(self, env: Any, config: Any, files: Files) -> Any:
        self.env = env
        self.pages_started = time.perf_counter()  # MkDocs renders the pages next
        if self.config.enabled:
            env.globals["corpus_theme_codes"] = self.theme_codes
            # `tojson` in templates (the theme's configuration, an article's schema.org data) without spaces.
            env.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":")}
            # Our interface strings, for our templates (site/messages/): the page's language is Material's `lang.t("language")`.
            env.globals.update(corpus_t=t, corpus_html=Html, corpus_script_messages=script_messages,
                               corpus_nav_title=NavTitles(self.layout.lang), corpus_site_lang=self.layout.lang,
                               corpus_language_names=language_names_json)
            # Read by theme/partials/corpus-search-form.html: the search page of each page language.
            env.globals["corpus_search"] = {
                "pages": search_urls(self.search_languages, self.layout), "default": config.theme["language"],
            } if self.pagefind else None
        return env

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Files) -> str:
        if self.render is None:
            return markdown
        if page.file.src_uri in self.generated:
            # Our pages are escaped HTML already: Python-Markdown would only re-parse it, at about half of the
            # build's time. It gets an empty document; the HTML goes in just before the theme renders it,
            # unless the render cache has the whole page: then the theme is skipped too.
            self.render.read(page)
            return ""
        if FIGURES_MARKER in markdown:
            markdown = markdown.replace(FIGURES_MARKER, figures_html(self.corpus, self.layout, page.file.src_uri,
                                                                     self.stories, self.entities))
        return markdown

    def on_page_content(self, html: str, page: Any, config: Any, files: Files) -> str:
        # MkDocs checks links to `page.md#anchor` against the anchors of the Markdown it converted: for our
        # pages, none; their anchors are those of the page's own HTML.
        anchors = self.render.anchors(page) if self.render is not None else None
        if anchors is not None:
            page.present_anchor_ids = anchors
        return html

    # First, so that other plugins see the page's real content.
    @event_priority(100)
    def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        if self.render is not None:
            self.render.context(page, lambda template: self.env.get_template(template).render(context))
        return context

    # First: a cached page's HTML replaces the placeholder before anyone else sees it.
    @event_priority(100)
    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        if self.render is None or self.build is None:
            return output
        output = self.render.output(page, output)
        self.page_urls.append(page.url)  # for the sitemap
        if page.file.src_uri not in self.generated:  # on_files handed ours to search
            self.build.index("/" + page.url, output)
        return output

    def _secured(self, output: str) -> str:
        """A page as published: without the templates' indentation, then with its security policy."""
        output = compact(output)
        return with_policy(output) if self.config.content_security_policy else output

    def on_post_template(self, output_content: str, template_name: str, config: Any) -> str:
        # The theme's 404 page is rendered as a template, not a page.
        if self.config.enabled and template_name.endswith(".html"):
            return self._secured(output_content)
        return output_content

    def on_post_build(self, config: Any) -> None:
        if self.build is None:
            return
        stopwatch = self.build.stopwatch
        stopwatch.add("MkDocs pages", time.perf_counter() - self.pages_started)
        if self.render is not None:
            self.caches.count("rendered_pages", self.render.renders)
        with stopwatch.stage("exports"):
            write_exports(Path(config.site_dir), self.corpus, self.layout, self.stories, self.entities, self.caches.counts)
            if self.pagefind:
                write_name_index(Path(config.site_dir), self.name_shards)
                write_word_index(Path(config.site_dir), self.word_shards or {})
        if config.site_url:  # a sitemap needs absolute URLs; MkDocs' own is empty without one
            write_sitemap(Path(config.site_dir), site_sitemap(self.page_urls, self.stories, self.layout, config.site_url))
        try:
            self.build.finish()
            if self.render is not None:
                log.info(self.render.finish())
            log.info(f"time per stage: {stopwatch.summary()}")
        finally:
            self._close()

    def on_build_error(self, error: Exception) -> None:
        self._close()

    def _close(self) -> None:
        if self.render is not None:
            self.render.close()
            self.render = None
        if self.build is not None:
            self.build.close()
            self.build = None
