"""Reading single cells: numbers and dates written the ways people write them, and plain reasons."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from mobilise.measurement import periods
from mobilise.measurement.importing.dates import parse_period
from mobilise.measurement.importing.problems import CellError
from mobilise.measurement.importing.values import parse_number


@pytest.mark.parametrize(
    "text,expected",
    [
        ("12", 12.0),
        ("1,234", 1234.0),
        ("1,234,567.5", 1234567.5),
        ("45%", 45.0),
        (" 45 % ", 45.0),
        ("-3.5", -3.5),
        ("\u22123.5", -3.5),
        (".5", 0.5),
        ("£1,200", 1200.0),
        ("1e3", 1000.0),
        ("12\u00a0", 12.0),
        (7, 7.0),
        (2.5, 2.5),
    ],
)
def test_numbers_are_read_as_people_write_them(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("blank", [None, "", "   ", "n/a", "N/A", " - ", "na", "\u2013"])
def test_an_empty_cell_has_no_number(blank):
    assert parse_number(blank) is None


@pytest.mark.parametrize(
    "text,reason",
    [
        ("none yet", "This is not a number"),
        ("1,5", "Use a full stop for decimals"),
        ("12,34", "Use a full stop for decimals"),
        ("#DIV/0!", "The spreadsheet shows an error here (#DIV/0!)"),
        ("nan", "This is not a number"),
        (True, "not TRUE"),
        ("1e300", "too large"),
    ],
)
def test_unreadable_numbers_say_why(text, reason):
    with pytest.raises(CellError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        parse_number(text)


def test_a_percentage_is_refused_where_a_count_is_needed():
    with pytest.raises(CellError, match="The numerator must be a count, not a percentage"):
        parse_number("45%", percent_ok=False, what="numerator")


@pytest.mark.parametrize(
    "text,expected",
    [
        ("31/03/2024", date(2024, 3, 31)),
        ("3/4/2024", date(2024, 4, 3)),  # day first, as in the UK
        ("03/04/24", date(2024, 4, 3)),
        ("31-03-2024", date(2024, 3, 31)),
        ("31.03.2024", date(2024, 3, 31)),
        ("31/03/2024 00:00:00", date(2024, 3, 31)),
        ("2024-03-31", date(2024, 3, 31)),
        ("2024-03-31T09:30:00Z", date(2024, 3, 31)),
        ("2024/03/31", date(2024, 3, 31)),
        ("2024-03", date(2024, 3, 1)),
        ("March 2024", date(2024, 3, 1)),
        ("march 2024", date(2024, 3, 1)),
        ("Mar-24", date(2024, 3, 1)),
        ("Mar 24", date(2024, 3, 1)),
        ("Sept 2024", date(2024, 9, 1)),
        ("1 March 2024", date(2024, 3, 1)),
        ("01-Mar-2024", date(2024, 3, 1)),
        ("4th March 2024", date(2024, 3, 4)),
        ("w/c 04/03/2024", date(2024, 3, 4)),
        ("2024-W10", date(2024, 3, 4)),
        (datetime(2024, 3, 31, 0, 0), date(2024, 3, 31)),
        (date(2024, 3, 31), date(2024, 3, 31)),
    ],
)
def test_periods_are_read_in_every_usual_format(text, expected):
    assert parse_period(text) == expected


@pytest.mark.parametrize(
    "text,reason",
    [
        ("03/31/2024", "There is no month 31. Write dates day first"),
        ("31/02/2024", "There is no 31 February 2024"),
        ("29/02/2023", "There is no 29 February 2023"),
        ("Marchember 2024", "is not a month we recognise"),
        ("March", "Add the year"),
        ("last week", "We could not read this as a date"),
        ("01/01/1066", "The year 1066 looks wrong"),
        (45352, "This is a number, not a date"),
        ("", "Enter the period"),
        ("2024-W60", "2024 has no week 60"),
    ],
)
def test_unreadable_periods_say_why(text, reason):
    with pytest.raises(CellError, match=reason):
        parse_period(text)


@pytest.mark.parametrize(
    "frequency,expected",
    [
        ("month", date(2024, 3, 1)),
        ("quarter", date(2024, 1, 1)),
        ("year", date(2024, 1, 1)),
        ("week", date(2024, 3, 14)),
        ("day", date(2024, 3, 14)),
    ],
)
def test_monthly_data_sits_on_the_first_of_the_month(frequency, expected):
    assert periods.normalise(date(2024, 3, 14), frequency) == expected


def test_periods_are_named_as_people_say_them():
    assert periods.label(date(2024, 3, 1), "month") == "March 2024"
    assert periods.label(date(2024, 1, 1), "quarter") == "January to March 2024"
    assert periods.label(date(2024, 10, 1), "quarter") == "October to December 2024"
    assert periods.label(date(2024, 3, 4), "week") == "week of 4 March 2024"
