"""What can be wrong with a file or a cell, said in plain English."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


class CellError(ValueError):
    """A cell that cannot be read; the message is the reason shown to the person."""


class FileRefused(Exception):
    """A whole file that cannot be imported (wrong type, too big, damaged)."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in a file: the row and column a person would look for, and why."""

    row: int
    column: str
    value: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def show_value(raw: Any, limit: int = 60) -> str:
    """A cell's content as the person would recognise it, shortened if long."""
    if raw is None:
        return ""
    text = str(raw).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"
