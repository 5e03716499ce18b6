"""Creating, editing and binning measures; fixing their baseline."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from mobilise.core.bin import move_to_bin
from mobilise.core.concurrency import lock_for_edit
from mobilise.core.history import save_as
from mobilise.programmes.models import Programme

from ..models import Measure

MEASURE_FIELDS = (
    "name",
    "definition",
    "type",
    "unit",
    "improvement",
    "target",
    "frequency",
    "chart",
    "data_owner",
    "component",
)


@transaction.atomic
def measure_create(*, programme: Programme, data: Mapping[str, Any], user: Any) -> Measure:
    measure = Measure(
        programme=programme, created_by=user, **{name: data[name] for name in MEASURE_FIELDS if name in data}
    )
    save_as(measure, by=user)
    return measure


@transaction.atomic
def measure_update(
    *, measure: Measure, data: Mapping[str, Any], expected_version: int | None, user: Any
) -> Measure:
    """Save the edit, or raise ``EditConflict`` if someone saved since ``expected_version``."""
    current = lock_for_edit(measure, expected_version)
    for name in MEASURE_FIELDS:
        if name in data:
            setattr(current, name, data[name])
    save_as(current, by=user)
    return current


@transaction.atomic
def measure_bin(*, measure: Measure, user: Any) -> None:
    move_to_bin(measure, by=user)


@transaction.atomic
def baseline_set(*, measure: Measure, points: int | None, expected_version: int | None, user: Any) -> Measure:
    """Fix each phase's limits to its first ``points`` points (None: use every point)."""
    current = lock_for_edit(measure, expected_version)
    current.baseline_points = points
    reason = f"Limits fixed to the first {points} points" if points else "Limits use every point"
    save_as(current, by=user, reason=reason)
    return current
