"""Bringing back from the bin everything that one deletion put there.

The programme's bin page restores one row with `restore_from_bin`, which calls
`restore_with_batch` for drivers and change ideas (registered in `ImprovementConfig.ready()`): it
brings back the rest of that deletion (the rows of the same diagram with the same `deleted_at`)
and whatever the restored rows hang from.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction

from mobilise.core.bin import BinnableModel, restore_from_bin, take_out_of_bin
from mobilise.core.concurrency import lock_for_edit
from mobilise.core.history import save_as

from ..models import ChangeIdea, Driver, DriverDiagram, DriverKind
from .common import quoted


@transaction.atomic
def restore_with_batch(obj: BinnableModel, *, by: Any) -> None:
    """Restore a driver or change idea from the bin with everything binned by the same deletion."""
    assert isinstance(obj, Driver | ChangeIdea)
    binned_at = obj.deleted_at
    take_out_of_bin(obj, by=by)
    if binned_at is not None:
        restore_batch(obj, binned_at=binned_at, by=by)


@transaction.atomic
def restore_batch(obj: Driver | ChangeIdea, *, binned_at: datetime, by: Any) -> None:
    restored: list[Driver | ChangeIdea] = [obj]
    for model in (Driver, ChangeIdea):
        batch = model.all_objects.filter(diagram_id=obj.diagram_id, deleted_at=binned_at)
        for row in batch.exclude(pk=obj.pk) if isinstance(obj, model) else batch:
            take_out_of_bin(row, by=by)
            restored.append(row)
    for driver in restored:
        if not isinstance(driver, Driver) or driver.parent_id is None:
            continue
        parent = Driver.all_objects.get(pk=driver.parent_id)
        if parent.in_bin:
            restore_from_bin(parent, by=by)
        if not parent.is_primary:
            # Its old primary driver has since become a secondary driver: it comes back on top.
            driver.parent, driver.kind = None, DriverKind.PRIMARY
            save_as(driver, by=by)
    diagram = DriverDiagram.all_objects.get(pk=obj.diagram_id)
    if diagram.in_bin:
        restore_from_bin(diagram, by=by)
    current = lock_for_edit(diagram, None)
    others = len(restored) - 1
    reason = f"Brought back {quoted(obj.title)} from the bin" + (
        f" with {others} other item{'s' if others != 1 else ''} deleted at the same time" if others else ""
    )
    save_as(current, by=by, reason=reason)
