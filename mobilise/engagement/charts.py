"""Geometry for small server-drawn line charts (SVG), each shown beside a table of the same numbers.

Each chart is drawn twice, wide for a desktop and narrow for a phone (CSS shows one), so the words
stay at a readable size on a 320 px screen instead of shrinking with the picture."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from mobilise.core.chart_text import spread, text_width, wrap

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 120, 16, 40
FONT = 13  # the labels' size in the stylesheet
LINE_HEIGHT = 16
LABEL_ROOM = 150  # the widest an end label may be before it wraps
TICK_GAP = 10  # the least space between two dates on the axis


@dataclass(frozen=True)
class Frame:
    """One size of picture: its width, least height and how wide an end label may run."""

    name: str
    width: int
    height: int
    label_room: int


WIDE = Frame("wide", WIDTH, HEIGHT, LABEL_ROOM)
NARROW = Frame("narrow", 320, 220, 90)
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
    frame: Frame = WIDE


def _nice_max(value: float) -> float:
    if value <= 5:
        return 5.0
    for step in (10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000):
        if value <= step * 5:
            return float(step * int(-(-value // step)))
    return float(value)


def _label_lines(label: str, frame: Frame = WIDE) -> tuple[str, ...]:
    return tuple(wrap(label, frame.label_room, FONT, 2))


def _x_ticks(x_labels: Sequence[str], x_at: Callable[[int], float], width: int) -> tuple[Tick, ...]:
    """Dates along the bottom, placed from the last one leftwards, each kept inside the picture
    and clear of the one to its right; as many as fit, evenly spaced."""
    count = len(x_labels)
    if not count:
        return ()
    widest = max(text_width(text, FONT) for text in x_labels)
    room = (x_at(count - 1) - x_at(0)) / (widest + TICK_GAP) if count > 1 else 1.0
    every = max(1, -(-(count - 1) // max(int(room), 1))) if count > 1 else 1
    placed: list[Tick] = []
    placed_left = float("inf")
    next_index = count - 1
    for i in range(count - 1, -1, -1):
        if i > next_index:
            continue
        half = text_width(x_labels[i], FONT) / 2
        x = min(max(x_at(i), half + 2), width - half - 2)
        if x + half + TICK_GAP > placed_left:
            continue
        placed.append(Tick(x, x_labels[i]))
        placed_left = x - half
        next_index = i - every
    return tuple(reversed(placed))


def line_chart(
    x_labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    y_max: float | None = None,
    frame: Frame = WIDE,
) -> LineChart:
    """Lines for each (label, values) over the x labels; every line has its own dash and marker.

    A value of None (withheld) is not plotted: the line skips that point."""
    shown = [label for label, values in series if any(v is not None for v in values)]
    widest = max((text_width(t, FONT) for label in shown for t in _label_lines(label, frame)), default=0.0)
    right = frame.width - max(24, int(widest) + 18)
    # Room for every end label one above the other, however close the lines end.
    needed = sum(len(_label_lines(label, frame)) for label in shown) * LINE_HEIGHT
    height = max(frame.height, TOP + needed + BOTTOM)
    bottom = height - BOTTOM
    top_value = _nice_max(
        y_max
        if y_max is not None
        else max((max((x for x in v if x is not None), default=0) for _, v in series), default=0)
    )
    y_labels = [f"{top_value * k / 5:g}" for k in range(6)]
    left = max(LEFT if frame is WIDE else 24, int(max(text_width(t, FONT) for t in y_labels)) + 12)
    count = max(len(x_labels), 1)
    span = (right - left) / max(count - 1, 1)

    def x_at(i: int) -> float:
        return left + (i * span if count > 1 else (right - left) / 2)

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
    x_ticks = _x_ticks(x_labels, x_at, frame.width)
    y_ticks = tuple(Tick(y_at(top_value * k / 5), text) for k, text in enumerate(y_labels))
    return LineChart(
        frame.width, height, lines, x_ticks, y_ticks, left, right, TOP, bottom, right + 10, frame
    )


def end_labels(chart: LineChart) -> list[EndLabel]:
    """Each line's name beside its right-hand end, moved apart so no two overlap, and kept within
    the plot's height so none runs into the dates or off the picture."""
    wrapped = [_label_lines(line.label, chart.frame) for line in chart.lines]
    heights = [len(lines) * LINE_HEIGHT for lines in wrapped]
    wanted = [
        line.end.y - h / 2 if len(w) > 1 else line.end.y - LINE_HEIGHT / 2
        for line, w, h in zip(chart.lines, wrapped, heights, strict=True)
    ]
    tops = spread(wanted, heights, 0, chart.plot_bottom + 4)
    return [EndLabel(line, lines, top) for line, lines, top in zip(chart.lines, wrapped, tops, strict=True)]


@dataclass(frozen=True)
class Drawing:
    """One size of a chart with its end labels, ready for the template."""

    chart: LineChart
    labels: list[EndLabel]

    @property
    def size(self) -> str:
        return self.chart.frame.name


def drawings(
    x_labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    y_max: float | None = None,
) -> list[Drawing]:
    """The chart drawn wide and narrow; the page carries both and the stylesheet shows one."""
    out = []
    for frame in (WIDE, NARROW):
        chart = line_chart(x_labels, series, y_max=y_max, frame=frame)
        out.append(Drawing(chart, end_labels(chart)))
    return out
