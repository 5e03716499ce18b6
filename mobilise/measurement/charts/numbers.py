"""Numbers as people read them on a chart: no more digits than the data deserves."""

from __future__ import annotations

import math

from ..analysis import is_percent


def fmt(x: float | None) -> str:
    """12, 12.5, 1,234, 0.0123 – trailing zeros dropped; an en dash for nothing."""
    if x is None or math.isnan(x):
        return "–"
    size = abs(x)
    if size >= 100:
        text = f"{x:,.0f}" if size >= 1000 or float(x).is_integer() else f"{x:,.1f}"
    elif size >= 10:
        text = f"{x:.1f}"
    elif size >= 1 or size == 0:
        text = f"{x:.2f}"
    else:
        text = f"{x:.3g}"
        if "e" in text:
            text = f"{x:.6f}"
    if "." in text and "e" not in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def with_unit(x: float | None, unit: str) -> str:
    """ "95%" for percentages, "12 days" for other units, the bare number with no unit."""
    text = fmt(x)
    if text == "–" or not unit.strip():
        return text
    return f"{text}%" if is_percent(unit) else f"{text} {unit.strip()}"
