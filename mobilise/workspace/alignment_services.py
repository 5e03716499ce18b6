"""Reads and writes for alignment entries: pairs of components that reinforce or pull apart."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from mobilise.core.bin import move_to_bin
from mobilise.core.concurrency import lock_for_edit
from mobilise.core.history import save_as
from mobilise.programmes.models import Programme

from .grid import canonical_pair
from .models import AlignmentEntry


def alignment_entries(*, programme: Programme) -> QuerySet[AlignmentEntry]:
    """Every live entry in the programme, in one query."""
    return AlignmentEntry.objects.filter(programme=programme).select_related("created_by")


def alignment_entries_for_pair(*, programme: Programme, first: str, second: str) -> QuerySet[AlignmentEntry]:
    first, second = canonical_pair(first, second)
    return alignment_entries(programme=programme).filter(first=first, second=second).order_by("-created_at")


class EntryInBin(Exception):
    """Someone moved the entry to the bin while another person was editing it."""


@transaction.atomic
def alignment_entry_create(
    *,
    programme: Programme,
    first: str,
    second: str,
    relationship: str,
    description: str,
    action: str,
    status: str,
    by: Any,
) -> AlignmentEntry:
    first, second = canonical_pair(first, second)
    entry = AlignmentEntry(
        programme=programme,
        first=first,
        second=second,
        relationship=relationship,
        description=description,
        action=action,
        status=status,
        created_by=by,
    )
    entry.full_clean()
    save_as(entry, by=by)
    return entry


@transaction.atomic
def alignment_entry_update(
    *,
    entry: AlignmentEntry,
    expected_version: int | None,
    relationship: str,
    description: str,
    action: str,
    status: str,
    by: Any,
) -> AlignmentEntry:
    """Save the person's changes; EditConflict if someone saved since they started, EntryInBin if binned."""
    try:
        current = lock_for_edit(entry, expected_version)
    except AlignmentEntry.DoesNotExist:
        raise EntryInBin() from None
    current.relationship = relationship
    current.description = description
    current.action = action
    current.status = status
    current.full_clean()
    save_as(current, by=by)
    return current


@transaction.atomic
def alignment_entry_delete(*, entry: AlignmentEntry, by: Any) -> None:
    move_to_bin(entry, by=by)
