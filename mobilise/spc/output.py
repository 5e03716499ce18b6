"""Rendering a batch result as the command line's JSON or CSV.

Numbers that are missing or undefined become JSON ``null`` (an empty CSV
cell): never NaN, which JSON does not allow.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence
from typing import Any

from .types import BatchResult

POINT_FIELDS = ("period", "value", "centre", "lower", "upper", "special_cause_type", "point_type")


def _num(x: float) -> float | None:
    return None if math.isnan(x) else float(x)


def series_documents(
    result: BatchResult, ids: Sequence[str | None], periods: Sequence[Sequence[str | int]]
) -> list[dict[str, Any]]:
    """One JSON-ready dict per series, in the documented shape."""
    docs: list[dict[str, Any]] = []
    for i, sid in enumerate(ids):
        s = result.series(i)
        points = [
            {
                "period": period,
                "value": _num(s.values[j]),
                "centre": _num(s.centre[j]),
                "lower": _num(s.lower[j]),
                "upper": _num(s.upper[j]),
                "special_cause_type": s.special_cause_type[j],
                "point_type": s.point_type[j],
            }
            for j, period in enumerate(periods[i])
        ]
        docs.append(
            {
                "id": sid,
                "chart": result.chart,
                "points": points,
                "variation_icon": s.variation_icon,
                "assurance_icon": s.assurance_icon,
                "runs": s.runs.as_dict(),
            }
        )
    return docs


def render_json(docs: list[dict[str, Any]]) -> str:
    return json.dumps({"series": docs}, indent=2, allow_nan=False) + "\n"


def _cell(x: Any) -> str:
    if x is None:
        return ""
    if isinstance(x, float):
        return repr(x)
    return str(x)


def render_csv(docs: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("series", *POINT_FIELDS))
    for doc in docs:
        for point in doc["points"]:
            writer.writerow([_cell(doc["id"]), *(_cell(point[f]) for f in POINT_FIELDS)])
    return out.getvalue()
