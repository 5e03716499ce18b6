"""The SPC chart as SVG markup, built on the server so it prints and needs no script.

Every piece of text is escaped; everything else is numbers we format ourselves. The picture is
drawn at two sizes, one for wide screens and one for phones (shown by a media query), and every
margin is worked out from the words that must fit in it, so no label is cut off.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from markupsafe import Markup, escape

from mobilise.core.chart_text import spread, text_width, wrap

from .. import periods
from ..analysis import Analysis
from .numbers import fmt, with_unit
from .sentences import POINT_LABELS, assurance_sentence, variation_sentence
from .style import GRID, INK, LIMIT, LINE, NOTE, TARGET, shape


@dataclass(frozen=True, slots=True)
class Frame:
    """One size of picture: its width, the plot's height, the type size and how much fits."""

    name: str
    width: int
    plot_height: int
    font: float
    most_y_ticks: int
    label_room: float  # widest an end label may be
    narrow: bool


WIDE = Frame("wide", 760, 280, 12, 6, 150, False)
NARROW = Frame("narrow", 320, 220, 13, 4, 62, True)
NOTE_ROW = 26
LABEL_GAP = 10


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


def period_slots(periods_: Sequence[date], frequency: str) -> list[int]:
    """Each period's place on the time axis, counting the periods with no row, so that a missing
    month leaves a gap instead of closing up."""
    if not periods_:
        return []
    first = periods_[0]

    def months(d: date) -> int:
        return (d.year - first.year) * 12 + d.month - first.month

    if frequency == "month":
        slots = [months(d) for d in periods_]
    elif frequency == "quarter":
        slots = [months(d) // 3 for d in periods_]
    elif frequency == "year":
        slots = [d.year - first.year for d in periods_]
    elif frequency == "week":
        slots = [round((d - first).days / 7) for d in periods_]
    else:
        slots = [(d - first).days for d in periods_]
    # Never two points in one place, and never a chart mostly made of empty periods.
    out: list[int] = []
    for i, s in enumerate(slots):
        out.append(max(s, out[-1] + 1) if out else 0)
        if i and out[-1] - out[-2] > 1 and out[-1] > 4 * len(periods_):
            return list(range(len(periods_)))
    return out


def axis_label(value: date, frequency: str, narrow: bool) -> str:
    if narrow and frequency in ("month", "quarter"):
        return f"{value:%b %y}"
    return periods.short_label(value, frequency)


class _Scale:
    def __init__(self, slots: int, left: float, right: float, top: float, bottom: float) -> None:
        self.step = (right - left) / max(slots, 1)
        self.left, self.right, self.top, self.bottom = left, right, top, bottom
        self.low, self.high = 0.0, 1.0

    def x(self, slot: float) -> float:
        return self.left + (slot + 0.5) * self.step

    def y(self, value: float) -> float:
        return self.bottom - (value - self.low) / (self.high - self.low) * (self.bottom - self.top)


def _ys(scale: _Scale, arr: np.ndarray) -> list[float]:
    """Heights on the picture for a whole array at once (NaN stays NaN)."""
    span = scale.high - scale.low
    ys: list[float] = (scale.bottom - (arr - scale.low) / span * (scale.bottom - scale.top)).tolist()
    return ys


def _step_path(
    xs: Sequence[float], half: float, ys: Sequence[float], phase: Sequence[int], slots: Sequence[int]
) -> str:
    """A line of per-point levels (limits can differ point to point on p, u and c charts), broken
    at a new phase and across a missing period. `xs` and `ys` are the points' places."""
    parts: list[str] = []
    previous_ok = False
    for i, y in enumerate(ys):
        if not math.isfinite(y):  # no level here
            previous_ok = False
            continue
        if previous_ok and slots[i] - slots[i - 1] == 1 and phase[i] == phase[i - 1]:
            parts.append(f"V{y:.1f}H{xs[i] + half:.1f}")
        else:
            parts.append(f"M{xs[i] - half:.1f} {y:.1f}H{xs[i] + half:.1f}")
        previous_ok = True
    return "".join(parts)


def _data_path(xs: Sequence[float], ys: Sequence[float], slots: Sequence[int]) -> str:
    """The data line: the pen lifts over a missing value or a missing period."""
    parts: list[str] = []
    pen_down = False
    for i, y in enumerate(ys):
        if not math.isfinite(y):
            pen_down = False
            continue
        pen_down = pen_down and slots[i] - slots[i - 1] == 1
        parts.append(f"{'L' if pen_down else 'M'}{xs[i]:.1f} {y:.1f}")
        pen_down = True
    return "".join(parts)


def point_titles(a: Analysis, frequency: str) -> list[str]:
    """Each point's words for its tooltip ("March 2024: 47 admissions (special cause …)"), escaped;
    the same at both sizes, so a page drawing two pictures works them out once."""
    unit = a.unit.strip()
    out = []
    for i, v in enumerate(a.values.tolist()):
        if not math.isfinite(v):
            out.append("")
            continue
        kind = (a.point_type_at(i) or "common_cause") if a.chart != "run" else "common_cause"
        label = f"{periods.label(a.periods[i], frequency)}: {with_unit(v, unit)}"
        if kind != "common_cause":
            label += f" ({POINT_LABELS[kind]})"
        out.append(str(escape(label)))
    return out


def _hline(x1: float, x2: float, y: float, stroke: str, extra: str = '" stroke-width="1') -> str:
    return f'<line x1="{x1:.1f}" x2="{x2:.1f}" y1="{y:.1f}" y2="{y:.1f}" stroke="{stroke}{extra}"/>'


def _text(x: float, y: float, text: str, *, anchor: str = "start", fill: str = INK, extra: str = "") -> str:
    a = "" if anchor == "start" else f' text-anchor="{anchor}"'
    return f'<text x="{x:.1f}" y="{y:.1f}"{a} fill="{fill}"{extra}>{escape(text)}</text>'


@dataclass(frozen=True, slots=True)
class _EndLabel:
    y: float  # where its line ends
    lines: list[str]
    colour: str


def _end_label(frame: Frame, name: str, value: float, unit: str, colour: str, y: float) -> _EndLabel:
    """ "Upper limit 25.6%" on one line if it fits, else the name over the number."""
    short = {"Upper limit": "Upper", "Lower limit": "Lower"}.get(name, name) if frame.narrow else name
    number = with_unit(value, unit)
    if text_width(number, frame.font) > frame.label_room:
        number = with_unit(value, "%" if unit.strip() == "%" else "")
    whole = f"{short} {number}"
    if text_width(whole, frame.font) <= frame.label_room:
        return _EndLabel(y, [whole], colour)
    return _EndLabel(y, [*wrap(short, frame.label_room, frame.font, 1), number], colour)


def _note_groups(
    xs: list[tuple[float, ChartNote]], font: float, left: float, right: float
) -> list[tuple[float, float, list[ChartNote]]]:
    """Markers for dated notes, merged where they would touch: (centre, width, notes)."""
    groups: list[tuple[float, float, list[ChartNote]]] = []

    def marker(members: list[tuple[float, ChartNote]]) -> tuple[float, float, list[ChartNote]]:
        notes = [n for _, n in members]
        label = _note_label(notes)
        width = max(18.0, text_width(label, font - 1) + 8)
        centre = sum(x for x, _ in members) / len(members)
        centre = min(max(centre, left + width / 2), right - width / 2)
        return centre, width, notes

    # A stack: each new marker merges with the one before while the two would touch.
    stack: list[tuple[list[tuple[float, ChartNote]], tuple[float, float, list[ChartNote]]]] = []
    for item in xs:
        members = [item]
        built = marker(members)
        while stack:
            (c1, w1, _), (c2, w2, _) = stack[-1][1], built
            if c2 - w2 / 2 - (c1 + w1 / 2) >= 3:
                break
            members = stack.pop()[0] + members
            built = marker(members)
        stack.append((members, built))
    groups = [built for _, built in stack]
    return groups


def _note_label(notes: Sequence[ChartNote]) -> str:
    return str(notes[0].number) if len(notes) == 1 else f"{notes[0].number}–{notes[-1].number}"


def render_chart(
    a: Analysis,
    *,
    title: str,
    frequency: str,
    notes: Sequence[ChartNote] = (),
    element_id: str = "chart",
    headline: str = "",
    frame: Frame = WIDE,
    titles: Sequence[str] | None = None,
) -> Markup:
    """The whole chart: axes, limits, centre, target, points, phase breaks and dated markers.

    `titles` are the points' tooltips from `point_titles`, when the caller has them already."""
    n = len(a.periods)
    font = frame.font
    line_height = font * 1.25
    values, centre, lower, upper = a.values, a.centre, a.lower, a.upper
    slots = period_slots(a.periods, frequency)
    unit = a.unit.strip()
    # Heights, from the top: the unit, the row of dated markers, the plot, the period labels.
    unit_lines = wrap(unit, frame.width - 8, font, 2) if unit and unit != "%" else []
    on_chart = [(p, note) for note in notes if (p := note_position(a.periods, note.period)) is not None]
    top = 8 + len(unit_lines) * line_height + (NOTE_ROW if on_chart else 0) + font / 2
    bottom = top + frame.plot_height
    height = math.ceil(bottom + 8 + line_height + 6)
    # The value axis, and the left margin its labels need.
    finite = [arr[np.isfinite(arr)] for arr in (values, centre, lower, upper)]
    pool = np.concatenate(finite) if n else np.zeros(0)
    if a.target is not None:
        pool = np.append(pool, a.target)
    low, high = (float(pool.min()), float(pool.max())) if pool.size else (0.0, 1.0)
    ticks = nice_ticks(low, high, frame.most_y_ticks)
    tick_text = [fmt(t) for t in ticks]
    left = max(24.0, max(text_width(t, font) for t in tick_text) + 10)
    # Labels at the right-hand end of the mean, limits and target, and the margin they need.
    centre_name = "Median" if a.chart == "run" else "Mean"
    ends: list[tuple[np.ndarray, str, str, str]] = [
        (upper, "6 4", "Upper limit", LIMIT),
        (lower, "6 4", "Lower limit", LIMIT),
        (centre, "", centre_name, INK),
    ]
    label_specs: list[tuple[str, float, str]] = []
    for arr, _dash, name, colour in ends:
        last = _last_finite(arr)
        if last is not None:
            label_specs.append((name, float(arr[last]), colour))
    if a.target is not None:
        label_specs.append(("Target", a.target, TARGET))
    provisional = [_end_label(frame, name, v, unit, colour, 0.0) for name, v, colour in label_specs]
    widest = max((text_width(line, font) for lab in provisional for line in lab.lines), default=0.0)
    right = frame.width - max(12.0, widest + 14)
    scale = _Scale((slots[-1] + 1) if slots else 1, left, right, top, bottom)
    scale.low, scale.high = ticks[0], ticks[-1] if ticks[-1] > ticks[0] else ticks[0] + 1
    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="measurement-chart measurement-chart--{frame.name}" '
        f'viewBox="0 0 {frame.width} {height}" width="100%" role="img" '
        f'aria-labelledby="{element_id}-title {element_id}-desc" '
        f'font-family="Frutiger W01, Arial, sans-serif" font-size="{font:g}">',
        f'<title id="{element_id}-title">{escape(title)}</title>',
        f'<desc id="{element_id}-desc">{escape(_description(a, headline))}</desc>',
        f'<rect x="0" y="0" width="{frame.width}" height="{height}" fill="#ffffff"/>',
    ]
    for k, line in enumerate(unit_lines):
        out.append(_text(4, 8 + (k + 0.8) * line_height, line))
    # Grid and the value axis.
    for tick, text in zip(ticks, tick_text, strict=True):
        y = scale.y(tick)
        out.append(_hline(left, right, y, GRID))
        out.append(_text(left - 6, y + font / 3, text, anchor="end"))
    out.append(_hline(left, right, bottom, INK))
    out.extend(_period_labels(a, frequency, frame, scale, slots, bottom + 8 + font))
    out.extend(_phase_labels(a, frame, scale, slots))
    # Every point's place, worked out once for the limits, the centre, the line and the markers.
    xs = [scale.x(slot) for slot in slots]
    phase = a.phase.tolist()
    # Limits and centre; then the target.
    for arr, dash, _name, colour in ends:
        path = _step_path(xs, scale.step / 2, _ys(scale, arr), phase, slots)
        if path:
            dashes = f' stroke-dasharray="{dash}"' if dash else ""
            weight = 1.3 if dash else 1.6
            out.append(f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="{weight}"{dashes}/>')
    if a.target is not None:
        y = scale.y(a.target)
        out.append(_hline(left, right, y, TARGET, '" stroke-width="1.6" stroke-dasharray="10 3 2 3'))
    # End labels, moved apart so none overlap and none leave the picture.
    labels = [_end_label(frame, name, v, unit, colour, scale.y(v)) for name, v, colour in label_specs]
    sizes = [len(lab.lines) * line_height for lab in labels]
    tops = spread([lab.y - line_height / 2 for lab in labels], sizes, 2, bottom + 4)
    for lab, y0 in zip(labels, tops, strict=True):
        for k, line in enumerate(lab.lines):
            out.append(_text(right + 8, y0 + (k + 0.8) * line_height, line, fill=lab.colour))
    # The data line and its points: one marker per point, in the colour and shape of its kind.
    value_ys = _ys(scale, values)
    line = _data_path(xs, value_ys, slots)
    if line:
        out.append(f'<path d="{line}" fill="none" stroke="{LINE}" stroke-width="1.4"/>')
    size = (4.5 if n <= 60 else 3.5) if not frame.narrow else (4.0 if n <= 40 else 2.8)
    hit = f' r="{10.0 if frame.narrow else 7.0:g}" fill="transparent"/>'
    if titles is None:
        titles = point_titles(a, frequency)
    for i, y in enumerate(value_ys):
        if not math.isfinite(y):
            continue
        kind = (a.point_type_at(i) or "common_cause") if a.chart != "run" else "common_cause"
        x = xs[i]
        out.append(
            f'<g class="chart-point">{shape(kind, x, y, size)}'
            f'<circle cx="{x:.1f}" cy="{y:.1f}"{hit}<title>{titles[i]}</title></g>'
        )
    out.extend(_note_markers(on_chart, frame, scale, slots, frequency, top))
    out.append("</svg>")
    return Markup("".join(out))


def _slot_at(slots: Sequence[int], position: float) -> float:
    """A fractional point index as a place on the time axis."""
    below = math.floor(position)
    if below >= len(slots) - 1:
        return float(slots[-1])
    return slots[below] + (position - below) * (slots[below + 1] - slots[below])


def _period_labels(
    a: Analysis, frequency: str, frame: Frame, scale: _Scale, slots: Sequence[int], baseline: float
) -> list[str]:
    """Dates along the bottom: as many as fit without touching, always including the last."""
    n = len(a.periods)
    if not n:
        return []
    # Labels of one frequency are all about as wide: a sample sets the spacing, and each label
    # placed is still measured itself before it goes in.
    sample = {*range(0, n, max(1, n // 24)), n - 1}
    widest = max(text_width(axis_label(a.periods[i], frequency, frame.narrow), frame.font) for i in sample)
    room = (scale.right - scale.left) / (widest + LABEL_GAP)
    span = slots[-1] + 1
    every = max(1, math.ceil(span / max(room, 1)))
    out: list[str] = []
    placed_left = math.inf
    next_slot = math.inf
    for i in range(n - 1, -1, -1):
        if slots[i] > next_slot:
            continue
        text = axis_label(a.periods[i], frequency, frame.narrow)
        w = text_width(text, frame.font)
        x = min(max(scale.x(slots[i]), w / 2 + 2), frame.width - w / 2 - 2)
        if x + w / 2 + LABEL_GAP > placed_left:
            continue
        tick_x = scale.x(slots[i])
        out.append(
            f'<line x1="{tick_x:.1f}" x2="{tick_x:.1f}" y1="{scale.bottom:.1f}" y2="{scale.bottom + 5:.1f}" '
            f'stroke="{INK}"/>'
        )
        out.append(_text(x, baseline, text, anchor="middle"))
        placed_left = x - w / 2
        next_slot = slots[i] - every
    return out


def _phase_labels(a: Analysis, frame: Frame, scale: _Scale, slots: Sequence[int]) -> list[str]:
    """A dotted line where each new phase starts, named where the name fits."""
    out: list[str] = []
    taken_right = -math.inf
    for number, start in enumerate(a.phase_breaks, start=2):
        x = scale.x(slots[start]) - scale.step / 2
        out.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{scale.top:.1f}" y2="{scale.bottom:.1f}" stroke="{INK}" '
            'stroke-width="1.5" stroke-dasharray="2 3"/>'
        )
        text = f"Phase {number}"
        w = text_width(text, frame.font)
        at = x + 4 if x + 4 + w <= scale.right else x - 4 - w
        if at < taken_right + 6 or at < scale.left:
            continue
        out.append(_text(at, scale.bottom - 6, text))
        taken_right = at + w
    return out


def _note_markers(
    on_chart: list[tuple[float, ChartNote]],
    frame: Frame,
    scale: _Scale,
    slots: Sequence[int],
    frequency: str,
    top: float,
) -> list[str]:
    """Numbered markers above the plot, one per note, merged ("3–5") where they would touch."""
    if not on_chart:
        return []
    xs = [(scale.x(_slot_at(slots, p)), note) for p, note in on_chart]
    out: list[str] = []
    for x, _ in xs:
        out.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top - 6:.1f}" y2="{scale.bottom:.1f}" stroke="{NOTE}" '
            'stroke-width="1" stroke-dasharray="1 3"/>'
        )
    cy = top - NOTE_ROW / 2 - 4
    font = frame.font - 1
    for centre, width, members in _note_groups(xs, font + 1, 2, frame.width - 2):
        single = len(members) == 1
        if single and members[0].kind != "test":
            marker = (
                f'<circle cx="{centre:.1f}" cy="{cy:.1f}" r="9.5" fill="#ffffff" '
                f'stroke="{NOTE}" stroke-width="1.5"/>'
            )
        else:
            rx = "0" if single else "9"
            marker = (
                f'<rect x="{centre - width / 2:.1f}" y="{cy - 9:.1f}" width="{round(width, 1):g}" '
                f'height="18" rx="{rx}" fill="#ffffff" stroke="{NOTE}" stroke-width="1.5"/>'
            )
        said = " ".join(f"{m.number}. {periods.label(m.period, frequency)}: {m.text}" for m in members)
        out.append(
            f'<g class="chart-note">{marker}'
            f'<text x="{centre:.1f}" y="{cy + 4:.1f}" text-anchor="middle" font-size="{font:g}" '
            f'font-weight="bold" fill="{NOTE}">{escape(_note_label(members))}</text>'
            f"<title>{escape(said)}</title></g>"
        )
    return out


def _last_finite(arr: np.ndarray) -> int | None:
    found = np.flatnonzero(np.isfinite(arr))
    return int(found[-1]) if found.size else None


def _description(a: Analysis, headline: str = "") -> str:
    parts = [headline] if headline else []
    parts.append(variation_sentence(a))
    assurance = assurance_sentence(a)
    if assurance and assurance not in headline:
        parts.append(assurance)
    parts.append("The data are listed in the table below the chart.")
    return " ".join(parts)
