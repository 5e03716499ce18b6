"""Reading the period of a row: UK dates, ISO dates, month names, ISO weeks, or Excel dates.

Day-first always wins for numeric dates (03/04/2024 is 3 April), as people in the UK write them.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from .problems import CellError

EARLIEST_YEAR = 1900
LATEST_YEAR = 2100

MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    MONTHS[calendar.month_name[_number].lower()] = _number
    MONTHS[calendar.month_abbr[_number].lower()] = _number
MONTHS["sept"] = 9

_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_ISO = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})" + _TIME, re.IGNORECASE)
_UK = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})" + _TIME, re.IGNORECASE)
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_ISO_WEEK = re.compile(r"(\d{4})-?w(\d{1,2})")
_NAMED = re.compile(r"(?:(\d{1,2})(?:st|nd|rd|th)?[ -]+)?([a-z]+)\.?[ ,-]+(\d{4}|\d{2})")
_PREFIXES = ("week commencing", "week beginning", "week ending", "w/c", "w/e", "wc", "we")

HOW = "Use a date like 31/03/2024, 2024-03-31 or March 2024"


def parse_period(raw: Any) -> date:
    """The date in a cell; raises ``CellError`` with the reason it cannot be read."""
    if isinstance(raw, datetime):
        return _in_range(raw.date())
    if isinstance(raw, date):
        return _in_range(raw)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise CellError("Enter the period (the date this value is for)")
    if isinstance(raw, bool | int | float):
        raise CellError(
            "This is a number, not a date. Format the column as dates in the spreadsheet, "
            "or " + HOW[0].lower() + HOW[1:]
        )
    return _parse_text(" ".join(str(raw).lower().split()))


@lru_cache(maxsize=8192)
def _parse_text(text: str) -> date:
    for prefix in _PREFIXES:
        if text.startswith(prefix + " "):
            text = text[len(prefix) + 1 :]
            break
    if m := _ISO.fullmatch(text):
        return _make(int(m[1]), int(m[2]), int(m[3]))
    if m := _UK.fullmatch(text):
        return _make(_year(m[3]), int(m[2]), int(m[1]), day_first=True)
    if m := _ISO_MONTH.fullmatch(text):
        return _make(int(m[1]), int(m[2]), 1)
    if m := _ISO_WEEK.fullmatch(text):
        year, week = int(m[1]), int(m[2])
        try:
            return _in_range(date.fromisocalendar(year, week, 1))
        except ValueError:
            raise CellError(f"{year} has no week {week}") from None
    if m := _NAMED.fullmatch(text):
        month = MONTHS.get(m[2])
        if month is None:
            raise CellError(f"“{m[2]}” is not a month we recognise. {HOW}")
        return _make(_year(m[3]), month, int(m[1]) if m[1] else 1)
    if text in MONTHS:
        raise CellError("Add the year, for example March 2024")
    raise CellError(f"We could not read this as a date. {HOW}")


def _year(text: str) -> int:
    return 2000 + int(text) if len(text) == 2 else int(text)


def _make(year: int, month: int, day: int, *, day_first: bool = False) -> date:
    if not 1 <= month <= 12:
        if day_first and 1 <= day <= 12:
            raise CellError(f"There is no month {month}. Write dates day first, for example 31/03/2024")
        raise CellError(f"There is no month {month}. {HOW}")
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise CellError(f"The year {year} looks wrong. {HOW}")
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise CellError(f"There is no {day} {calendar.month_name[month]}" + (f" {year}" if day <= 31 else ""))
    return date(year, month, day)


def _in_range(value: date) -> date:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise CellError(f"The year {value.year} looks wrong. {HOW}")
    return value
