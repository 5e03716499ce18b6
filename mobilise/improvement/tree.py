"""A driver diagram as a tree: aim → primary drivers → secondary drivers → change ideas.

Pure functions, no Django: the tree is built from plain rows (anything with the attributes
named below), so the outline, the picture and the CSV export all read the same structure.
A change idea may serve several secondary drivers; it appears under each of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass
class IdeaNode:
    pk: int
    title: str
    parent_ids: list[int] = field(default_factory=list)


@dataclass
class SecondaryNode:
    pk: int
    title: str
    parent_id: int
    ideas: list[IdeaNode] = field(default_factory=list)


@dataclass
class PrimaryNode:
    pk: int
    title: str
    secondaries: list[SecondaryNode] = field(default_factory=list)


@dataclass
class Tree:
    primaries: list[PrimaryNode]
    ideas: list[IdeaNode]
    unlinked_ideas: list[IdeaNode]
    secondary_titles: dict[int, str]

    @property
    def secondaries(self) -> list[SecondaryNode]:
        return [s for p in self.primaries for s in p.secondaries]

    @property
    def node_count(self) -> int:
        """Drivers and change ideas (each change idea once), not counting the aim."""
        return len(self.primaries) + len(self.secondaries) + len(self.ideas)

    def other_parents(self, idea: IdeaNode, shown_under: int) -> list[str]:
        """Titles of the other secondary drivers a change idea serves."""
        return [self.secondary_titles[pk] for pk in idea.parent_ids if pk != shown_under]


def build_tree(drivers: Sequence[Any], ideas: Sequence[Any], links: Iterable[tuple[int, int]]) -> Tree:
    """Drivers (pk, parent_id, kind, title) and ideas (pk, title), each already in display order,
    and (idea pk, driver pk) links. Rows that do not fit the shape (a secondary whose primary is
    missing, a link to a missing or primary driver) are left out rather than shown wrongly."""
    primaries = {d.pk: PrimaryNode(d.pk, d.title) for d in drivers if d.parent_id is None}
    secondaries: dict[int, SecondaryNode] = {}
    for d in drivers:
        if d.parent_id is not None and d.parent_id in primaries:
            node = SecondaryNode(d.pk, d.title, d.parent_id)
            secondaries[d.pk] = node
            primaries[d.parent_id].secondaries.append(node)
    parents_of: dict[int, set[int]] = {}
    for idea_id, driver_id in links:
        if driver_id in secondaries:
            parents_of.setdefault(idea_id, set()).add(driver_id)
    tree_order = {
        pk: index for index, pk in enumerate(s.pk for p in primaries.values() for s in p.secondaries)
    }
    idea_nodes: list[IdeaNode] = []
    unlinked: list[IdeaNode] = []
    for row in ideas:
        parent_ids = sorted(parents_of.get(row.pk, ()), key=tree_order.__getitem__)
        idea = IdeaNode(row.pk, row.title, parent_ids)
        idea_nodes.append(idea)
        for pk in parent_ids:
            secondaries[pk].ideas.append(idea)
        if not parent_ids:
            unlinked.append(idea)
    return Tree(
        primaries=list(primaries.values()),
        ideas=idea_nodes,
        unlinked_ideas=unlinked,
        secondary_titles={pk: s.title for pk, s in secondaries.items()},
    )


def csv_rows(aim: str, tree: Tree) -> list[tuple[str, str, str, str]]:
    """One row per path from the aim to a leaf: (aim, primary, secondary, change idea).

    A change idea serving two drivers gives two rows; drivers without anything beneath them
    still get a row, with the later columns empty.
    """
    rows: list[tuple[str, str, str, str]] = []
    for primary in tree.primaries:
        if not primary.secondaries:
            rows.append((aim, primary.title, "", ""))
        for secondary in primary.secondaries:
            if not secondary.ideas:
                rows.append((aim, primary.title, secondary.title, ""))
            rows += [(aim, primary.title, secondary.title, idea.title) for idea in secondary.ideas]
    rows += [(aim, "", "", idea.title) for idea in tree.unlinked_ideas]
    if not rows:
        rows.append((aim, "", "", ""))
    return rows
