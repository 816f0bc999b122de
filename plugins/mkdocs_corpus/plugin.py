"""MkDocs wiring: each event hands off to one pipeline stage; no corpus logic lives here."""
from __future__ import annotations

from importlib.resources import files as resources
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from .analysis import Options
from .config import CorpusConfig
from .corpus import load_corpus
from .exports import write_exports
from .home import FIGURES_MARKER, figures_html
from .language_names import THEME_CODES
from .model import Corpus
from .pages import Layout, site_pages
from .pages.sitemaps import story_sitemaps
from .security import with_policy
from .versions import StoryIndex, find_versions

log = get_plugin_logger(__name__)
CSS = "assets/corpus.css"


class CorpusPlugin(BasePlugin[CorpusConfig]):
    corpus: Corpus
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
        theme_dir = str(resources("mkdocs_corpus") / "theme")
        # After the user's custom_dir (theirs wins), before the theme's own templates.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, theme_dir)
        config.extra_css.append(CSS)
        return config

    # Late, so other plugins' pages exist first and none of ours is mistaken for theirs.
    @event_priority(-50)
    def on_files(self, files: Files, config: Any) -> Files:
        if not self.config.enabled:
            return files
        options = Options(tuple(self.config.languages), self.config.min_language_confidence)
        self.corpus = load_corpus(self.corpus_root, options, self.config.max_file_size)
        self.stories = StoryIndex()
        if self.config.translations:
            self.stories, problems = find_versions(self.corpus.articles, self.config.translation_threshold)
            self.corpus.problems.extend(problems)
        for problem in self.corpus.problems:
            (log.warning if problem.severity == "warning" else log.info)(f"{problem.path}: {problem.message}")
        for page in site_pages(self.corpus.articles, self.layout, self.config.page_size, self.stories):
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                log.warning(f"{page.src_uri}: a file in docs/ has the path of a generated page; the generated page wins")
                files.remove(existing)
            files.append(File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion))
        for path, xml in story_sitemaps(self.stories, self.layout, config.site_url).items():
            files.append(File.generated(config, path, content=xml))
        css = (resources("mkdocs_corpus") / CSS).read_bytes()
        files.append(File.generated(config, CSS, content=css))
        return files

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Files) -> str:
        if self.config.enabled and FIGURES_MARKER in markdown:
            here = page.file.src_uri
            markdown = markdown.replace(FIGURES_MARKER, figures_html(self.corpus, self.layout, here))
        return markdown

    def on_env(self, env: Any, config: Any, files: Files) -> Any:
        if self.config.enabled:
            available = {p.stem for p in (resources("material") / "templates/partials/languages").iterdir()}
            codes = {code: THEME_CODES.get(code, code) for code in set(self.config.languages) | set(THEME_CODES)}
            env.globals["corpus_theme_codes"] = {k: v for k, v in codes.items() if v in available}
        return env

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        return with_policy(output) if self.config.enabled and self.config.content_security_policy else output

    def on_post_template(self, output_content: str, template_name: str, config: Any) -> str:
        # The theme's 404 page is rendered as a template, not a page.
        if self.config.enabled and self.config.content_security_policy and template_name.endswith(".html"):
            return with_policy(output_content)
        return output_content

    def on_post_build(self, config: Any) -> None:
        if self.config.enabled:
            write_exports(Path(config.site_dir), self.corpus, self.layout, self.stories)
