"""Which column of a file holds what: the period, the value, numerator, denominator, measure name."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from .files import Cell
from .problems import CellError
from .values import parse_number

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


# Charts drawn from a count and a total: they need a numerator and a denominator, not a value.
RATIO_CHARTS = frozenset({"p", "pp", "u", "up"})


def _whole_counts(sample: Sequence[Sequence[Cell]], index: int) -> list[float | None] | None:
    """The column's figures if every filled cell is a whole number of 0 or more (missing is None),
    with at least one figure; else None."""
    found: list[float | None] = []
    for row in sample:
        raw = row[index] if index < len(row) else None
        try:
            number = parse_number(raw, percent_ok=False)
        except CellError:
            return None
        if number is not None and (number < 0 or number != int(number)):
            return None
        found.append(number)
    return found if any(n is not None for n in found) else None


def count_pair(sample: Sequence[Sequence[Cell]], columns: Sequence[int]) -> tuple[int, int] | None:
    """Two count columns where one never exceeds the other: the smaller is the numerator (events),
    the larger the denominator (the total they come from). The first such pair, left to right."""
    counts = {i: c for i in columns if (c := _whole_counts(sample, i)) is not None}
    for a in counts:
        for b in counts:
            if a >= b:
                continue
            pairs = [
                (x, y) for x, y in zip(counts[a], counts[b], strict=True) if x is not None and y is not None
            ]
            if not pairs:
                continue
            if all(x <= y for x, y in pairs) and any(x < y for x, y in pairs):
                return a, b
            if all(y <= x for x, y in pairs) and any(y < x for x, y in pairs):
                return b, a
    return None


def guess(
    names: Sequence[str], sample: Sequence[Sequence[Cell]] = (), *, chart: str | None = None
) -> dict[str, int | None]:
    """A first guess at each column's role from its headings and first rows; the person confirms.

    ``chart`` is the chart of the measure the file is for, when one was chosen. For a chart of
    percentages or rates, or when no heading names a value, two count columns where one never
    exceeds the other are taken as numerator and denominator."""
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
    ratio = chart in RATIO_CHARTS
    top, bottom = out["numerator"], out["denominator"]
    if top is not None and bottom is not None and count_pair(sample, (top, bottom)) == (bottom, top):
        out["numerator"], out["denominator"] = bottom, top  # the figures overrule the headings
    if (ratio or (chart is None and out["value"] is None)) and (
        out["numerator"] is None or out["denominator"] is None
    ):
        free = [i for i in range(len(names)) if i not in taken or i in (out["numerator"], out["denominator"])]
        pair = count_pair(sample, free)
        if pair is not None:
            for role in ("numerator", "denominator"):
                if out[role] is not None and out[role] not in pair:
                    taken.discard(out[role])  # type: ignore[arg-type]
            out["numerator"], out["denominator"] = pair
            taken.update(pair)
    if ratio and out["numerator"] is not None and out["denominator"] is not None:
        out["value"] = None  # the chart is drawn from the counts; a value column would be ignored
    elif out["value"] is None and out["numerator"] is None and not ratio:
        # The first untaken column after the period is the likeliest value.
        out["value"] = next((i for i in range(len(names)) if i not in taken), None)
    return out
