"""A published paper's tables as CSV, one table a file, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from typing import Any

# A cell starting with one of these would be run as a formula by a spreadsheet.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(cell: Any) -> str:
    text = str(cell)
    return "'" + text if text.startswith(FORMULA_START) else text


def tables(content: dict[str, Any]) -> dict[str, tuple[str, list[str], list[list[str]]]]:
    """Every table in a paper: key → (title, headings, rows)."""
    found: dict[str, tuple[str, list[str], list[list[str]]]] = {
        "components": (
            "The work, part by part",
            ["Part", "The team's view", "Highlights"],
            [[c["name"], c["status"], "; ".join(c["highlights"])] for c in content["components"]],
        ),
        "measures": ("Every measure", list(content["measures"]["headings"]), content["measures"]["all"]),
    }
    for section in content["sections"]:
        table = section.get("table")
        if table:
            found[section["key"]] = (section["title"], list(table["headings"]), table["rows"])
    return found


def as_csv(headings: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe(h) for h in headings])
    for row in rows:
        writer.writerow([safe(c) for c in row])
    return out.getvalue()
