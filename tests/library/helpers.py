"""Items for the library in tests: real rows in the owning apps, indexed by their save signals."""

from __future__ import annotations

from typing import Any

from mobilise.library.models import SearchEntry
from mobilise.library.services import entry_share
from tests.improvement.factories import DiagramFactory, IdeaFactory, small_diagram
from tests.measurement.factories import MeasureFactory


def entry_for(obj: Any) -> SearchEntry:
    return SearchEntry.objects.get(object_id=obj.pk, title=str(getattr(obj, "title", None) or obj.name))


def shared(obj: Any, user: Any = None) -> SearchEntry:
    entry = entry_for(obj)
    entry_share(entry=entry, share=True, user=user)
    entry.refresh_from_db()
    return entry


__all__ = ["DiagramFactory", "IdeaFactory", "MeasureFactory", "entry_for", "shared", "small_diagram"]
