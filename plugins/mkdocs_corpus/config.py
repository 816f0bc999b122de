"""The plugin's options, as `mkdocs.yml` sets them under `plugins: - corpus:`."""
from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from .language import DEFAULT_LANGUAGES


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

    translations = c.Type(bool, default=True)
    """Find the versions of each story in other languages, link them and align their paragraphs."""

    translation_threshold = c.Optional(c.Type(float))
    """Least link probability for a detected translation (default: the calibrated one)."""

    content_security_policy = c.Type(bool, default=True)
    """Add a Content-Security-Policy `<meta>` to every page: only the site's own scripts run."""

    def validate(self):  # type: ignore[no-untyped-def]
        failed, warnings = super().validate()
        if self.page_size is not None and self.page_size < 1:
            failed.append(("page_size", c.ValidationError("must be at least 1")))
        if self.min_language_confidence is not None and not 0 <= self.min_language_confidence <= 1:
            failed.append(("min_language_confidence", c.ValidationError("must be between 0 and 1")))
        if not failed and self.languages:
            from .language import known_languages

            unknown = sorted(set(self.languages) - known_languages())
            if unknown:
                failed.append(("languages", c.ValidationError(f"unknown to the language model: {', '.join(unknown)}")))
        return failed, warnings
