"""Saving and deleting with a history entry that says who did it, when, and why.

django-simple-history reads who/when/why from private attributes on the instance. Only this
module sets them (a test fails if anything else does), so every service records history alike.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from mobilise.accounts.models import User

# The attributes simple-history reads; they are private to this module.
HISTORY_ATTRIBUTES = frozenset({"_history_user", "_history_date", "_change_reason"})


def _stamp(obj: models.Model, by: User | None, reason: str, when: datetime | None) -> None:
    obj._history_user = by  # type: ignore[attr-defined]
    # Cleared rather than left over, so an instance saved twice never repeats an older reason or date.
    obj._change_reason = reason or None  # type: ignore[attr-defined]
    if when is not None:
        obj._history_date = when  # type: ignore[attr-defined]
    elif hasattr(obj, "_history_date"):
        del obj._history_date


def save_as(obj: models.Model, *, by: User | None, reason: str = "", when: datetime | None = None) -> None:
    """Save `obj`; its history entry names `by`, with `reason` and, for back-dated demo rows, `when`."""
    _stamp(obj, by, reason, when)
    obj.save()


def delete_as(obj: models.Model, *, by: User | None, reason: str = "") -> None:
    """Delete `obj` for good; the history keeps a last entry naming `by`."""
    _stamp(obj, by, reason, None)
    obj.delete()


def saved_by(obj: models.Model) -> User | None:
    """Who the pending save is recorded against (None when nobody was named)."""
    user: User | None = getattr(obj, "_history_user", None)
    return user
