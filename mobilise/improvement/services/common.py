"""What every edit to a driver diagram shares: one lock, one version step, one change record."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from mobilise.core.concurrency import lock_for_edit
from mobilise.core.history import save_as

from ..models import DriverDiagram


class TreeRuleError(Exception):
    """The edit would break the diagram's shape; the message says why, for the person."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass
class Edit:
    diagram: DriverDiagram
    reason: str = ""


def quoted(text: str, limit: int = 80) -> str:
    short = text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    return f"“{short}”"


@contextmanager
def diagram_edit(diagram: DriverDiagram, *, expected_version: int | None, user: Any) -> Iterator[Edit]:
    """Lock the diagram, refuse with `EditConflict` if it moved on since `expected_version`,
    and, if the body sets `edit.reason`, save the diagram's next version with that reason.

    Every structural change goes through here, so the version counts them all and the
    diagram's history says, in words, what each one was.
    """
    with transaction.atomic():
        current = lock_for_edit(diagram, expected_version)
        edit = Edit(current)
        yield edit
        if edit.reason:
            save_as(current, by=user, reason=edit.reason)
