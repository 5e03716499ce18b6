"""Adding, renaming, moving, reordering and deleting drivers, keeping the diagram's shape.

The shape: primary drivers at the top level, secondary drivers under a primary driver, change
ideas under secondary drivers. Every refusal carries a message for the person.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from django.db.models import Max
from django.utils import timezone

from mobilise.core.history import save_as

from ..models import ChangeIdea, Driver, DriverDiagram, DriverKind
from .common import TreeRuleError, diagram_edit, quoted
from .positions import Direction, swap_with_neighbour


def _next_position(diagram: DriverDiagram, parent: Driver | None) -> int:
    top = Driver.objects.filter(diagram=diagram, parent=parent).aggregate(top=Max("position"))["top"]
    return 0 if top is None else top + 1


def _fresh(driver: Driver, diagram: DriverDiagram) -> Driver:
    current = Driver.objects.filter(pk=driver.pk, diagram=diagram).first()
    if current is None:
        raise TreeRuleError(f"{quoted(driver.title)} is no longer in this diagram.")
    return current


def driver_add(
    *, diagram: DriverDiagram, parent: Driver | None, title: str, expected_version: int, user: Any
) -> Driver:
    with diagram_edit(diagram, expected_version=expected_version, user=user) as edit:
        if parent is not None:
            parent = _fresh(parent, edit.diagram)
            if not parent.is_primary:
                raise TreeRuleError(
                    f"{quoted(parent.title)} is a secondary driver. Secondary drivers hold change ideas, "
                    "not other drivers.",
                    field="parent",
                )
        driver = Driver(
            programme_id=edit.diagram.programme_id,
            diagram=edit.diagram,
            parent=parent,
            title=title,
            kind=DriverKind.PRIMARY if parent is None else DriverKind.SECONDARY,
            position=_next_position(edit.diagram, parent),
        )
        save_as(driver, by=user)
        edit.reason = (
            f"Added the primary driver {quoted(title)}"
            if parent is None
            else f"Added the secondary driver {quoted(title)} under {quoted(parent.title)}"
        )
    return driver


def driver_rename(*, driver: Driver, title: str, expected_version: int, user: Any) -> bool:
    with diagram_edit(driver.diagram, expected_version=expected_version, user=user) as edit:
        current = _fresh(driver, edit.diagram)
        if current.title == title:
            return False
        old, current.title = current.title, title
        save_as(current, by=user)
        edit.reason = f"Renamed {quoted(old)} to {quoted(title)}"
    return True


def move_problem(driver: Driver, new_parent: Driver | None) -> str | None:
    """Why `driver` cannot go under `new_parent` (None: the top level), or None if it can."""
    name = quoted(driver.title)
    if new_parent is None:
        if ChangeIdea.objects.filter(drivers=driver).exists():
            return (
                f"{name} has change ideas beneath it, and change ideas go under secondary drivers. "
                "Move its change ideas to another driver first."
            )
        return None
    target = quoted(new_parent.title)
    if new_parent.pk == driver.pk:
        return f"{name} cannot go under itself. Choose a different driver."
    if new_parent.diagram_id != driver.diagram_id:
        return "Choose a driver in this diagram."
    if new_parent.parent_id == driver.pk:
        return (
            f"{target} is beneath {name}, so {name} cannot go under it. "
            f"A driver cannot move under one of its own drivers."
        )
    if not new_parent.is_primary:
        return (
            f"{target} is a secondary driver. A secondary driver cannot have drivers beneath it: "
            "choose a primary driver, or make it a primary driver."
        )
    if Driver.objects.filter(parent=driver).exists():
        return (
            f"{name} has secondary drivers beneath it, so it cannot become a secondary driver. "
            "Move them first."
        )
    return None


def driver_move(*, driver: Driver, new_parent: Driver | None, expected_version: int, user: Any) -> bool:
    with diagram_edit(driver.diagram, expected_version=expected_version, user=user) as edit:
        current = _fresh(driver, edit.diagram)
        target = _fresh(new_parent, edit.diagram) if new_parent is not None else None
        problem = move_problem(current, target)
        if problem:
            raise TreeRuleError(problem, field="parent")
        if (target.pk if target else None) == current.parent_id:
            return False
        current.parent = target
        current.kind = DriverKind.PRIMARY if target is None else DriverKind.SECONDARY
        current.position = _next_position(edit.diagram, target)
        save_as(current, by=user)
        edit.reason = (
            f"Made {quoted(current.title)} a primary driver"
            if target is None
            else f"Moved {quoted(current.title)} under {quoted(target.title)}"
        )
    return True


def driver_reorder(*, driver: Driver, direction: Direction, expected_version: int, user: Any) -> bool:
    with diagram_edit(driver.diagram, expected_version=expected_version, user=user) as edit:
        current = _fresh(driver, edit.diagram)
        siblings = list(Driver.objects.filter(diagram=edit.diagram, parent_id=current.parent_id))
        if swap_with_neighbour(siblings, current, direction) is None:
            return False
        Driver.objects.bulk_update(siblings, ["position"])
        edit.reason = f"Moved {quoted(current.title)} {direction}"
    return True


@dataclass
class DeletePlan:
    """What deleting a driver takes with it, and which change ideas need a decision."""

    driver: Driver
    drivers: list[Driver]
    orphans: list[ChangeIdea]
    staying: list[ChangeIdea]
    targets: list[Driver]


def delete_plan(driver: Driver) -> DeletePlan:
    drivers = [driver, *Driver.objects.filter(parent=driver)]
    binned_ids = {d.pk for d in drivers}
    ideas = list(ChangeIdea.objects.filter(drivers__in=binned_ids).distinct().order_by("position", "pk"))
    through = ChangeIdea.drivers.through
    still_served = set(
        through.objects.filter(
            changeidea__in=ideas, driver__deleted_at__isnull=True, driver__kind=DriverKind.SECONDARY
        )
        .exclude(driver__in=binned_ids)
        .values_list("changeidea_id", flat=True)
    )
    targets = list(
        Driver.objects.filter(diagram_id=driver.diagram_id, kind=DriverKind.SECONDARY)
        .exclude(pk__in=binned_ids)
        .select_related("parent")
        .order_by("parent__position", "position")
    )
    return DeletePlan(
        driver=driver,
        drivers=drivers,
        targets=targets,
        orphans=[i for i in ideas if i.pk not in still_served],
        staying=[i for i in ideas if i.pk in still_served],
    )


Choice = Literal["move", "bin"]


def driver_delete(
    *, driver: Driver, expected_version: int, user: Any, ideas: Choice = "bin", target: Driver | None = None
) -> DeletePlan:
    """Bin the driver (and its secondary drivers). Change ideas that would be left under no
    driver either move to `target` or go to the bin with it, all with one `deleted_at`, so
    restoring any of them brings back the lot."""
    with diagram_edit(driver.diagram, expected_version=expected_version, user=user) as edit:
        plan = delete_plan(_fresh(driver, edit.diagram))
        binned_ids = [d.pk for d in plan.drivers]
        moved_to = None
        if plan.orphans and ideas == "move":
            if target is None or target.pk not in {t.pk for t in plan.targets}:
                raise TreeRuleError(
                    "Choose the secondary driver to move the change ideas to.", field="target"
                )
            moved_to = target
            for idea in plan.orphans:
                idea.drivers.remove(*binned_ids)
                idea.drivers.add(target)
        now = timezone.now()
        binned: list[Any] = list(plan.drivers)
        if moved_to is None:
            binned += plan.orphans
        for row in binned:
            row.deleted_at, row.deleted_by = now, user
            save_as(row, by=user)
        edit.reason = _delete_reason(plan, moved_to)
    return plan


def _delete_reason(plan: DeletePlan, moved_to: Driver | None) -> str:
    reason = f"Moved the {plan.driver.get_kind_display().lower()} {quoted(plan.driver.title)} to the bin"
    extra = len(plan.drivers) - 1
    if extra:
        reason += f" with {extra} secondary driver{'s' if extra != 1 else ''}"
    if plan.orphans:
        count = len(plan.orphans)
        ideas = f"{count} change idea{'s' if count != 1 else ''}"
        reason += (
            f"; {ideas} moved to {quoted(moved_to.title)}"
            if moved_to
            else f"{' and' if extra else ' with'} {ideas}"
        )
    return reason
