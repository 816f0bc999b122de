"""Corpus stage, the pure part: one file's bytes analysed into an article or the reason there is none,
and every file's outcome gathered into a `Corpus` whose articles have unique ids. One file's failure
never stops the others. Where the bytes come from (a cache, a process pool) is the engine's business.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .analysis import Options, analyse
from .model import Article, Corpus, FileOutcome, Problem
from .reading import Listing, Unreadable, read_regular
from .titles import strip_site_names

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Outcome:
    """One file's analysis as it travels back from a worker: an article, or why there is none."""

    path: str
    article: Article | None
    problems: tuple[Problem, ...] = ()
    skipped: str | None = None


def read_file(root: Path, path: str, max_bytes: int) -> bytes:
    """The file's bytes; `Unreadable` unless it is, when opened, a regular file inside `root` (reading.py)."""
    return read_regular(root, path, max_bytes)


def analyse_file(job: tuple[str, bytes, Options]) -> Outcome:
    path, data, options = job
    try:
        article, problems = analyse(path, data, options)
    except Unreadable as error:
        return Outcome(path, None, skipped=str(error))
    except Exception as error:  # noqa: BLE001 - one odd file must not take the archive down
        return Outcome(path, None, skipped=f"could not be analysed ({type(error).__name__}: {error})")
    return Outcome(path, article, tuple(problems))


def assemble(listing: Listing, results: dict[str, Outcome], notices: list[Problem]) -> Corpus:
    """The corpus of `listing` given each article file's outcome; `notices` (about the build, not a file's
    content) follow the files that were skipped unread."""
    corpus = Corpus()
    for path, reason, is_warning in listing.skipped:
        corpus.outcomes.append(FileOutcome(path, "skipped", reason))
        corpus.problems.append(Problem(path, reason, "warning" if is_warning else "notice"))
    corpus.problems.extend(notices)
    corpus.registry = listing.registry
    if listing.registry:
        corpus.outcomes.append(FileOutcome(listing.registry, "skipped", "entity registry, not an article"))
    analysed: list[Article] = []
    for path in listing.articles:
        outcome = results[path]
        if outcome.article is None:
            corpus.outcomes.append(FileOutcome(path, "skipped", outcome.skipped))
            corpus.problems.append(Problem(path, f"skipped: {outcome.skipped}"))
            continue
        # The file is the one listed, whatever a cached analysis says it was.
        analysed.append(outcome.article if outcome.article.path == path else replace(outcome.article, path=path))
        corpus.problems.extend(replace(p, path=path) for p in outcome.problems)
    # Site names are told from subtitles by recurring across the corpus, so this step needs every title.
    for article in strip_site_names(unique_ids(analysed, corpus.problems)):
        corpus.articles.append(article)
        corpus.outcomes.append(FileOutcome(article.path, "published", article_id=article.id))
    corpus.outcomes.sort(key=lambda outcome: outcome.path)
    return corpus


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
