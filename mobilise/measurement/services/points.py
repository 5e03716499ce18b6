"""Single data points, annotations and phases (rebasing). Every change is kept in history."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from mobilise.core.concurrency import lock_for_edit
from mobilise.core.history import delete_as, save_as

from .. import periods
from ..models import Annotation, DataPoint, Measure, Phase, touch_measures


class DuplicatePeriod(Exception):
    """The measure already has a point (or a phase) for that period."""

    def __init__(self, existing: Any) -> None:
        super().__init__("already exists")
        self.existing = existing


@transaction.atomic
def point_add(
    *,
    measure: Measure,
    period: date,
    value: float | None,
    numerator: float | None,
    denominator: float | None,
    user: Any,
) -> DataPoint:
    period = periods.normalise(period, measure.frequency)
    existing = DataPoint.objects.filter(measure=measure, period=period).first()
    if existing is not None:
        raise DuplicatePeriod(existing)
    point = DataPoint(
        measure=measure, period=period, value=value, numerator=numerator, denominator=denominator
    )
    save_as(point, by=user)
    touch_measures([measure.pk])
    return point


@transaction.atomic
def point_update(
    *,
    point: DataPoint,
    value: float | None,
    numerator: float | None,
    denominator: float | None,
    user: Any,
    reason: str = "",
    expected_version: int | None = None,
) -> bool:
    """Correct a point; the old numbers stay in its history. False if nothing changed.

    Raises ``EditConflict`` if someone saved the point (or imported over it) since
    ``expected_version``, so a second save never silently overwrites the first."""
    current = lock_for_edit(point, expected_version)
    if (current.value, current.numerator, current.denominator) == (value, numerator, denominator):
        return False
    current.value, current.numerator, current.denominator = value, numerator, denominator
    save_as(current, by=user, reason=reason or "Corrected by hand")
    touch_measures([current.measure_id])
    return True


@transaction.atomic
def point_delete(*, point: DataPoint, user: Any) -> None:
    delete_as(point, by=user)
    touch_measures([point.measure_id])


@transaction.atomic
def annotation_add(*, measure: Measure, period: date, text: str, user: Any) -> Annotation:
    annotation = Annotation(measure=measure, period=period, text=text, created_by=user)
    save_as(annotation, by=user)
    return annotation


@transaction.atomic
def annotation_delete(*, annotation: Annotation, user: Any) -> None:
    delete_as(annotation, by=user)


@transaction.atomic
def phase_add(*, measure: Measure, starts: date, reason: str, user: Any) -> Phase:
    """Start a new phase (recalculate the limits) from ``starts``, recording why."""
    existing = Phase.objects.filter(measure=measure, starts=starts).first()
    if existing is not None:
        raise DuplicatePeriod(existing)
    phase = Phase(measure=measure, starts=starts, reason=reason, created_by=user)
    save_as(phase, by=user)
    touch_measures([measure.pk])
    return phase


@transaction.atomic
def phase_delete(*, phase: Phase, user: Any) -> None:
    delete_as(phase, by=user)
    touch_measures([phase.measure_id])
