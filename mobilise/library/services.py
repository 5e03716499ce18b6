"""Writes for the library: sharing an item beyond its programme, being contactable, copying."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from mobilise.programmes.models import Programme

from .models import Contactable, Copy, SearchEntry, scope_words
from .registry import SEARCHABLE


class NotShareable(Exception):
    """The item's owner does not allow it to leave the programme (for example, no consent)."""


@transaction.atomic
def entry_share(*, entry: SearchEntry, share: bool, user: Any) -> None:
    entry = SearchEntry.objects.select_for_update().get(pk=entry.pk)
    if share and not entry.can_share:
        raise NotShareable
    entry.shared = share
    entry.shared_by = user if share else None
    entry.shared_at = timezone.now() if share else None
    entry.scope = scope_words(entry)
    entry.save(update_fields=["shared", "shared_by", "shared_at", "scope"])


@transaction.atomic
def contactable_set(*, programme: Programme, user: Any, contactable: bool) -> None:
    if contactable:
        Contactable.objects.get_or_create(programme=programme, user=user)
    else:
        Contactable.objects.filter(programme=programme, user=user).delete()


@transaction.atomic
def entry_copy(*, entry: SearchEntry, to_programme: Programme, user: Any) -> str:
    """Copy the item into the programme through its app; returns where the copy is."""
    copier = SEARCHABLE[entry.kind].copy
    assert copier is not None
    url = copier(entry.object_id, to_programme, user)
    Copy.objects.create(
        kind=entry.kind,
        object_id=entry.object_id,
        source_programme_name=entry.programme.name,
        source_title=entry.title,
        to_programme=to_programme,
        copied_by=user,
    )
    return url
