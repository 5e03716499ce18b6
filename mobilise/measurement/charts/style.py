"""Colours and point shapes. MDC's colours, each paired with a shape so no meaning rests on colour."""

from __future__ import annotations

COMMON = "#7f7f7f"
IMPROVEMENT = "#00b0f0"
CONCERN = "#e46c0a"
NEUTRAL = "#7030a0"
INK = "#212b32"
LINE = "#4c6272"
LIMIT = "#425563"
GRID = "#d8dde0"
TARGET = "#8a1538"
NOTE = "#005eb8"

POINT_COLOURS = {
    "common_cause": COMMON,
    "special_cause_improvement": IMPROVEMENT,
    "special_cause_concern": CONCERN,
    "special_cause_neutral_high": NEUTRAL,
    "special_cause_neutral_low": NEUTRAL,
}
# circle: common cause; square: improvement; triangle: concern; diamond: neither better nor worse.
POINT_SHAPES = {
    "common_cause": "circle",
    "special_cause_improvement": "square",
    "special_cause_concern": "triangle",
    "special_cause_neutral_high": "diamond",
    "special_cause_neutral_low": "diamond",
}
LEGEND = (
    ("common_cause", "Common cause variation"),
    ("special_cause_improvement", "Special cause improvement"),
    ("special_cause_concern", "Special cause concern"),
    ("special_cause_neutral_high", "Special cause, neither better nor worse"),
)


def shape(kind: str, x: float, y: float, size: float = 4.5) -> str:
    """SVG for one point marker (numbers only: safe to join into markup)."""
    colour = POINT_COLOURS.get(kind, COMMON)
    form = POINT_SHAPES.get(kind, "circle")
    outline = f'stroke="{INK}" stroke-width="1"'
    if form == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size * 0.75:.1f}" fill="{colour}"/>'
    if form == "square":
        s = size * 0.95
        return (
            f'<rect x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}" '
            f'fill="{colour}" {outline}/>'
        )
    if form == "triangle":
        s = size * 1.25
        return (
            f'<path d="M{x:.1f} {y - s:.1f}L{x + s:.1f} {y + s * 0.8:.1f}L{x - s:.1f} {y + s * 0.8:.1f}Z" '
            f'fill="{colour}" {outline}/>'
        )
    s = size * 1.25
    return (
        f'<path d="M{x:.1f} {y - s:.1f}L{x + s:.1f} {y:.1f}L{x:.1f} {y + s:.1f}L{x - s:.1f} {y:.1f}Z" '
        f'fill="{colour}" {outline}/>'
    )
