"""Creating a driver diagram, changing its aim, and moving it to the bin."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from mobilise.core.history import save_as
from mobilise.programmes.models import Programme

from ..models import DriverDiagram
from .common import diagram_edit, quoted

AIM_FIELDS = ("title", "aim_what", "aim_for_whom", "aim_how_much", "aim_by_when", "measure")


@transaction.atomic
def diagram_create(*, programme: Programme, data: Mapping[str, Any], user: Any) -> DriverDiagram:
    diagram = DriverDiagram(
        programme=programme, created_by=user, **{name: data.get(name) or _empty(name) for name in AIM_FIELDS}
    )
    save_as(diagram, by=user, reason="Started the diagram")
    return diagram


def _empty(name: str) -> Any:
    return None if name in ("aim_by_when", "measure") else ""


def diagram_update(
    *, diagram: DriverDiagram, data: Mapping[str, Any], expected_version: int, user: Any
) -> bool:
    """Save the title and aim; False when nothing changed (no new version)."""
    with diagram_edit(diagram, expected_version=expected_version, user=user) as edit:
        current = edit.diagram
        changed = [name for name in AIM_FIELDS if getattr(current, name) != (data.get(name) or _empty(name))]
        for name in changed:
            setattr(current, name, data.get(name) or _empty(name))
        if changed:
            labels = [_LABELS[name] for name in changed]
            edit.reason = "Changed the " + _join(labels)
    return bool(changed)


_LABELS = {
    "title": "title",
    "aim_what": "aim",
    "aim_for_whom": "who the aim is for",
    "aim_how_much": "how much",
    "aim_by_when": "date to reach the aim",
    "measure": "measure",
}


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def diagram_delete(*, diagram: DriverDiagram, expected_version: int, user: Any) -> None:
    """Move the diagram to the bin; its drivers and change ideas stay with it, hidden."""
    with diagram_edit(diagram, expected_version=expected_version, user=user) as edit:
        edit.diagram.deleted_at = timezone.now()
        edit.diagram.deleted_by = user
        edit.reason = f"Moved the diagram {quoted(diagram.title)} to the bin"
