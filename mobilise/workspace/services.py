"""Writes for the workspace's components: the team's status, notes, and the stage of the cycle.

Every write records who made it (django-simple-history) and refuses to overwrite a newer edit.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from mobilise.core.bin import move_to_bin
from mobilise.core.concurrency import lock_for_edit
from mobilise.core.history import save_as
from mobilise.programmes.models import Outcome, Programme, Stage

from .components import BY_KEY
from .models import ComponentState, Note, NoteKind, Status

MAX_ROUND = 99


def _check_component(component: str) -> None:
    if component not in BY_KEY:
        raise ValidationError("Choose a component of the Change Model")


@transaction.atomic
def component_status_set(
    *, programme: Programme, component: str, status: str, user: Any, expected_version: int | None = None
) -> ComponentState:
    """Set the team's own view of a component. A component nobody has set counts as version 0."""
    _check_component(component)
    if status not in Status.values:
        raise ValidationError({"status": "Choose where the team thinks this stands"})
    state = (
        ComponentState.objects.select_for_update().filter(programme=programme, component=component).first()
    )
    if state is None:
        state = ComponentState(programme=programme, component=component)
    else:
        state = lock_for_edit(state, expected_version)
    state.status = status
    state.updated_by = user
    save_as(state, by=user)
    return state


def _clean_note(kind: str, title: str) -> str:
    if kind not in NoteKind.values:
        raise ValidationError({"kind": "Choose whether this is a note, a decision or evidence"})
    title = title.strip()
    if not title:
        raise ValidationError({"title": "Enter a title"})
    return title


@transaction.atomic
def note_create(*, programme: Programme, component: str, kind: str, title: str, body: str, user: Any) -> Note:
    _check_component(component)
    note = Note(
        programme=programme,
        component=component,
        kind=kind,
        title=_clean_note(kind, title),
        body=body.strip(),
        author=user,
    )
    save_as(note, by=user)
    return note


@transaction.atomic
def note_update(
    *, note: Note, kind: str, title: str, body: str, user: Any, expected_version: int | None
) -> Note:
    """Save an edit, or raise EditConflict (holding their version) if someone saved first."""
    title = _clean_note(kind, title)
    current = lock_for_edit(note, expected_version)
    current.kind, current.title, current.body = kind, title, body.strip()
    save_as(current, by=user)
    return current


@transaction.atomic
def note_bin(*, note: Note, user: Any) -> None:
    move_to_bin(note, by=user)


@transaction.atomic
def programme_stage_set(
    *,
    programme: Programme,
    stage: str,
    cycle_round: int,
    outcome: str,
    note: str,
    user: Any,
    expected_version: int | None = None,
) -> Programme:
    """Record where the programme is in the large-scale change cycle.

    Raises `EditConflict` (holding their version) if someone saved since `expected_version`.
    """
    errors: dict[str, str] = {}
    if stage not in Stage.values:
        errors["stage"] = "Choose the stage the programme is at"
    if outcome not in Outcome.values:
        errors["outcome"] = "Choose how things are going, or “Still under way”"
    if not 1 <= cycle_round <= MAX_ROUND:
        errors["cycle_round"] = f"Round must be a number from 1 to {MAX_ROUND}"
    if errors:
        raise ValidationError(errors)
    current = lock_for_edit(programme, expected_version)
    current.stage, current.cycle_round, current.outcome = stage, cycle_round, outcome
    current.stage_note = note.strip()
    save_as(current, by=user)
    return current
