"""Check every row of a file in one pass: each bad cell is listed with its row, column and reason.

Good rows are kept compactly (typed arrays, not objects) so a million-row file fits in memory.
Nothing here touches the database: measures arrive as a lookup by name.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import Any

import numpy as np

from .. import periods
from .dates import parse_period
from .files import MAX_ROWS, Cell
from .mapping import RATIO_CHARTS, ColumnMapping, column_letter
from .problems import CellError, Problem, show_value
from .values import is_blank, parse_number

MAX_PROBLEMS_KEPT = 1000
PROPORTION_CHARTS = frozenset({"p", "pp"})
COUNT_CHARTS = frozenset({"p", "pp", "u", "up", "c"})


@dataclass(frozen=True, slots=True)
class MeasureRef:
    id: int
    name: str
    frequency: str = "month"
    chart: str = "xmr"


def name_key(name: str) -> str:
    """Measure names match whatever their case and spacing."""
    return " ".join(name.casefold().split())


def _floats() -> array[float]:
    return array("d")


def _ints() -> array[int]:
    return array("q")


@dataclass(slots=True)
class ParsedRows:
    """The good rows: one entry per row in each array; NaN where a number was not given."""

    measure_ids: array[int] = field(default_factory=_ints)
    periods: array[int] = field(default_factory=_ints)  # date ordinals
    values: array[float] = field(default_factory=_floats)
    numerators: array[float] = field(default_factory=_floats)
    denominators: array[float] = field(default_factory=_floats)
    row_numbers: array[int] = field(default_factory=_ints)

    def __len__(self) -> int:
        return len(self.measure_ids)

    def append(
        self,
        measure_id: int,
        period: date,
        value: float | None,
        numerator: float | None,
        denominator: float | None,
        row_number: int,
    ) -> None:
        nan = math.nan
        self.measure_ids.append(measure_id)
        self.periods.append(period.toordinal())
        self.values.append(nan if value is None else value)
        self.numerators.append(nan if numerator is None else numerator)
        self.denominators.append(nan if denominator is None else denominator)
        self.row_numbers.append(row_number)


@dataclass(slots=True)
class Validation:
    rows: ParsedRows
    problems: list[Problem]
    problem_count: int
    rows_read: int
    skipped_empty: int

    @property
    def ok(self) -> bool:
        return self.problem_count == 0


class _Problems:
    def __init__(self, keep: int) -> None:
        self.kept: list[Problem] = []
        self.count = 0
        self.keep = keep

    def add(self, row: int, column: str, value: Any, reason: str) -> None:
        self.count += 1
        if len(self.kept) < self.keep:
            self.kept.append(Problem(row=row, column=column, value=show_value(value), reason=reason))


def data_rows(rows: Iterable[Sequence[Cell]], mapping: ColumnMapping) -> Iterable[Sequence[Cell]]:
    """The rows under the headings."""
    return islice(rows, mapping.header_row, None)


def _width(names: Sequence[str], mapping: ColumnMapping, ragged: bool) -> int:
    """How many cells a row may have: every heading (a CSV), or up to the last named or chosen
    column (a workbook, whose rows are padded to the widest row in the sheet)."""
    if not ragged:
        return len(names)
    named = [i for i, name in enumerate(names) if name != f"Column {column_letter(i)}"]
    return max([i + 1 for i in named] + [i + 1 for i in mapping.used_columns()] + [0])


class RowChecker:
    """Checks one row at a time, adding good rows to ``parsed`` and bad cells to ``problems``."""

    def __init__(
        self,
        mapping: ColumnMapping,
        names: Sequence[str],
        *,
        measures: Mapping[str, MeasureRef],
        fixed: MeasureRef | None,
        max_problems: int,
        ragged: bool = False,
    ) -> None:
        if fixed is None and mapping.measure_name is None:
            raise ValueError("Say which measure the rows are for: a fixed measure or a name column")
        self.mapping = mapping
        self.names = names
        self.measures = measures
        self.fixed = fixed
        self.problems = _Problems(max_problems)
        self.parsed = ParsedRows()
        self.used = mapping.used_columns()
        self.width = _width(names, mapping, ragged)
        self.ragged = ragged
        self.skipped = 0

    def col(self, index: int) -> str:
        heading = self.names[index] if index < len(self.names) else ""
        return f"{column_letter(index)} ({heading})" if heading else column_letter(index)

    def _cells_fit(self, row: Sequence[Cell], row_number: int) -> bool:
        """A row with more or fewer cells than headings is refused: a stray comma would otherwise
        shift every value after it into the wrong column."""
        if self.ragged:
            extra = next((i for i in range(self.width, len(row)) if not is_blank(row[i])), None)
            if extra is None:
                return True
            self.problems.add(
                row_number,
                column_letter(extra),
                row[extra],
                f"This row has something in column {column_letter(extra)}, which has no heading. "
                "Add a heading for it or remove it",
            )
            return False
        if len(row) == self.width:
            return True
        self.problems.add(
            row_number,
            "",
            "",
            f"This row has {len(row)} cells but there are {self.width} headings. Check for a missing "
            "cell, or a comma inside a value that is not in quotes",
        )
        return False

    def check(self, row: Sequence[Cell], row_number: int) -> None:
        mapping, problems, col = self.mapping, self.problems, self.col

        def cell(index: int | None) -> Cell:
            return row[index] if index is not None and index < len(row) else None

        if all(is_blank(c) for c in row) or not self._cells_fit(row, row_number):
            return
        if all(is_blank(cell(i)) for i in self.used):
            return
        numbers: dict[str, float | None] = {}
        bad = False
        for what in ("value", "numerator", "denominator"):
            index = getattr(mapping, what)
            try:
                numbers[what] = parse_number(cell(index), percent_ok=what == "value", what=what)
            except CellError as error:
                problems.add(row_number, col(index), cell(index), str(error))
                numbers[what] = None
                bad = True
        value, numerator, denominator = numbers["value"], numbers["numerator"], numbers["denominator"]
        if not bad and value is None and numerator is None and denominator is None:
            self.skipped += 1  # a period with no value yet, as in a sheet laid out for the year ahead
            return

        measure = self.fixed
        if mapping.measure_name is not None:
            raw_name = cell(mapping.measure_name)
            if is_blank(raw_name):
                problems.add(
                    row_number,
                    col(mapping.measure_name),
                    raw_name,
                    "Enter the name of the measure this row is for",
                )
                measure, bad = None, True
            else:
                measure = self.measures.get(name_key(str(raw_name)))
                if measure is None:
                    problems.add(
                        row_number,
                        col(mapping.measure_name),
                        raw_name,
                        f"There is no measure called “{show_value(raw_name)}” in this programme. "
                        "Check the spelling, or add the measure first",
                    )
                    bad = True

        try:
            period = parse_period(cell(mapping.period))
        except CellError as error:
            problems.add(row_number, col(mapping.period), cell(mapping.period), str(error))
            bad = True
        else:
            if measure is not None:
                period = periods.normalise(period, measure.frequency)

        if mapping.numerator is not None and mapping.denominator is not None:
            if numerator is None and denominator is not None:
                problems.add(
                    row_number, col(mapping.numerator), "", "Enter the numerator as well as the denominator"
                )
                bad = True
            elif denominator is None and numerator is not None:
                problems.add(
                    row_number, col(mapping.denominator), "", "Enter the denominator as well as the numerator"
                )
                bad = True
        if (
            measure is not None
            and measure.chart in RATIO_CHARTS
            and (mapping.numerator is None or mapping.denominator is None)
        ):
            index = mapping.value if mapping.value is not None else mapping.period
            problems.add(
                row_number,
                col(index),
                cell(index),
                f"“{measure.name}” is a chart of percentages or rates, so it needs a numerator and a "
                "denominator for each period. Choose those columns, not a value",
            )
            bad = True
        if measure is not None and measure.chart in COUNT_CHARTS:
            for what, number in (("numerator", numerator), ("denominator", denominator)):
                if number is not None and number < 0:
                    index = getattr(mapping, what)
                    problems.add(
                        row_number,
                        col(index),
                        cell(index),
                        f"The {what} is a count, so it cannot be negative",
                    )
                    bad = True
            if (
                measure.chart in PROPORTION_CHARTS
                and numerator is not None
                and denominator is not None
                and 0 <= denominator < numerator
            ):
                assert mapping.numerator is not None
                problems.add(
                    row_number,
                    col(mapping.numerator),
                    cell(mapping.numerator),
                    f"The numerator ({show_value(cell(mapping.numerator))}) is larger than the "
                    f"denominator ({show_value(cell(mapping.denominator))}), so it cannot be a "
                    "proportion",
                )
                bad = True
        if bad or measure is None:
            return
        self.parsed.append(measure.id, period, value, numerator, denominator, row_number)

    def result(self, rows_read: int, max_rows: int) -> Validation:
        """Report repeated periods, then everything found."""
        problems = self.problems
        _report_duplicates(self.parsed, problems, self.mapping, self.col, self.measures, self.fixed)
        if rows_read == 0 or (len(self.parsed) == 0 and problems.count == 0 and self.skipped == 0):
            problems.add(self.mapping.header_row + 1, "", "", "There are no rows of data under the headings")
        problems.kept.sort(key=lambda p: p.row)
        return Validation(
            rows=self.parsed,
            problems=problems.kept,
            problem_count=problems.count,
            rows_read=min(rows_read, max_rows),
            skipped_empty=self.skipped,
        )


def too_many_rows(max_rows: int) -> str:
    return (
        f"The file has more than {max_rows:,} rows of data. "
        "Split it into smaller files and import them one at a time"
    )


def validate_rows(
    rows: Iterable[Sequence[Cell]],
    mapping: ColumnMapping,
    names: Sequence[str],
    *,
    measures: Mapping[str, MeasureRef],
    fixed: MeasureRef | None = None,
    ragged: bool = False,
    max_rows: int = MAX_ROWS,
    max_problems: int = MAX_PROBLEMS_KEPT,
    progress: Callable[[int], None] | None = None,
    progress_every: int = 5000,
) -> Validation:
    """Check the data rows (the rows under the headings) against ``mapping``.

    ``names`` are the column headings; ``measures`` maps ``name_key(name)`` to each measure the
    file may name, and ``fixed`` is the measure every row belongs to when no column names one.
    A CSV row must have exactly one cell per heading; ``ragged`` (a workbook, whose rows are
    padded) only refuses something written beyond the last heading.
    """
    checker = RowChecker(
        mapping, names, measures=measures, fixed=fixed, max_problems=max_problems, ragged=ragged
    )
    row_number = mapping.header_row
    rows_read = 0
    for row in rows:
        row_number += 1
        rows_read += 1
        if rows_read > max_rows:
            checker.problems.add(row_number, "", "", too_many_rows(max_rows))
            break
        if progress is not None and rows_read % progress_every == 0:
            progress(rows_read)
        checker.check(row, row_number)
    return checker.result(rows_read, max_rows)


def _report_duplicates(
    parsed: ParsedRows,
    problems: _Problems,
    mapping: ColumnMapping,
    col: Callable[[int], str],
    measures: Mapping[str, MeasureRef],
    fixed: MeasureRef | None,
) -> None:
    """Two rows for the same measure and period: which one is meant? Say so for every repeat."""
    if len(parsed) < 2:
        return
    # Built in place and let go once sorted, so a 1,000,000-row file holds few extra copies.
    keys = np.frombuffer(parsed.measure_ids, dtype=np.int64) << 32
    keys |= np.frombuffer(parsed.periods, dtype=np.int64)
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    del keys
    repeat = np.flatnonzero(ordered[1:] == ordered[:-1]) + 1
    if repeat.size == 0:
        return
    group_start = np.maximum.accumulate(
        np.where(np.r_[True, ordered[1:] != ordered[:-1]], np.arange(ordered.size), 0)
    )
    by_id = {m.id: m for m in measures.values()}
    if fixed is not None:
        by_id[fixed.id] = fixed
    for position in repeat:
        index = int(order[position])
        first = int(order[group_start[position]])
        measure = by_id[parsed.measure_ids[index]]
        when = periods.label(date.fromordinal(parsed.periods[index]), measure.frequency)
        problems.add(
            parsed.row_numbers[index],
            col(mapping.period),
            when,
            f"{when} is already in row {parsed.row_numbers[first]} for “{measure.name}”. "
            "Keep one row for each period",
        )
