"""Inline SVG pictures for spread: the S-curve with its band and the plan, the per-site strip over
time, and the funnel plot. Each page gives the same numbers in a table beside the picture.

Pictures use a small viewBox and large text so they stay readable when squeezed to 320 px.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from markupsafe import Markup, escape

from .analysis import Adoption, months_between

W, H, L, R, T, B = 360, 240, 48, 10, 12, 30
INK, GRID, MUTED = "#212b32", "#d8dde0", "#4c6272"
BLUE, BAND, PLAN = "#005eb8", "#c8dff5", "#ae2573"
STAGE_COLOURS = {
    "not_yet": "#e8edee",
    "aware": "#aeb7bd",
    "trying": "#ffb81c",
    "adopted": "#41b6e6",
    "sustained": "#005eb8",
    "stopped": "#d5281b",
}


def _points(xs: Sequence[float], ys: Sequence[float], fx: object, fy: object) -> str:
    assert callable(fx) and callable(fy)
    return " ".join(f"{fx(x):.1f},{fy(y):.1f}" for x, y in zip(xs, ys, strict=True))


def s_curve_svg(a: Adoption) -> Markup:
    top = max(a.in_scope, 1)
    end = max(a.grid[-1] if a.grid else 0.0, a.months[-1] if a.months else 0.0, 1.0)
    if a.milestones:
        end = max(end, max(m.months for m in a.milestones))

    def fx(m: float) -> float:
        return L + m / end * (W - L - R)

    def fy(v: float) -> float:
        return T + (1 - v / top) * (H - T - B)

    parts = [
        f'<svg class="spread-chart" viewBox="0 0 {W} {H}" width="100%" role="img" '
        'aria-labelledby="s-curve-title">',
        f'<title id="s-curve-title">Sites that have adopted “{escape(a.practice.name)}” over time, '
        "with the fitted curve, its 80% forecast band and the plan. The table that follows gives the "
        "same numbers.</title>",
    ]
    for share, label in ((0.16, "16%"), (0.5, "50%"), (1.0, f"{a.in_scope}")):
        y = fy(share * top)
        parts.append(
            f'<line x1="{L}" x2="{W - R}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{L - 4}" y="{y + 4:.1f}" font-size="12" text-anchor="end" '
            f'fill="{MUTED}">{label}</text>'
        )
    if a.grid:
        upper = _points(a.grid, a.upper, fx, fy)
        lower = _points(list(reversed(a.grid)), list(reversed(a.lower)), fx, fy)
        parts.append(f'<polygon points="{upper} {lower}" fill="{BAND}" stroke="none"/>')
        parts.append(
            f'<polyline points="{_points(a.grid, a.fitted, fx, fy)}" fill="none" stroke="{BLUE}" '
            'stroke-width="2" stroke-dasharray="5 3"/>'
        )
    if a.months:
        steps: list[str] = []
        for i, (m, c) in enumerate(zip(a.months, a.counts, strict=True)):
            if i:
                steps.append(f"{fx(m):.1f},{fy(a.counts[i - 1]):.1f}")
            steps.append(f"{fx(m):.1f},{fy(c):.1f}")
        parts.append(f'<polyline points="{" ".join(steps)}" fill="none" stroke="{INK}" stroke-width="2.5"/>')
    if a.milestones:
        # The plan: a dotted line from the launch through each milestone, a diamond at each.
        line = " ".join(f"{fx(ms.months):.1f},{fy(ms.target):.1f}" for ms in a.milestones)
        parts.append(
            f'<polyline points="{fx(0):.1f},{fy(0):.1f} {line}" fill="none" stroke="{PLAN}" '
            'stroke-width="1.5" stroke-dasharray="2 3"/>'
        )
        for milestone in a.milestones:
            px, py = fx(milestone.months), fy(milestone.target)
            label = f"{milestone.sites} sites by {milestone.on:%-d %B %Y}"
            parts.append(
                f'<path d="M{px - 6:.1f},{py:.1f} L{px:.1f},{py - 6:.1f} L{px + 6:.1f},{py:.1f} '
                f'L{px:.1f},{py + 6:.1f} Z" fill="{PLAN}"><title>{label}</title></path>'
            )
    now = months_between(a.practice.launched_on, a.on)
    parts.append(
        f'<line x1="{fx(now):.1f}" x2="{fx(now):.1f}" y1="{T}" y2="{H - B}" stroke="{MUTED}" '
        'stroke-dasharray="1 3"/>'
    )
    for m in _ticks(end):
        parts.append(
            f'<text x="{fx(m):.1f}" y="{H - B + 16}" font-size="12" text-anchor="middle" fill="{MUTED}">'
            f"{a.date_of(m):%b %y}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _ticks(end: float) -> list[float]:
    step = max(1, math.ceil(end / 4 / 3) * 3)
    return [float(m) for m in range(0, int(end) + 1, step)]


def strip_svg(a: Adoption, rows: Sequence[object]) -> Markup:
    """One thin bar per site across time, coloured by stage (a rectangle per stage held)."""
    from .analysis import SiteRow

    site_rows = [r for r in rows if isinstance(r, SiteRow)]
    if not site_rows:
        return Markup("")
    start, end = a.practice.launched_on, a.on
    span = max((end - start).days, 1)
    bar = 8 if len(site_rows) <= 40 else max(2, 320 // len(site_rows))
    height = T + bar * len(site_rows) + B
    width_px = W - L - R

    def fx(d: date) -> float:
        return L + min(max((d - start).days, 0), span) / span * width_px

    parts = [
        f'<svg class="spread-chart" viewBox="0 0 {W} {height}" width="100%" '
        'role="img" aria-labelledby="strip-title">',
        '<title id="strip-title">Each site’s stage over time, one bar per site, earliest adopters first. '
        "The table of sites gives each site’s stage.</title>",
    ]
    for i, row in enumerate(site_rows):
        y = T + i * bar
        changes = row.segments
        for stage, seg_start, seg_end in changes:
            x0, x1 = fx(seg_start), fx(seg_end)
            if x1 - x0 <= 0.05:
                continue
            parts.append(
                f'<rect x="{x0:.1f}" y="{y}" width="{x1 - x0:.1f}" height="{bar - (1 if bar > 3 else 0)}" '
                f'fill="{STAGE_COLOURS[stage]}"/>'
            )
    parts.append(
        f'<text x="{L}" y="{height - 10}" font-size="12" fill="{MUTED}">{start:%b %Y}</text>'
        f'<text x="{W - R}" y="{height - 10}" font-size="12" text-anchor="end" '
        f'fill="{MUTED}">{end:%b %Y}</text>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))


def funnel_svg(
    points: Sequence[tuple[float, float, int]],
    grid: Sequence[float],
    lines: Sequence[Sequence[float]],
    target: float,
    scale: float,
    unit: str,
) -> Markup:
    """Sites as dots by denominator (log scale) and value, with 95% and 99.8% limits."""
    if not points:
        return Markup("")
    dens = [p[0] for p in points] + list(grid)
    lo_x, hi_x = math.log10(min(dens)), math.log10(max(dens))
    hi_x = hi_x if hi_x > lo_x else lo_x + 1
    values = [p[1] for p in points] + [v for line in lines for v in line] + [target]
    top = max(values) * 1.05 or 1.0
    bottom = max(min(values) * 0.95, 0.0)
    if top <= bottom:
        top = bottom + 1.0

    def fx(n: float) -> float:
        return L + (math.log10(n) - lo_x) / (hi_x - lo_x) * (W - L - R)

    def fy(v: float) -> float:
        return T + (top - v) / (top - bottom) * (H - T - B)

    parts = [
        f'<svg class="spread-chart" viewBox="0 0 {W} {H}" width="100%" role="img" '
        'aria-labelledby="funnel-title">',
        '<title id="funnel-title">Funnel plot: each site’s figure against its size, with the limits '
        "within which sites differ only by chance. The table that follows gives the same numbers.</title>",
    ]
    for v in (bottom, target, top):
        parts.append(
            f'<text x="{L - 4}" y="{fy(v) + 4:.1f}" font-size="12" text-anchor="end" fill="{MUTED}">'
            f"{v * scale:.3g}{unit}</text>"
        )
    parts.append(
        f'<line x1="{L}" x2="{W - R}" y1="{fy(target):.1f}" y2="{fy(target):.1f}" stroke="{INK}" '
        'stroke-width="1.5"/>'
    )
    for k, line in enumerate(lines):
        dash = "4 3" if k < 2 else "1 2"
        parts.append(
            f'<polyline points="{_points(grid, line, fx, fy)}" fill="none" stroke="{MUTED}" '
            f'stroke-dasharray="{dash}"/>'
        )
    for den, value, flag in points:
        if flag > 0:
            parts.append(f'<circle cx="{fx(den):.1f}" cy="{fy(value):.1f}" r="5" fill="#007f3b"/>')
        elif flag < 0:
            x, y = fx(den), fy(value)
            parts.append(f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="#d5281b"/>')
        else:
            parts.append(
                f'<circle cx="{fx(den):.1f}" cy="{fy(value):.1f}" r="3" fill="none" stroke="{MUTED}"/>'
            )
    parts.append(
        f'<text x="{(W + L) / 2:.1f}" y="{H - 8}" font-size="12" text-anchor="middle" fill="{MUTED}">'
        "size of site (log scale)</text>"
    )
    parts.append("</svg>")
    return Markup("".join(parts))
