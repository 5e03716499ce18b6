"""Reading diagrams, their trees and their history, always within one programme."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import models
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from mobilise.measurement.models import Measure
from mobilise.programmes.models import Programme
from mobilise.purpose.models import SharedPurpose

from .models import ChangeIdea, Driver, DriverDiagram, TheoryItem
from .tree import Tree, build_tree


def diagrams_for(programme: Programme) -> list[DriverDiagram]:
    """The programme's diagrams with `driver_count` and `idea_count`, in two queries at most."""
    return list(
        DriverDiagram.objects.filter(programme=programme)
        .select_related("measure")
        .annotate(
            driver_count=Count("drivers", filter=Q(drivers__deleted_at__isnull=True), distinct=True),
            idea_count=Count("change_ideas", filter=Q(change_ideas__deleted_at__isnull=True), distinct=True),
        )
    )


def get_diagram_or_404(programme: Programme, pk: int) -> DriverDiagram:
    return get_object_or_404(DriverDiagram.objects.select_related("measure"), programme=programme, pk=pk)


def get_driver_or_404(
    programme: Programme, pk: int, kind: str | None = None, *, diagram: DriverDiagram | None = None
) -> Driver:
    drivers = Driver.objects.select_related("diagram", "parent").filter(diagram__deleted_at__isnull=True)
    if kind is not None:
        drivers = drivers.filter(kind=kind)
    if diagram is not None:
        drivers = drivers.filter(diagram=diagram)
    return get_object_or_404(drivers, programme=programme, pk=pk)


def live_drivers_of(idea: ChangeIdea) -> list[Driver]:
    """The secondary drivers a change idea serves now, in the diagram's order."""
    return list(
        idea.drivers.filter(deleted_at__isnull=True, parent__deleted_at__isnull=True)
        .select_related("parent")
        .order_by("parent__position", "parent_id", "position", "pk")
    )


def get_idea_or_404(programme: Programme, pk: int) -> ChangeIdea:
    return get_object_or_404(
        ChangeIdea.objects.select_related("diagram").filter(diagram__deleted_at__isnull=True),
        programme=programme,
        pk=pk,
    )


def get_theory_item_or_404(programme: Programme, pk: int) -> TheoryItem:
    return get_object_or_404(TheoryItem, programme=programme, pk=pk)


def get_theory_change_or_404(programme: Programme, history_id: int) -> Any:
    """One saved change to the programme's theory of change (a history row); others are 404."""
    record = TheoryItem.history.filter(programme_id=programme.pk, history_id=history_id).first()
    if record is None:
        raise Http404("No such change to the theory of change")
    return record


def theory_item_as_loaded(item: TheoryItem, version: int) -> Any:
    """The item as it stood at `version` (the history row), or None if that version is not kept."""
    return TheoryItem.history.filter(id=item.pk, version=version).order_by("-history_id").first()


def purpose_statement(programme: Programme) -> str:
    """The programme's shared purpose in one sentence, or "" while nobody has written it."""
    statement = SharedPurpose.objects.filter(programme=programme).values_list("statement", flat=True).first()
    return statement or ""


def load_tree(diagram: DriverDiagram) -> Tree:
    """The live drivers and change ideas of a diagram as a tree: three queries, whatever its size."""
    drivers = list(
        Driver.objects.filter(diagram=diagram).only("pk", "parent_id", "kind", "title", "position")
    )
    ideas = list(ChangeIdea.objects.filter(diagram=diagram).only("pk", "title", "position"))
    links = ChangeIdea.drivers.through.objects.filter(changeidea__diagram=diagram).values_list(
        "changeidea_id", "driver_id"
    )
    return build_tree(drivers, ideas, list(links))


def secondary_drivers(diagram: DriverDiagram) -> list[Driver]:
    """Secondary drivers in the order they appear in the diagram."""
    return list(
        Driver.objects.filter(diagram=diagram, parent__isnull=False, parent__deleted_at__isnull=True)
        .select_related("parent")
        .order_by("parent__position", "parent_id", "position", "pk")
    )


def primary_drivers(diagram: DriverDiagram) -> list[Driver]:
    return list(Driver.objects.filter(diagram=diagram, parent__isnull=True))


def driver_titles_under(diagram: DriverDiagram, parent: Driver | None) -> list[str]:
    """The drivers already at this place in the diagram, so someone adding several sees their list grow."""
    return list(
        Driver.objects.filter(diagram=diagram, parent=parent)
        .order_by("position", "pk")
        .values_list("title", flat=True)
    )


def measures_for(programme: Programme) -> models.QuerySet[Measure]:
    return Measure.objects.filter(programme=programme).order_by("name")


@dataclass(frozen=True)
class ChangeRecord:
    version: int
    when: datetime
    who: str
    what: str


def _who(record: Any) -> str:
    user = record.history_user
    return user.display_name if user is not None else "Someone no longer on Mobilise"


def diagram_changes(diagram: DriverDiagram, *, since_version: int = 0) -> list[ChangeRecord]:
    """What was done to the diagram after `since_version`, oldest first, from its history."""
    records = (
        DriverDiagram.history.filter(id=diagram.pk, version__gt=since_version)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    return [
        ChangeRecord(r.version, r.history_date, _who(r), r.history_change_reason or "Changed the diagram")
        for r in records
    ]


def theory_items(programme: Programme) -> list[TheoryItem]:
    return list(
        TheoryItem.objects.filter(programme=programme)
        .prefetch_related("measures", "aims")
        .order_by("position", "pk")
    )


def aim_theory_items(diagram: DriverDiagram) -> list[TheoryItem]:
    return list(diagram.theory_items.filter(deleted_at__isnull=True))


@dataclass(frozen=True)
class TestsOfChangeReader:
    """How the tests-of-change app lists an idea's tests and counts a programme's."""

    for_idea: Callable[[ChangeIdea, int], list[Any]]
    count: Callable[[Programme], int]
    wall_url: Callable[[Programme], str]

    __test__ = False  # the name starts with "Test"; pytest must not collect it


# The tests-of-change app registers its reader here from AppConfig.ready(); none until it does.
TESTS_OF_CHANGE: list[TestsOfChangeReader] = []


def register_tests_of_change(reader: TestsOfChangeReader) -> None:
    TESTS_OF_CHANGE[:] = [reader]


def tests_of_change(idea: ChangeIdea, limit: int = 50) -> list[Any] | None:
    """The idea's tests of change, newest first; None when no app records tests of change."""
    return TESTS_OF_CHANGE[0].for_idea(idea, limit) if TESTS_OF_CHANGE else None


def tests_wall_url(programme: Programme) -> str | None:
    """Where the programme's tests of change are listed; None when no app records them."""
    return TESTS_OF_CHANGE[0].wall_url(programme) if TESTS_OF_CHANGE else None


def count_tests_of_change(programme: Programme) -> int | None:
    """Live tests of live change ideas; None when no app records tests of change."""
    return TESTS_OF_CHANGE[0].count(programme) if TESTS_OF_CHANGE else None


def diagrams_queryset(programme: Programme) -> models.QuerySet[DriverDiagram]:
    return DriverDiagram.objects.filter(programme=programme).order_by("title")


def theory_history(programme: Programme, limit: int = 500) -> list[Any]:
    """The newest `limit` changes to the theory's items, oldest first, with who made them."""
    records = list(
        TheoryItem.history.filter(programme_id=programme.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )
    records.reverse()
    return records


def theory_as_of(programme: Programme, when: datetime) -> list[Any]:
    """The theory's items as they stood at `when` (history rows standing in for the items)."""
    records = TheoryItem.history.filter(programme_id=programme.pk, history_date__lte=when).latest_of_each()
    return [r for r in records if r.history_type != "-" and r.deleted_at is None]
