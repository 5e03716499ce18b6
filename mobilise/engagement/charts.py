"""Geometry for small server-drawn line charts (SVG), each shown beside a table of the same numbers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mobilise.core.chart_text import spread, text_width, wrap

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 120, 16, 40
FONT = 13  # the labels' size in the stylesheet
LINE_HEIGHT = 16
LABEL_ROOM = 150  # the widest an end label may be before it wraps
DASHES = ("", "8 4", "2 4", "12 4 2 4", "4 4")
MARKERS = ("circle", "square", "diamond", "triangle", "cross")


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: float


@dataclass(frozen=True)
class Line:
    label: str
    points: tuple[Point, ...]
    dash: str
    marker: str
    css_class: str

    @property
    def path(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    @property
    def end(self) -> Point:
        return self.points[-1]


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class EndLabel:
    """A line's name at its right-hand end, in one or two lines of text (tops of each line)."""

    line: Line
    lines: tuple[str, ...]
    top: float

    @property
    def baselines(self) -> list[tuple[float, str]]:
        return [(self.top + (k + 0.8) * LINE_HEIGHT, text) for k, text in enumerate(self.lines)]


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    lines: tuple[Line, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int
    label_x: float = 0.0


def _nice_max(value: float) -> float:
    if value <= 5:
        return 5.0
    for step in (10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000):
        if value <= step * 5:
            return float(step * int(-(-value // step)))
    return float(value)


def _label_lines(label: str) -> tuple[str, ...]:
    return tuple(wrap(label, LABEL_ROOM, FONT, 2))


def line_chart(
    x_labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    y_max: float | None = None,
) -> LineChart:
    """Lines for each (label, values) over the x labels; every line has its own dash and marker.

    A value of None (withheld) is not plotted: the line skips that point."""
    shown = [label for label, values in series if any(v is not None for v in values)]
    widest = max((text_width(t, FONT) for label in shown for t in _label_lines(label)), default=0.0)
    right = WIDTH - max(24, int(widest) + 18)
    # Room for every end label one above the other, however close the lines end.
    needed = sum(len(_label_lines(label)) for label in shown) * LINE_HEIGHT
    height = max(HEIGHT, TOP + needed + BOTTOM)
    bottom = height - BOTTOM
    top_value = _nice_max(
        y_max
        if y_max is not None
        else max((max((x for x in v if x is not None), default=0) for _, v in series), default=0)
    )
    count = max(len(x_labels), 1)
    span = (right - LEFT) / max(count - 1, 1)

    def x_at(i: int) -> float:
        return LEFT + (i * span if count > 1 else (right - LEFT) / 2)

    def y_at(v: float) -> float:
        return bottom - (v / top_value) * (bottom - TOP) if top_value else bottom

    lines = tuple(
        Line(
            label=label,
            points=tuple(Point(x_at(i), y_at(v), v) for i, v in enumerate(values) if v is not None),
            dash=DASHES[n % len(DASHES)],
            marker=MARKERS[n % len(MARKERS)],
            css_class=f"series-{n}",
        )
        for n, (label, values) in enumerate(series)
        if any(v is not None for v in values)
    )
    every = max(1, -(-count // 8))
    x_ticks = tuple(
        Tick(x_at(i), text) for i, text in enumerate(x_labels) if i % every == 0 or i == count - 1
    )
    y_ticks = tuple(Tick(y_at(top_value * k / 5), f"{top_value * k / 5:g}") for k in range(6))
    return LineChart(WIDTH, height, lines, x_ticks, y_ticks, LEFT, right, TOP, bottom, right + 10)


def end_labels(chart: LineChart) -> list[EndLabel]:
    """Each line's name beside its right-hand end, moved apart so no two overlap, and kept within
    the plot's height so none runs into the dates or off the picture."""
    wrapped = [_label_lines(line.label) for line in chart.lines]
    heights = [len(lines) * LINE_HEIGHT for lines in wrapped]
    wanted = [
        line.end.y - h / 2 if len(w) > 1 else line.end.y - LINE_HEIGHT / 2
        for line, w, h in zip(chart.lines, wrapped, heights, strict=True)
    ]
    tops = spread(wanted, heights, 0, chart.plot_bottom + 4)
    return [EndLabel(line, lines, top) for line, lines, top in zip(chart.lines, wrapped, tops, strict=True)]
