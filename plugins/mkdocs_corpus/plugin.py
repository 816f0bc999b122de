"""MkDocs wiring: each event hands off to one pipeline stage; no corpus logic lives here."""
from __future__ import annotations

import json
import re
import time
from importlib.resources import files as resources
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import meta

from . import heap
from .analysis import Options
from .config import CorpusConfig
from .corpus import Settings, load_corpus
from .entities import EntityIndex
from .entity_stage import find_entities
from .exports import write_exports
from .feeds import atom_feeds
from .home import FIGURES_MARKER, figures_html
from .language_names import html_language, theme_codes
from .model import Corpus
from .packed import PackedPage, WrittenPage, content_digest
from .pages import GeneratedPage, Layout, article_pages, browse_pages
from .pages.search import search_languages, search_pages, search_urls
from .pages.sitemaps import site_sitemap, story_sitemaps, write_sitemap
from .progress import Progress, Stopwatch
from .rendering import RenderCache, render_salt
from .search import BODY_MARKER, BUNDLE, SearchError, SearchIndexer, material_search_problem
from .security import with_policy
from .site_folder import finished, keep_if_same, remove_stale, restore, set_aside
from .translations import UseEmbedder
from .versions import StoryIndex, find_versions

log = get_plugin_logger(__name__)
CSS = "assets/corpus.css"
SEARCH_ASSETS = ("assets/corpus-search.css", "assets/corpus-search.js")
CACHED_TEMPLATE = "corpus-cached.html"  # a page whose HTML comes from the render cache skips the theme
PACKAGED_TEMPLATES = tuple(Path(str(resources(name))) for name in ("mkdocs", "material"))
# Our options that change how the build runs, not what any page says: toggling them keeps the render cache.
NOT_RENDERED = frozenset({"workers", "cache_dir", "render_cache", "clean_in_place"})
# A cached page may skip MkDocs' page stage only when no other plugin listens to these.
PAGE_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content", "page_context", "post_page")
WRITE_BATCH = 256  # cached pages read from the cache per query
ANCHOR_ID = re.compile(r'\bid="([^"]+)"')
TEMPLATE_SETTINGS = ("site_name", "site_url", "site_description", "site_author", "copyright", "repo_url", "repo_name",
                     "edit_uri", "use_directory_urls", "extra", "extra_css", "extra_javascript", "extra_templates",
                     "markdown_extensions", "mdx_configs", "docs_dir")


class CorpusPlugin(BasePlugin[CorpusConfig]):
    corpus: Corpus
    entities: EntityIndex
    layout: Layout
    stories: StoryIndex

    def on_config(self, config: Any) -> Any:
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path or ".").parent
        self.corpus_root = (root / self.config.corpus_dir).resolve()
        if not self.corpus_root.is_dir():
            raise PluginError(f"corpus_dir: folder not found: {self.corpus_root}")
        self.layout = Layout(directory_urls=config.use_directory_urls)
        self.cache_dir = (root / self.config.cache_dir).resolve() if self.config.cache_dir else None
        theme_dir = str(resources("mkdocs_corpus") / "theme")
        # After the user's custom_dir (theirs wins), before the theme's own templates.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, theme_dir)
        config.extra_css.append(CSS)
        material_search = [p for name, p in config.plugins.items() if name in ("search", "material/search")]
        problem = material_search_problem(self.config.search, any(getattr(p.config, "enabled", True) for p in material_search))
        if problem:
            raise PluginError(problem)
        self.pagefind = self.config.search in ("pagefind", "both")
        if self.pagefind:
            config.extra_css.append(SEARCH_ASSETS[0])
        self.theme_codes = theme_codes(self.config.languages)
        return config

    # Late, so other plugins' pages exist first and none of ours is mistaken for theirs.
    @event_priority(-50)
    def on_files(self, files: Files, config: Any) -> Files:
        if not self.config.enabled:
            return files
        if self.previous_site:  # MkDocs has cleaned: the previous site comes back, to be overwritten
            reused = self.indexer is not None and self.indexer.reuse
            self.site_started, self.deleting = restore(Path(config.site_dir), fresh=() if reused else (BUNDLE,))
        options = Options(tuple(self.config.languages), self.config.min_language_confidence, self.config.entities)
        settings = Settings(options, self.config.max_file_size, self.config.workers, self.cache_dir)
        progress = Progress()
        with self.stopwatch.stage("corpus"):
            # A new or edited article most likely has new sentences: the encoder loads while the pool analyses.
            encoder = UseEmbedder.load if self.config.translations else None
            self.corpus = load_corpus(self.corpus_root, settings, progress, meanwhile=encoder)
        self.page_urls: list[str] = []
        self.stories = StoryIndex()
        if self.config.translations:
            with self.stopwatch.stage("translations"):
                self.stories, problems, hits = find_versions(
                    self.corpus.articles, self.config.translation_threshold, self.cache_dir, progress
                )
            self.corpus.problems.extend(problems)
            (self.corpus.vector_hits, self.corpus.vector_misses, self.corpus.anchor_hits,
             self.corpus.anchor_misses) = hits
        self.entities = EntityIndex()
        if self.config.entities:
            with self.stopwatch.stage("entities"):
                self.entities = find_entities(self.corpus, self.corpus_root, self.stories,
                                              self.config.entity_min_articles, self.cache_dir)
        with self.stopwatch.stage("pages"):
            self._add_pages(files, config)
        return files

    def _all_indexed(self, files: Files, config: Any) -> bool:
        """Whether Pagefind has every searchable page once our article pages are handed over (no other generated
        page asks for search): no other plugin or hook handles pages, and no hand-written page nor any template
        outside the packaged themes asks for search (`data-pagefind-body`), so nothing MkDocs renders later
        would add to the index."""
        if _others_listen(self, config, PAGE_EVENTS):
            return False
        marker = BODY_MARKER.encode()
        for file in files.documentation_pages():
            if file.src_uri not in self.generated and marker in file.content_bytes:
                return False
        return not any(marker in path.read_bytes() for d in _template_dirs(config) for path in d.rglob("*.html"))

    def _add_pages(self, files: Files, config: Any) -> None:
        for problem in self.corpus.problems:
            (log.warning if problem.severity == "warning" else log.info)(f"{problem.path}: {problem.message}")
        self.generated: set[str] = set()
        entities = self.entities if self.config.entities else None
        for page in article_pages(self.corpus.articles, self.layout, self.stories, entities):
            self._add_page(page, files, config)
            if self.indexer is not None:  # Pagefind indexes it while the build goes on
                lang = html_language(self.theme_codes.get(page.lang or "", config.theme["language"]))
                self._index("/" + self.layout.url(page.src_uri), page.markdown, lang)
        if self.indexer is not None and self._all_indexed(files, config):
            self.indexer.write_soon(Path(config.site_dir))  # Pagefind writes while MkDocs goes on
        for page in browse_pages(self.corpus.articles, self.layout, self.config.page_size, self.stories, entities):
            self._add_page(page, files, config)
        for path, xml in story_sitemaps(self.stories, self.layout, config.site_url).items():
            files.append(File.generated(config, path, content=xml))
        for path, xml in atom_feeds(self.corpus.articles, self.layout, config.site_name, config.site_url).items():
            files.append(File.generated(config, path, content=xml))
        css = (resources("mkdocs_corpus") / CSS).read_bytes()
        files.append(File.generated(config, CSS, content=css))
        if self.pagefind:
            self.search_languages = search_languages({a.lang for a in self.corpus.articles}, config.theme["language"])
            for page in search_pages(self.search_languages, self.layout):
                files.append(File.generated(config, page.src_uri, content=page.markdown, inclusion=InclusionLevel.NOT_IN_NAV))
            for asset in SEARCH_ASSETS:
                files.append(File.generated(config, asset, content=(resources("mkdocs_corpus") / asset).read_bytes()))

    def _add_page(self, page: GeneratedPage, files: Files, config: Any) -> None:
        self.generated.add(page.src_uri)
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        existing = files.get_file_from_path(page.src_uri)
        if existing is not None:
            log.warning(f"{page.src_uri}: a file in docs/ has the path of a generated page; the generated page wins")
            files.remove(existing)
        files.append(PackedPage.of(config, page.src_uri, page.markdown, inclusion))

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Files) -> str:
        if not self.config.enabled:
            return markdown
        if page.file.src_uri in self.generated:
            # Our pages are escaped HTML already: Python-Markdown would only re-parse it, at about
            # half of the build's time. It gets an empty document; on_page_context puts the HTML in
            # just before the theme renders it, unless the render cache has the whole page: then the
            # theme is skipped too.
            # Keyed by the whole source: the front matter (title, JSON-LD, alternates) reaches the <head>.
            source = page.file.content_string
            key = self.renders.key(page.file.src_uri, content_digest(page.file))
            hit = self.renders.has(key)
            self.render_keys[page.file.src_uri] = (key, hit)
            # MkDocs checks links to `page.md#anchor` against the anchors of the Markdown it converted,
            # here none: the anchors are those of the page's own HTML (on_page_content hands them over).
            self.anchor_ids[page.file.src_uri] = set(ANCHOR_ID.findall(source))
            if hit:
                page.meta["corpus_template"] = page.meta.get("template", "main.html")  # if the entry is gone by then
                page.meta["template"] = CACHED_TEMPLATE
            return ""
        if FIGURES_MARKER in markdown:
            markdown = markdown.replace(FIGURES_MARKER, figures_html(self.corpus, self.layout, page.file.src_uri))
        return markdown

    def on_page_content(self, html: str, page: Any, config: Any, files: Files) -> str:
        if self.config.enabled and page.file.src_uri in self.anchor_ids:
            page.present_anchor_ids = self.anchor_ids.pop(page.file.src_uri)
        return html

    def on_env(self, env: Any, config: Any, files: Files) -> Any:
        self.env = env
        self.pages_started = time.perf_counter()  # MkDocs renders the pages next
        if self.config.enabled:
            env.globals["corpus_theme_codes"] = self.theme_codes
            # Read by theme/partials/corpus-search-form.html: the search page of each page language.
            env.globals["corpus_search"] = {
                "pages": search_urls(self.search_languages, self.layout), "default": config.theme["language"],
            } if self.pagefind else None
        return env

    def on_pre_build(self, config: Any) -> None:
        self.stopwatch = Stopwatch()
        self.thresholds = heap.collect_rarely() if self.config.enabled else None
        # Just before MkDocs cleans the site folder: the previous site is kept out of its way (site_folder.py).
        whole = finished(Path(config.site_dir))
        self.previous_site = self.config.enabled and self.config.clean_in_place and set_aside(Path(config.site_dir))
        # Pagefind keeps the previous bundle's unchanged fragments if that build got to its end (search_bundle.py).
        self.indexer = SearchIndexer(reuse=bool(self.previous_site and whole)) if self.config.enabled and self.pagefind else None
        self.site_started, self.deleting = None, None

    # Last: the build-wide part of the render cache's key needs the final navigation.
    @event_priority(-100)
    def on_nav(self, nav: Any, config: Any, files: Files) -> Any:
        if not self.config.enabled:
            return nav
        settings = {name: config.get(name) for name in TEMPLATE_SETTINGS}
        settings["theme"] = dict(config.theme)
        settings["plugins"] = {name: _plugin_settings(plugin, self) for name, plugin in config.plugins.items()}
        settings["search_languages"] = sorted(self.search_languages) if self.pagefind else None
        others = _others_listen(self, config, PAGE_EVENTS)  # another plugin handles pages
        salt = render_salt(settings, _nav_entries(nav.items), _template_dirs(config),
                           _shown_elsewhere(files, nav, self.generated, others))
        folder = self.cache_dir if self.config.render_cache else None
        self.renders = RenderCache(folder, salt)
        self.render_keys: dict[str, tuple[str, bool]] = {}
        self.anchor_ids: dict[str, set[str]] = {}
        self.cached_output: str | None = None
        if not others:
            with self.stopwatch.stage("cached pages"):
                self._write_cached_pages(files, Path(config.site_dir))
        return nav

    def _write_cached_pages(self, files: Files, site_dir: Path) -> None:
        """Write each generated page outside the navigation whose HTML the render cache holds; MkDocs
        keeps only its address (`WrittenPage`). Pages in the navigation go through MkDocs, since the
        navigation is rendered from its pages."""
        keyed: dict[str, File] = {}
        for file in files:
            if isinstance(file, PackedPage) and file.src_uri in self.generated and file.inclusion.is_not_in_nav():
                key = self.renders.key(file.src_uri, file.digest)  # the page need not be unpacked
                if self.renders.has(key):
                    keyed[key] = file
        keys = list(keyed)
        for start in range(0, len(keys), WRITE_BATCH):
            for key, html in self.renders.get_pages(keys[start:start + WRITE_BATCH]).items():
                file = keyed[key]
                path = site_dir / file.dest_uri
                if not keep_if_same(path, html):  # the previous build's copy, kept by clean_in_place
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(html)
                self.page_urls.append(file.url)  # a generated page: on_files handed it to search
                files.remove(file)
                files.append(WrittenPage.of(file))

    # First, so that other plugins see the page's real content.
    @event_priority(100)
    def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        if not self.config.enabled or page.file.src_uri not in self.render_keys:
            return context
        key, hit = self.render_keys[page.file.src_uri]
        if hit:
            self.cached_output = self.renders.get(key)
            if self.cached_output is not None:
                return context
            # Gone or unreadable since the page was read: render it after all.
            page.content = page.file.body()
            self.cached_output = self._secured(self.env.get_template(page.meta["corpus_template"]).render(context))
            self.renders.put(key, self.cached_output)
        else:
            page.content = page.file.body()
        return context

    # First: a cached page's HTML replaces the placeholder before anyone else sees it.
    @event_priority(100)
    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        if not self.config.enabled:
            return output
        key, hit = self.render_keys.get(page.file.src_uri, ("", False))
        if hit and self.cached_output is not None:
            output, self.cached_output = self.cached_output, None  # cached as published
        else:
            output = self._secured(output)
            if key:
                self.renders.put(key, output)
        if key:
            page.content = ""  # written: MkDocs would keep every page's HTML to the end of the build
        self.page_urls.append(page.url)  # for the sitemap
        if page.file.src_uri not in self.generated:  # on_files handed ours to search
            self._index("/" + page.url, output)
        return output

    def _secured(self, output: str) -> str:
        return with_policy(output) if self.config.content_security_policy else output

    def _index(self, url: str, html: str, lang: str | None = None) -> None:
        if self.indexer is not None:
            try:
                self.indexer.add(url, html, lang)  # indexed on another core while the build goes on
            except SearchError as error:
                raise PluginError(str(error)) from error

    def on_post_template(self, output_content: str, template_name: str, config: Any) -> str:
        # The theme's 404 page is rendered as a template, not a page.
        if self.config.enabled and template_name.endswith(".html"):
            return self._secured(output_content)
        return output_content

    def on_post_build(self, config: Any) -> None:
        if self.config.enabled:
            self.stopwatch.add("MkDocs pages", time.perf_counter() - self.pages_started)
            self.corpus.rendered_hits, self.corpus.rendered_misses = self.renders.hits, self.renders.misses
            with self.stopwatch.stage("exports"):
                write_exports(Path(config.site_dir), self.corpus, self.layout, self.stories, self.entities)
            if config.site_url:  # a sitemap needs absolute URLs; MkDocs' own is empty without one
                write_sitemap(Path(config.site_dir), site_sitemap(self.page_urls, self.stories, self.layout, config.site_url))
        if self.indexer is not None:
            try:
                with self.stopwatch.stage("search (waiting for Pagefind)"):
                    report = self.indexer.write(Path(config.site_dir))
            except SearchError as error:
                raise PluginError(str(error)) from error
            finally:
                self.indexer.close()
            log.info(f"search: Pagefind indexed {report.pages} pages in {', '.join(report.languages) or 'no language'} "
                     f"({report.bundle_bytes / 1e6:.1f} MB, {report.seconds:.1f} s"
                     + (f"; {report.reused:,} result fragments kept from the last build)" if report.reused else ")"))
        if self.config.enabled:
            self.renders.finish()
            log.info(f"rendered pages: {self.renders.hits} from the cache, {self.renders.misses} rendered"
                     + (f" ({self.renders.error})" if self.renders.error else ""))
        if self.deleting is not None:
            self.deleting.join()
        if self.site_started is not None:  # every file written by this build is newer
            owned = (BUNDLE,) if self.indexer is not None else ()  # search.py leaves its bundle exact
            stale = remove_stale(Path(config.site_dir), self.site_started, owned)
            log.debug(f"site folder: {stale} files of the previous build removed")
        if self.config.enabled:
            log.info(f"time per stage: {self.stopwatch.summary()}")
        self._collect_as_before()

    def _collect_as_before(self) -> None:
        if getattr(self, "thresholds", None) is not None:
            heap.restore(self.thresholds)
            self.thresholds = None

    def on_build_error(self, error: Exception) -> None:
        self._collect_as_before()
        if getattr(self, "deleting", None) is not None:
            self.deleting.join()
        if getattr(self, "indexer", None) is not None:
            self.indexer.close()
        if getattr(self, "renders", None) is not None:
            self.renders.close()


def _plugin_settings(plugin: Any, ours: BasePlugin) -> Any:
    """What of a plugin can change pages: its options, or for a hook (a module, no options) its code."""
    if not hasattr(plugin, "config"):
        source = getattr(plugin, "__file__", None)
        return Path(source).read_text(encoding="utf-8", errors="replace") if source else repr(plugin)
    return {k: v for k, v in plugin.config.items() if plugin is not ours or k not in NOT_RENDERED}


def _template_dirs(config: Any) -> list[Path]:
    """The theme folders outside the installed MkDocs and Material packages (the user's and ours)."""
    dirs = [Path(d) for d in config.theme.dirs]
    return [d for d in dirs if d.is_dir() and not any(d.is_relative_to(p) for p in PACKAGED_TEMPLATES)]


def _others_listen(plugin: BasePlugin, config: Any, events: tuple[str, ...]) -> bool:
    """Whether a plugin other than `plugin` handles any of `events`."""
    return any(getattr(method, "__self__", None) is not plugin
               for event in events for method in config.plugins.events.get(event, ()))


def _shown_elsewhere(files: Files, nav: Any, generated: set[str], whole: bool) -> list[tuple[str, bytes]]:
    """What of each hand-written page another page can show (the render cache's key covers it): that it
    exists, since pages link to it; for a page in the navigation, its front matter (a title, an icon or a
    status that the navigation shows); and the whole page where the navigation takes its title from the
    page's first heading, or where `whole` (another plugin handles pages and may show more of them).
    Editing the text of a page whose navigation entry has a title thus keeps every cached page."""
    untitled = {page.file.src_uri: page.title is None for page in nav.pages}  # None: not read yet, so not set in mkdocs.yml
    shown = []
    for file in files.documentation_pages():
        if file.src_uri in generated or not file.abs_src_path:
            continue
        if whole or untitled.get(file.src_uri):
            shown.append((file.src_uri, Path(file.abs_src_path).read_bytes()))
        elif file.src_uri in untitled:
            front = meta.get_data(Path(file.abs_src_path).read_text(encoding="utf-8-sig", errors="replace"))[1]
            shown.append((file.src_uri, json.dumps(front, sort_keys=True, default=repr).encode()))
        else:
            shown.append((file.src_uri, b""))
    return shown


def _nav_entries(items: Any) -> list[tuple[str, str]]:
    """(title, url) of every navigation entry, depth first; sections by title alone."""
    entries: list[tuple[str, str]] = []
    for item in items:
        entries.append((str(item.title or ""), str(getattr(item, "url", "") or "")))
        entries += _nav_entries(getattr(item, "children", None) or ())
    return entries
