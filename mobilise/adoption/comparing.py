"""Sites compared on a measure: the funnel plot over the latest three months with figures, the
sites doing better (with a prompt to learn from them), and each site's own SPC chart over time."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from mobilise.accounts.models import Organisation
from mobilise.spc import analyse
from mobilise.spread.funnel import Funnel, Kind, funnel, funnel_curve
from mobilise.spread.summary import FLAG_WORDS

from .models import MeasureKind, Site, SiteMeasure, SiteValue

#: Months pooled for the comparison: one month is often too few events to tell sites apart.
POOLED_MONTHS = 3


@dataclass
class SiteFigure:
    site: Site
    events: float
    denominator: float
    value: float
    lower95: float
    upper95: float
    lower998: float
    upper998: float
    flag: int
    verdict: str
    better: bool
    worse: bool
    organisation_id: int | None = None


@dataclass
class Comparison:
    months: list[date]
    figures: list[SiteFigure] = field(default_factory=list)
    funnel: Funnel | None = None
    points: list[tuple[float, float, int]] = field(default_factory=list)
    grid: list[float] = field(default_factory=list)
    lines: list[list[float]] = field(default_factory=list)
    scale: float = 100.0
    unit: str = "%"
    problem: str = ""

    @property
    def better(self) -> list[SiteFigure]:
        return [f for f in self.figures if f.better]


def _scale(measure: SiteMeasure) -> tuple[float, str]:
    if measure.kind == MeasureKind.PROPORTION:
        return 100.0, "%"
    return float(measure.per), f" per {measure.per:,}"


def compare_sites(measure: SiteMeasure, sites: list[Site], values: list[SiteValue]) -> Comparison:
    scale, unit = _scale(measure)
    months = sorted({v.period for v in values})[-POOLED_MONTHS:]
    out = Comparison(months=months, scale=scale, unit=unit)
    if not months:
        out.problem = "There are no figures yet. Import them by site to compare sites."
        return out
    chosen = set(months)
    live = {s.pk: s for s in sites}
    events: dict[int, float] = {}
    den: dict[int, float] = {}
    for v in values:
        if v.period in chosen and v.site_id in live:
            events[v.site_id] = events.get(v.site_id, 0.0) + v.events
            den[v.site_id] = den.get(v.site_id, 0.0) + v.denominator
    ids = sorted(den, key=lambda i: live[i].name.lower())
    ids = [i for i in ids if den[i] > 0]
    if len(ids) < 3:
        out.problem = "A funnel plot needs figures from at least three sites."
        return out
    y = np.array([events[i] for i in ids])
    n = np.array([den[i] for i in ids])
    kind: Kind = "proportion" if measure.kind == MeasureKind.PROPORTION else "rate"
    try:
        result = funnel(y, n, kind=kind)
    except ValueError as error:
        out.problem = f"These figures cannot be compared: {error}."
        return out
    out.funnel = result
    orgs = _organisations([live[i] for i in ids])
    for j, i in enumerate(ids):
        flag = int(result.flag[j])
        better = flag > 0 if measure.higher_is_better else flag < 0
        worse = flag < 0 if measure.higher_is_better else flag > 0
        out.figures.append(
            SiteFigure(
                site=live[i],
                events=float(y[j]),
                denominator=float(n[j]),
                value=float(result.value[j]),
                lower95=float(result.lower95[j]),
                upper95=float(result.upper95[j]),
                lower998=float(result.lower998[j]),
                upper998=float(result.upper998[j]),
                flag=flag,
                verdict=(
                    "better than the rest" if better else "worse than the rest" if worse else "as expected"
                )
                + ("" if flag == 0 else f" ({FLAG_WORDS[flag].split('(')[1]}"),
                better=better,
                worse=worse,
                organisation_id=orgs.get(i),
            )
        )
        out.points.append((float(n[j]), float(result.value[j]), 1 if better else -1 if worse else 0))
    grid, lo95, hi95, lo998, hi998 = funnel_curve(result, float(n.min()), float(n.max()))
    out.grid = grid.tolist()
    out.lines = [lo95.tolist(), hi95.tolist(), lo998.tolist(), hi998.tolist()]
    return out


def _verdict(better: bool, worse: bool, flag: int) -> str:
    text = "better than the rest" if better else "worse than the rest" if worse else "as expected"
    return text if flag == 0 else f"{text} ({FLAG_WORDS[flag].split('(')[1]}"


def _organisations(sites: list[Site]) -> dict[int, int]:
    """Site id → the organisation its tests of change are recorded against (same ODS code, else name)."""
    codes = {s.ods_code for s in sites if s.ods_code}
    names = {s.name.lower() for s in sites}
    by_code: dict[str, int] = {}
    by_name: dict[str, int] = {}
    for pk, code in Organisation.objects.filter(ods_code__in=codes).values_list("id", "ods_code"):
        by_code[code] = pk
    for pk, _code, name in Organisation.objects.filter(name__in=[s.name for s in sites]).values_list(
        "id", "ods_code", "name"
    ):
        if name.lower() in names:
            by_name.setdefault(name.lower(), pk)
    out: dict[int, int] = {}
    for s in sites:
        found = by_code.get(s.ods_code) if s.ods_code else None
        found = found or by_name.get(s.name.lower())
        if found:
            out[s.pk] = found
    return out


@dataclass
class SiteSeries:
    rows: list[dict[str, Any]]
    icon: str | None
    svg: Any


def site_series(measure: SiteMeasure, site: Site) -> SiteSeries:
    from markupsafe import Markup

    values = list(SiteValue.objects.filter(measure=measure, site=site).order_by("period"))
    scale, unit = _scale(measure)
    if not values:
        return SiteSeries([], None, Markup(""))
    chart = "p" if measure.kind == MeasureKind.PROPORTION else "u"
    result = analyse(
        [v.events for v in values],
        chart=chart,
        denominators=[v.denominator for v in values],
        improvement="increase" if measure.higher_is_better else "decrease",
    )
    rows = []
    for i, v in enumerate(values):
        rows.append(
            {
                "period": v.period,
                "events": v.events,
                "denominator": v.denominator,
                "value": _fmt(result.values[i], scale),
                "centre": _fmt(result.centre[i], scale),
                "lower": _fmt(result.lower[i], scale),
                "upper": _fmt(result.upper[i], scale),
                "special": (result.point_type[i] or "").startswith("special"),
            }
        )
    return SiteSeries(rows, result.variation_icon, _spc_svg(result, scale, unit))


def _fmt(x: float, scale: float) -> str:
    return "" if not np.isfinite(x) else f"{x * scale:.3g}"


def _spc_svg(result: Any, scale: float, unit: str) -> Any:
    from markupsafe import Markup

    w, h, left, right, top_pad, bottom = 360, 200, 48, 10, 10, 20
    vals = [float(v) for v in result.values]
    lims = [float(v) for v in list(result.lower) + list(result.upper) if np.isfinite(v)]
    finite = [v for v in vals if np.isfinite(v)] + lims
    if not finite:
        return Markup("")
    hi, lo = max(finite) * 1.05, max(min(finite) * 0.95, 0.0)
    hi = hi if hi > lo else lo + 1e-9 + 1.0
    n = len(vals)

    def fx(i: int) -> float:
        return left + (i / max(n - 1, 1)) * (w - left - right)

    def fy(v: float) -> float:
        return top_pad + (hi - v) / (hi - lo) * (h - top_pad - bottom)

    parts = [
        f'<svg class="spread-chart" viewBox="0 0 {w} {h}" width="100%" role="img" '
        'aria-labelledby="spc-title">',
        '<title id="spc-title">This site’s figure month by month, with its average and control limits. '
        "The table that follows gives the same numbers.</title>",
    ]
    for series, dash in ((result.centre, ""), (result.lower, "4 3"), (result.upper, "4 3")):
        pts = [(fx(i), fy(float(v))) for i, v in enumerate(series) if np.isfinite(v)]
        if len(pts) >= 2:
            d = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
            parts.append(
                f'<polyline points="{d}" fill="none" stroke="#425563"'
                + (f' stroke-dasharray="{dash}"' if dash else "")
                + "/>"
            )
    pts = [(fx(i), fy(v)) for i, v in enumerate(vals) if np.isfinite(v)]
    if len(pts) >= 2:
        parts.append(
            f'<polyline points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in pts)}" fill="none" stroke="#768692" '
            'stroke-width="2"/>'
        )
    for i, v in enumerate(vals):
        if np.isfinite(v):
            special = (result.point_type[i] or "").startswith("special")
            colour = (
                "#41b6e6"
                if special and "improvement" in (result.point_type[i] or "")
                else ("#ed8b00" if special else "#768692")
            )
            parts.append(f'<circle cx="{fx(i):.1f}" cy="{fy(v):.1f}" r="4" fill="{colour}"/>')
    for v in (lo, hi):
        parts.append(
            f'<text x="{left - 4}" y="{fy(v) + 4:.1f}" font-size="12" text-anchor="end" fill="#4c6272">'
            f"{v * scale:.3g}{unit if unit == '%' else ''}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
