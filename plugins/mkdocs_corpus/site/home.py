"""The figures a hand-written home page shows where it says `<!-- corpus:figures -->`."""
from __future__ import annotations

from ..pipeline.model import Corpus
from .browse import ALL_ARTICLES, LANGUAGES, SOURCES, Layout

FIGURES_MARKER = "<!-- corpus:figures -->"


def figures_html(corpus: Corpus, layout: Layout, here: str) -> str:
    articles = corpus.articles
    skipped = sum(o.outcome == "skipped" for o in corpus.outcomes)
    rows = [
        ("Articles", f"{len(articles):,}", f"{ALL_ARTICLES}/index.md"),
        ("Languages", f"{len({a.lang for a in articles}):,}", f"{LANGUAGES}/index.md"),
        ("Sources", f"{len({a.source for a in articles if a.source}):,}", f"{SOURCES}/index.md"),
        ("Words", f"{sum(a.words for a in articles):,}", None),
        ("Files skipped", f"{skipped:,}", None),
    ]
    cells = "".join(
        f"<tr><td>{_label(label, target and layout.link(here, target))}</td><td>{value}</td></tr>"
        for label, value, target in rows
    )
    return f'<table class="corpus-figures"><tbody>{cells}</tbody></table>\n'


def _label(label: str, href: str | None) -> str:
    return f'<a href="{href}">{label}</a>' if href else label
