"""What one build holds from `on_pre_build` to its end, apart from the corpus: the site folder's lock, the
time per stage, the collector's thresholds, the previous site kept for cleaning in place, and the Pagefind
indexer."""
from __future__ import annotations

import shutil
import threading
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from . import heap
from .pagefind import BUNDLE, SearchError, SearchIndexer
from .progress import Stopwatch
from .search_bundle import discard_unpublished
from .site_folder import (
    FolderBusy,
    finished,
    lock,
    mark_finished,
    mark_started,
    remove_stale,
    restore,
    set_aside,
    unlock,
)

log = get_plugin_logger(__name__)


class BuildSession:
    def __init__(self, site_dir: Path, *, clean_in_place: bool, pagefind: bool) -> None:
        self.site_dir = site_dir
        self.stopwatch = Stopwatch()
        try:
            self._lock = lock(site_dir)  # held to the end of the build: one build at a time in a folder
        except FolderBusy as error:
            raise PluginError(str(error)) from error
        try:
            # Bundles that killed or failed builds never put in place: never published, now no live build's.
            self._discarding = discard_unpublished(site_dir)
            whole = finished(site_dir)
            # Before anything in the folder changes: wherever this build stops, the next one knows.
            mark_started(site_dir)
            # Just before MkDocs cleans the site folder: the previous site is kept out of its way (site_folder.py).
            self.previous_site = clean_in_place and set_aside(site_dir)
        except BaseException:
            unlock(self._lock)
            raise
        self._finished = False
        self._thresholds: tuple[int, int, int] | None = heap.collect_rarely()
        # Pagefind keeps the previous bundle's unchanged fragments if that build got to its end (search_bundle.py).
        self.indexer = SearchIndexer(reuse=bool(self.previous_site and whole)) if pagefind else None
        self._site_started: int | None = None
        self._deleting: threading.Thread | None = None

    def restore_site(self) -> None:
        """Once MkDocs has cleaned: the previous site comes back, to be overwritten."""
        if self.previous_site:
            reused = self.indexer is not None and self.indexer.reuse
            self._site_started, self._deleting = restore(self.site_dir, fresh=() if reused else (BUNDLE,))

    def index(self, url: str, html: str, lang: str | None = None) -> None:
        if self.indexer is not None:
            try:
                self.indexer.add(url, html, lang)  # indexed on another core while the build goes on
            except SearchError as error:
                raise PluginError(str(error)) from error

    def finish(self) -> None:
        """The search bundle written, and what the previous build left and this one did not write removed."""
        if self.indexer is not None:
            try:
                with self.stopwatch.stage("search (waiting for Pagefind)"):
                    report = self.indexer.write(self.site_dir)
            except SearchError as error:
                raise PluginError(str(error)) from error
            finally:
                self.indexer.close()
            for note in report.notes:
                log.info(f"search: Pagefind says: {note}")
            log.info(f"search: Pagefind indexed {report.pages} pages in {', '.join(report.languages) or 'no language'} "
                     f"({report.bundle_bytes / 1e6:.1f} MB, {report.seconds:.1f} s"
                     + (f"; {report.reused:,} result fragments kept from the last build)" if report.reused else ")")
                     + ("; the last build's fragments were given up and the bundle written whole" if report.afresh else ""))
        self._join_deletions()
        if self._site_started is not None:  # every file written by this build is newer
            owned = (BUNDLE,) if self.indexer is not None else ()  # pagefind.py leaves its bundle exact
            stale = remove_stale(self.site_dir, self._site_started, owned)
            log.debug(f"site folder: {stale} files of the previous build removed")
        else:
            mark_finished(self.site_dir)
        self._finished = True

    def _join_deletions(self) -> None:
        for thread in (self._deleting, self._discarding):
            if thread is not None:
                thread.join()
        self._deleting = self._discarding = None

    def close(self) -> None:
        """Whether the build ended well or not: the collector as before, no thread or process left behind, the
        folder free for the next build. A build that did not finish leaves no search bundle: its pages may be
        those of two builds, or one cut short by a failed write, and the next build writes the bundle afresh."""
        if self._thresholds is not None:
            heap.restore(self._thresholds)
            self._thresholds = None
        self._join_deletions()
        if self.indexer is not None:
            self.indexer.close()
            if not self._finished:
                shutil.rmtree(self.site_dir / BUNDLE, ignore_errors=True)
        unlock(self._lock)
        self._lock = None
