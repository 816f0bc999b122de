"""Corpus stage: list a corpus folder, analyse every article file, give each a unique id.

Analysis is looked up in the cache by content hash first; what is new runs in a process pool.
Hands on a `Corpus`: the articles, every file's outcome, and every problem, by file name.
One file's failure never stops the others.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from itertools import chain
from pathlib import Path

from .analysis import Options, analyse
from .cache import AnalysisCache, analysis_key
from .model import Article, Corpus, FileOutcome, Problem
from .progress import Progress
from .reading import Unreadable, list_corpus

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
CHUNK = 16


@dataclass(frozen=True)
class Settings:
    options: Options = Options()
    max_bytes: int = DEFAULT_MAX_BYTES
    workers: int = 0  # 0: one per core
    cache_dir: Path | None = None


@dataclass(frozen=True)
class _Outcome:
    """One file's analysis as it travels back from a worker: an article, or why there is none."""

    path: str
    article: Article | None
    problems: tuple[Problem, ...] = ()
    skipped: str | None = None


def load_corpus(
    root: Path, settings: Settings = Settings(), progress: Progress | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> Corpus:
    """Every file of `root` analysed, or read back from the cache. When there is something to analyse,
    `meanwhile` runs while the pool works (the plugin loads the sentence encoder then)."""
    corpus = Corpus()
    listing = list_corpus(root)
    for path, reason, is_warning in listing.skipped:
        corpus.outcomes.append(FileOutcome(path, "skipped", reason))
        corpus.problems.append(Problem(path, reason, "warning" if is_warning else "notice"))
    corpus.registry = listing.registry
    if listing.registry:
        corpus.outcomes.append(FileOutcome(listing.registry, "skipped", "entity registry, not an article"))

    cache = AnalysisCache(settings.cache_dir)
    if cache.error:
        corpus.problems.append(Problem(str(settings.cache_dir), cache.error, "notice"))
    contents: dict[str, bytes] = {}
    results: dict[str, _Outcome] = {}
    for path in listing.articles:
        try:
            contents[path] = _read(root, path, settings.max_bytes)
        except Unreadable as error:
            results[path] = _Outcome(path, None, skipped=str(error))
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
                results[path] = _Outcome(path, article, tuple(problems))
        progress = progress or Progress(enabled=False)
        progress.start("analysed articles", len(todo) + len(redo))
        for outcome in chain(outcomes, map(_analyse_one, _jobs(redo, contents, settings))):
            results[outcome.path] = outcome
            if outcome.article is not None:
                fresh[keys[outcome.path]] = (outcome.article, list(outcome.problems))
            progress.advance()
    progress.finish()
    cache.save(fresh)
    cache.close()
    corpus.cache_hits, corpus.cache_misses = cache.hits, cache.misses

    analysed: list[Article] = []
    for path in listing.articles:
        outcome = results[path]
        if outcome.article is None:
            corpus.outcomes.append(FileOutcome(path, "skipped", outcome.skipped))
            corpus.problems.append(Problem(path, f"skipped: {outcome.skipped}"))
            continue
        analysed.append(outcome.article)
        corpus.problems.extend(outcome.problems)
    for article in unique_ids(analysed, corpus.problems):
        corpus.articles.append(article)
        corpus.outcomes.append(FileOutcome(article.path, "published", article_id=article.id))
    corpus.outcomes.sort(key=lambda outcome: outcome.path)
    return corpus


def _read(root: Path, path: str, max_bytes: int) -> bytes:
    file = root / path
    try:
        size = file.stat().st_size
        if size > max_bytes:
            raise Unreadable(f"file is {size:,} bytes, over the limit of {max_bytes:,}: split it or raise max_file_size")
        return file.read_bytes()
    except OSError as error:
        raise Unreadable(f"cannot be read: {error.strerror or error}") from error


@contextmanager
def _analysing(paths: list[str], contents: dict[str, bytes], settings: Settings) -> Iterator[Iterator[_Outcome]]:
    """The outcomes of analysing `paths`: with two or more workers, a process pool has them all
    from the start (even one: a worker loads the models while this process goes on); with one,
    each is analysed here when asked for."""
    workers = settings.workers or os.cpu_count() or 1
    if workers < 2 or not paths:
        yield map(_analyse_one, _jobs(paths, contents, settings))
        return
    with ProcessPoolExecutor(max_workers=min(workers, -(-len(paths) // CHUNK))) as pool:
        yield pool.map(_analyse_one, _jobs(paths, contents, settings), chunksize=CHUNK)


def _jobs(paths: list[str], contents: dict[str, bytes], settings: Settings) -> Iterator[tuple[str, bytes, Options]]:
    return ((path, contents[path], settings.options) for path in paths)


def _analyse_one(job: tuple[str, bytes, Options]) -> _Outcome:
    path, data, options = job
    try:
        article, problems = analyse(path, data, options)
    except Unreadable as error:
        return _Outcome(path, None, skipped=str(error))
    except Exception as error:  # noqa: BLE001 - one odd file must not take the archive down
        return _Outcome(path, None, skipped=f"could not be analysed ({type(error).__name__}: {error})")
    return _Outcome(path, article, tuple(problems))


def unique_ids(articles: list[Article], problems: list[Problem]) -> list[Article]:
    """Articles in path order; a repeated id gets a numbered suffix and a warning."""
    taken: set[str] = set()
    result = []
    for article in sorted(articles, key=lambda a: a.path):
        new_id, n = article.id, 1
        while new_id in taken:
            n += 1
            new_id = f"{article.id}-{n}"
        if new_id != article.id:
            first = next(a.path for a in result if a.id == article.id)
            problems.append(Problem(article.path, f"id '{article.id}' is already used by {first}; published as '{new_id}'"))
            article = replace(article, id=new_id)
        taken.add(new_id)
        result.append(article)
    return result
