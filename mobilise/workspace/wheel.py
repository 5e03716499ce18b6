"""Geometry for the Change Model wheel: seven segments around a central circle.

Pure functions, no Django: the template draws the SVG from these numbers, so the shapes can be
tested on their own and the page stays free of arithmetic.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

SIZE = 600
OUTER_RADIUS = 290.0
INNER_RADIUS = 122.0
CENTRE_RADIUS = 112.0
GAP_DEGREES = 1.6
LINE_HEIGHT = 20.0


@dataclass(frozen=True)
class Segment:
    key: str
    path: str
    label_x: float
    label_y: float
    lines: tuple[str, ...]

    def line_y(self, index: int, extra_lines: int = 0) -> float:
        """The baseline of line `index`, with the block of lines centred on the label point."""
        total = len(self.lines) + extra_lines
        return round(self.label_y - (total - 1) * LINE_HEIGHT / 2 + index * LINE_HEIGHT, 1)


@dataclass(frozen=True)
class Wheel:
    size: int
    centre: float
    centre_radius: float
    segments: tuple[Segment, ...]


def wrap_label(text: str, width: int = 16, max_lines: int = 3) -> tuple[str, ...]:
    """Break a label into short lines at spaces; the last line ends in … if it had to be cut."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(width - 1, 1)].rstrip() + "…"
    return tuple(line if len(line) <= width + 2 else line[: width + 1] + "…" for line in lines)


def _point(centre: float, radius: float, degrees: float) -> tuple[float, float]:
    radians = math.radians(degrees)
    return round(centre + radius * math.cos(radians), 2), round(centre + radius * math.sin(radians), 2)


def annular_sector(centre: float, inner: float, outer: float, start: float, end: float) -> str:
    """An SVG path for the ring slice between two angles (degrees, clockwise from 3 o'clock)."""
    large = 1 if end - start > 180 else 0
    ox1, oy1 = _point(centre, outer, start)
    ox2, oy2 = _point(centre, outer, end)
    ix2, iy2 = _point(centre, inner, end)
    ix1, iy1 = _point(centre, inner, start)
    return (
        f"M {ox1} {oy1} A {outer} {outer} 0 {large} 1 {ox2} {oy2} "
        f"L {ix2} {iy2} A {inner} {inner} 0 {large} 0 {ix1} {iy1} Z"
    )


def wheel_geometry(labels: Sequence[tuple[str, str]], *, size: int = SIZE) -> Wheel:
    """Segments for (key, label) pairs, the first centred at twelve o'clock, going clockwise."""
    scale = size / SIZE
    centre = size / 2
    outer, inner = OUTER_RADIUS * scale, INNER_RADIUS * scale
    count = len(labels)
    segments = []
    for index, (key, label) in enumerate(labels):
        span = 360 / count
        middle = -90 + index * span
        start, end = middle - span / 2 + GAP_DEGREES / 2, middle + span / 2 - GAP_DEGREES / 2
        label_x, label_y = _point(centre, (inner + outer) / 2, middle)
        segments.append(
            Segment(
                key, annular_sector(centre, inner, outer, start, end), label_x, label_y, wrap_label(label)
            )
        )
    return Wheel(size=size, centre=centre, centre_radius=CENTRE_RADIUS * scale, segments=tuple(segments))
