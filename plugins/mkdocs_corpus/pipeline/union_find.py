"""Disjoint sets, for grouping what the evidence joins: versions of a story, names of an entity."""
from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

Item = TypeVar("Item", bound=Hashable)


class UnionFind(Generic[Item]):
    """Each item's set is named by its root. Subclasses decide which sets may join and what a root keeps
    of the set it absorbs (`link`)."""

    def __init__(self) -> None:
        self.parent: dict[Item, Item] = {}

    def add(self, item: Item) -> None:
        self.parent.setdefault(item, item)

    def find(self, item: Item) -> Item:
        self.add(item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:  # path compression keeps later finds O(1)
            self.parent[item], item = root, self.parent[item]
        return root

    def link(self, root: Item, absorbed: Item) -> None:
        """`absorbed`'s set becomes part of `root`'s (both are roots)."""
        self.parent[absorbed] = root
