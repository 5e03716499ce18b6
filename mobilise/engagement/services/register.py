"""Writes for the stakeholder register and the critical-mass goal."""

from __future__ import annotations

import copy
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from mobilise.core.bin import move_to_bin
from mobilise.core.history import save_as
from mobilise.programmes.models import Programme

from ..models import CriticalMassGoal, Stakeholder
from ..replays import create_once, lock_unless_same

MAX_GOAL = 100_000


@dataclass(frozen=True)
class StakeholderData:
    """Everything a person can set about a stakeholder, already checked by the form."""

    name: str
    kind: str
    role: str = ""
    organisation_name: str = ""
    organisation_type: str = ""
    formal_authority: str = "none"
    informal_influence: str = "low"
    engagement_current: str = "to"
    engagement_desired: str = "with"
    stance: str | None = "observer"  # None: leave as it is (the person editing may not see it)
    interest: str = ""
    owner: Any = None
    member: Any = None
    last_contact: date | None = None
    notes: str = ""
    email: str = ""


def _apply(stakeholder: Stakeholder, data: StakeholderData) -> None:
    if not data.name.strip():
        raise ValidationError({"name": "Enter a name"})
    members = set(stakeholder.programme.memberships.values_list("user_id", flat=True))
    if data.owner is not None and data.owner.pk not in members:
        raise ValidationError({"owner": "Choose a member of the programme to keep in touch with them"})
    if data.member is not None and data.member.pk not in members:
        raise ValidationError({"member": "Choose a member of the programme, or “Not a member”"})
    for f in fields(data):
        value = getattr(data, f.name)
        if f.name == "stance" and value is None:
            continue
        setattr(stakeholder, f.name, value.strip() if isinstance(value, str) else value)


@transaction.atomic
def stakeholder_create(
    *, programme: Programme, data: StakeholderData, user: Any, form_key: str = ""
) -> Stakeholder:
    """A new stakeholder; a replayed post (same form key) returns the one the first post made."""
    stakeholder = Stakeholder(programme=programme, created_by=user, form_key=form_key)
    _apply(stakeholder, data)

    def create() -> Stakeholder:
        save_as(stakeholder, by=user)
        return stakeholder

    return create_once(Stakeholder, programme, form_key, create)[0]


@transaction.atomic
def stakeholder_update(
    *, stakeholder: Stakeholder, data: StakeholderData, user: Any, expected_version: int | None
) -> Stakeholder:
    """Save an edit, or raise EditConflict (holding their version) if someone saved first."""
    current, changed = lock_unless_same(stakeholder, expected_version, lambda c: _says(c, data))
    if changed:
        _apply(current, data)
        save_as(current, by=user)
    return current


def _says(stakeholder: Stakeholder, data: StakeholderData) -> bool:
    """Whether the stakeholder already holds exactly this data (a replayed save)."""
    probe = copy.copy(stakeholder)
    _apply(probe, data)
    return all(getattr(probe, f.name) == getattr(stakeholder, f.name) for f in fields(data))


@transaction.atomic
def stakeholder_move(
    *,
    stakeholder: Stakeholder,
    formal_authority: str,
    informal_influence: str,
    user: Any,
    expected_version: int | None,
) -> Stakeholder:
    """Move someone on the power and influence map."""
    current, changed = lock_unless_same(
        stakeholder,
        expected_version,
        lambda c: (c.formal_authority, c.informal_influence) == (formal_authority, informal_influence),
    )
    if changed:
        current.formal_authority, current.informal_influence = formal_authority, informal_influence
        save_as(current, by=user)
    return current


@transaction.atomic
def stakeholder_bin(*, stakeholder: Stakeholder, user: Any) -> None:
    """Move to the bin once: a replay finds it there and changes nothing."""
    current = Stakeholder.all_objects.select_for_update().get(pk=stakeholder.pk)
    if current.deleted_at is None:
        move_to_bin(current, by=user)


def critical_mass_goal(programme: Programme) -> CriticalMassGoal:
    """The programme's goal, unsaved at the default of 100 until a convenor changes it."""
    found = CriticalMassGoal.objects.filter(programme=programme).first()
    return found or CriticalMassGoal(programme=programme, version=0)


@transaction.atomic
def critical_mass_goal_set(
    *, programme: Programme, goal: int, user: Any, expected_version: int | None
) -> CriticalMassGoal:
    if not 1 <= goal <= MAX_GOAL:
        raise ValidationError({"goal": f"The goal must be a number from 1 to {MAX_GOAL:,}"})
    current = CriticalMassGoal.objects.filter(programme=programme).first()
    if current is None:
        try:
            with transaction.atomic():
                return _goal_save(CriticalMassGoal(programme=programme), goal, user)
        except IntegrityError:  # someone set the first goal at the same moment
            current = CriticalMassGoal.objects.get(programme=programme)
    current, changed = lock_unless_same(current, expected_version, lambda c: c.goal == goal)
    return _goal_save(current, goal, user) if changed else current


def _goal_save(current: CriticalMassGoal, goal: int, user: Any) -> CriticalMassGoal:
    current.goal, current.updated_by = goal, user
    save_as(current, by=user)
    return current
