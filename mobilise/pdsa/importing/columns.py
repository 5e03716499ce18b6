"""The columns a PDSA log may have, the names people give them, and how each value is read."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from mobilise.pdsa.choices import Outcome, PredictionResult, Stage
from mobilise.pdsa.fields import EARLIEST_YEAR, LATEST_YEAR


class BadValue(Exception):
    """A cell that cannot be read; the message is the reason shown to the person."""


@dataclass(frozen=True)
class Column:
    key: str
    heading: str  # the heading in our template file
    aliases: tuple[str, ...] = ()
    max_length: int = 0  # for text columns


COLUMNS = (
    Column("change_idea", "Change idea", ("idea", "change")),
    Column("title", "Test name", ("title", "name", "test", "test of change", "pdsa")),
    Column("site", "Site", ("organisation", "organization", "ods code", "practice")),
    Column("team", "Team", max_length=200),
    Column("scale", "Scale", ("size",), max_length=200),
    Column("planned_start", "Planned start", ("start", "start date", "date", "planned start date")),
    Column("done_on", "Done date", ("date done", "completed", "completed on", "end date", "done")),
    Column("people_count", "People involved", ("people", "number of people", "participants")),
    Column("question", "Question", ("plan question", "aim", "objective"), max_length=2000),
    Column("prediction", "Prediction", ("predictions", "we predict"), max_length=2000),
    Column(
        "plan", "Who what where when", ("plan", "who what where and when", "plan details"), max_length=4000
    ),
    Column("data_to_collect", "Data to collect", ("data", "measures"), max_length=2000),
    Column("what_happened", "What happened", ("do",), max_length=4000),
    Column("observations", "Observations", ("what we noticed", "notes"), max_length=4000),
    Column(
        "study",
        "Results",
        ("study", "results against prediction", "what we learnt", "learning"),
        max_length=4000,
    ),
    Column("prediction_result", "As predicted", ("prediction held", "as predicted?", "prediction correct")),
    Column("outcome", "Decision", ("act", "outcome", "adopt adapt abandon")),
    Column("act_notes", "Next steps", ("what next", "next", "act notes"), max_length=2000),
    Column("stage", "Stage", ("status",)),
)
REQUIRED = ("change_idea", "title")


def normalise(heading: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9?]+", " ", heading.lower()).split()).rstrip("?").strip()


LOOKUP: dict[str, str] = {}
for _column in COLUMNS:
    for _name in (_column.heading, *_column.aliases):
        LOOKUP.setdefault(normalise(_name), _column.key)
BY_KEY = {column.key: column for column in COLUMNS}

OUTCOME_WORDS = {
    "adopt": Outcome.ADOPT,
    "adopted": Outcome.ADOPT,
    "adapt": Outcome.ADAPT,
    "adapted": Outcome.ADAPT,
    "abandon": Outcome.ABANDON,
    "abandoned": Outcome.ABANDON,
    "stopped": Outcome.ABANDON,
    "next cycle": Outcome.NEXT_CYCLE,
    "another cycle": Outcome.NEXT_CYCLE,
    "next": Outcome.NEXT_CYCLE,
    "run another cycle": Outcome.NEXT_CYCLE,
    "repeat": Outcome.NEXT_CYCLE,
}
STAGE_WORDS = {
    "planned": Stage.PLANNED,
    "plan": Stage.PLANNED,
    "planning": Stage.PLANNED,
    "doing": Stage.DOING,
    "do": Stage.DOING,
    "in progress": Stage.DOING,
    "running": Stage.DOING,
    "studying": Stage.STUDYING,
    "study": Stage.STUDYING,
    "done": Stage.DONE,
    "complete": Stage.DONE,
    "completed": Stage.DONE,
    "finished": Stage.DONE,
    "act": Stage.DONE,
}
PREDICTION_WORDS = {
    "yes": PredictionResult.AS_PREDICTED,
    "y": PredictionResult.AS_PREDICTED,
    "as predicted": PredictionResult.AS_PREDICTED,
    "true": PredictionResult.AS_PREDICTED,
    "partly": PredictionResult.PARTLY,
    "partially": PredictionResult.PARTLY,
    "part": PredictionResult.PARTLY,
    "no": PredictionResult.NOT_AS_PREDICTED,
    "n": PredictionResult.NOT_AS_PREDICTED,
    "not as predicted": PredictionResult.NOT_AS_PREDICTED,
    "false": PredictionResult.NOT_AS_PREDICTED,
}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y")


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\r\n", "\n").strip()


def read_text(value: Any, column: Column) -> str:
    result = text(value)
    if column.max_length and len(result) > column.max_length:
        raise BadValue(f"{column.heading} must be {column.max_length:,} characters or fewer")
    return result


def read_date(value: Any, column: Column) -> date | None:
    if isinstance(value, datetime):
        found = value.date()
    elif isinstance(value, date):
        found = value
    else:
        raw = text(value)
        if not raw:
            return None
        found = _parse_date(raw, column)
    if not EARLIEST_YEAR <= found.year <= LATEST_YEAR:
        raise BadValue(f"{column.heading} must be between {EARLIEST_YEAR} and {LATEST_YEAR}")
    return found


def _parse_date(raw: str, column: Column) -> date:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    raise BadValue(f"{column.heading} must be a real date, like 15/03/2026 or 2026-03-15")


def read_count(value: Any, column: Column) -> int | None:
    raw = text(value)
    if not raw:
        return None
    if not raw.isdigit() or int(raw) > 100_000:
        raise BadValue(f"{column.heading} must be a whole number from 0 to 100,000, like 6")
    return int(raw)


def read_word(value: Any, words: Mapping[str, str], message: str) -> str | None:
    """A choice written in one of several ways; None when the cell is empty."""
    raw = normalise(text(value))
    if not raw:
        return None
    if raw not in words:
        raise BadValue(message)
    return words[raw]
