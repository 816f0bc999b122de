"""What the render cache's build-wide key covers, read off MkDocs' configuration, navigation and files:
everything but a generated page's own Markdown that its HTML can depend on."""
from __future__ import annotations

import json
from importlib.resources import files as resources
from pathlib import Path
from typing import Any

from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.utils import meta

from .rendering import render_salt

PACKAGED_TEMPLATES = tuple(Path(str(resources(name))) for name in ("mkdocs", "material"))
# Our options that change how the build runs, not what any page says: toggling them keeps the render cache.
NOT_RENDERED = frozenset({"workers", "cache_dir", "render_cache", "clean_in_place"})
# A cached page may skip MkDocs' page stage only when no other plugin listens to these.
PAGE_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content", "page_context", "post_page")
TEMPLATE_SETTINGS = ("site_name", "site_url", "site_description", "site_author", "copyright", "repo_url", "repo_name",
                     "edit_uri", "use_directory_urls", "extra", "extra_css", "extra_javascript", "extra_templates",
                     "markdown_extensions", "mdx_configs", "docs_dir")


def build_salt(ours: BasePlugin, config: Any, nav: Any, files: Files, generated: set[str],
               search_languages: list[str] | None) -> str:
    settings = {name: config.get(name) for name in TEMPLATE_SETTINGS}
    settings["theme"] = dict(config.theme)
    settings["plugins"] = {name: _plugin_settings(plugin, ours) for name, plugin in config.plugins.items()}
    settings["search_languages"] = search_languages
    shown = shown_elsewhere(files, nav, generated, others_listen(ours, config, PAGE_EVENTS))
    return render_salt(settings, _nav_entries(nav.items), template_dirs(config), shown)


def _plugin_settings(plugin: Any, ours: BasePlugin) -> Any:
    """What of a plugin can change pages: its options, or for a hook (a module, no options) its code."""
    if not hasattr(plugin, "config"):
        source = getattr(plugin, "__file__", None)
        return Path(source).read_text(encoding="utf-8", errors="replace") if source else repr(plugin)
    return {k: v for k, v in plugin.config.items() if plugin is not ours or k not in NOT_RENDERED}


def template_dirs(config: Any) -> list[Path]:
    """The theme folders outside the installed MkDocs and Material packages (the user's and ours)."""
    dirs = [Path(d) for d in config.theme.dirs]
    return [d for d in dirs if d.is_dir() and not any(d.is_relative_to(p) for p in PACKAGED_TEMPLATES)]


def others_listen(plugin: BasePlugin, config: Any, events: tuple[str, ...] = PAGE_EVENTS) -> bool:
    """Whether a plugin other than `plugin` handles any of `events`."""
    return any(getattr(method, "__self__", None) is not plugin
               for event in events for method in config.plugins.events.get(event, ()))


def shown_elsewhere(files: Files, nav: Any, generated: set[str], whole: bool) -> list[tuple[str, bytes]]:
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

