"""Ramps: cycles chained from small to large scale, shown as a ladder.

Each cycle may point to the one before it. A ramp is every cycle joined to this one through
those links; it can branch when a team runs two next cycles from the same test.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from .models import TestOfChange
from .presenters import outcome_label

MAX_RUNGS = 200


@dataclass(frozen=True)
class Node:
    pk: int
    previous_pk: int | None
    title: str
    scale: str
    outcome: str
    tested_on: date


@dataclass(frozen=True)
class Rung:
    node: Node
    cycle: int  # 1 for the first cycle, 2 for the one after it, and so on
    is_current: bool
    branch: bool  # a second (or later) next cycle from the same test

    @property
    def outcome_label(self) -> str:
        return outcome_label(self.node.outcome)


def build_ramp(nodes: list[Node], current_pk: int) -> list[Rung]:
    """The ladder for `current_pk`: its first cycle, then each next cycle, depth first by date."""
    by_pk = {node.pk: node for node in nodes}
    if current_pk not in by_pk:
        return []
    root = by_pk[current_pk]
    seen = {root.pk}
    while root.previous_pk in by_pk and root.previous_pk not in seen:
        root = by_pk[root.previous_pk]
        seen.add(root.pk)
    children: dict[int, list[Node]] = defaultdict(list)
    for node in nodes:
        if node.previous_pk is not None:
            children[node.previous_pk].append(node)
    for siblings in children.values():
        siblings.sort(key=lambda n: (n.tested_on, n.pk))
    rungs: list[Rung] = []
    stack: list[tuple[Node, int, bool]] = [(root, 1, False)]
    visited: set[int] = set()
    while stack and len(rungs) < MAX_RUNGS:
        node, cycle, branch = stack.pop()
        if node.pk in visited:
            continue
        visited.add(node.pk)
        rungs.append(Rung(node=node, cycle=cycle, is_current=node.pk == current_pk, branch=branch))
        following = children.get(node.pk, [])
        for index, child in reversed(list(enumerate(following))):
            stack.append((child, cycle + 1, index > 0))
    return rungs


def ramp_for(test: TestOfChange) -> list[Rung]:
    """One query: the ramp is built from every live test of the same change idea."""
    rows: Any = TestOfChange.objects.filter(
        change_idea_id=test.change_idea_id, programme_id=test.programme_id
    ).values_list("pk", "previous_cycle_id", "title", "scale", "outcome", "tested_on")
    return build_ramp([Node(*row) for row in rows], test.pk)
