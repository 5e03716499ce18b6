"""The bin: deleted programme content waits here, restorable, before it is purged.

Models that can be binned inherit `BinnableModel`. Their default manager hides binned rows,
so ordinary queries never show deleted content; `all_objects` sees everything.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any, Protocol, TypeVar

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from mobilise.core.history import save_as

_M = TypeVar("_M", bound=models.Model)


class LiveQuerySet(models.QuerySet[_M]):
    def live(self) -> LiveQuerySet[_M]:
        return self.filter(deleted_at__isnull=True)

    def binned(self) -> LiveQuerySet[_M]:
        return self.filter(deleted_at__isnull=False)

    def restorable(self) -> LiveQuerySet[_M]:
        return self.binned().filter(deleted_at__gte=bin_cutoff())


class AllManager(models.Manager[_M]):
    """Every row, binned or not."""

    def get_queryset(self) -> LiveQuerySet[_M]:
        return LiveQuerySet(self.model, using=self._db)

    def restorable(self) -> LiveQuerySet[_M]:
        return self.get_queryset().restorable()


class LiveManager(AllManager[_M]):
    """Only rows that are not in the bin."""

    def get_queryset(self) -> LiveQuerySet[_M]:
        return super().get_queryset().live()


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

    objects = LiveManager()
    all_objects = AllManager()

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


def take_out_of_bin(obj: BinnableModel, *, by: Any) -> None:
    """Bring back this one row, and nothing else."""
    obj.deleted_at = None
    obj.deleted_by = None
    save_as(obj, by=by)


def restore_from_bin(obj: BinnableModel, *, by: Any) -> None:
    """Bring back `obj` the way its app asked to (with whatever was binned alongside it)."""
    restore = RESTORERS.get(type(obj), take_out_of_bin)
    with transaction.atomic():
        restore(obj, by=by)


class Restorer(Protocol):
    def __call__(self, obj: BinnableModel, *, by: Any) -> None: ...


# Binnable models register here (kind → model) so one bin page can list them all, with the
# service that restores them when bringing back one row should bring back others too.
BIN_REGISTRY: dict[str, type[BinnableModel]] = {}
RESTORERS: dict[type[BinnableModel], Restorer] = {}


def register_binnable(kind: str, model: type[BinnableModel], *, restore: Restorer | None = None) -> None:
    BIN_REGISTRY[kind] = model
    if restore is not None:
        RESTORERS[model] = restore


def binned_items(programme_id: int) -> list[tuple[str, BinnableModel]]:
    """Everything still restorable from a programme's bin, newest first."""
    items: list[tuple[str, BinnableModel]] = []
    for kind, model in BIN_REGISTRY.items():
        items += [
            (kind, obj)
            # Every binnable model belongs to a programme; the abstract base cannot declare it.
            for obj in model.all_objects.restorable()
            .filter(**{"programme_id": programme_id})
            .select_related("deleted_by")
        ]
    items.sort(key=lambda pair: pair[1].deleted_at or timezone.now(), reverse=True)
    return items
