"""Getting index entries the person may see, or 404."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import Http404

from mobilise.programmes.models import Programme

from .models import Contactable, SearchEntry
from .search import visible_programme_ids


def get_own_entry_or_404(programme: Programme, pk: int) -> SearchEntry:
    entry = SearchEntry.objects.filter(programme=programme, pk=pk).first()
    if entry is None:
        raise Http404("No such item in this programme")
    return entry


def get_visible_entry_or_404(user: Any, pk: int) -> SearchEntry:
    """An entry of one of the person's programmes, or one shared with everyone; otherwise 404."""
    entry = (
        SearchEntry.objects.select_related("programme")
        .filter(Q(shared=True) | Q(programme_id__in=visible_programme_ids(user)), pk=pk)
        .first()
    )
    if entry is None:
        raise Http404("No such item")
    return entry


def get_copyable_entry_or_404(user: Any, pk: int) -> SearchEntry:
    """An item the person may see (their own programmes' or shared) that can be copied."""
    from .registry import SEARCHABLE

    entry = (
        SearchEntry.objects.select_related("programme")
        .filter(Q(shared=True) | Q(programme_id__in=visible_programme_ids(user)), pk=pk)
        .first()
    )
    if entry is None or SEARCHABLE.get(entry.kind) is None or SEARCHABLE[entry.kind].copy is None:
        raise Http404("No such item to copy")
    return entry


def programme_entries(programme: Programme) -> list[SearchEntry]:
    return list(SearchEntry.objects.filter(programme=programme).order_by("kind", "title"))


def contactable_people(programme_ids: set[int]) -> dict[int, list[Any]]:
    people: dict[int, list[Any]] = {}
    for row in Contactable.objects.filter(programme_id__in=programme_ids).select_related("user"):
        people.setdefault(row.programme_id, []).append(row.user)
    return people


def is_contactable(programme: Programme, user: Any) -> bool:
    return Contactable.objects.filter(programme=programme, user=user).exists()


def programmes_to_copy_into(user: Any) -> list[Programme]:
    """The programmes where the person may add work (not those where they only read)."""
    roles = ("convenor", "facilitator", "member")
    return list(
        Programme.objects.filter(memberships__user=user, memberships__role__in=roles).order_by("name")
    )


def entry_of(programme: Programme, kind: str, object_id: int) -> SearchEntry | None:
    """The index entry for one of the programme's own rows, if it is indexed."""
    return SearchEntry.objects.filter(programme=programme, kind=kind, object_id=object_id).first()
