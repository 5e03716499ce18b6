"""Reading a number from a cell: "1,234", "45%", "−3.5", an Excel number, or a plain reason why not.

An empty cell, "n/a" or a dash means there is no figure for that period: missing, not a problem.
"""

from __future__ import annotations

import math
import re
from typing import Any

from .problems import CellError

# Error values Excel writes into cells whose formula failed.
EXCEL_ERRORS = frozenset(
    {"#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA"}
)
LARGEST = 1e15

_PLAIN = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2212": "-", "\u2013": "-"})


# What people type for "no figure this period": read as missing, never as a problem.
MISSING_WORDS = frozenset({"n/a", "na", "n.a.", "-", "--", "not available"})


def is_missing_word(raw: Any) -> bool:
    return isinstance(raw, str) and raw.translate(_SPACES).strip().lower() in MISSING_WORDS


def is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def parse_number(raw: Any, *, percent_ok: bool = True, what: str = "value") -> float | None:
    """The number in a cell, ``None`` for an empty cell; raises ``CellError`` with the reason.

    Percentages are read as percentage points ("45%" is 45), matching a measure whose unit is %.
    """
    if is_blank(raw) or is_missing_word(raw):
        return None
    if isinstance(raw, bool):
        raise CellError(f"Enter a number for the {what}, not {'TRUE' if raw else 'FALSE'}")
    if isinstance(raw, int | float):
        return _checked(float(raw), what)
    text = str(raw).translate(_SPACES).strip()
    if text.upper() in EXCEL_ERRORS:
        raise CellError(
            f"The spreadsheet shows an error here ({text.upper()}). Fix the formula, or leave the cell empty"
        )
    for symbol in ("£", "$", "€"):
        text = text.replace(symbol, "", 1) if text.lstrip("+-").startswith(symbol) else text
    percent = text.endswith("%")
    if percent:
        if not percent_ok:
            raise CellError(f"The {what} must be a count, not a percentage")
        text = text[:-1].strip()
    if _PLAIN.fullmatch(text):
        number = float(text)
    elif _THOUSANDS.fullmatch(text):
        number = float(text.replace(",", ""))
    elif "," in text and _PLAIN.fullmatch(text.replace(",", ".", 1)):
        raise CellError(
            "Use a full stop for decimals, like 1.5, and commas only between thousands, like 1,234"
        )
    else:
        raise CellError(
            f"This is not a number. Enter the {what} in figures, like 12, 1,234 or 45%, "
            "or leave the cell empty if there is none"
        )
    return _checked(number, what)


def _checked(number: float, what: str) -> float:
    if math.isnan(number) or math.isinf(number):
        raise CellError(f"Enter the {what} as an ordinary number")
    if abs(number) > LARGEST:
        raise CellError(f"This {what} is too large to be right. Check the cell")
    return number


def percent_cell(number: float) -> float:
    """An Excel cell formatted as a percentage holds 0.45 for 45%; we store percentage points."""
    return round(number * 100, 10)
