"""A published paper's tables as CSV, one table a file, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from typing import Any

from mobilise.core.spreadsheets import neutralise


def safe(cell: Any) -> str:
    return neutralise(str(cell))


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
