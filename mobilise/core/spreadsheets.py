"""Cells written to CSV for people to open in a spreadsheet, and the download that carries them.

A cell starting with = + - @ (or a tab or carriage return) would be run as a formula; it gets a
leading apostrophe so the spreadsheet shows it as text. Every CSV export uses this one rule.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> str:
    """The cell as text, with a leading apostrophe where a spreadsheet would see a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(filename: str, heading: list[str], rows: Iterable[Iterable[Any]]) -> HttpResponse:
    """A CSV download: the byte-order mark (so Excel reads UTF-8), the heading, then the rows with
    every cell through :func:`neutralise`."""
    writer = csv.writer(_Echo())
    parts = ["\ufeff", writer.writerow(heading)]
    parts.extend(writer.writerow([neutralise(v) for v in row]) for row in rows)
    response = HttpResponse("".join(parts), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
