"""Reading an edge list (CSV: source,target[,weight]) and finding every problem in one pass."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterator
from dataclasses import dataclass, field

MAX_BYTES = 20 * 1024 * 1024
MAX_TIES = 300_000
MAX_NAME = 200
MAX_ERRORS_SHOWN = 500
# The longest cell read at all (names are then held to MAX_NAME): beyond it the file is refused.
MAX_CELL = 10_000
SHOWN_VALUE = 40
TOO_LONG = f"A cell is longer than {MAX_CELL:,} characters. Each name must be {MAX_NAME} characters or fewer"


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    value: str
    reason: str


@dataclass
class EdgeList:
    ties: list[tuple[str, str, float]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        """Everyone named, in order of first appearance, spelled as first written."""
        seen: dict[str, str] = {}
        for source, target, _ in self.ties:
            seen.setdefault(source.casefold(), source)
            seen.setdefault(target.casefold(), target)
        return list(seen.values())


def decode(raw: bytes) -> str:
    """UTF-8 (with or without a byte order mark), else Windows-1252 as spreadsheets often save."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _tidy(value: str) -> str:
    return " ".join(value.split())


def _shown(value: str) -> str:
    """A value short enough to echo back in the table of problems."""
    return value if len(value) <= SHOWN_VALUE else value[:SHOWN_VALUE] + "…"


def _weight(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) and value > 0 else None


def _records(text: str) -> Iterator[tuple[int, list[str] | RowError]]:
    """Each record with its row number; a record that cannot be read ends the reading with an error.

    The csv module raises on a cell beyond its field limit: that becomes a row error, never a crash.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    number = 0
    while True:
        number += 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            too_long = "field larger than field limit" in str(error)
            reason = TOO_LONG if too_long else "This row could not be read. Check its quotation marks"
            yield number, RowError(number, "", "", reason)
            return
        if any(len(cell) > MAX_CELL for cell in row):
            yield number, RowError(number, "", "", TOO_LONG)
            return
        yield number, row


def _column_name(header: list[str], at: int) -> str:
    return header[at] if at < len(header) and header[at] else f"column {at + 1}"


def _cell_count_error(number: int, row: list[str], header: list[str]) -> RowError:
    """A row with more or fewer cells than headings: most often a comma in a name without quotes."""
    counted = f"This row has {len(row)} cells but the first row has {len(header)} headings"
    if len(row) > len(header):
        return RowError(
            number,
            _column_name(header, len(header)),
            _shown(",".join(row[len(header) :])),
            f'{counted}. If a name has a comma in it, put the name in quotation marks, like "Reid, Tom"',
        )
    return RowError(
        number,
        ", ".join(_column_name(header, at) for at in range(len(row), len(header))),
        "",
        f"{counted}. Give every row a cell for each heading, even if it is blank",
    )


def _header(first: tuple[int, list[str] | RowError] | None) -> list[str] | RowError:
    cells = first[1] if first is not None else []
    if isinstance(cells, RowError):
        return cells
    header = [h.strip().casefold() for h in cells]
    missing = [name for name in ("source", "target") if name not in header]
    if missing:
        return RowError(
            1,
            ", ".join(missing),
            _shown(",".join(header)),
            "The first row must name the columns: source,target and, if you like, weight",
        )
    return header


def _tie(
    number: int, cells: list[str], s_at: int, t_at: int, w_at: int | None
) -> tuple[str, str, float, list[RowError]]:
    source, target = _tidy(cells[s_at]), _tidy(cells[t_at])
    weight_text = cells[w_at].strip() if w_at is not None else ""
    problems = []
    for column, value in (("source", source), ("target", target)):
        if not value:
            problems.append(RowError(number, column, value, f"Enter a name or id in the {column} column"))
        elif len(value) > MAX_NAME:
            problems.append(
                RowError(
                    number, column, _shown(value), f"The {column} must be {MAX_NAME} characters or fewer"
                )
            )
    weight = 1.0
    if weight_text:
        parsed = _weight(weight_text)
        if parsed is None:
            problems.append(
                RowError(
                    number,
                    "weight",
                    _shown(weight_text),
                    "The weight must be a number above 0, like 1 or 2.5",
                )
            )
        else:
            weight = parsed
    if source and target and source.casefold() == target.casefold():
        problems.append(RowError(number, "target", _shown(target), "Someone cannot name themselves"))
    return source, target, weight, problems


def read_edge_list(raw: bytes) -> EdgeList:
    """Every tie, or every problem: rows whose cell count differs from the headings are errors."""
    result = EdgeList()
    if len(raw) > MAX_BYTES:
        result.errors.append(
            RowError(0, "", "", f"The file must be {MAX_BYTES // (1024 * 1024)} MB or smaller")
        )
        return result
    records = _records(decode(raw))
    header = _header(next(records, None))
    if isinstance(header, RowError):
        result.errors.append(header)
        return result
    s_at, t_at = header.index("source"), header.index("target")
    w_at = header.index("weight") if "weight" in header else None
    first_seen: dict[tuple[str, str], int] = {}
    for number, row in records:
        if isinstance(row, RowError):
            result.errors.append(row)
            break
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            result.errors.append(_cell_count_error(number, row, header))
            continue
        source, target, weight, problems = _tie(number, row, s_at, t_at, w_at)
        key = (source.casefold(), target.casefold())
        if not problems and key in first_seen:
            problems.append(
                RowError(number, "target", _shown(target), f"This tie is already on row {first_seen[key]}")
            )
        if problems:
            result.errors.extend(problems)
            continue
        first_seen[key] = number
        result.ties.append((source, target, weight))
        if len(result.ties) > MAX_TIES:
            result.errors.append(RowError(number, "", "", f"The file must have {MAX_TIES:,} ties or fewer"))
            return result
    if not result.ties and not result.errors:
        result.errors.append(RowError(2, "", "", "The file has no ties in it: add one row for each tie"))
    return result
