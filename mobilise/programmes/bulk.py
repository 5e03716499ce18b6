"""Reading and checking a list of people to invite: pasted text, CSV or an Excel workbook.

All or nothing: every row is checked, every problem is reported with its row and column, and
nothing is sent unless the whole list is right. Columns are email, name, organisation and role
(and optionally job title), found by their headings or, without headings, in that order.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from mobilise.accounts.models import Organisation

from .models import Invitation, Programme
from .roles import Role

MAX_PEOPLE = 5000
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_WORKBOOK_BYTES = 50 * 1024 * 1024
MAX_NAME = 150
MAX_ORGANISATION = 200

COLUMNS = ("email", "name", "organisation", "role", "job title")
HEADINGS: dict[str, str] = {
    "email": "email",
    "e-mail": "email",
    "email address": "email",
    "e-mail address": "email",
    "name": "name",
    "full name": "name",
    "organisation": "organisation",
    "organization": "organisation",
    "org": "organisation",
    "role": "role",
    "programme role": "role",
    "job title": "job title",
    "job role": "job title",
    "job": "job title",
}
ROLE_WORDS = {r.value: r.value for r in Role} | {r.label.lower(): r.value for r in Role}
# Who may invite whom: nobody invites someone to a role above their own.
INVITABLE_BY: dict[str, set[str]] = {
    Role.CONVENOR: {Role.CONVENOR, Role.FACILITATOR, Role.MEMBER, Role.VIEWER},
    Role.FACILITATOR: {Role.FACILITATOR, Role.MEMBER, Role.VIEWER},
    Role.MEMBER: {Role.MEMBER, Role.VIEWER},
}


class ListRefused(Exception):
    """The file or text cannot be read at all; the message says why in plain English."""


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"Row {self.row}" if self.row else "The list"
        return f"{where}, {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


@dataclass(frozen=True)
class Person:
    row: int
    email: str
    name: str
    organisation: Organisation | None
    organisation_name: str
    role: str
    job_title: str


@dataclass
class Checked:
    people: list[Person] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.people)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def rows_from_text(text: str) -> list[list[str]]:
    """Pasted lines: tab-separated when copied from a spreadsheet, else comma-separated."""
    lines = [line for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip()]
    if not lines:
        return []
    dialect = "excel-tab" if any("\t" in line for line in lines) else "excel"
    return [[_cell(c) for c in row] for row in csv.reader(lines, dialect=dialect)]


def rows_from_upload(name: str, data: bytes) -> list[list[str]]:
    if len(data) > MAX_UPLOAD_BYTES:
        raise ListRefused(
            "This file is larger than 5 MB. A list of people is much smaller: save just the list"
        )
    lower = name.lower()
    if data.startswith(b"PK\x03\x04") and lower.endswith(".xlsx"):
        return _rows_from_workbook(data)
    if lower.endswith((".xls", ".xlsm")) or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ListRefused("Save the sheet as an Excel Workbook (.xlsx) or as CSV, and upload that")
    if not lower.endswith((".csv", ".txt")) or b"\x00" in data[:4096]:
        raise ListRefused("Upload a CSV file or an Excel workbook (.xlsx)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return [[_cell(c) for c in row] for row in csv.reader(io.StringIO(text)) if any(c.strip() for c in row)]


def _rows_from_workbook(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if sum(m.file_size for m in members) > MAX_WORKBOOK_BYTES or len(members) > 1000:
                raise ListRefused(
                    "This workbook is too large when opened. Save the list as CSV and upload that"
                )
            if any(m.filename.lower().endswith("vbaproject.bin") for m in members):
                raise ListRefused("This workbook contains macros. Save it as an ordinary .xlsx or as CSV")
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise ListRefused("This file is damaged or is not a real Excel workbook. Save it as CSV") from None
    try:
        sheet = book.worksheets[0]
        rows: list[list[str]] = []
        for values in sheet.iter_rows(values_only=True):
            cells = [_cell(v) for v in values]
            if any(cells):
                rows.append(cells)
            if len(rows) > MAX_PEOPLE + 1:
                break
        # A sheet's rows all span its used range: trim the blank columns at the right, keeping
        # every row as wide as its headings (a blank cell in a sheet is a blank, not a missing one).
        width = max((max((i + 1 for i, c in enumerate(r) if c), default=0) for r in rows), default=0)
        return [r[:width] + [""] * (width - len(r)) for r in rows]
    finally:
        book.close()


def _columns(first: Sequence[str]) -> tuple[list[str], bool]:
    """The column names and whether the first row holds headings (it does if it names email)."""
    names = [HEADINGS.get(c.strip().lower().rstrip(":"), "") for c in first]
    if "email" in names:
        return names, True
    return list(COLUMNS[: max(len(first), 1)]), False


def check(
    rows: Sequence[Sequence[str]],
    *,
    programme: Programme,
    inviter_role: str,
    default_role: str,
    organisations: Iterable[Organisation] | None = None,
) -> Checked:
    """Every problem with the list, or the people to invite if there are none."""
    result = Checked()
    if not rows:
        result.problems.append(Problem(0, "", "Add at least one person: an email address on each line"))
        return result
    names, has_headings = _columns(rows[0])
    width = len(rows[0])
    body = rows[1:] if has_headings else rows
    first_row = 2 if has_headings else 1
    unknown = [rows[0][i] for i, n in enumerate(names) if not n] if has_headings else []
    if unknown:
        result.problems.append(
            Problem(
                1,
                "",
                f"We do not know the column “{unknown[0]}”. Use the headings email, name, organisation, "
                "role and job title",
            )
        )
    if not has_headings and width > len(COLUMNS):
        result.problems.append(
            Problem(
                1,
                "",
                f"This row has {width} columns. Without headings we expect email, name, organisation, "
                "role and job title, in that order",
            )
        )
    if len(body) > MAX_PEOPLE:
        result.problems.append(Problem(0, "", f"Invite at most {MAX_PEOPLE:,} people at a time"))
        return result
    if result.problems:
        return result

    orgs = list(organisations if organisations is not None else Organisation.objects.all())
    by_name = {o.name.casefold(): o for o in orgs}
    by_code = {o.ods_code.upper(): o for o in orgs if o.ods_code}
    emails = [_email_of(row, names) for row in body]
    members = {
        e.lower()
        for e in programme.memberships.filter(user__email__in=[e for e in emails if e]).values_list(
            "user__email", flat=True
        )
    }
    waiting = {
        e.lower(): when
        for e, when in Invitation.objects.filter(
            programme=programme, accepted_at=None, withdrawn_at=None, email__in=[e for e in emails if e]
        ).values_list("email", "created_at")
    }
    allowed = INVITABLE_BY.get(inviter_role, set())
    seen: dict[str, int] = {}
    for offset, row in enumerate(body):
        number = first_row + offset
        if len(row) != width:
            result.problems.append(
                Problem(
                    number,
                    "",
                    f"This row has {len(row)} cells but the list has {width} columns. "
                    "Check for a stray comma, or put the name in quotes",
                )
            )
            continue
        cells = dict(zip(names, row, strict=True))
        email = emails[offset]
        problems_before = len(result.problems)
        if not email:
            result.problems.append(Problem(number, "email", "Enter an email address"))
        else:
            try:
                validate_email(email)
            except ValidationError:
                result.problems.append(
                    Problem(number, "email", f"“{email}” is not an email address, like name@example.nhs.uk")
                )
            else:
                if email in seen:
                    result.problems.append(
                        Problem(number, "email", f"{email} is already on row {seen[email]}")
                    )
                elif email in members:
                    result.problems.append(
                        Problem(number, "email", f"{email} is already a member of the programme")
                    )
                elif email in waiting:
                    result.problems.append(
                        Problem(
                            number,
                            "email",
                            f"{email} was invited on {timezone.localtime(waiting[email]):%-d %B %Y} and has "
                            "not answered yet. Remove this row, or send a reminder from the people page",
                        )
                    )
                seen.setdefault(email, number)
        name = cells.get("name", "")
        if len(name) > MAX_NAME:
            result.problems.append(Problem(number, "name", f"A name must be {MAX_NAME} characters or fewer"))
        job_title = cells.get("job title", "")
        if len(job_title) > MAX_NAME:
            result.problems.append(
                Problem(number, "job title", f"A job title must be {MAX_NAME} characters or fewer")
            )
        org_text = cells.get("organisation", "")
        if len(org_text) > MAX_ORGANISATION:
            result.problems.append(
                Problem(number, "organisation", "An organisation's name must be 200 characters or fewer")
            )
        organisation = by_name.get(org_text.casefold()) or by_code.get(org_text.upper()) if org_text else None
        role_text = cells.get("role", "").strip().lower()
        role = ROLE_WORDS.get(role_text) if role_text else default_role
        if role is None:
            result.problems.append(
                Problem(
                    number,
                    "role",
                    f"“{cells.get('role')}” is not a role. Use convenor, facilitator, member or viewer, "
                    "or leave it blank",
                )
            )
        elif role not in allowed:
            result.problems.append(
                Problem(number, "role", f"You cannot invite someone as a {Role(role).label.lower()}")
            )
        if len(result.problems) == problems_before and role is not None:
            result.people.append(
                Person(
                    row=number,
                    email=email,
                    name=name,
                    organisation=organisation,
                    organisation_name="" if organisation else org_text,
                    role=role,
                    job_title=job_title,
                )
            )
    if not body:
        result.problems.append(Problem(0, "", "The list has headings but nobody in it"))
    if not result.problems:
        _check_daily_limit(programme, len(result.people), result)
    return result


def _email_of(row: Sequence[str], names: Sequence[str]) -> str:
    for name, value in zip(names, row, strict=False):
        if name == "email":
            return value.strip().strip("<>").lower()
    return ""


def _check_daily_limit(programme: Programme, count: int, result: Checked) -> None:
    """A programme sends at most INVITATIONS_PER_DAY invitations in any 24 hours."""
    limit: int = settings.INVITATIONS_PER_DAY
    since = timezone.now() - timedelta(days=1)
    recent = Invitation.objects.filter(programme=programme, created_at__gte=since).count()
    if recent + count > limit:
        left = max(limit - recent, 0)
        result.problems.append(
            Problem(
                0,
                "",
                f"A programme can send {limit:,} invitations a day. {recent:,} have gone in the last "
                f"24 hours, "
                f"so {left:,} more can go today. Split the list and send the rest tomorrow",
            )
        )
