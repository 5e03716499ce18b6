"""Checking every row of a PDSA log before anything is written, and listing every problem found.

Change ideas are matched by title within the programme; sites by a partner's name or ODS code.
Anything unknown is an error to fix in the file, never created silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from mobilise.accounts.models import Organisation
from mobilise.improvement.models import ChangeIdea
from mobilise.pdsa.choices import Outcome, Stage
from mobilise.programmes.models import Programme

from .columns import (
    BY_KEY,
    LOOKUP,
    OUTCOME_WORDS,
    PREDICTION_WORDS,
    REQUIRED,
    STAGE_WORDS,
    BadValue,
    normalise,
    read_count,
    read_date,
    read_text,
    read_word,
    text,
)
from .reading import Table

TEXT_KEYS = (
    "title",
    "team",
    "scale",
    "question",
    "prediction",
    "plan",
    "data_to_collect",
    "what_happened",
    "observations",
    "study",
    "act_notes",
)
MAX_TITLE = 200


@dataclass
class Checked:
    rows: list[dict[str, Any]] = field(default_factory=list)  # JSON-ready: dates as ISO text, ids as ints
    errors: list[dict[str, Any]] = field(default_factory=list)  # row, column, value, reason
    unused: list[str] = field(default_factory=list)


def _error(checked: Checked, row: int, column: str, value: Any, reason: str) -> None:
    shown = text(value)
    checked.errors.append({"row": row, "column": column, "value": shown[:100], "reason": reason})


def _columns(table: Table, checked: Checked) -> dict[str, int]:
    """Which position each known column is at; headings we do not know are listed, not guessed."""
    positions: dict[str, int] = {}
    for index, heading in enumerate(table.headings):
        key = LOOKUP.get(normalise(heading))
        if key is None or key in positions:
            if heading:
                checked.unused.append(heading)
            continue
        positions[key] = index
    for key in REQUIRED:
        if key not in positions:
            _error(
                checked,
                1,
                BY_KEY[key].heading,
                "",
                f"Add a column called “{BY_KEY[key].heading}”: every test needs one",
            )
    if "planned_start" not in positions and "done_on" not in positions:
        _error(
            checked,
            1,
            "Planned start",
            "",
            "Add a column called “Planned start” or “Done date”: every test needs a date",
        )
    return positions


class Matcher:
    """Finds change ideas and sites by the names people write, in two queries for the whole file."""

    def __init__(self, programme: Programme) -> None:
        self.ideas: dict[str, list[int]] = {}
        for pk, title in ChangeIdea.objects.filter(programme=programme).values_list("pk", "title"):
            self.ideas.setdefault(" ".join(title.casefold().split()), []).append(pk)
        self.sites_by_code: dict[str, int] = {}
        self.sites_by_name: dict[str, list[int]] = {}
        for pk, name, code in Organisation.objects.filter(programmes=programme).values_list(
            "pk", "name", "ods_code"
        ):
            if code:
                self.sites_by_code[code.upper()] = pk
            self.sites_by_name.setdefault(" ".join(name.casefold().split()), []).append(pk)

    def idea(self, value: str) -> int:
        found = self.ideas.get(" ".join(value.casefold().split()), [])
        if not found:
            raise BadValue(
                f"There is no change idea called “{value}” in this programme. Check the spelling, "
                "or add the idea to a driver diagram first"
            )
        if len(found) > 1:
            raise BadValue(f"More than one change idea is called “{value}”. Give them different titles first")
        return found[0]

    def site(self, value: str) -> int:
        if value.upper() in self.sites_by_code:
            return self.sites_by_code[value.upper()]
        found = self.sites_by_name.get(" ".join(value.casefold().split()), [])
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise BadValue(f"More than one partner is called “{value}”. Use its ODS code instead")
        raise BadValue(
            f"“{value}” is not a partner organisation in this programme. Use a partner's name or "
            "ODS code, or add the organisation as a partner first"
        )


def check_table(table: Table, programme: Programme) -> Checked:
    checked = Checked()
    positions = _columns(table, checked)
    if checked.errors:
        return checked
    matcher = Matcher(programme)
    width = _width(table)
    for number, cells in table.rows:
        if not _cells_fit(number, cells, table, width, checked):
            continue
        row = _check_row(number, cells, positions, matcher, checked)
        if row is not None:
            checked.rows.append(row)
    if checked.errors:
        checked.rows = []
    return checked


def _width(table: Table) -> int:
    """Cells a row may have: one per heading (CSV), or up to the last named column (a workbook)."""
    if not table.ragged:
        return len(table.headings)
    return max((i + 1 for i, heading in enumerate(table.headings) if heading), default=0)


def _cells_fit(number: int, cells: list[Any], table: Table, width: int, checked: Checked) -> bool:
    """A row whose cells do not line up with the headings is refused, never trimmed: an unquoted
    comma in a note would otherwise cut the note short and shift the rest of the row."""
    if table.ragged:
        extra = next((i for i in range(width, len(cells)) if text(cells[i])), None)
        if extra is None:
            return True
        _error(
            checked,
            number,
            f"Column {get_column_letter(extra + 1)}",
            cells[extra],
            "This row has something in a column with no heading. Add a heading for it or remove it",
        )
        return False
    if len(cells) == width:
        return True
    _error(
        checked,
        number,
        "",
        "",
        f"This row has {len(cells)} cells but there are {width} headings. Put text that contains "
        "commas in quotes, or check for a missing cell",
    )
    return False


def _check_row(
    number: int, cells: list[Any], positions: dict[str, int], matcher: Matcher, checked: Checked
) -> dict[str, Any] | None:
    def cell(key: str) -> Any:
        index = positions.get(key)
        return cells[index] if index is not None and index < len(cells) else None

    before = len(checked.errors)
    row: dict[str, Any] = {"row": number}

    def read(key: str, reader: Any) -> Any:
        column = BY_KEY[key]
        try:
            return reader(cell(key), column)
        except BadValue as problem:
            _error(checked, number, column.heading, cell(key), str(problem))
            return None

    for key in TEXT_KEYS:
        row[key] = read(key, read_text) or ""
    if not row["title"]:
        _error(checked, number, BY_KEY["title"].heading, "", "Enter a name for the test")
    elif len(row["title"]) > MAX_TITLE:
        _error(
            checked,
            number,
            BY_KEY["title"].heading,
            row["title"],
            f"The test name must be {MAX_TITLE} characters or fewer",
        )
    idea_name = text(cell("change_idea"))
    if not idea_name:
        _error(
            checked, number, BY_KEY["change_idea"].heading, "", "Enter the change idea this test belongs to"
        )
    else:
        row["change_idea"] = read("change_idea", lambda value, column: matcher.idea(text(value)))
    site_name = text(cell("site"))
    row["site"] = read("site", lambda value, column: matcher.site(text(value))) if site_name else None
    start, done = read("planned_start", read_date), read("done_on", read_date)
    if start is None and done is None and not text(cell("planned_start")) and not text(cell("done_on")):
        _error(checked, number, BY_KEY["planned_start"].heading, "", "Enter a planned start or a done date")
    if start and done and done < start:
        _error(
            checked,
            number,
            BY_KEY["done_on"].heading,
            cell("done_on"),
            "The done date must be the same as or after the planned start",
        )
    row["planned_start"] = (start or done).isoformat() if (start or done) else None
    row["done_on"] = done.isoformat() if done else None
    row["people_count"] = read("people_count", read_count)
    row["outcome"] = (
        read(
            "outcome",
            lambda v, c: read_word(v, OUTCOME_WORDS, "Decision must be adopt, adapt, abandon or next cycle"),
        )
        or Outcome.UNDECIDED
    )
    row["prediction_result"] = (
        read(
            "prediction_result",
            lambda v, c: read_word(v, PREDICTION_WORDS, "As predicted must be yes, partly or no"),
        )
        or ""
    )
    stage = read(
        "stage", lambda v, c: read_word(v, STAGE_WORDS, "Stage must be planned, doing, studying or done")
    )
    row["stage"] = stage or (Stage.DONE if done or row["outcome"] else Stage.PLANNED)
    return row if len(checked.errors) == before else None
