"""Keeping the search index in step with the items it points to."""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.search import SearchVector
from django.db import connection

from .embedding_services import embed_soon
from .models import SearchEntry, scope_words
from .registry import SEARCHABLE


def _vector() -> Any:
    return SearchVector("title", weight="A", config="english") + SearchVector(
        "body", weight="B", config="english"
    )


def index_object(kind: str, obj: Any) -> None:
    item = SEARCHABLE[kind].to_item(obj)
    if item is None:
        forget(kind, obj.pk)
        return
    entry, _ = SearchEntry.objects.update_or_create(
        kind=kind,
        object_id=obj.pk,
        defaults={
            "programme_id": item.programme_id,
            "title": item.title[:300],
            "body": item.body,
            "url": item.url,
            "component": item.component,
            "topic": item.topic,
            "can_share": item.can_share,
            "updated_at": item.updated_at,
        },
    )
    if not item.can_share and entry.shared:
        entry.shared, entry.shared_at = False, None
        SearchEntry.objects.filter(pk=entry.pk).update(shared=False, shared_at=None)
    if entry.scope != (scope := scope_words(entry)):
        SearchEntry.objects.filter(pk=entry.pk).update(scope=scope)
    if connection.vendor == "postgresql":
        SearchEntry.objects.filter(pk=entry.pk).update(vector=_vector())
    embed_soon()


def forget(kind: str, object_id: int) -> None:
    SearchEntry.objects.filter(kind=kind, object_id=object_id).delete()


def refresh_vectors() -> None:
    """After a bulk load on PostgreSQL: fill every missing vector in one statement."""
    if connection.vendor == "postgresql":
        SearchEntry.objects.filter(vector__isnull=True).update(vector=_vector())


def reindex_all() -> int:
    """Rebuild the index from every registered app's rows (keeps what was shared)."""
    count = 0
    for kind, searchable in SEARCHABLE.items():
        manager: Any = searchable.model._default_manager
        for obj in manager.all().iterator():
            index_object(kind, obj)
            count += 1
    return count
