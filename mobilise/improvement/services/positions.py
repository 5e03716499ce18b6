"""Moving one item up or down among its siblings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, TypeVar

from django.db import models

Direction = Literal["up", "down"]
M = TypeVar("M", bound=models.Model)


def swap_with_neighbour(siblings: Sequence[M], target: M, direction: Direction) -> M | None:
    """Renumber `siblings` (in their current order) 0, 1, 2… and swap `target` with the one
    above or below it. Returns the neighbour, or None when `target` is already at that end.
    The caller saves the rows whose `position` changed."""
    ordered = list(siblings)
    index = next(i for i, row in enumerate(ordered) if row.pk == target.pk)
    other = index - 1 if direction == "up" else index + 1
    if other < 0 or other >= len(ordered):
        return None
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, row in enumerate(ordered):
        row.position = position  # type: ignore[attr-defined]
    return ordered[index]
