"""Small run charts for the paper: the data, its centre line and limits, in a few hundred bytes.

Each sits beside a table row that says the same thing in words and numbers, so the drawing is
hidden from screen readers.
"""

from __future__ import annotations

import numpy as np
from markupsafe import Markup

from mobilise.measurement.analysis import Analysis
from mobilise.measurement.charts.style import COMMON, CONCERN, IMPROVEMENT, LIMIT, NEUTRAL

WIDTH, HEIGHT, PAD = 120, 30, 3
LAST_COLOURS = {
    "special_cause_improvement": IMPROVEMENT,
    "special_cause_concern": CONCERN,
    "special_cause_neutral_high": NEUTRAL,
    "special_cause_neutral_low": NEUTRAL,
}


def sparkline(a: Analysis) -> Markup:
    values = np.asarray(a.values, dtype=float)
    finite = np.isfinite(values)
    if finite.sum() < 2:
        return Markup("")
    pool = [values[finite]]
    for line in (a.centre, a.lower, a.upper):
        arr = np.asarray(line, dtype=float)
        pool.append(arr[np.isfinite(arr)])
    everything = np.concatenate(pool)
    low, high = float(everything.min()), float(everything.max())
    span = (high - low) or 1.0
    n = len(values)

    def x(i: int) -> float:
        return PAD + (WIDTH - 2 * PAD) * (i / max(n - 1, 1))

    def y(v: float) -> float:
        return HEIGHT - PAD - (HEIGHT - 2 * PAD) * ((v - low) / span)

    def path(arr: np.ndarray) -> str:
        parts, pen = [], "M"
        for i, v in enumerate(arr):
            if np.isfinite(v):
                parts.append(f"{pen}{x(i):.1f} {y(float(v)):.1f}")
                pen = "L"
            else:
                pen = "M"
        return "".join(parts)

    lines = []
    for arr, colour, dash in ((a.upper, LIMIT, "2 2"), (a.lower, LIMIT, "2 2"), (a.centre, COMMON, "")):
        d = path(np.asarray(arr, dtype=float))
        if d:
            dashes = f' stroke-dasharray="{dash}"' if dash else ""
            lines.append(f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="0.8"{dashes}/>')
    lines.append(f'<path d="{path(values)}" fill="none" stroke="#212b32" stroke-width="1.2"/>')
    last = a.last_index
    if last is not None:
        colour = LAST_COLOURS.get(a.point_type_at(last) or "", COMMON)
        lines.append(
            f'<circle cx="{x(last):.1f}" cy="{y(float(values[last])):.1f}" r="2.2" fill="{colour}"/>'
        )
    return Markup(
        f'<svg class="board-spark" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'aria-hidden="true" focusable="false">{"".join(lines)}</svg>'
    )
