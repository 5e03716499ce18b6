"""Importing sites, and a measure's values by site, from CSV or Excel: every row checked, then all or
nothing. Each problem names its row and column, as the person's spreadsheet numbers them.

Reading the file (size limits, workbook checks, CSV dialects) is the PDSA importer's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO, Any

from mobilise.pdsa.importing.reading import FileRefused, Table, read_table

from .models import Site, SiteKind

__all__ = ["Checked", "FileRefused", "Problem", "check_sites", "check_values", "read_upload"]

YES = {"yes", "y", "true", "1", "in", "in scope"}
NO = {"no", "n", "false", "0", "out", "out of scope"}
KINDS = {c.value: c.value for c in SiteKind} | {c.label.lower(): c.value for c in SiteKind}


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"Row {self.row}" + (f", column “{self.column}”" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class Checked:
    rows: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_upload(upload: IO[bytes], *, name: str, size: int) -> Table:
    return read_table(upload, name=name, size=size)


def _columns(table: Table, known: tuple[str, ...], required: tuple[str, ...], out: Checked) -> dict[str, int]:
    index: dict[str, int] = {}
    for i, heading in enumerate(table.headings):
        key = heading.strip().lower().replace(" ", "_")
        if key in known and key not in index:
            index[key] = i
    for name in required:
        if name not in index:
            out.problems.append(Problem(1, name, f"the heading row needs a “{name}” column"))
    return index


def _shape(table: Table, number: int, cells: list[Any], out: Checked) -> bool:
    width = len(table.headings)
    extra = [c for c in cells[width:] if c not in (None, "")]
    if (not table.ragged and len(cells) != width) or extra:
        out.problems.append(
            Problem(number, "", f"this row has {len(cells)} cells but the heading row has {width}")
        )
        return False
    return True


def _cell(cells: list[Any], index: dict[str, int], name: str) -> Any:
    i = index.get(name)
    if i is None or i >= len(cells):
        return None
    value = cells[i]
    return value.strip() if isinstance(value, str) else value


def _number(value: Any) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value).replace(",", ""))
    except ValueError:
        return None


def check_sites(table: Table, existing: set[str]) -> Checked:
    out = Checked()
    known = ("name", "organisation", "type", "ods_code", "population", "in_scope")
    index = _columns(table, known, ("name",), out)
    if out.problems:
        return out
    seen: set[str] = set()
    for number, cells in table.rows:
        if not _shape(table, number, cells, out):
            continue
        name = str(_cell(cells, index, "name") or "")
        row: dict[str, Any] = {"name": name, "organisation": str(_cell(cells, index, "organisation") or "")}
        if not name:
            out.problems.append(Problem(number, "name", "enter the site’s name"))
        elif len(name) > 200:
            out.problems.append(Problem(number, "name", "the name must be 200 characters or fewer"))
        elif name.lower() in seen or name.lower() in existing:
            out.problems.append(Problem(number, "name", f"there is already a site called “{name}”"))
        seen.add(name.lower())
        kind = str(_cell(cells, index, "type") or "other").lower()
        if kind not in KINDS:
            out.problems.append(
                Problem(number, "type", "use one of: " + ", ".join(c.label for c in SiteKind))
            )
        row["kind"] = KINDS.get(kind, "other")
        code = str(_cell(cells, index, "ods_code") or "").upper()
        if code and not (3 <= len(code) <= 8 and code.isalnum()):
            out.problems.append(Problem(number, "ods_code", "an ODS code is 3 to 8 letters and numbers"))
        row["ods_code"] = code
        raw_pop = _cell(cells, index, "population")
        pop = _number(raw_pop)
        if raw_pop not in (None, "") and (pop is None or pop < 0 or pop != int(pop)):
            out.problems.append(Problem(number, "population", "enter a whole number, or leave it empty"))
        row["population"] = None if pop is None else int(pop)
        scope = str(_cell(cells, index, "in_scope") or "yes").lower()
        if scope not in YES | NO:
            out.problems.append(Problem(number, "in_scope", "write yes or no"))
        row["in_scope"] = scope in YES
        out.rows.append(row)
    return out


def _month(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date().replace(day=1)
    if isinstance(value, date):
        return value.replace(day=1)
    text = str(value or "").strip()
    for fmt in ("%Y-%m-%d", "%Y-%m", "%d/%m/%Y", "%b %Y", "%B %Y"):
        try:
            return datetime.strptime(text, fmt).date().replace(day=1)
        except ValueError:
            continue
    return None


def check_values(table: Table, sites: list[Site], *, proportion: bool) -> Checked:
    out = Checked()
    index = _columns(
        table, ("site", "month", "events", "denominator"), ("site", "month", "events", "denominator"), out
    )
    if out.problems:
        return out
    by_name = {s.name.lower(): s for s in sites}
    by_code = {s.ods_code.upper(): s for s in sites if s.ods_code}
    seen: set[tuple[int, date]] = set()
    for number, cells in table.rows:
        if not _shape(table, number, cells, out):
            continue
        key = str(_cell(cells, index, "site") or "")
        site = by_code.get(key.upper()) or by_name.get(key.lower())
        if site is None:
            out.problems.append(
                Problem(number, "site", f"there is no site called “{key}” (name or ODS code)")
            )
        month = _month(_cell(cells, index, "month"))
        if month is None:
            out.problems.append(Problem(number, "month", "enter a month, like 2026-03"))
        events = _number(_cell(cells, index, "events"))
        den = _number(_cell(cells, index, "denominator"))
        if events is None or events < 0:
            out.problems.append(Problem(number, "events", "enter a count of 0 or more"))
        if den is None or den <= 0:
            out.problems.append(Problem(number, "denominator", "enter a number more than 0"))
        elif proportion and events is not None and events > den:
            out.problems.append(Problem(number, "events", "more events than the denominator"))
        elif proportion and den != int(den):
            out.problems.append(Problem(number, "denominator", "a proportion needs a whole number here"))
        if site is not None and month is not None:
            if (site.pk, month) in seen:
                out.problems.append(Problem(number, "month", "this site already has a row for this month"))
            seen.add((site.pk, month))
        out.rows.append({"site": site, "period": month, "events": events, "denominator": den})
    return out
