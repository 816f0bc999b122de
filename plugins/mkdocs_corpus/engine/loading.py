"""Every file of a corpus folder to a `Corpus`: analyses come from the cache by content hash where the
file was seen before, and what is new runs in a process pool (pipeline/corpus.py does the analysing)."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from ..pipeline.analysis import Options
from ..pipeline.corpus import DEFAULT_MAX_BYTES, Outcome, analyse_file, assemble, read_file
from ..pipeline.model import Article, Corpus, Problem
from ..pipeline.reading import Unreadable, list_corpus
from .cache import AnalysisCache, analysis_key
from .processes import die_with_parent
from .progress import Progress
from .stats import CacheUse

CHUNK = 16


@dataclass(frozen=True)
class Settings:
    options: Options = Options()
    max_bytes: int = DEFAULT_MAX_BYTES
    workers: int = 0  # 0: one per core
    cache_dir: Path | None = None


def load_corpus(
    root: Path, settings: Settings = Settings(), progress: Progress | None = None,
    meanwhile: Callable[[], object] | None = None, use: CacheUse | None = None,
) -> Corpus:
    """Every file of `root` analysed, or read back from the cache. When there is something to analyse,
    `meanwhile` runs while the pool works (the plugin loads the sentence encoder then)."""
    listing = list_corpus(root)
    cache = AnalysisCache(settings.cache_dir)
    notices = [Problem(str(settings.cache_dir), cache.error, "notice")] if cache.error else []
    contents: dict[str, bytes] = {}
    results: dict[str, Outcome] = {}
    for path in listing.articles:
        try:
            contents[path] = read_file(root, path, settings.max_bytes)
        except Unreadable as error:
            results[path] = Outcome(path, None, skipped=str(error))
    keys = {path: analysis_key(path, data, settings.options) for path, data in contents.items()}
    stored = cache.get_many(list(keys.values()))
    todo = [path for path, key in keys.items() if key not in stored]
    fresh: dict[str, tuple[Article, list[Problem]]] = {}
    with _analysing(todo, contents, settings) as outcomes:  # new files go to the pool first, so
        cached = cache.decode(stored, len(keys))            # its workers run while this process reads
        redo = [path for path, key in keys.items() if key in stored and key not in cached]
        if (todo or redo) and meanwhile is not None:
            meanwhile()
        for path, key in keys.items():
            if key in cached:
                article, problems = cached[key]
                results[path] = Outcome(path, article, tuple(problems))
        progress = progress or Progress(enabled=False)
        progress.start("analysed articles", len(todo) + len(redo))
        for outcome in chain(outcomes, map(analyse_file, _jobs(redo, contents, settings))):
            results[outcome.path] = outcome
            if outcome.article is not None:
                fresh[keys[outcome.path]] = (outcome.article, list(outcome.problems))
            progress.advance()
    progress.finish()
    cache.save(fresh)
    cache.close()
    if use is not None:
        use.count("analysis", cache)
    return assemble(listing, results, notices)


@contextmanager
def _analysing(paths: list[str], contents: dict[str, bytes], settings: Settings) -> Iterator[Iterator[Outcome]]:
    """The outcomes of analysing `paths`: with two or more workers, a process pool has them all
    from the start (even one: a worker loads the models while this process goes on); with one,
    each is analysed here when asked for."""
    workers = settings.workers or os.cpu_count() or 1
    if workers < 2 or not paths:
        yield map(analyse_file, _jobs(paths, contents, settings))
        return
    with ProcessPoolExecutor(max_workers=min(workers, -(-len(paths) // CHUNK)), initializer=die_with_parent,
                             initargs=(os.getpid(),)) as pool:  # no worker outlives a killed build (processes.py)
        yield pool.map(analyse_file, _jobs(paths, contents, settings), chunksize=CHUNK)


def _jobs(paths: list[str], contents: dict[str, bytes], settings: Settings) -> Iterator[tuple[str, bytes, Options]]:
    return ((path, contents[path], settings.options) for path in paths)
