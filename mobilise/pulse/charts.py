"""Small Making Data Count charts of wave means and of the share agreeing, drawn as inline SVG. The
table beside them on the page carries the same numbers for anyone who cannot see the pictures."""

from __future__ import annotations

from markupsafe import Markup, escape

from .results import SpcLine, Trend

W, H, PAD_L, PAD_R, PAD_T, PAD_B = 320, 140, 34, 10, 10, 24
COLOURS = {
    "special_cause_concern": "#ed8b00",
    "special_cause_improvement": "#41b6e6",
}
COMMON = "#768692"


def _svg(
    *,
    chart_id: str,
    title: str,
    waves: list[int],
    values: list[float | None],
    line: SpcLine,
    bottom: float,
    top: float,
    ticks: tuple[float, ...],
    tick_text: str,
) -> Markup:
    """One XmR chart: the values, the centre line and process limits, special causes coloured."""
    n = len(waves)
    if n == 0:
        return Markup("")
    step = (W - PAD_L - PAD_R) / max(1, n - 1)

    def x(i: int) -> float:
        return PAD_L + i * step if n > 1 else (W - PAD_R + PAD_L) / 2

    def y(v: float) -> float:
        v = min(max(v, bottom), top)
        return PAD_T + (top - v) / (top - bottom) * (H - PAD_T - PAD_B)

    parts = [
        f'<svg class="pulse-chart" viewBox="0 0 {W} {H}" width="100%" role="img" '
        f'aria-labelledby="{chart_id}">',
        f'<title id="{chart_id}">{escape(title)} The table that follows gives the same numbers.</title>',
    ]
    for tick in ticks:
        parts.append(
            f'<line x1="{PAD_L}" x2="{W - PAD_R}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#e8edee"/>'
            f'<text x="{PAD_L - 6}" y="{y(tick) + 4:.1f}" font-size="11" text-anchor="end" '
            f'fill="#4c6272">{tick_text.format(tick)}</text>'
        )
    for series, dash in ((line.centre, ""), (line.lower, "4 3"), (line.upper, "4 3")):
        pts = [(x(i), y(v)) for i, v in enumerate(series) if v is not None]
        if len(pts) >= 2:
            d = " ".join(f"{px:.1f},{py:.1f}" for px, py in pts)
            parts.append(
                f'<polyline points="{d}" fill="none" stroke="#425563" stroke-width="1"'
                + (f' stroke-dasharray="{dash}"' if dash else "")
                + "/>"
            )
    shown = [(i, v) for i, v in enumerate(values) if v is not None]
    if len(shown) >= 2:
        d = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in shown)
        parts.append(f'<polyline points="{d}" fill="none" stroke="{COMMON}" stroke-width="2"/>')
    for i, v in shown:
        kind = line.point_types[i] if i < len(line.point_types) else None
        colour = COLOURS.get(kind or "", COMMON)
        parts.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="4" fill="{colour}"/>')
    for i, wave in enumerate(waves):
        parts.append(
            f'<text x="{x(i):.1f}" y="{H - 6}" font-size="11" text-anchor="middle" '
            f'fill="#4c6272">{wave}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def trend_svg(trend: Trend) -> Markup:
    """The wave means, out of 5."""
    return _svg(
        chart_id=f"chart-{trend.question.pk}",
        title=f"{trend.name}: average score each wave, out of 5.",
        waves=[p.wave for p in trend.points],
        values=[p.mean for p in trend.points],
        line=trend.mean_line,
        bottom=1,
        top=5,
        ticks=(1, 3, 5),
        tick_text="{:.0f}",
    )


def agree_svg(trend: Trend) -> Markup:
    """The share agreeing (4 or 5) each wave, from rounded counts, as a percentage."""
    return _svg(
        chart_id=f"agree-{trend.question.pk}",
        title=f"{trend.name}: share agreeing each wave, in per cent.",
        waves=[p.wave for p in trend.points],
        values=[None if p.agree is None else 100 * p.agree for p in trend.points],
        line=trend.agree_line,
        bottom=0,
        top=100,
        ticks=(0, 50, 100),
        tick_text="{:.0f}%",
    )


QUADRANT_FILL = {
    "Inclusion": "#007f3b",
    "Assimilation": "#41b6e6",
    "Differentiation": "#ffb81c",
    "Exclusion": "#d5281b",
}
