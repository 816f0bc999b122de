"""The side-by-side page of two versions of a story: aligned rows, unmatched paragraphs marked."""
from __future__ import annotations

from ..pipeline.model import Article, Block
from ..pipeline.translations import Alignment
from .html import dir_attr, text
from .language_names import language_name
from .listing import titled
from .urls import Layout, article_src


def parallel_markdown(alignment: Alignment, left: Article, right: Article, layout: Layout, here: str) -> str:
    """`left` is the alignment's source, `right` its target."""
    left_name, right_name = language_name(left.lang), language_name(right.lang)
    title = f"{left.title} — {left_name} · {right_name}"
    matched = sum(1 for a, b in alignment.pairs if a and b)
    left_alone = sum(len(a) for a, b in alignment.pairs if a and not b)
    right_alone = sum(len(b) for a, b in alignment.pairs if b and not a)
    rows = [
        '<div class="corpus-row corpus-row-head">'
        + _head(left, left_name, layout, here) + _head(right, right_name, layout, here) + "</div>"
    ]
    for left_units, right_units in alignment.pairs:
        unmatched = " corpus-unmatched" if not (left_units and right_units) else ""
        rows.append(
            f'<div class="corpus-row{unmatched}">'
            + _cell(left, left_units, left_name) + _cell(right, right_units, right_name) + "</div>"
        )
    coverage = (
        f'<p class="corpus-coverage"><strong>{alignment.coverage:.0%}</strong> of the paragraphs have a counterpart: '
        f"{matched} aligned rows, {left_alone} paragraphs only in {text(left_name)}, "
        f"{right_alone} only in {text(right_name)}.</p>"
    )
    return "\n".join([titled(title), f"<h1>{text(title)}</h1>", coverage,
                      '<div class="corpus-parallel">', *rows, "</div>", ""])


def _head(article: Article, name: str, layout: Layout, here: str) -> str:
    href = layout.link(here, article_src(article.id))
    return (f'<div class="corpus-cell" lang="{text(article.lang)}"><a href="{href}"{dir_attr(article.title)}>'
            f"{text(article.title)}</a> <code>{text(name)}</code></div>")


def _cell(article: Article, units: tuple[int, ...], name: str) -> str:
    if not units:
        return f'<div class="corpus-cell corpus-missing" data-lang="{text(name)}"><em>no counterpart in {text(name)}</em></div>'
    blocks = [article.blocks[i] for i in units if 0 <= i < len(article.blocks)]
    inner = "".join(_unit(block) for block in blocks)
    return f'<div class="corpus-cell" lang="{text(article.lang)}" data-lang="{text(name)}">{inner}</div>'


def _unit(block: Block) -> str:
    tag = "h2" if block.kind in ("heading", "title") else "p"  # right under the page's h1: no level skipped
    return f"<{tag}{dir_attr(block.text)}>{text(block.text)}</{tag}>"
