"""Change ideas: adding, editing, linking to several secondary drivers, moving and deleting."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Max
from django.utils import timezone

from mobilise.core.history import save_as
from mobilise.measurement.models import Measure

from ..models import ChangeIdea, Driver, DriverDiagram
from .common import TreeRuleError, diagram_edit, quoted
from .positions import Direction, swap_with_neighbour


def _secondary(driver: Driver, diagram: DriverDiagram, field: str = "driver") -> Driver:
    current = Driver.objects.filter(pk=driver.pk, diagram=diagram).first()
    if current is None:
        raise TreeRuleError(f"{quoted(driver.title)} is no longer in this diagram.", field=field)
    if current.is_primary:
        raise TreeRuleError(
            f"{quoted(current.title)} is a primary driver. Change ideas go under a secondary driver.",
            field=field,
        )
    return current


def _fresh(idea: ChangeIdea, diagram: DriverDiagram) -> ChangeIdea:
    current = ChangeIdea.objects.filter(pk=idea.pk, diagram=diagram).first()
    if current is None:
        raise TreeRuleError(f"{quoted(idea.title)} is no longer in this diagram.")
    return current


def idea_add(
    *, diagram: DriverDiagram, driver: Driver, title: str, description: str, expected_version: int, user: Any
) -> ChangeIdea:
    with diagram_edit(diagram, expected_version=expected_version, user=user) as edit:
        parent = _secondary(driver, edit.diagram)
        top = ChangeIdea.all_objects.filter(diagram=edit.diagram).aggregate(top=Max("position"))["top"]
        idea = ChangeIdea(
            programme_id=edit.diagram.programme_id,
            diagram=edit.diagram,
            title=title,
            description=description,
            position=0 if top is None else top + 1,
        )
        save_as(idea, by=user)
        idea.drivers.add(parent)
        edit.reason = f"Added the change idea {quoted(title)} under {quoted(parent.title)}"
    return idea


def idea_update(
    *,
    idea: ChangeIdea,
    title: str,
    description: str,
    measures: Iterable[Measure],
    expected_version: int,
    user: Any,
) -> bool:
    with diagram_edit(idea.diagram, expected_version=expected_version, user=user) as edit:
        current = _fresh(idea, edit.diagram)
        wanted = {m.pk for m in measures}
        had = set(current.measures.values_list("pk", flat=True))
        changed = []
        if current.title != title:
            changed.append("renamed it to " + quoted(title))
        if current.description != description:
            changed.append("changed its description")
        if wanted != had:
            changed.append("changed its measures")
        if not changed:
            return False
        old = current.title
        current.title, current.description = title, description
        save_as(current, by=user)
        current.measures.set(wanted)
        edit.reason = f"Edited the change idea {quoted(old)}: " + ", ".join(changed)
    return True


def idea_link(*, idea: ChangeIdea, driver: Driver, expected_version: int, user: Any) -> None:
    with diagram_edit(idea.diagram, expected_version=expected_version, user=user) as edit:
        current = _fresh(idea, edit.diagram)
        parent = _secondary(driver, edit.diagram)
        if current.drivers.filter(pk=parent.pk).exists():
            raise TreeRuleError(
                f"{quoted(current.title)} already serves {quoted(parent.title)}.", field="driver"
            )
        current.drivers.add(parent)
        edit.reason = f"Linked the change idea {quoted(current.title)} to {quoted(parent.title)} as well"


def _live_parent_count(idea: ChangeIdea) -> int:
    return int(idea.drivers.filter(deleted_at__isnull=True).count())


def idea_unlink(*, idea: ChangeIdea, driver: Driver, expected_version: int, user: Any) -> None:
    with diagram_edit(idea.diagram, expected_version=expected_version, user=user) as edit:
        current = _fresh(idea, edit.diagram)
        if not current.drivers.filter(pk=driver.pk).exists():
            raise TreeRuleError(f"{quoted(current.title)} does not serve {quoted(driver.title)}.")
        if _live_parent_count(current) <= 1:
            raise TreeRuleError(
                f"{quoted(current.title)} only serves {quoted(driver.title)}. Link it to another "
                "driver first, or delete it."
            )
        current.drivers.remove(driver)
        edit.reason = f"Unlinked the change idea {quoted(current.title)} from {quoted(driver.title)}"


def idea_move(
    *, idea: ChangeIdea, from_driver: Driver, to_driver: Driver, expected_version: int, user: Any
) -> bool:
    """Serve `to_driver` instead of `from_driver` (its other drivers stay as they are)."""
    with diagram_edit(idea.diagram, expected_version=expected_version, user=user) as edit:
        current = _fresh(idea, edit.diagram)
        target = _secondary(to_driver, edit.diagram)
        if not current.drivers.filter(pk=from_driver.pk).exists():
            raise TreeRuleError(f"{quoted(current.title)} does not serve {quoted(from_driver.title)}.")
        if target.pk == from_driver.pk:
            return False
        current.drivers.remove(from_driver)
        current.drivers.add(target)
        edit.reason = (
            f"Moved the change idea {quoted(current.title)} from {quoted(from_driver.title)} "
            f"to {quoted(target.title)}"
        )
    return True


def idea_reorder(
    *, idea: ChangeIdea, driver: Driver, direction: Direction, expected_version: int, user: Any
) -> bool:
    """Move the idea up or down among the change ideas under `driver`."""
    with diagram_edit(idea.diagram, expected_version=expected_version, user=user) as edit:
        current = _fresh(idea, edit.diagram)
        everyone = list(ChangeIdea.all_objects.filter(diagram=edit.diagram).order_by("position", "pk"))
        siblings = [i for i in ChangeIdea.objects.filter(diagram=edit.diagram, drivers=driver)]
        neighbour = swap_with_neighbour(siblings, current, direction)
        if neighbour is None:
            return False
        # Positions are shared across the diagram: swap the two ideas' places in the full order.
        order = [i.pk for i in everyone]
        a, b = order.index(current.pk), order.index(neighbour.pk)
        order[a], order[b] = order[b], order[a]
        by_pk = {i.pk: i for i in everyone}
        for position, pk in enumerate(order):
            by_pk[pk].position = position
        ChangeIdea.all_objects.bulk_update(everyone, ["position"])
        edit.reason = (
            f"Moved the change idea {quoted(current.title)} {direction} under {quoted(driver.title)}"
        )
    return True


def idea_delete(*, idea: ChangeIdea, expected_version: int, user: Any) -> None:
    with diagram_edit(idea.diagram, expected_version=expected_version, user=user) as edit:
        current = _fresh(idea, edit.diagram)
        current.deleted_at, current.deleted_by = timezone.now(), user
        save_as(current, by=user)
        edit.reason = f"Moved the change idea {quoted(current.title)} to the bin"
