"""The bin: deleted programme content waits here, restorable, before it is purged.

Models that can be binned inherit `BinnableModel`. Their default manager hides binned rows,
so ordinary queries never show deleted content; `all_objects` sees everything.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from mobilise.core.history import save_as


class LiveQuerySet(models.QuerySet):
    def live(self) -> LiveQuerySet:
        return self.filter(deleted_at__isnull=True)

    def binned(self) -> LiveQuerySet:
        return self.filter(deleted_at__isnull=False)

    def restorable(self) -> LiveQuerySet:
        return self.binned().filter(deleted_at__gte=bin_cutoff())


class LiveManager(models.Manager.from_queryset(LiveQuerySet)):  # type: ignore[misc]
    def get_queryset(self) -> LiveQuerySet:
        return super().get_queryset().filter(deleted_at__isnull=True)


class BinnableModel(models.Model):
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects: ClassVar[Any] = LiveManager()
    all_objects: ClassVar[Any] = models.Manager.from_queryset(LiveQuerySet)()

    class Meta:
        abstract = True
        base_manager_name = "all_objects"

    @property
    def in_bin(self) -> bool:
        return self.deleted_at is not None

    def bin_label(self) -> str:
        """A short description of the item for the bin page."""
        return str(self)


def bin_cutoff() -> Any:
    return timezone.now() - timedelta(days=settings.BIN_RETENTION_DAYS)


def move_to_bin(obj: BinnableModel, *, by: Any) -> None:
    obj.deleted_at = timezone.now()
    obj.deleted_by = by
    save_as(obj, by=by)


def restore_from_bin(obj: BinnableModel, *, by: Any) -> None:
    obj.deleted_at = None
    obj.deleted_by = None
    save_as(obj, by=by)


# Binnable models register here (kind → model) so one bin page can list them all.
BIN_REGISTRY: dict[str, type[BinnableModel]] = {}


def register_binnable(kind: str, model: type[BinnableModel]) -> None:
    BIN_REGISTRY[kind] = model


def binned_items(programme_id: int) -> list[tuple[str, BinnableModel]]:
    """Everything still restorable from a programme's bin, newest first."""
    items: list[tuple[str, BinnableModel]] = []
    for kind, model in BIN_REGISTRY.items():
        items += [
            (kind, obj)
            for obj in model.all_objects.restorable()
            .filter(programme_id=programme_id)
            .select_related("deleted_by")
        ]
    items.sort(key=lambda pair: pair[1].deleted_at or timezone.now(), reverse=True)
    return items
