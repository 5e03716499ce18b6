"""Worked examples: programmes every signed-in person may read, to see the change model in use."""

from __future__ import annotations

from django.db import transaction

from mobilise.programmes.models import Programme

from .models import WorkedExample


def is_worked_example(programme: Programme) -> bool:
    return WorkedExample.objects.filter(programme=programme).exists()


def example_ids() -> list[int]:
    return list(WorkedExample.objects.values_list("programme_id", flat=True))


def worked_examples() -> list[Programme]:
    return list(Programme.objects.filter(pk__in=example_ids()).order_by("name"))


@transaction.atomic
def example_mark(*, programme: Programme, example: bool, note: str = "") -> None:
    if example:
        WorkedExample.objects.update_or_create(programme=programme, defaults={"note": note})
    else:
        WorkedExample.objects.filter(programme=programme).delete()
