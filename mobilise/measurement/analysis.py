"""Turn measures' data into SPC results with one engine call per chart type for a whole page.

Pure: no Django. The caller gathers every measure's points (two or three queries for a page)
and gets one ``Analysis`` per series, whose arrays are views into the batch result.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from mobilise.spc import (
    ASSURANCE_ICONS,
    POINT_TYPES,
    SPECIAL_CAUSE_TYPES,
    VARIATION_ICONS,
    BatchResult,
    RunsSummary,
    analyse_batch,
)

DENOMINATOR_CHARTS = frozenset({"p", "pp", "u", "up"})
PROPORTION_CHARTS = frozenset({"p", "pp"})
# MDC: limits from fewer points than this are provisional.
RECOMMENDED_POINTS = 15

FloatArray = np.ndarray


def is_percent(unit: str) -> bool:
    return unit.strip().lower() in {"%", "percent", "percentage", "per cent"}


@dataclass(frozen=True, slots=True)
class SeriesInput:
    """One measure's points in time order (None where a number is missing)."""

    key: int
    chart: str
    periods: Sequence[date]
    values: Sequence[float | None]
    numerators: Sequence[float | None] = ()
    denominators: Sequence[float | None] = ()
    improvement: str = "increase"
    target: float | None = None
    baseline: int | None = None
    phase_starts: Sequence[date] = ()
    unit: str = ""


@dataclass(frozen=True, slots=True)
class Analysis:
    """SPC result for one series, in the units people read (p charts as percentages)."""

    key: int
    chart: str
    periods: tuple[date, ...]
    values: FloatArray
    centre: FloatArray
    lower: FloatArray
    upper: FloatArray
    point_type: np.ndarray  # codes into POINT_TYPES, -1 for no point
    special_cause: np.ndarray  # codes into SPECIAL_CAUSE_TYPES
    phase: np.ndarray
    variation_icon: str | None
    assurance_icon: str | None
    runs: RunsSummary | None
    overdispersed: bool = False
    left_out: int = 0
    problem: str | None = None
    improvement: str = "increase"
    target: float | None = None
    unit: str = ""
    observed: FloatArray = field(default_factory=lambda: np.zeros(0, dtype=bool))

    @property
    def n_points(self) -> int:
        return int(np.count_nonzero(self.observed))

    @property
    def last_index(self) -> int | None:
        found = np.flatnonzero(self.observed)
        return int(found[-1]) if found.size else None

    @property
    def previous_index(self) -> int | None:
        found = np.flatnonzero(self.observed)
        return int(found[-2]) if found.size > 1 else None

    def point_type_at(self, i: int) -> str | None:
        code = int(self.point_type[i])
        return None if code < 0 else POINT_TYPES[code]

    def special_cause_at(self, i: int) -> str | None:
        return SPECIAL_CAUSE_TYPES[int(self.special_cause[i])]

    @property
    def has_limits(self) -> bool:
        return bool(np.isfinite(self.upper).any())

    @property
    def phase_breaks(self) -> list[int]:
        """Indexes where a new phase starts."""
        return [int(i) for i in np.flatnonzero(self.phase[1:] != self.phase[:-1]) + 1]


def _row(items: Sequence[float | None], n: int) -> FloatArray:
    out = np.full(n, np.nan)
    if len(items):
        out[: len(items)] = np.asarray(items, dtype=np.float64)
    return out


def plotted_inputs(series: SeriesInput) -> tuple[FloatArray, FloatArray | None, int]:
    """What the engine needs for this chart (values or counts, denominators) and how many points
    were left out because they cannot be right (negative counts, more events than cases)."""
    n = len(series.periods)
    values = _row(series.values, n)
    nums = _row(series.numerators, n)
    dens = _row(series.denominators, n)
    chart = series.chart
    if chart in DENOMINATOR_CHARTS:
        bad = (nums < 0) | (dens < 0)
        if chart in PROPORTION_CHARTS:
            bad |= nums > dens
        nums[bad] = np.nan
        dens[bad] = np.nan
        return nums, dens, int(np.count_nonzero(bad))
    if chart == "c":
        counts = np.where(np.isnan(nums), values, nums)
        bad = counts < 0
        counts[bad] = np.nan
        return counts, None, int(np.count_nonzero(bad))
    # XmR and run charts plot the value, or numerator ÷ denominator where only those were given.
    scale = 100.0 if is_percent(series.unit) else 1.0
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(dens > 0, nums / dens * scale, np.nan)
    return np.where(np.isnan(values), ratio, values), None, 0


def display_scale(series: SeriesInput) -> float:
    return 100.0 if series.chart in PROPORTION_CHARTS else 1.0


def analyse_series(inputs: Sequence[SeriesInput]) -> list[Analysis]:
    """Analyse every series, one engine call per chart type; results in the order given."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, series in enumerate(inputs):
        groups[series.chart].append(i)
    out: list[Analysis | None] = [None] * len(inputs)
    for chart, members in groups.items():
        group = [inputs[i] for i in members]
        for i, analysis in zip(members, _analyse_group(chart, group), strict=True):
            out[i] = analysis
    return [a for a in out if a is not None]


def _analyse_group(chart: str, group: Sequence[SeriesInput]) -> list[Analysis]:
    try:
        return _batch(chart, group)
    except ValueError:
        # One series the engine refuses should not blank the page: isolate it.
        results = []
        for series in group:
            try:
                results.extend(_batch(chart, [series]))
            except ValueError as error:
                results.append(_refused(series, str(error)))
        return results


def _batch(chart: str, group: Sequence[SeriesInput]) -> list[Analysis]:
    width = max((len(s.periods) for s in group), default=0)
    n = len(group)
    values = np.full((n, width), np.nan)
    dens = np.full((n, width), np.nan) if chart in DENOMINATOR_CHARTS else None
    rebase = np.zeros((n, width), dtype=bool)
    lengths = np.zeros(n, dtype=np.int64)
    left_out = []
    for row, series in enumerate(group):
        k = len(series.periods)
        lengths[row] = k
        v, d, bad = plotted_inputs(series)
        values[row, :k] = v
        if dens is not None and d is not None:
            dens[row, :k] = d
        left_out.append(bad)
        for start in series.phase_starts:
            at = bisect.bisect_left(series.periods, start)
            if 0 < at < k:
                rebase[row, at] = True
    targets = [math.nan if s.target is None else s.target / display_scale(s) for s in group]
    result = analyse_batch(
        values,
        chart=chart,
        denominators=dens,
        lengths=lengths,
        rebase=rebase,
        baseline=[s.baseline if s.baseline and s.baseline >= 2 else None for s in group],
        improvement=[s.improvement for s in group],
        target=targets,
    )
    return [_from_batch(result, row, series, left_out[row]) for row, series in enumerate(group)]


def _from_batch(result: BatchResult, row: int, series: SeriesInput, left_out: int) -> Analysis:
    k = len(series.periods)
    scale = display_scale(series)
    variation = int(result.variation_icon[row])
    assurance = int(result.assurance_icon[row])
    values = result.values[row, :k] * scale
    return Analysis(
        key=series.key,
        chart=series.chart,
        periods=tuple(series.periods),
        values=values,
        centre=result.centre[row, :k] * scale,
        lower=result.lower[row, :k] * scale,
        upper=result.upper[row, :k] * scale,
        point_type=result.point_type[row, :k],
        special_cause=result.special_cause_type[row, :k],
        phase=result.phase[row, :k],
        # MDC's icons read SPC limits; a run chart's signals are the Anhøj rules instead.
        variation_icon=None if variation < 0 or series.chart == "run" else VARIATION_ICONS[variation],
        assurance_icon=None if assurance < 0 else ASSURANCE_ICONS[assurance],
        runs=result.runs.summary(row) if series.chart == "run" else None,
        overdispersed=bool(result.overdispersed[row]),
        left_out=left_out,
        improvement=series.improvement,
        target=series.target,
        unit="%" if series.chart in PROPORTION_CHARTS else series.unit,
        observed=~np.isnan(values),
    )


def _refused(series: SeriesInput, reason: str) -> Analysis:
    k = len(series.periods)
    blank = np.full(k, np.nan)
    return Analysis(
        key=series.key,
        chart=series.chart,
        periods=tuple(series.periods),
        values=blank,
        centre=blank,
        lower=blank,
        upper=blank,
        point_type=np.full(k, -1, dtype=np.int8),
        special_cause=np.zeros(k, dtype=np.int8),
        phase=np.zeros(k, dtype=np.int32),
        variation_icon=None,
        assurance_icon=None,
        runs=None,
        problem=reason,
        improvement=series.improvement,
        target=series.target,
        unit=series.unit,
        observed=np.zeros(k, dtype=bool),
    )
