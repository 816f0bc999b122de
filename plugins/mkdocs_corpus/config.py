"""The plugin's options, as `mkdocs.yml` sets them under `plugins: - corpus:`."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from .pipeline.language import DEFAULT_LANGUAGES


class CorpusConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Switch the plugin off (e.g. `enabled: !ENV [CORPUS, true]`) to build only the hand-written docs."""

    corpus_dir = c.Type(str, default="corpus")
    """Folder of article files (.txt, .md), relative to mkdocs.yml; `CORPUS_DIR` overrides it in the shipped config."""

    languages = c.ListOfItems(c.Type(str), default=list(DEFAULT_LANGUAGES))
    """ISO 639-1 codes language identification may answer; restricting it avoids absurd guesses."""

    min_language_confidence = c.Type(float, default=0.5)
    """Below this confidence the guess is kept but listed in the report's notices."""

    page_size = c.Type(int, default=50)
    """Articles per page of every list."""

    max_file_size = c.Type(int, default=20 * 1024 * 1024)
    """Bytes; a larger file is skipped with a warning rather than slowing every build."""

    cache_dir = c.Optional(c.Type(str))
    """Folder for the analysis and sentence-vector caches, relative to mkdocs.yml; unset: no cache.
    The shipped mkdocs.yml uses `.cache/mkdocs-corpus` (`CORPUS_CACHE_DIR` overrides it)."""

    clean_in_place = c.Type(bool, default=True)
    """Clean the site folder by overwriting its files and then deleting only those the build did not
    write (by modification time), instead of MkDocs deleting everything first: an archive's site is tens of
    thousands of files, most of which a rebuild writes again unchanged. Switch it off if another plugin copies files
    into the site keeping their old modification times (`shutil.copy2`): they would be taken for stale."""

    render_cache = c.Type(bool, default=True)
    """Keep each generated page's rendered HTML in `cache_dir` (`rendered.sqlite`), so a rebuild renders
    only the pages whose content, or whose navigation, theme, configuration or plugin code, changed.
    Whoever can write the cache folder can change the published pages: switch it off where that folder
    is less trusted than the build machine."""

    workers = c.Type(int, default=0)
    """Processes that analyse new articles in parallel; 0 means one per core."""

    translations = c.Type(bool, default=True)
    """Find the versions of each story in other languages, link them and align their paragraphs."""

    translation_threshold = c.Optional(c.Type(float))
    """Least link probability for a detected translation (default: the calibrated one)."""

    entities = c.Type(bool, default=True)
    """Recognise the people, places and organisations articles mention and give each a page
    (`entities.yml` in the corpus folder is the curated registry that overrides recognition)."""

    entity_min_articles = c.Type(int, default=2)
    """An entity gets a page, and a line in the A–Z index, once this many articles mention it. Below it
    (a name one article mentions) it is listed on its article's page and in `api/entities.json` (url null).
    Most names of a large archive occur once; at 1,000 Reuters articles, 2,929 of 3,833 entities."""

    content_security_policy = c.Type(bool, default=True)
    """Add a Content-Security-Policy `<meta>` to every page: only the site's own scripts run."""

    search = c.Choice(("pagefind", "material", "both"), default="pagefind")
    """`pagefind`: a per-language Pagefind index of the articles; readers download only what a query needs.
    `material`: Material's own search (`- search` in plugins), whose whole index every reader downloads.
    `both`: the two side by side. Material's search plugin must be listed exactly when this names it."""

    def validate(self):  # type: ignore[no-untyped-def]
        failed, warnings = super().validate()
        wrong_type = {key for key, _ in failed}

        def in_range(key: str, holds: Callable[[Any], bool], message: str) -> None:
            """A range check, made only on a value of the right type (a wrong type is reported already)."""
            if key not in wrong_type and self[key] is not None and not holds(self[key]):
                failed.append((key, c.ValidationError(message)))

        in_range("workers", lambda n: n >= 0, "must be 0 (one per core) or more")
        in_range("entity_min_articles", lambda n: n >= 1, "must be at least 1")
        in_range("page_size", lambda n: n >= 1, "must be at least 1")
        in_range("max_file_size", lambda n: n >= 1, "must be a number of bytes above 0 (the default is 20 MB)")
        in_range("min_language_confidence", lambda p: 0 <= p <= 1, "must be between 0 and 1")
        in_range("translation_threshold", lambda p: 0 <= p <= 1,
                 "must be a probability between 0 and 1 (leave it out for the calibrated one)")
        if "corpus_dir" not in wrong_type and self.corpus_dir:
            problem = corpus_folder_problem(self._resolve(self.corpus_dir))
            if problem:
                failed.append(("corpus_dir", c.ValidationError(problem)))
        if not failed and self.languages:
            from .pipeline.language import known_languages

            unknown = sorted(set(self.languages) - known_languages())
            if unknown:
                failed.append(("languages", c.ValidationError(f"unknown to the language model: {', '.join(unknown)}")))
        return failed, warnings

    def _resolve(self, folder: str) -> Path:
        """A folder option as the plugin reads it: relative to mkdocs.yml."""
        return (Path(self.config_file_path or "mkdocs.yml").parent / folder).resolve()


def corpus_folder_problem(folder: Path, *inside: Path) -> str | None:
    """Why `folder` cannot be the corpus, or None: the whole disk, the home folder (or above it), or a folder
    that holds the site or the docs (`inside`): the build would read everything under it."""
    if folder == folder.parent:
        return f"{folder} is the root of the file system: the build would read the whole disk; name the corpus folder"
    home = Path.home().resolve()
    if folder == home or folder in home.parents:
        return f"{folder} holds your home folder: the build would read all of it; name the corpus folder"
    for other in inside:
        if other == folder or folder in other.parents:
            return (f"{folder} holds {other}, which MkDocs reads or writes: the build would read its own pages; "
                    "keep the articles in a folder of their own")
    return None
