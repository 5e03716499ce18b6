"""Cells written to CSV for people to open in a spreadsheet.

A cell starting with = + - @ (or a tab or carriage return) would be run as a formula; it gets a
leading apostrophe so the spreadsheet shows it as text. Every CSV export uses this one rule.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> str:
    """The cell as text, with a leading apostrophe where a spreadsheet would see a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
