"""A long list cut into pages: how many, where each page goes, which items it shows, and its heading. The
article lists (listing.py), the A–Z index and each entity's page (entities.py) are paginated so."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from .messages import plain

Item = TypeVar("Item")


@dataclass(frozen=True)
class ListPage(Generic[Item]):
    """One page of a paginated list."""

    number: int  # from 1
    count: int  # how many pages the list has
    src: str  # where the page goes
    items: Sequence[Item]  # what it shows
    start: int  # its first item's position in the whole list, from 1 (an `<ol start>`)
    srcs: tuple[str, ...]  # where every page of the list goes, for the pager

    def heading(self, title: str, lang: str) -> str:
        """`title` on the first page; on the others, "title (page 2 of 5)" in the interface language `lang`
        (plain text, for the caller to escape)."""
        if self.number == 1:
            return title
        return plain(lang, "list.page", title=title, number=self.number, count=self.count)


def paginate(items: Sequence[Item], size: int, folder: str, first: str | None = None) -> list[ListPage[Item]]:
    """`items` in pages of `size`, in order: the first at `first` (by default `folder/index.md`), the others at
    `folder/2.md`, `folder/3.md`, ... A list with no items still has its one page, which says so."""
    count = max(1, -(-len(items) // size))
    srcs = (first or f"{folder}/index.md",) + tuple(f"{folder}/{n}.md" for n in range(2, count + 1))
    return [ListPage(number, count, src, items[(number - 1) * size : number * size], (number - 1) * size + 1, srcs)
            for number, src in enumerate(srcs, start=1)]
