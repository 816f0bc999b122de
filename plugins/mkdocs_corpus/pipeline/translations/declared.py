"""What curators declared: `story: <key>` and `translation_of: <article id>` in front matter.

Declarations win over detection, so they are settled first into fixed groups. A declaration
that cannot hold (an unknown id, two versions of one language in one story, one article put
into two stories) becomes a Problem naming the article, and only that declaration is dropped:
one curator's typo must not stop the build or undo the rest.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..union_find import UnionFind
from .model import Link, Problem, Version


class Groups(UnionFind[int]):
    """Union-find over article indices; each root knows its languages and declared key."""

    def __init__(self, langs: Sequence[str]) -> None:
        super().__init__()
        for i in range(len(langs)):
            self.add(i)
        self.langs: list[set[str]] = [{lang} for lang in langs]
        self.key: list[str | None] = [None] * len(langs)
        self.fixed = [False] * len(langs)  # holds a declared article: never merged with another

    def union(self, i: int, j: int) -> int:
        a, b = self.find(i), self.find(j)
        if a == b:
            return a
        if len(self.langs[a]) < len(self.langs[b]):
            a, b = b, a
        self.link(a, b)
        self.langs[a] |= self.langs[b]
        self.key[a] = self.key[a] or self.key[b]
        self.fixed[a] = self.fixed[a] or self.fixed[b]
        return a


@dataclass
class Declarations:
    groups: Groups
    declared: set[int] = field(default_factory=set)  # article indices in some declared group
    links: list[tuple[int, int]] = field(default_factory=list)  # (original, translation)
    problems: list[Problem] = field(default_factory=list)


def settle(versions: Sequence[Version], index: dict[str, int]) -> Declarations:
    """Fixed groups from the declarations of `versions` (index: article id -> row)."""
    result = Declarations(Groups([v.lang for v in versions]))
    groups, problems = result.groups, result.problems
    key_members: dict[str, list[int]] = {}
    for i, version in enumerate(versions):
        if version.story is None:
            continue
        members = key_members.setdefault(version.story, [])
        clash = next((m for m in members if versions[m].lang == version.lang), None)
        if clash is not None:
            problems.append(Problem(version.article_id, (
                f"declared into story '{version.story}', which already has a '{version.lang}' "
                f"version ({versions[clash].article_id}); one version per language")))
            continue
        if members:
            result.links.append((members[0], i))
            groups.union(members[0], i)
        members.append(i)
        groups.key[groups.find(i)] = version.story
        result.declared.add(i)

    broken = _break_cycles(versions, index, problems)
    for i, version in enumerate(versions):
        if version.translation_of is None or i in broken:
            continue
        j = index.get(version.translation_of)
        problem = _edge_problem(versions, groups, i, j)
        if problem:
            problems.append(Problem(version.article_id, problem))
            continue
        assert j is not None
        # Already together (through a story key, say): keep the link for its direction.
        result.links = [link for link in result.links if set(link) != {i, j}] + [(j, i)]
        groups.union(i, j)
        result.declared.update((i, j))
    for i in result.declared:
        groups.fixed[groups.find(i)] = True
    return result


def _break_cycles(versions: Sequence[Version], index: dict[str, int], problems: list[Problem]) -> set[int]:
    """The articles whose `translation_of` closes a cycle (a -> b -> c -> a), one per cycle: with a cycle no
    version is the original. Each article of the cycle gets a warning; the rest of it still holds them in
    one story. Each article is walked once."""
    state = [0] * len(versions)  # 0 not seen, 1 on the current walk, 2 done
    broken: set[int] = set()
    for start in range(len(versions)):
        walk: list[int] = []
        i: int | None = start
        while i is not None and state[i] == 0:
            state[i] = 1
            walk.append(i)
            target = versions[i].translation_of
            i = index.get(target) if target is not None else None
        if i is not None and state[i] == 1 and walk[-1] != i:
            cycle = walk[walk.index(i):]
            names = " -> ".join(versions[k].article_id for k in [*cycle, cycle[0]])
            dropped = max(cycle, key=lambda k: versions[k].article_id)
            for k in cycle:
                problems.append(Problem(versions[k].article_id, (
                    f"translation_of makes a cycle ({names}): no version is the original; remove translation_of "
                    f"from the original (translation_of of '{versions[dropped].article_id}' ignored)")))
            broken.add(dropped)
        for k in walk:
            state[k] = 2
    return broken


def _edge_problem(versions: Sequence[Version], groups: Groups, i: int, j: int | None) -> str | None:
    version = versions[i]
    if j is None:
        return f"translation_of points at '{version.translation_of}', which is no article here"
    if j == i:
        return "translation_of points at the article itself"
    other = versions[j]
    if other.lang == version.lang:
        return (f"translation_of points at '{other.article_id}', also in '{version.lang}': "
                "a story holds one version per language")
    a, b = groups.find(i), groups.find(j)
    if a == b:
        return None
    if groups.key[a] and groups.key[b] and groups.key[a] != groups.key[b]:
        return (f"declared into story '{groups.key[a]}' and, through translation_of "
                f"'{other.article_id}', into story '{groups.key[b]}'")
    shared = groups.langs[a] & groups.langs[b]
    if shared:
        return (f"translation_of '{other.article_id}' would put two '{sorted(shared)[0]}' versions "
                "into one story")
    return None


def declared_links(versions: Sequence[Version], declarations: Declarations) -> list[Link]:
    return [
        Link(versions[a].article_id, versions[b].article_id, 1.0, True)
        for a, b in declarations.links
    ]
