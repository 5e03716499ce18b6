"""Writes for the theory of change: each item is its own versioned, binnable statement."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import Max

from mobilise.core.bin import move_to_bin
from mobilise.core.concurrency import lock_for_edit
from mobilise.core.history import save_as
from mobilise.measurement.models import Measure
from mobilise.programmes.models import Programme

from ..models import DriverDiagram, TheoryItem
from .positions import Direction, swap_with_neighbour

TEXT_FIELDS = ("text", "assumptions", "evidence")


@transaction.atomic
def theory_item_add(*, programme: Programme, step: str, data: Mapping[str, Any], user: Any) -> TheoryItem:
    top = TheoryItem.objects.filter(programme=programme, step=step).aggregate(top=Max("position"))["top"]
    item = TheoryItem(
        programme=programme,
        step=step,
        created_by=user,
        position=0 if top is None else top + 1,
        **{name: data.get(name, "") for name in TEXT_FIELDS},
    )
    save_as(item, by=user)
    _set_links(item, data.get("measures", ()), data.get("aims", ()))
    return item


def _set_links(item: TheoryItem, measures: Iterable[Measure], aims: Iterable[DriverDiagram]) -> None:
    item.measures.set(list(measures))
    item.aims.set(list(aims))


@transaction.atomic
def theory_item_update(
    *, item: TheoryItem, data: Mapping[str, Any], expected_version: int, user: Any
) -> TheoryItem:
    """Save the item, or raise `EditConflict` if someone saved it after `expected_version`."""
    current = lock_for_edit(item, expected_version)
    for name in TEXT_FIELDS:
        setattr(current, name, data.get(name, ""))
    if data.get("step") and data["step"] != current.step:
        top = TheoryItem.objects.filter(programme_id=current.programme_id, step=data["step"]).aggregate(
            top=Max("position")
        )["top"]
        current.step, current.position = data["step"], 0 if top is None else top + 1
    save_as(current, by=user)
    _set_links(current, data.get("measures", ()), data.get("aims", ()))
    return current


@transaction.atomic
def theory_item_move(*, item: TheoryItem, direction: Direction, user: Any) -> bool:
    """Move the item up or down within its step. No version check: the order is all it changes."""
    siblings = list(
        TheoryItem.objects.select_for_update().filter(programme_id=item.programme_id, step=item.step)
    )
    before = {row.pk: row.position for row in siblings}
    if item.pk not in before or swap_with_neighbour(siblings, item, direction) is None:
        return False
    for row in siblings:
        if row.position != before[row.pk]:
            save_as(row, by=user)
    return True


@transaction.atomic
def theory_item_delete(*, item: TheoryItem, expected_version: int, user: Any) -> None:
    current = lock_for_edit(item, expected_version)
    move_to_bin(current, by=user)
