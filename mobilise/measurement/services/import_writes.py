"""Writing checked import rows: one transaction, bulk creates and updates, history kept in bulk."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from ..importing.changes import as_optional, plan_changes
from ..importing.validate import ParsedRows
from ..models import DataPoint, Measure

WRITE_CHUNK = 5000


def import_apply(
    *, rows: ParsedRows, mapped: tuple[bool, bool, bool], user: Any, reason: str
) -> dict[str, Any]:
    """Write the checked rows in one transaction: new points created, changed ones updated (their old
    numbers kept in history), identical ones left alone."""
    ids = np.frombuffer(rows.measure_ids, dtype=np.int64) if len(rows) else np.zeros(0, dtype=np.int64)
    order = np.argsort(ids, kind="stable")
    measure_ids, starts = np.unique(ids[order], return_index=True)
    bounds = [*starts.tolist(), len(order)]
    fields = [name for name, on in zip(("value", "numerator", "denominator"), mapped, strict=True) if on]
    created = updated = unchanged = 0
    with transaction.atomic():
        list(Measure.objects.select_for_update().filter(pk__in=measure_ids.tolist()).values_list("pk"))
        for k, measure_id in enumerate(measure_ids.tolist()):
            indexes = order[bounds[k] : bounds[k + 1]].tolist()
            stored = {
                period.toordinal(): (pk, value, numerator, denominator)
                for pk, period, value, numerator, denominator in DataPoint.objects.filter(
                    measure_id=measure_id
                ).values_list("pk", "period", "value", "numerator", "denominator")
            }
            plan = plan_changes(
                stored, indexes, rows.periods, rows.values, rows.numerators, rows.denominators, mapped=mapped
            )
            unchanged += plan.unchanged
            for chunk in _chunks(plan.create):
                points = [_point(rows, i, measure_id, mapped, None) for i in chunk]
                bulk_create_with_history(
                    points, DataPoint, batch_size=1000, default_user=user, default_change_reason=reason
                )
                created += len(points)
            for pairs in _chunks(plan.update):
                points = [_point(rows, i, measure_id, mapped, stored[rows.periods[i]]) for i, _pk in pairs]
                bulk_update_with_history(
                    points,
                    DataPoint,
                    fields=fields,
                    batch_size=1000,
                    default_user=user,
                    default_change_reason=reason,
                )
                updated += len(points)
    return {
        "created": created,
        "updated": updated,
        "unchanged": unchanged,
        "measure_ids": measure_ids.tolist(),
    }


def _chunks(items: list[Any]) -> list[list[Any]]:
    return [items[i : i + WRITE_CHUNK] for i in range(0, len(items), WRITE_CHUNK)]


def _point(
    rows: ParsedRows,
    i: int,
    measure_id: int,
    mapped: tuple[bool, bool, bool],
    stored: tuple[int, float | None, float | None, float | None] | None,
) -> DataPoint:
    incoming = (rows.values[i], rows.numerators[i], rows.denominators[i])
    numbers = [
        as_optional(new) if on else (old if stored else None)
        for new, on, old in zip(incoming, mapped, stored[1:] if stored else (None,) * 3, strict=True)
    ]
    return DataPoint(
        pk=stored[0] if stored else None,
        measure_id=measure_id,
        period=date.fromordinal(rows.periods[i]),
        value=numbers[0],
        numerator=numbers[1],
        denominator=numbers[2],
    )


def import_message(summary: dict[str, Any]) -> str:
    """ "No changes: all 104 values were already there", or what was added and corrected."""
    created, updated, unchanged = summary["created"], summary["updated"], summary["unchanged"]
    skipped = summary.get("skipped", 0)
    if created == 0 and updated == 0:
        text = (
            f"No changes: all {unchanged:,} values were already there."
            if unchanged
            else "No values were found to import."
        )
    else:
        parts = []
        if created:
            parts.append(f"{created:,} new {'value' if created == 1 else 'values'} added")
        if updated:
            parts.append(
                f"{updated:,} corrected (the old {'value is' if updated == 1 else 'values are'} "
                "kept in the history)"
            )
        if unchanged:
            parts.append(f"{unchanged:,} already there")
        n = len(summary.get("measures", []))
        text = f"Imported into {n} {'measure' if n == 1 else 'measures'}: " + "; ".join(parts) + "."
    if skipped:
        text += (
            f" {skipped:,} {'row has' if skipped == 1 else 'rows have'} a period but no value, "
            "so nothing was saved for them."
        )
    return text
