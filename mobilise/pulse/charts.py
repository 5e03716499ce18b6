"""A small Making Data Count chart of wave means, drawn as inline SVG. The table beside it on the page
carries the same numbers for anyone who cannot see the picture."""

from __future__ import annotations

from markupsafe import Markup, escape

from .results import Trend

W, H, PAD_L, PAD_R, PAD_T, PAD_B = 320, 140, 34, 10, 10, 24
COLOURS = {
    "special_cause_concern": "#ed8b00",
    "special_cause_improvement": "#41b6e6",
}
COMMON = "#768692"


def _y(v: float) -> float:
    return PAD_T + (5 - v) / 4 * (H - PAD_T - PAD_B)


def trend_svg(trend: Trend) -> Markup:
    n = len(trend.points)
    if n == 0:
        return Markup("")
    step = (W - PAD_L - PAD_R) / max(1, n - 1)

    def x(i: int) -> float:
        return PAD_L + i * step if n > 1 else (W - PAD_R + PAD_L) / 2

    parts = [
        f'<svg class="pulse-chart" viewBox="0 0 {W} {H}" width="100%" role="img" '
        f'aria-labelledby="chart-{trend.question.pk}">',
        f'<title id="chart-{trend.question.pk}">{escape(trend.name)}: average score each wave, out of 5. '
        "The table that follows gives the same numbers.</title>",
    ]
    for tick in (1, 3, 5):
        parts.append(
            f'<line x1="{PAD_L}" x2="{W - PAD_R}" y1="{_y(tick):.1f}" y2="{_y(tick):.1f}" stroke="#e8edee"/>'
            f'<text x="{PAD_L - 6}" y="{_y(tick) + 4:.1f}" font-size="11" text-anchor="end" '
            f'fill="#4c6272">{tick}</text>'
        )
    for series, dash in ((trend.centre, ""), (trend.lower, "4 3"), (trend.upper, "4 3")):
        pts = [(x(i), _y(v)) for i, v in enumerate(series) if v is not None]
        if len(pts) >= 2:
            d = " ".join(f"{px:.1f},{py:.1f}" for px, py in pts)
            parts.append(
                f'<polyline points="{d}" fill="none" stroke="#425563" stroke-width="1"'
                + (f' stroke-dasharray="{dash}"' if dash else "")
                + "/>"
            )
    values = [(i, p.mean) for i, p in enumerate(trend.points) if p.mean is not None]
    if len(values) >= 2:
        d = " ".join(f"{x(i):.1f},{_y(v):.1f}" for i, v in values)
        parts.append(f'<polyline points="{d}" fill="none" stroke="{COMMON}" stroke-width="2"/>')
    for i, v in values:
        kind = trend.point_types[i] if i < len(trend.point_types) else None
        colour = COLOURS.get(kind or "", COMMON)
        parts.append(f'<circle cx="{x(i):.1f}" cy="{_y(v):.1f}" r="4" fill="{colour}"/>')
    for i, p in enumerate(trend.points):
        parts.append(
            f'<text x="{x(i):.1f}" y="{H - 6}" font-size="11" text-anchor="middle" '
            f'fill="#4c6272">{p.wave}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


QUADRANT_FILL = {
    "Inclusion": "#007f3b",
    "Assimilation": "#41b6e6",
    "Differentiation": "#ffb81c",
    "Exclusion": "#d5281b",
}
