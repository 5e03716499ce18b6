"""Importing actions and risks from CSV or Excel: all or nothing, every problem with its row and column.

Files are checked and read by the measurement import's readers (mobilise/measurement/importing/
files.py): real workbooks only, no macros, sizes bounded, encodings detected. The headings are
the ones the CSV download writes, so a download can be edited and imported back.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from mobilise.accounts.models import Organisation, User
from mobilise.core.spreadsheets import FORMULA_STARTS
from mobilise.measurement.importing.files import detect_kind, header_row_index, open_rows, write_upload
from mobilise.measurement.importing.problems import FileRefused, Problem, show_value
from mobilise.programmes.models import Programme
from mobilise.workspace.components import COMPONENTS

from .components import pack
from .forms import DATE_FORMATS
from .models import Action, ActionStatus, Risk, RiskStatus

MAX_ROWS = 10_000
MAX_BYTES = 5 * 1024 * 1024
MAX_PROBLEMS_SHOWN = 200
COMPONENT_WORDS = {c.key: c.key for c in COMPONENTS} | {c.name.lower(): c.key for c in COMPONENTS}
COMPONENT_NAMES = {c.key: c.name for c in COMPONENTS}
STATUS_LABELS = {str(v): str(label) for v, label in [*ActionStatus.choices, *RiskStatus.choices]}


@dataclass(frozen=True)
class Column:
    heading: str
    field: str
    required: bool = False
    read: str = "text"  # text, date, status, components, owner, partner, score
    limit: int = 300


ACTION_COLUMNS = (
    Column("what", "title", required=True),
    Column("components", "components", read="components"),
    Column("owner", "owner", read="owner"),
    Column("partner", "partner", read="partner"),
    Column("due", "due_on", read="date"),
    Column("status", "status", read="status"),
    Column("what is in the way", "in_the_way", limit=2000),
    Column("details", "details", limit=5000),
)
RISK_COLUMNS = (
    Column("risk", "title", required=True),
    Column("impact on our shared purpose", "purpose_impact", required=True, limit=3000),
    Column("cause", "cause", limit=3000),
    Column("consequence", "consequence", limit=3000),
    Column("likelihood", "likelihood", required=True, read="score"),
    Column("impact", "impact", required=True, read="score"),
    Column("owner", "owner", read="owner"),
    Column("mitigation", "mitigation", limit=3000),
    Column("review date", "review_on", read="date"),
    Column("status", "status", read="status"),
    Column("components", "components", read="components"),
)
IGNORED = {"score"}  # the download writes it; it is worked out again from likelihood × impact


@dataclass
class Outcome:
    created: int = 0
    problems: list[Problem] | None = None


class _Reader:
    def __init__(self, programme: Programme, statuses: dict[str, str]) -> None:
        members = User.objects.filter(memberships__programme=programme)
        self.people: dict[str, User] = {}
        for person in members:
            self.people[person.email.lower()] = person
            self.people.setdefault(person.display_name.lower(), person)
        self.partners = {o.name.lower(): o for o in Organisation.objects.filter(programmes=programme)}
        self.statuses = statuses

    def read(self, column: Column, raw: Any) -> Any:
        text = "" if raw is None else str(raw).strip()
        if not text:
            if column.required:
                raise ValueError(f"Enter the {column.heading}; it cannot be empty")
            return None
        if column.read == "text":
            if text[:1] == "'" and text[1:2] in FORMULA_STARTS:
                text = text[1:]  # our own download's guard against formulas, undone
            if len(text) > column.limit:
                raise ValueError(f"Must be {column.limit:,} characters or fewer")
            return text
        if column.read == "date":
            return _date(raw, text)
        if column.read == "score":
            if text not in {"1", "2", "3", "4", "5", "1.0", "2.0", "3.0", "4.0", "5.0"}:
                raise ValueError("Must be a whole number from 1 to 5")
            return int(float(text))
        if column.read == "status":
            found = self.statuses.get(text.lower())
            if found is None:
                raise ValueError("Must be one of: " + ", ".join(sorted({v for v in self.statuses.values()})))
            return found
        if column.read == "components":
            words = [w.strip().lower() for w in text.replace(";", ",").split(",") if w.strip()]
            unknown = [w for w in words if w not in COMPONENT_WORDS]
            if unknown:
                raise ValueError(f"“{unknown[0]}” is not one of the eight components")
            return [COMPONENT_WORDS[w] for w in words]
        if column.read == "owner":
            person = self.people.get(text.lower())
            if person is None:
                raise ValueError("Not a member of this programme (use their email address or full name)")
            return person
        partner = self.partners.get(text.lower())
        if partner is None:
            raise ValueError("Not a partner organisation of this programme")
        return partner


def _date(raw: Any, text: str) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError("Must be a date, like 27/03/2026")


def _rows(path: Path, kind: str) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    with open_rows(path, kind) as stream:
        head: list[list[Any]] = []
        rows: list[tuple[int, list[Any]]] = []
        for number, row in enumerate(stream, start=1):
            if len(head) < 30 and not rows:
                head.append(row)
            rows.append((number, row))
            if len(rows) > MAX_ROWS + 30:
                raise FileRefused(f"The file has more than {MAX_ROWS:,} rows. Split it into smaller files")
    start = header_row_index(head)
    headings = [str(c or "").strip().lower() for c in rows[start][1]] if rows else []
    while headings and not headings[-1]:
        headings.pop()
    return headings, rows[start + 1 :]


PREVIEW_ROWS = 10


@dataclass
class Checked:
    """A whole file read and checked, nothing written: the rows as they would be stored, or problems."""

    items: list[Any]
    preview: list[list[str]]  # the first rows, one text per column, as they will be stored
    headings: list[str]
    problems: list[Problem]


def read_upload(upload: Iterable[bytes]) -> bytes:
    """The uploaded file, refused past the size cap before it is all in memory."""
    with tempfile.TemporaryDirectory(prefix="mobilise-delivery-") as folder:
        path = Path(folder) / "upload"
        write_upload(iter(upload), path, MAX_BYTES)
        return path.read_bytes()


def _shown(column: Column, value: Any, statuses: dict[str, str]) -> str:
    if value is None or value == "" or value == []:
        return ""
    if column.read == "date":
        return f"{value:%d/%m/%Y}"
    if column.read == "components":
        return ", ".join(COMPONENT_NAMES[key] for key in value)
    if column.read == "owner":
        return str(value.display_name)
    if column.read == "partner":
        return str(value.name)
    if column.read == "status":
        return STATUS_LABELS.get(value, str(value))
    return str(value)


def check(*, programme: Programme, data: bytes, name: str, what: str, user: Any) -> Checked:
    """Read the whole file and check every row; write nothing."""
    columns, make, statuses = _KINDS[what]
    with tempfile.TemporaryDirectory(prefix="mobilise-delivery-") as folder:
        path = Path(folder) / "upload"
        path.write_bytes(data)
        kind = detect_kind(name, data[:8])
        headings, rows = _rows(path, kind)
    problems: list[Problem] = []
    known = {c.heading: c for c in columns}
    shown_columns = [c for c in columns if c.heading in headings]
    for heading in headings:
        if heading and heading not in known and heading not in IGNORED:
            problems.append(Problem(1, heading, "", "This heading is not one we know: " + ", ".join(known)))
    missing = [c.heading for c in columns if c.required and c.heading not in headings]
    for heading in missing:
        problems.append(Problem(1, heading, "", "This column is needed; add it with this heading"))
    if problems:
        return Checked([], [], [], problems)
    reader = _Reader(programme, statuses)
    items: list[Any] = []
    preview: list[list[str]] = []
    for number, row in rows:
        cells = list(row)
        while kind == "xlsx" and len(cells) > len(headings) and cells[-1] in (None, ""):
            cells.pop()
        if not any(c not in (None, "") and str(c).strip() for c in cells):
            continue  # blank lines between rows are not data
        if len(cells) != len(headings):
            problems.append(
                Problem(
                    number,
                    "(whole row)",
                    "",
                    f"Has {len(cells)} cells but there are {len(headings)} headings",
                )
            )
            continue
        values: dict[str, Any] = {}
        for heading, raw in zip(headings, cells, strict=True):
            column = known.get(heading)
            if column is None:
                continue
            try:
                values[column.field] = reader.read(column, raw)
            except ValueError as error:
                problems.append(Problem(number, heading, show_value(raw), str(error)))
        items.append(make(programme, values, user))
        if len(preview) < PREVIEW_ROWS:
            preview.append([_shown(c, values.get(c.field), statuses) for c in shown_columns])
        if len(problems) >= MAX_PROBLEMS_SHOWN:
            break
    if problems:
        return Checked([], [], [], problems)
    return Checked(items, preview, [c.heading for c in shown_columns], [])


def write(items: list[Any], user: Any) -> int:
    """Store checked rows with their history, in the caller's transaction."""
    if items:
        bulk_create_with_history(items, type(items[0]), batch_size=1000, default_user=user)
    return len(items)


def check_and_import(
    *,
    programme: Programme,
    upload: Iterable[bytes],
    name: str,
    what: str,
    user: Any,
) -> Outcome:
    """Read the whole file; import every row, or none and say what is wrong where."""
    checked = check(programme=programme, data=read_upload(upload), name=name, what=what, user=user)
    if checked.problems:
        return Outcome(problems=checked.problems)
    with transaction.atomic():
        return Outcome(created=write(checked.items, user))


def _action(programme: Programme, values: dict[str, Any], user: Any) -> Action:
    return Action(
        programme=programme,
        title=values["title"],
        components=pack(values.get("components") or []),
        owner=values.get("owner"),
        partner=values.get("partner"),
        due_on=values.get("due_on"),
        status=values.get("status") or ActionStatus.PLANNED,
        in_the_way=values.get("in_the_way") or "",
        details=values.get("details") or "",
        created_by=user,
    )


def _risk(programme: Programme, values: dict[str, Any], user: Any) -> Risk:
    likelihood, impact = values.get("likelihood") or 3, values.get("impact") or 3
    return Risk(
        programme=programme,
        title=values["title"],
        purpose_impact=values.get("purpose_impact") or "",
        cause=values.get("cause") or "",
        consequence=values.get("consequence") or "",
        likelihood=likelihood,
        impact=impact,
        score=likelihood * impact,
        owner=values.get("owner"),
        mitigation=values.get("mitigation") or "",
        review_on=values.get("review_on"),
        status=values.get("status") or RiskStatus.OPEN,
        components=pack(values.get("components") or []),
    )


def _choices(choices: Any) -> dict[str, str]:
    return {str(v).lower(): v for v, _ in choices} | {str(label).lower(): v for v, label in choices}


_KINDS: dict[str, tuple[tuple[Column, ...], Callable[..., Any], dict[str, str]]] = {
    "actions": (ACTION_COLUMNS, _action, _choices(ActionStatus.choices)),
    "risks": (RISK_COLUMNS, _risk, _choices(RiskStatus.choices)),
}
