"""Reading an edge list (CSV: source,target[,weight]) and finding every problem in one pass."""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field

MAX_BYTES = 20 * 1024 * 1024
MAX_TIES = 300_000
MAX_NAME = 200
MAX_ERRORS_SHOWN = 500


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


def _weight(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) and value > 0 else None


def read_edge_list(raw: bytes) -> EdgeList:
    result = EdgeList()
    if len(raw) > MAX_BYTES:
        result.errors.append(
            RowError(0, "", "", f"The file must be {MAX_BYTES // (1024 * 1024)} MB or smaller")
        )
        return result
    reader = csv.reader(io.StringIO(decode(raw), newline=""))
    header = [h.strip().casefold() for h in next(reader, [])]
    missing = [name for name in ("source", "target") if name not in header]
    if missing:
        result.errors.append(
            RowError(
                1,
                ", ".join(missing),
                ",".join(header),
                "The first row must name the columns: source,target and, if you like, weight",
            )
        )
        return result
    s_at, t_at = header.index("source"), header.index("target")
    w_at = header.index("weight") if "weight" in header else None
    first_seen: dict[tuple[str, str], int] = {}
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = row + [""] * (len(header) - len(row))
        source, target = _tidy(cells[s_at]), _tidy(cells[t_at])
        weight_text = cells[w_at].strip() if w_at is not None else ""
        problems = []
        for column, value in (("source", source), ("target", target)):
            if not value:
                problems.append(RowError(number, column, value, f"Enter a name or id in the {column} column"))
            elif len(value) > MAX_NAME:
                problems.append(
                    RowError(
                        number,
                        column,
                        value[:40] + "…",
                        f"The {column} must be {MAX_NAME} characters or fewer",
                    )
                )
        weight = 1.0
        if weight_text:
            parsed = _weight(weight_text)
            if parsed is None:
                problems.append(
                    RowError(
                        number, "weight", weight_text, "The weight must be a number above 0, like 1 or 2.5"
                    )
                )
            else:
                weight = parsed
        if source and target and source.casefold() == target.casefold():
            problems.append(RowError(number, "target", target, "Someone cannot name themselves"))
        key = (source.casefold(), target.casefold())
        if not problems and key in first_seen:
            problems.append(
                RowError(number, "target", target, f"This tie is already on row {first_seen[key]}")
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
