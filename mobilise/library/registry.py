"""What other apps make searchable and shareable, registered from their `AppConfig.ready()`.

The library never imports those apps. Each registers a model with a function turning one of its
rows into an `Item` (or None when the row should not be found, for example while in the bin) and,
where copying makes sense, a function that copies the row into another programme.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models
from django.db.models.signals import post_delete, post_save


@dataclass(frozen=True)
class Item:
    programme_id: int
    title: str
    body: str
    url: str
    updated_at: datetime
    component: str = ""
    topic: str = ""
    can_share: bool = True


# (the source row's id, the programme to copy into, who is copying) → the new row's url.
Copier = Callable[[int, Any, Any], str]


@dataclass(frozen=True)
class Searchable:
    kind: str
    label: str
    model: type[models.Model]
    to_item: Callable[[Any], Item | None]
    copy: Copier | None = None
    topics: tuple[tuple[str, str], ...] = field(default_factory=tuple)


SEARCHABLE: dict[str, Searchable] = {}
COMPONENT_LABELS: dict[str, str] = {}


def register_searchable(
    kind: str,
    label: str,
    model: type[models.Model],
    to_item: Callable[[Any], Item | None],
    *,
    copy: Copier | None = None,
    topics: tuple[tuple[str, str], ...] = (),
) -> None:
    from . import index

    SEARCHABLE[kind] = Searchable(kind, label, model, to_item, copy, topics)

    def saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
        if not raw:
            index.index_object(kind, instance)

    def deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
        index.forget(kind, instance.pk)

    post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"library-save-{kind}")
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=f"library-delete-{kind}")


def register_component_labels(labels: dict[str, str]) -> None:
    """The change model's components by key, for the search filter (the workspace owns them)."""
    COMPONENT_LABELS.update(labels)


def topic_labels() -> dict[str, str]:
    return {key: label for s in SEARCHABLE.values() for key, label in s.topics}
