"""Reading the command line's CSV input into series.

Long format: one row per point, columns (any order, names case-insensitive)

* ``value`` (required; empty, ``NA``, ``N/A``, ``NaN`` or ``null`` = missing),
* ``series`` (optional: many series in one file),
* ``period`` (optional: the time label; without it rows are in time order),
* ``denominator`` (p, u and Laney charts),
* ``target`` and ``improvement`` (optional, per series; override the flags).

Problems raise :class:`InputError` with a plain-English message naming the
line, column or series, for the command line to print.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Any

MISSING_WORDS = frozenset({"", "na", "n/a", "nan", "null"})
IMPROVEMENT_WORDS = {"increase": "increase", "decrease": "decrease", "neither": "neither"}
IMPROVEMENT_WORDS["neutral"] = "neither"
KNOWN_COLUMNS = ("value", "series", "period", "denominator", "target", "improvement")


class InputError(Exception):
    """The input cannot be analysed; the message says why, in plain English."""


@dataclass
class SeriesData:
    """The rows of one series, in time order once :func:`read_series` returns."""

    id: str | None
    periods: list[str | int] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    denominators: list[float] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    target: float | None = None
    target_line: int = 0
    improvement: str | None = None
    improvement_line: int = 0


def read_text(source: str, stdin: IO[str]) -> str:
    """The whole input as text: a file, or standard input for ``-``; UTF-8, BOM optional."""
    if source == "-":
        buffer = getattr(stdin, "buffer", None)
        if buffer is not None:
            try:
                text: str = buffer.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise InputError("standard input is not UTF-8 text") from None
        else:
            text = stdin.read()
        return text.removeprefix("\ufeff")
    try:
        with open(source, encoding="utf-8-sig", newline="") as fh:
            return fh.read()
    except FileNotFoundError:
        raise InputError(f"cannot read '{source}': there is no such file") from None
    except IsADirectoryError:
        raise InputError(f"cannot read '{source}': it is a folder, not a file") from None
    except PermissionError:
        raise InputError(f"cannot read '{source}': permission denied") from None
    except UnicodeDecodeError:
        raise InputError(f"cannot read '{source}': it is not UTF-8 text") from None
    except OSError as exc:
        raise InputError(f"cannot read '{source}': {exc.strerror or exc}") from None


def parse_number(text: str, line: int, column: str) -> float:
    """A finite number, or NaN for a missing-value word."""
    cell = text.strip()
    if cell.lower() in MISSING_WORDS:
        return math.nan
    try:
        number = float(cell)
    except ValueError:
        raise InputError(f"line {line}: column '{column}' has '{cell}', which is not a number") from None
    if not math.isfinite(number):
        raise InputError(f"line {line}: column '{column}' has '{cell}', which is not a finite number")
    return number


def _columns(header: list[str]) -> dict[str, int]:
    names = [h.strip().lower() for h in header]
    index: dict[str, int] = {}
    for i, name in enumerate(names):
        if name in KNOWN_COLUMNS and name in index:
            raise InputError(f"the header names the column '{name}' twice")
        index.setdefault(name, i)
    if "value" not in index:
        found = ", ".join(f"'{h.strip()}'" for h in header if h.strip()) or "none"
        raise InputError(f"the input has no 'value' column (columns found: {found})")
    return index


def _sort_key(periods: list[str | int]) -> Callable[[str | int], Any] | None:
    """Sort numerically if every period is a number, by date if every one is an
    ISO date or date-time; otherwise keep the file's order (None)."""
    texts = [str(p) for p in periods]
    try:
        numeric = all(math.isfinite(float(t)) for t in texts)
    except ValueError:
        numeric = False
    if numeric:
        return lambda p: float(p)
    try:
        stamps = [datetime.fromisoformat(t) for t in texts]
    except ValueError:
        return None
    if len({s.tzinfo is None for s in stamps}) > 1:
        return None  # mixing zone-aware and naive times cannot be ordered
    return lambda p: datetime.fromisoformat(str(p))


def _label(series: SeriesData) -> str:
    return "the data" if series.id is None else f"series '{series.id}'"


def _order(series: SeriesData, has_period: bool) -> None:
    """Put a series' rows in time order, refusing duplicate periods."""
    if not has_period:
        return
    key = _sort_key(series.periods)
    keys = series.periods if key is None else [key(p) for p in series.periods]
    seen: dict[Any, int] = {}
    for k, period, line in zip(keys, series.periods, series.lines, strict=True):
        if k in seen:
            raise InputError(
                f"{_label(series)} has more than one row for period '{period}' (lines {seen[k]} and {line})"
            )
        seen[k] = line
    if key is None:
        return
    order = sorted(range(len(keys)), key=lambda i: keys[i])
    series.periods = [series.periods[i] for i in order]
    series.values = [series.values[i] for i in order]
    series.denominators = [series.denominators[i] for i in order]
    series.lines = [series.lines[i] for i in order]


def _cell(row: list[str], i: int | None) -> str:
    return row[i] if i is not None and i < len(row) else ""


def read_series(text: str) -> tuple[list[SeriesData], bool]:
    """Parse CSV text into series (in order of first appearance).

    Returns the series and whether the input has a ``period`` column.
    """
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader, None)
        if header is None or not any(h.strip() for h in header):
            raise InputError("the input is empty: expected a header row with a 'value' column")
        col = _columns(header)
        has_period = "period" in col
        by_id: dict[str | None, SeriesData] = {}
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header) and any(c.strip() for c in row[len(header) :]):
                raise InputError(f"line {line} has more cells than the header has columns")
            sid: str | None = None
            if "series" in col:
                sid = _cell(row, col["series"]).strip()
                if not sid:
                    raise InputError(f"line {line}: column 'series' is empty")
            series = by_id.setdefault(sid, SeriesData(sid))
            value = parse_number(_cell(row, col["value"]), line, "value")
            period: str | int = len(series.values) + 1
            if has_period:
                period = _cell(row, col["period"]).strip()
                if not period:
                    raise InputError(f"line {line}: column 'period' is empty")
            denominator = math.nan
            if "denominator" in col:
                denominator = parse_number(_cell(row, col["denominator"]), line, "denominator")
            series.values.append(value)
            series.periods.append(period)
            series.denominators.append(denominator)
            series.lines.append(line)
            _read_series_options(series, row, col, line)
    except csv.Error as exc:
        raise InputError(f"line {reader.line_num}: the CSV is malformed ({exc})") from None
    all_series = list(by_id.values())
    for series in all_series:
        _order(series, has_period)
    return all_series, has_period


def _read_series_options(series: SeriesData, row: list[str], col: dict[str, int], line: int) -> None:
    if "target" in col:
        target = parse_number(_cell(row, col["target"]), line, "target")
        if not math.isnan(target):
            if series.target is not None and target != series.target:
                raise InputError(
                    f"{_label(series)} has more than one target "
                    f"({series.target:g} on line {series.target_line}, {target:g} on line {line})"
                )
            series.target, series.target_line = target, line
    if "improvement" in col:
        word = _cell(row, col["improvement"]).strip().lower()
        if word:
            if word not in IMPROVEMENT_WORDS:
                raise InputError(
                    f"line {line}: column 'improvement' has '{word}'; use increase, decrease or neither"
                )
            direction = IMPROVEMENT_WORDS[word]
            if series.improvement is not None and direction != series.improvement:
                raise InputError(
                    f"{_label(series)} has more than one improvement direction "
                    f"({series.improvement} on line {series.improvement_line}, "
                    f"{direction} on line {line})"
                )
            series.improvement, series.improvement_line = direction, line
