"""The SPC chart as SVG markup, built on the server so it prints and needs no script.

Every piece of text is escaped; everything else is numbers we format ourselves.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from markupsafe import Markup, escape

from .. import periods
from ..analysis import Analysis
from .numbers import fmt, with_unit
from .sentences import POINT_LABELS, assurance_sentence, variation_sentence
from .style import GRID, INK, LIMIT, LINE, NOTE, TARGET, shape

WIDTH, HEIGHT = 760, 380
LEFT, RIGHT, TOP, BOTTOM = 60, 610, 40, 320
MAX_X_LABELS = 8


@dataclass(frozen=True, slots=True)
class ChartNote:
    """A dated marker on the timeline: an annotation, or a test of change."""

    number: int
    period: date
    text: str
    kind: str = "note"  # "note" or "test"


def nice_ticks(low: float, high: float, most: int = 6) -> list[float]:
    """Round tick values covering low..high in at most ``most`` steps of 1, 2, 2.5 or 5 × 10ⁿ."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return [0.0]
    if high == low:
        high, low = high + 1, low - 1
    power = 10 ** math.floor(math.log10((high - low) / most))
    for m in (1, 2, 2.5, 5, 10, 20):
        step = m * power
        first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
        if last - first <= most:
            break
    return [round(k * step, 10) for k in range(first, last + 1)]


def note_position(periods_: Sequence[date], when: date) -> float | None:
    """Fractional point index of a date (between the points either side), None if off the chart."""
    if not periods_ or when < periods_[0] or when > periods_[-1]:
        return None
    at = bisect.bisect_left(periods_, when)
    if periods_[at] == when or at == 0:
        return float(at)
    before, after = periods_[at - 1], periods_[at]
    return at - 1 + (when - before).days / max((after - before).days, 1)


class _Scale:
    def __init__(self, n: int, low: float, high: float) -> None:
        self.n = max(n, 1)
        self.step = (RIGHT - LEFT) / self.n
        self.low, self.high = low, high

    def x(self, index: float) -> float:
        return LEFT + (index + 0.5) * self.step

    def y(self, value: float) -> float:
        return BOTTOM - (value - self.low) / (self.high - self.low) * (BOTTOM - TOP)


def _step_path(scale: _Scale, values: np.ndarray, phase: np.ndarray) -> str:
    """A line of per-point levels (limits can differ point to point on p, u and c charts)."""
    parts: list[str] = []
    previous_ok = False
    for i, v in enumerate(values):
        if not math.isfinite(v):
            previous_ok = False
            continue
        left, right, y = scale.x(i) - scale.step / 2, scale.x(i) + scale.step / 2, scale.y(float(v))
        if previous_ok and phase[i] == phase[i - 1]:
            parts.append(f"V{y:.1f}H{right:.1f}")
        else:
            parts.append(f"M{left:.1f} {y:.1f}H{right:.1f}")
        previous_ok = True
    return "".join(parts)


def _data_path(scale: _Scale, values: np.ndarray) -> str:
    parts: list[str] = []
    pen_down = False
    for i, v in enumerate(values):
        if not math.isfinite(v):
            pen_down = False
            continue
        parts.append(f"{'L' if pen_down else 'M'}{scale.x(i):.1f} {scale.y(float(v)):.1f}")
        pen_down = True
    return "".join(parts)


def _spread_labels(labels: list[tuple[float, str, str]], gap: float = 13) -> list[tuple[float, str, str]]:
    """Move right-hand labels apart so none overlap (y, text, colour)."""
    placed: list[tuple[float, str, str]] = []
    for y, text, colour in sorted(labels):
        if placed and y - placed[-1][0] < gap:
            y = placed[-1][0] + gap
        placed.append((y, text, colour))
    overflow = placed[-1][0] - (BOTTOM + 6) if placed else 0
    if overflow > 0:
        placed = [(y - overflow, t, c) for y, t, c in placed]
    return placed


def render_chart(
    a: Analysis, *, title: str, frequency: str, notes: Sequence[ChartNote] = (), element_id: str = "chart"
) -> Markup:
    """The whole chart: axes, limits, centre, target, points, phase breaks and dated markers."""
    n = len(a.periods)
    values, centre, lower, upper = a.values, a.centre, a.lower, a.upper
    finite = [arr[np.isfinite(arr)] for arr in (values, centre, lower, upper)]
    pool = np.concatenate(finite) if n else np.zeros(0)
    if a.target is not None:
        pool = np.append(pool, a.target)
    low, high = (float(pool.min()), float(pool.max())) if pool.size else (0.0, 1.0)
    ticks = nice_ticks(low, high)
    scale = _Scale(n, ticks[0], ticks[-1] if ticks[-1] > ticks[0] else ticks[0] + 1)
    unit = a.unit.strip()
    esc_title = escape(title)
    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="measurement-chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" role="img" aria-labelledby="{element_id}-title {element_id}-desc" '
        f'font-family="Frutiger W01, Arial, sans-serif" font-size="12">',
        f'<title id="{element_id}-title">{esc_title}</title>',
        f'<desc id="{element_id}-desc">{escape(_description(a))}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
    ]
    # Grid and the value axis.
    for tick in ticks:
        y = scale.y(tick)
        out.append(
            f'<line x1="{LEFT}" x2="{RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{INK}">{escape(fmt(tick))}</text>'
        )
    if unit:
        out.append(
            f'<text x="{LEFT - 6}" y="{TOP - 12}" text-anchor="end" fill="{INK}">{escape(unit)}</text>'
        )
    out.append(
        f'<line x1="{LEFT}" x2="{RIGHT}" y1="{BOTTOM}" y2="{BOTTOM}" stroke="{INK}" stroke-width="1"/>'
    )
    # Period labels along the bottom.
    every = max(1, math.ceil(n / MAX_X_LABELS))
    for i in range(0, n, every):
        x = scale.x(i)
        out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{BOTTOM}" y2="{BOTTOM + 5}" stroke="{INK}"/>')
        out.append(
            f'<text x="{x:.1f}" y="{BOTTOM + 18}" text-anchor="middle" fill="{INK}">'
            f"{escape(periods.short_label(a.periods[i], frequency))}</text>"
        )
    # Phase breaks.
    for number, start in enumerate(a.phase_breaks, start=2):
        x = scale.x(start) - scale.step / 2
        out.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{TOP}" y2="{BOTTOM}" stroke="{INK}" '
            'stroke-width="1.5" stroke-dasharray="2 3"/>'
        )
        out.append(f'<text x="{x + 4:.1f}" y="{BOTTOM - 6}" fill="{INK}">Phase {number}</text>')
    # Limits, centre and target, each labelled at the right.
    labels: list[tuple[float, str, str]] = []
    centre_name = "Median" if a.chart == "run" else "Mean"
    for arr, dash, name in (
        (upper, "6 4", "Upper limit"),
        (lower, "6 4", "Lower limit"),
        (centre, "", centre_name),
    ):
        path = _step_path(scale, arr, a.phase)
        if not path:
            continue
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        colour = LIMIT if dash else INK
        out.append(
            f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="{1.3 if dash else 1.6}"{dashes}/>'
        )
        last = _last_finite(arr)
        if last is not None:
            labels.append((scale.y(float(arr[last])), f"{name} {with_unit(float(arr[last]), unit)}", colour))
    if a.target is not None:
        y = scale.y(a.target)
        out.append(
            f'<line x1="{LEFT}" x2="{RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="{TARGET}" '
            'stroke-width="1.6" stroke-dasharray="10 3 2 3"/>'
        )
        labels.append((y, f"Target {with_unit(a.target, unit)}", TARGET))
    for y, text, colour in _spread_labels([(y + 4, t, c) for y, t, c in labels]):
        out.append(f'<text x="{RIGHT + 8}" y="{y:.1f}" fill="{colour}">{escape(text)}</text>')
    # The data line and its points.
    line = _data_path(scale, values)
    if line:
        out.append(f'<path d="{line}" fill="none" stroke="{LINE}" stroke-width="1.4"/>')
    size = 4.5 if n <= 60 else 3.5
    for i in range(n):
        v = values[i]
        if not math.isfinite(v):
            continue
        kind = (a.point_type_at(i) or "common_cause") if a.chart != "run" else "common_cause"
        label = f"{periods.label(a.periods[i], frequency)}: {with_unit(float(v), unit)}"
        if kind != "common_cause":
            label += f" ({POINT_LABELS[kind]})"
        out.append(f"<g>{shape(kind, scale.x(i), scale.y(float(v)), size)}<title>{escape(label)}</title></g>")
    # Dated markers (annotations, tests of change) across the top.
    for note in notes:
        position = note_position(a.periods, note.period)
        if position is None:
            continue
        x = scale.x(position)
        out.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{TOP - 8}" y2="{BOTTOM}" stroke="{NOTE}" '
            'stroke-width="1" stroke-dasharray="1 3"/>'
        )
        marker = (
            f'<rect x="{x - 9:.1f}" y="{TOP - 26}" width="18" height="18" fill="#ffffff" stroke="{NOTE}" '
            'stroke-width="1.5"/>'
            if note.kind == "test"
            else f'<circle cx="{x:.1f}" cy="{TOP - 17}" r="9.5" fill="#ffffff" stroke="{NOTE}" '
            'stroke-width="1.5"/>'
        )
        out.append(
            f'<g>{marker}<text x="{x:.1f}" y="{TOP - 13}" text-anchor="middle" font-size="11" '
            f'font-weight="bold" fill="{NOTE}">{note.number}</text>'
            f"<title>{escape(f'{note.number}. {periods.label(note.period, frequency)}: {note.text}')}"
            "</title></g>"
        )
    out.append("</svg>")
    return Markup("".join(out))


def _last_finite(arr: np.ndarray) -> int | None:
    found = np.flatnonzero(np.isfinite(arr))
    return int(found[-1]) if found.size else None


def _description(a: Analysis) -> str:
    parts = [variation_sentence(a)]
    assurance = assurance_sentence(a)
    if assurance:
        parts.append(assurance)
    parts.append("The data are listed in the table below the chart.")
    return " ".join(parts)
