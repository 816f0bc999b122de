"""Corpus stage: list a corpus folder, analyse every article file, give each a unique id.

Hands on a `Corpus`: the articles, every file's outcome, and every problem, by file name.
One file's failure never stops the others.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .analysis import Options, analyse
from .model import Article, Corpus, FileOutcome, Problem
from .reading import Unreadable, list_corpus

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def load_corpus(root: Path, options: Options, max_bytes: int = DEFAULT_MAX_BYTES) -> Corpus:
    corpus = Corpus()
    listing = list_corpus(root)
    for path, reason, is_warning in listing.skipped:
        corpus.outcomes.append(FileOutcome(path, "skipped", reason))
        corpus.problems.append(Problem(path, reason, "warning" if is_warning else "notice"))
    if listing.registry:
        corpus.outcomes.append(FileOutcome(listing.registry, "skipped", "entity registry, not an article"))
    analysed: list[Article] = []
    for path in listing.articles:
        try:
            article, problems = _analyse_file(root, path, options, max_bytes)
        except Unreadable as error:
            corpus.outcomes.append(FileOutcome(path, "skipped", str(error)))
            corpus.problems.append(Problem(path, f"skipped: {error}"))
            continue
        except Exception as error:  # noqa: BLE001 - one odd file must not take the archive down
            reason = f"could not be analysed ({type(error).__name__}: {error})"
            corpus.outcomes.append(FileOutcome(path, "skipped", reason))
            corpus.problems.append(Problem(path, f"skipped: {reason}"))
            continue
        analysed.append(article)
        corpus.problems.extend(problems)
    for article in unique_ids(analysed, corpus.problems):
        corpus.articles.append(article)
        corpus.outcomes.append(FileOutcome(article.path, "published", article_id=article.id))
    corpus.outcomes.sort(key=lambda outcome: outcome.path)
    return corpus


def _analyse_file(root: Path, path: str, options: Options, max_bytes: int) -> tuple[Article, list[Problem]]:
    file = root / path
    try:
        size = file.stat().st_size
        if size > max_bytes:
            raise Unreadable(f"file is {size:,} bytes, over the limit of {max_bytes:,}: split it or raise max_file_size")
        data = file.read_bytes()
    except OSError as error:
        raise Unreadable(f"cannot be read: {error.strerror or error}") from error
    return analyse(path, data, options)


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
