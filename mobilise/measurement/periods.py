"""Periods of a measure: where a date belongs for its frequency, and how to say it."""

from __future__ import annotations

from datetime import date

MONTH_FIRST_FREQUENCIES = frozenset({"month", "quarter", "year"})


def normalise(value: date, frequency: str) -> date:
    """The start of the period holding ``value``: monthly data sits on the 1st of its month.

    Daily and weekly data keep the date given (teams start their weeks on different days).
    """
    if frequency == "month":
        return value.replace(day=1)
    if frequency == "quarter":
        return date(value.year, 3 * ((value.month - 1) // 3) + 1, 1)
    if frequency == "year":
        return date(value.year, 1, 1)
    return value


def label(value: date, frequency: str) -> str:
    """The period as people say it: "March 2024", "January to March 2024", "4 March 2024"."""
    if frequency == "month":
        return f"{value:%B %Y}"
    if frequency == "quarter":
        end = date(value.year, value.month + 2, 1) if value.month <= 10 else value
        return f"{value:%B} to {end:%B %Y}"
    if frequency == "year":
        return str(value.year)
    if frequency == "week":
        return f"week of {value.day} {value:%B %Y}"
    return f"{value.day} {value:%B %Y}"


def short_label(value: date, frequency: str) -> str:
    """A compact label for a chart's axis: "Mar 2024", "4 Mar 24"."""
    if frequency in MONTH_FIRST_FREQUENCIES:
        return str(value.year) if frequency == "year" else f"{value:%b %Y}"
    return f"{value.day} {value:%b %y}"
