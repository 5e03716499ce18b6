"""A practice's adoption as it stood on a date: each site's stage, the cumulative curve, the forecast
from the spread engine, adopter categories and the suggested outcome of the cycle.

Everything is computed from the stage history, never from a stored "current stage", so the same
function redraws the picture for any past date.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Protocol

import numpy as np

from mobilise.spread import adopter_categories, forecast_batch
from mobilise.spread.categories import CATEGORIES
from mobilise.spread.forecast import (
    MIN_POINTS,
    PLAN_AHEAD,
    PLAN_BEHIND,
    PLAN_MET,
    PLAN_MISSED,
    PLAN_ON_TRACK,
    STATUS_TEXT,
)
from mobilise.spread.timeline import cumulative_adopted

from .models import ADOPTED_STAGES, Milestone, Practice, Site, Stage

DAYS_PER_MONTH = 365.25 / 12


class StageChange(Protocol):
    """A dated stage change: a `models.StageChange` or `reads.Change`."""

    @property
    def pk(self) -> Any: ...
    @property
    def site_id(self) -> Any: ...
    @property
    def stage(self) -> str: ...
    @property
    def on(self) -> date: ...


HORIZON_MONTHS = 12


def months_between(start: date, end: date) -> float:
    return (end - start).days / DAYS_PER_MONTH


def month_date(start: date, months: float) -> date:
    return start + timedelta(days=round(months * DAYS_PER_MONTH))


@dataclass
class SiteRow:
    site: Site
    stage: str
    since: date | None
    first_adopted: date | None
    category: str
    segments: list[tuple[str, date, date]] = field(default_factory=list)  # (stage, from, to) up to the date


@dataclass
class MilestoneView:
    on: date
    sites: int  # as planned
    months: float  # since the launch
    target: float  # planned sites, at most the sites in scope
    verdict: str | None  # "met", "missed", "behind", "on track", "ahead", or None without a forecast


@dataclass
class Outcome:
    key: str
    title: str
    evidence: list[str]


@dataclass
class Adoption:
    practice: Practice
    on: date
    rows: list[SiteRow]
    in_scope: int
    adopted: int
    stopped: int
    months: list[float]  # observed points, months since launch
    counts: list[float]  # sites adopted by each point
    status: str
    message: str
    model: str | None
    grid: list[float]
    fitted: list[float]
    lower: list[float]
    upper: list[float]
    reach16: tuple[date | None, date | None, date | None]
    reach50: tuple[date | None, date | None, date | None]
    plan: str | None
    milestones: list[MilestoneView]
    outcome: Outcome | None
    category_counts: list[tuple[str, int]]

    def date_of(self, months: float) -> date:
        return month_date(self.practice.launched_on, months)


def _stage_at(changes: list[StageChange], on: date) -> tuple[str, date | None]:
    stage, since = Stage.NOT_YET.value, None
    for change in changes:
        if change.on > on:
            break
        if change.stage != stage:
            stage, since = change.stage, change.on
    return stage, since


def _first_adopted(changes: list[StageChange], on: date) -> date | None:
    for change in changes:
        if change.on > on:
            return None
        if change.stage in ADOPTED_STAGES:
            return change.on
    return None


def _when(practice: Practice, value: float) -> date | None:
    return None if not math.isfinite(value) else month_date(practice.launched_on, value)


def adoption(
    practice: Practice,
    sites: list[Site],
    changes: Sequence[StageChange],
    on: date,
    *,
    energy_falling: bool | None = None,
    milestones: Sequence[Milestone] | None = None,
) -> Adoption:
    """The picture on date ``on`` from the sites and every stage change of the practice.

    ``milestones``: the plan (default: the practice's own, read from the database)."""
    if milestones is None:
        milestones = list(practice.milestones.all()) if practice.pk else []
    by_site: dict[int, list[StageChange]] = {}
    for change in sorted(changes, key=lambda c: (c.on, c.pk or 0)):
        by_site.setdefault(change.site_id, []).append(change)
    launch = practice.launched_on
    span = max(months_between(launch, on), 0.0)
    whole = math.floor(span + 1e-9)
    months = [float(m) for m in range(whole + 1)]
    in_scope_sites = [s for s in sites if s.in_scope]
    rows: list[SiteRow] = []
    adopt_months: list[float] = []
    for site in sites:
        history = by_site.get(site.pk, [])
        stage, since = _stage_at(history, on)
        first = _first_adopted(history, on)
        row = SiteRow(site, stage, since, first, "")
        row.segments = _segments(history, launch, on)
        rows.append(row)
        if site.in_scope:
            adopt_months.append(math.nan if first is None else months_between(launch, first))
    codes: list[int] = (
        adopter_categories(np.array(adopt_months), len(in_scope_sites)).tolist() if in_scope_sites else []
    )
    scoped_rows = [r for r in rows if r.site.in_scope]
    for row, code in zip(scoped_rows, codes, strict=True):
        row.category = CATEGORIES[int(code)]
    for row in rows:
        if not row.site.in_scope:
            row.category = "not in scope"
    counts = cumulative_adopted(np.array(adopt_months), np.array(months)).tolist() if months else []
    n_scope = len(in_scope_sites)
    adopted = sum(1 for r in scoped_rows if r.first_adopted is not None)
    stopped = sum(1 for r in scoped_rows if r.stage == Stage.STOPPED and r.first_adopted is not None)
    planned = [
        MilestoneView(m.on, m.sites, months_between(launch, m.on), float(min(m.sites, n_scope)), None)
        for m in milestones
    ]
    horizon = float(HORIZON_MONTHS)
    if planned:
        horizon = max(horizon, math.ceil(max(m.months for m in planned) - whole))
    fc = forecast_batch(
        np.array([months]),
        np.array([counts]),
        max(n_scope, 1),
        horizon=horizon,
        plan_times=np.array([[m.months for m in planned]]) if planned else None,
        plan_values=np.array([[m.target for m in planned]]) if planned else None,
    )
    status = fc.status_name(0) if n_scope else "no_adoption"
    model = fc.model_name(0) if n_scope else None
    ok = model is not None
    plan_words = {PLAN_BEHIND: "behind", PLAN_ON_TRACK: "on track", PLAN_AHEAD: "ahead"}
    verdicts = {**plan_words, PLAN_MET: "met", PLAN_MISSED: "missed"}
    if n_scope:
        for m, code in zip(planned, fc.plan_each[0].tolist() if planned else [], strict=True):
            m.verdict = verdicts.get(int(code))
    result = Adoption(
        practice=practice,
        on=on,
        rows=rows,
        in_scope=n_scope,
        adopted=adopted,
        stopped=stopped,
        months=months,
        counts=counts,
        status=status,
        message=STATUS_TEXT[status].format(min_points=MIN_POINTS),
        model=model,
        grid=fc.grid.tolist() if ok else [],
        fitted=fc.fitted[0].tolist() if ok else [],
        lower=fc.lower[0].tolist() if ok else [],
        upper=fc.upper[0].tolist() if ok else [],
        reach16=(
            _when(practice, fc.t16[0]),
            _when(practice, fc.t16_range[0, 0]),
            _when(practice, fc.t16_range[0, 1]),
        ),
        reach50=(
            _when(practice, fc.t50[0]),
            _when(practice, fc.t50_range[0, 0]),
            _when(practice, fc.t50_range[0, 1]),
        ),
        plan=plan_words.get(int(fc.plan[0])) if planned and n_scope else None,
        milestones=planned,
        outcome=None,
        category_counts=[],
    )
    tally: dict[str, int] = {}
    for row in scoped_rows:
        tally[row.category] = tally.get(row.category, 0) + 1
    result.category_counts = [(c, tally[c]) for c in CATEGORIES if c in tally]
    result.outcome = suggest_outcome(result, energy_falling=energy_falling)
    return result


def _segments(changes: list[StageChange], start: date, on: date) -> list[tuple[str, date, date]]:
    """The stages a site held between the launch and ``on``, as (stage, from, to)."""
    out: list[tuple[str, date, date]] = []
    stage, since = Stage.NOT_YET.value, start
    for change in changes:
        if change.on > on:
            break
        when = max(change.on, start)
        if change.stage != stage:
            if when > since:
                out.append((stage, since, when))
            stage, since = change.stage, when
    if on > since:
        out.append((stage, since, on))
    return out


def suggest_outcome(a: Adoption, *, energy_falling: bool | None) -> Outcome | None:
    """Becoming the norm, plateau or running out of energy: a suggestion with its evidence, or None."""
    if a.in_scope == 0 or len(a.counts) < MIN_POINTS:
        return None
    share = a.adopted / a.in_scope
    sustained = sum(1 for r in a.rows if r.site.in_scope and r.stage == Stage.SUSTAINED)
    recent = a.counts[-1] - a.counts[max(0, len(a.counts) - 4)]
    if share >= 0.8 and sustained >= 0.5 * max(a.adopted, 1) and a.stopped <= 0.1 * a.in_scope:
        return Outcome(
            "norm",
            "Becoming the norm",
            [
                f"{a.adopted} of {a.in_scope} sites have adopted it ({share:.0%}).",
                f"{sustained} of them have sustained it.",
                f"{a.stopped} stopped after adopting.",
            ],
        )
    stalled = recent == 0 and a.adopted > 0
    if stalled and energy_falling:
        return Outcome(
            "energy",
            "Running out of energy",
            [
                "No site has adopted it in the last three months.",
                "The latest pulse shows energy for the change going down.",
                f"{a.adopted} of {a.in_scope} sites have adopted it so far ({share:.0%}).",
            ],
        )
    if stalled and share < 0.6:
        return Outcome(
            "plateau",
            "A plateau",
            [
                "No site has adopted it in the last three months.",
                f"Adoption has levelled off at {a.adopted} of {a.in_scope} sites ({share:.0%}), "
                "well below everyone in scope.",
            ],
        )
    return None


def table_rows(a: Adoption) -> list[dict[str, Any]]:
    """The S-curve as a table: observed counts and the forecast band, month by month."""
    rows: list[dict[str, Any]] = []
    observed = dict(zip(a.months, a.counts, strict=True))
    grid = a.grid or a.months
    for i, m in enumerate(grid):
        rows.append(
            {
                "date": a.date_of(m),
                "observed": observed.get(m),
                "fitted": a.fitted[i] if a.fitted else None,
                "lower": a.lower[i] if a.lower else None,
                "upper": a.upper[i] if a.upper else None,
            }
        )
    return rows
