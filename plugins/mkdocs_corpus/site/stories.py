"""The story page: every version of one story, aligned paragraph by paragraph through one pivot version.

The translation stage aligns versions in pairs; this page reads only the alignments with the pivot (the
original, else the longest version), so it grows with the number of versions, not its square. Rows follow
the pivot's paragraphs; a version's paragraphs that the pivot lacks get rows of their own between them.
Every version's text is on the page; CSS shows the first two columns, and assets/corpus-story.js lets a
reader pick others (kept in the URL's query string).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from ..pipeline.model import Article, Block
from ..pipeline.translations import Alignment, Story
from ..pipeline.versions import StoryIndex
from .html import dir_attr, front_matter, text
from .language_names import language_name
from .listing import facts
from .urls import Layout, article_src

STORIES = "stories"
STORY_SCRIPT = "assets/corpus-story.js"
COLUMNS_PARAMETER = "v"  # ?v=en,de: the versions shown, by language
_SAFE_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")

Cells = dict[str, tuple[int, ...]]  # article id -> its units in one row


def story_src(story: Story) -> str:
    """A curator's story key names the page when it is URL-safe; else the smallest member id (always safe)."""
    key = story.key if _SAFE_KEY.fullmatch(story.key) else story.members[0]
    return f"{STORIES}/{key}.md"


def story_link(layout: Layout, here: str, story: Story, langs: Sequence[str] = ()) -> str:
    """A link to the story page showing the versions in `langs` (all its defaults when empty)."""
    href = layout.link(here, story_src(story))
    return f"{href}?{COLUMNS_PARAMETER}={','.join(langs)}" if langs else href


def story_item(story: Story, shown: Article, index: StoryIndex, layout: Layout, here: str) -> str:
    """A story in a list: the title of `shown` linking the story page, its facts, and a chip per language
    linking that version."""
    chips = "".join(
        f'<a href="{layout.link(here, article_src(m))}" hreflang="{text(lang)}" title="{text(language_name(lang))}">'
        f"{text(lang)}</a>"
        for lang, m in sorted((index.lang_of[m], m) for m in story.members)
    )
    return (f'<li><a href="{layout.link(here, story_src(story))}"{dir_attr(shown.title)}>{text(shown.title)}</a>'
            f' <span class="corpus-langs">{chips}</span> {facts(shown)}</li>')


def pivot(story: Story, index: StoryIndex, by_id: dict[str, Article]) -> str:
    """The original when every other version is aligned with it, else the longest such version."""
    partners: Counter[str] = Counter()
    for alignment in story.alignments:
        partners.update((alignment.source, alignment.target))
    hubs = [m for m in story.members if partners[m] >= len(story.members) - 1] or list(story.members)
    original = index.original(story.members[0])
    if original in hubs:
        return original
    return max(hubs, key=lambda m: (by_id[m].words, m))


def version_order(story: Story, pivot_id: str, lang_of: dict[str, str], page_lang: str) -> list[str]:
    """Pivot first, then the page's language, then the others by language code: the first two are the
    columns shown by default."""
    others = sorted((m for m in story.members if m != pivot_id), key=lambda m: (lang_of[m] != page_lang, lang_of[m], m))
    return [pivot_id, *others]


def story_rows(pivot_id: str, pivot_units: int, alignments: Sequence[Alignment]) -> list[Cells]:
    """Rows of units: one per group of pivot units no alignment splits, plus rows for units the pivot lacks.

    Every alignment with the pivot is read as (pivot units, other units) pairs; a row holds each version's
    units paired with the row's pivot units."""
    toward: dict[str, list[tuple[tuple[int, ...], tuple[int, ...]]]] = {}
    for alignment in alignments:
        if alignment.source == pivot_id:
            toward[alignment.target] = list(alignment.pairs)
        elif alignment.target == pivot_id:
            toward[alignment.source] = [(p, v) for v, p in alignment.pairs]
    covered = max([pivot_units] + [max(p) + 1 for pairs in toward.values() for p, _ in pairs if p])
    joined = {i for pairs in toward.values() for p, _ in pairs if p for i in range(min(p), max(p))}
    row_of: list[int] = []
    groups: list[list[int]] = []
    for i in range(covered):
        if not groups or i - 1 not in joined:
            groups.append([])
        groups[-1].append(i)
        row_of.append(len(groups) - 1)
    rows: list[Cells] = [{pivot_id: tuple(g)} for g in groups]
    inserted: dict[int, Cells] = defaultdict(dict)  # after row n (-1: before the first): units the pivot lacks
    for member, pairs in toward.items():
        last = -1
        for p, v in pairs:
            if p:
                last = row_of[p[0]]
                if v:
                    rows[last][member] = rows[last].get(member, ()) + v
            elif v:
                inserted[last][member] = inserted[last].get(member, ()) + v
    ordered = [inserted[-1]] if -1 in inserted else []
    for n, row in enumerate(rows):
        ordered.append(row)
        if n in inserted:
            ordered.append(inserted[n])
    return ordered


def story_markdown(story: Story, index: StoryIndex, by_id: dict[str, Article], layout: Layout,
                   page_lang: str) -> str:
    here = story_src(story)
    pivot_id = pivot(story, index, by_id)
    order = version_order(story, pivot_id, index.lang_of, page_lang)
    versions = [by_id[m] for m in order]
    first = versions[0]
    with_pivot = [a for a in story.alignments if pivot_id in (a.source, a.target)]
    rows = story_rows(pivot_id, len(first.blocks), with_pivot)
    aligned = {a.source if a.target == pivot_id else a.target for a in with_pivot} | {pivot_id}
    original = index.original(pivot_id) == pivot_id
    role = "the original" if original else "the longest version"
    front = {"title": text(first.title), "description": text(f"{first.title}: every version side by side"),
             "hide": ["toc"], "corpus_story": True}
    parts = [front_matter(front), f"<h1{dir_attr(first.title)}>{text(first.title)}</h1>\n",
             f'<p class="corpus-intro">This story in {len(versions)} languages, aligned paragraph by paragraph with '
             f"{text(language_name(first.lang))}, {role}. Pick the versions shown side by side (without JavaScript, "
             "the first two); each version's own page has its whole text.</p>\n",
             _versions(versions, rows, aligned, layout, here)]
    parts.append('<div class="corpus-story">')
    parts.append('<div class="corpus-row corpus-row-head">' + "".join(
        f'<div data-v="{text(a.lang)}" lang="{text(a.lang)}">'
        f'<a href="{layout.link(here, article_src(a.id))}"{dir_attr(a.title)}>{text(a.title)}</a></div>'
        for a in versions) + "</div>")
    for row in rows:
        gap = " corpus-gap" if pivot_id not in row else ""
        parts.append(f'<div class="corpus-row{gap}">' + "".join(_cell(a, row.get(a.id, ())) for a in versions) + "</div>")
    parts.append("</div>\n")
    return "\n".join(parts)


def _versions(versions: Sequence[Article], rows: Sequence[Cells], aligned: set[str], layout: Layout, here: str) -> str:
    """Each version with its link and how much of it has a row beside the pivot; checkboxes for the script."""
    pivot_id = versions[0].id
    beside = Counter(member for row in rows if pivot_id in row for member in row)
    items, boxes = [], []
    for n, article in enumerate(versions):
        name, code = text(language_name(article.lang)), text(article.lang)
        if article.id not in aligned:
            share = "not aligned"
        elif n == 0:
            share = "the pivot"
        else:
            share = f"{beside[article.id]} of {sum(pivot_id in row for row in rows)} passages aligned"
        items.append(f'<li><a href="{layout.link(here, article_src(article.id))}" hreflang="{code}">{name}</a> '
                     f'<code>{code}</code> <span class="corpus-facts">{share} · {article.words:,} words</span></li>')
        checked = " checked" if n < 2 else ""
        boxes.append(f'<label><input type="checkbox" name="{COLUMNS_PARAMETER}" value="{code}"{checked}> {name}</label>')
    return (f'<ol class="corpus-story-versions">{"".join(items)}</ol>\n'
            f'<fieldset class="corpus-columns" hidden><legend>Columns shown</legend>{"".join(boxes)}</fieldset>\n')


def _cell(article: Article, units: tuple[int, ...]) -> str:
    """One version's passage in a row. The style sheet and the column picker know a cell by its `data-v` (the
    version's language), not by a class on each: a long story has hundreds."""
    code = text(article.lang)
    if not units:
        return f'<div class="corpus-missing" data-v="{code}"><em>left out</em></div>'
    inner = "".join(_unit(article.blocks[i]) for i in units if 0 <= i < len(article.blocks))
    return f'<div data-v="{code}" lang="{code}">{inner}</div>'


def _unit(block: Block) -> str:
    tag = "h2" if block.kind in ("heading", "title") else "p"  # under the page's h1: no level skipped
    return f"<{tag}{dir_attr(block.text)}>{text(block.text)}</{tag}>"
