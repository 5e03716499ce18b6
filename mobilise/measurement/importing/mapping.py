"""Which column of a file holds what: the period, the value, numerator, denominator, measure name."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from .files import Cell

ROLES = ("period", "value", "numerator", "denominator", "measure_name")
ROLE_LABELS = {
    "period": "Period",
    "value": "Value",
    "numerator": "Numerator",
    "denominator": "Denominator",
    "measure_name": "Measure name",
}
# Words in a heading that suggest its column's role, most telling first.
_HINTS: dict[str, tuple[str, ...]] = {
    "measure_name": ("measure", "indicator", "metric", "series", "kpi"),
    "period": ("period", "date", "month", "week", "day", "quarter", "year", "time"),
    "numerator": ("numerator", "count", "events", "number of"),
    "denominator": ("denominator", "total", "population", "attendances", "bed days", "admissions"),
    "value": ("value", "rate", "percent", "%", "result", "score", "actual"),
}


def column_letter(index: int) -> str:
    """Spreadsheet column letters for a 0-based index: 0 → A, 27 → AB."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def headings(row: Sequence[Cell]) -> list[str]:
    """The heading of each column, or "Column C" where it has none."""
    return [
        str(cell).strip() if cell is not None and str(cell).strip() else f"Column {column_letter(i)}"
        for i, cell in enumerate(row)
    ]


def column_choice_labels(names: Sequence[str]) -> list[str]:
    """ "C: Value" for each column, so two columns with the same heading stay distinct."""
    return [f"{column_letter(i)}: {name}" for i, name in enumerate(names)]


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Columns are 0-based indexes; ``header_row`` is the 1-based row of the headings."""

    header_row: int
    period: int
    value: int | None = None
    numerator: int | None = None
    denominator: int | None = None
    measure_name: int | None = None
    measure_id: int | None = None
    sheet: str | None = None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ColumnMapping:
        return cls(**{key: data.get(key) for key in cls.__dataclass_fields__})  # type: ignore[arg-type]

    def used_columns(self) -> list[int]:
        return [
            c
            for c in (self.period, self.value, self.numerator, self.denominator, self.measure_name)
            if c is not None
        ]


def guess(names: Sequence[str]) -> dict[str, int | None]:
    """A first guess at each column's role from its heading; the person confirms or changes it."""
    taken: set[int] = set()
    out: dict[str, int | None] = {}
    for role in ("measure_name", "period", "numerator", "denominator", "value"):
        out[role] = None
        for hint in _HINTS[role]:
            pattern = re.compile(r"(^|[^a-z])" + re.escape(hint) + r"($|[^a-z])")
            found = next(
                (i for i, name in enumerate(names) if i not in taken and pattern.search(name.lower())), None
            )
            if found is not None:
                out[role] = found
                taken.add(found)
                break
    if out["value"] is None and out["numerator"] is None:
        # The first untaken column after the period is the likeliest value.
        out["value"] = next((i for i in range(len(names)) if i not in taken), None)
    return out
