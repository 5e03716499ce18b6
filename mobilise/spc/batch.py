"""The batch API: analyse many series in one call, with no Python loop per series.

Input is a padded ``[series x points]`` array with NaN for missing values and
for padding.  Every step works on the whole batch at once, flattened (see
``segments``): limits per phase by segment reductions, the rules on the stream
of observed points (see ``rules``), icons and runs per series by reductions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from . import inputs
from .attribute import attribute_limits, plotted_values
from .icons import assurance_icons, last_true, point_types, variation_icons
from .rules import sign_of_difference, special_cause_codes
from .runs import anhoej, median_centre
from .segments import Layout, build_layout, segment_count, spread
from .types import (
    ATTRIBUTE_CHARTS,
    DENOMINATOR_CHARTS,
    ICON_NONE,
    BatchLike,
    BatchResult,
    BoolArray,
    CodeArray,
    FloatArray,
    IntArray,
    PerSeries,
)
from .xmr import xmr_limits

#: σ_z above which a plain p/u/c chart is reported as over-dispersed (see docs/spc.md).
OVERDISPERSION_THRESHOLD = 1.2


Five = tuple[FloatArray, FloatArray, FloatArray, FloatArray, FloatArray]


@dataclass(frozen=True, slots=True)
class _Limits:
    """Centre, lower, upper, lower 2σ and upper 2σ per cell, and the
    chart-specific extras (NaN where they do not apply)."""

    cells: Five
    mean_moving_range: FloatArray
    sigma_z: FloatArray  # per segment
    sigma_z_cells: FloatArray


@dataclass(frozen=True, slots=True)
class _PointTests:
    """For each observed point: side of the centre line, outside the limits,
    beyond the 2σ line."""

    side: CodeArray
    outside: BoolArray
    band: BoolArray


def _tests(ys: FloatArray, at_stream: Callable[[int], FloatArray]) -> _PointTests:
    """``at_stream(i)`` gives line i (centre, lower, upper, lower 2σ, upper 2σ) for
    the stream; built one line at a time to keep memory down."""
    side = sign_of_difference(ys, at_stream(0))
    outside = ys < at_stream(1)
    outside |= ys > at_stream(2)
    band = ys < at_stream(3)
    band |= ys > at_stream(4)
    return _PointTests(side, outside, band)


def _limits(
    chart: str,
    y: FloatArray,
    numerators: FloatArray,
    denominators: FloatArray | None,
    base: BoolArray,
    observed: BoolArray,
    obs_per_seg: IntArray,
    layout: Layout,
    screen_outliers: bool,
) -> tuple[_Limits, _PointTests]:
    """The limits, and the tests of each observed point against them."""
    # Read-only NaN stand-in for arrays that do not apply to a chart.
    na: FloatArray = np.broadcast_to(np.float64(np.nan), y.shape)
    ys = y[observed]
    if chart in ("xmr", "run"):
        if chart == "xmr":
            lim = xmr_limits(y, base, layout, screen_outliers=screen_outliers)
            per_seg = (lim.centre, lim.lower, lim.upper, lim.lower_2sigma, lim.upper_2sigma)
            mean_mr = spread(lim.mean_moving_range, layout)
        else:
            median = median_centre(y, base, layout)
            nothing = np.full(layout.n_seg, np.nan)
            per_seg = (median, nothing, nothing, nothing, nothing)
            mean_mr = na
        # The stream is ordered by segment, so per-segment values reach it by repeat.
        tests = _tests(ys, lambda i: np.repeat(per_seg[i], obs_per_seg))
        no_sigma_z = np.full(layout.n_seg, np.nan)
        centre = spread(per_seg[0], layout)
        if chart == "run":
            return _Limits((centre, na, na, na, na), mean_mr, no_sigma_z, na), tests
        lo, up, lo2, up2 = (spread(a, layout) for a in per_seg[1:])
        return _Limits((centre, lo, up, lo2, up2), mean_mr, no_sigma_z, na), tests
    pl = attribute_limits(chart, numerators, denominators, y, base, layout)
    cells = (pl.centre, pl.lower, pl.upper, pl.lower_2sigma, pl.upper_2sigma)
    tests = _tests(ys, lambda i: cells[i][observed])
    return _Limits(cells, na, pl.sigma_z, spread(pl.sigma_z, layout)), tests


def _assurance(
    lim: _Limits,
    layout: Layout,
    lengths: IntArray,
    targets: FloatArray,
    direction: CodeArray,
) -> CodeArray:
    """Assurance icons against the limits of the last point of each series' last
    phase that has limits (for XmR every point of a phase shares them, as in R)."""
    n_series, n_points = layout.shape
    if n_points == 0:
        return np.full(n_series, ICON_NONE, dtype=np.int8)
    lower = lim.cells[1].reshape(layout.shape)
    upper = lim.cells[2].reshape(layout.shape)
    last_phase = np.take_along_axis(layout.phase, np.maximum(lengths - 1, 0)[:, None], axis=1)
    with_limits = np.isfinite(upper) & np.isfinite(lower) & (layout.phase == last_phase)
    idx, has_limits = last_true(with_limits)
    rows = np.arange(n_series)
    return assurance_icons(targets, lower[rows, idx], upper[rows, idx], has_limits, direction)


def analyse_batch(
    values: BatchLike,
    *,
    chart: str = "xmr",
    denominators: BatchLike | None = None,
    lengths: ArrayLike | None = None,
    rebase: ArrayLike | None = None,
    baseline: int | PerSeries | None = None,
    improvement: str | Sequence[str] = "increase",
    target: float | PerSeries | None = None,
    screen_outliers: bool = True,
    rule_length: int = 7,
    two_of_three_beyond_limits: bool = False,
    overdispersion_threshold: float = OVERDISPERSION_THRESHOLD,
) -> BatchResult:
    """Analyse a batch of series with the Making Data Count method.

    Parameters
    ----------
    values:
        ``[series x points]`` values (NaN or None = missing / padding).  For
        p/u/c charts these are the counts (numerators).
    chart:
        ``xmr`` (default), ``run``, ``p``, ``u``, ``c``, or Laney ``pp`` / ``up``.
    denominators:
        ``[series x points]`` denominators, required for p, u, pp and up.
    lengths:
        Points in each series; by default each series ends at its last
        present value (trailing NaN is padding).
    rebase:
        Boolean ``[series x points]`` (or ``[points]`` for all series), True
        where a new phase starts.  Limits and rules are per phase.
    baseline:
        Fix each phase's limits on its first N points (NHSRplotthedots'
        ``fix_after_n_points``); one int, or one int-or-None per series.
    improvement:
        ``increase`` (default, as NHSRplotthedots), ``decrease`` or
        ``neither``; one value or one per series.
    target:
        Target for the assurance icon; one number or one per series (NaN/None
        for none).
    screen_outliers:
        Screen moving ranges ≥ 3.267 × mean before the XmR limits (default on).
    rule_length:
        Points in a trend or shift (default 7; 6 for the older MDC rules).
    two_of_three_beyond_limits:
        Count points beyond the limits towards two-in-three (newer MDC guidance).
    overdispersion_threshold:
        σ_z above which a p/u/c series is flagged ``overdispersed``.
    """
    chart = inputs.check_chart(chart)
    rule_length = inputs.check_rule_length(rule_length)
    raw = inputs.as_matrix(values, "values")
    shape = raw.shape
    n_series, n_points = shape
    den2 = None
    if chart in DENOMINATOR_CHARTS and denominators is not None:
        den2 = inputs.as_matrix(denominators, "denominators")
    if chart in ATTRIBUTE_CHARTS:
        y2 = plotted_values(chart, raw, den2)
        present = ~np.isnan(raw) if den2 is None else ~(np.isnan(raw) & np.isnan(den2))
    else:
        y2 = raw
        present = ~np.isnan(raw)
    lens = inputs.as_lengths(lengths, present)
    del present
    layout = build_layout(lens, inputs.as_rebase(rebase, shape))
    base_len = inputs.as_baseline(baseline, n_series)
    direction = inputs.as_improvement(improvement, n_series)
    targets = inputs.as_target(target, n_series)

    # Flatten; y2 and raw are our own copies, so padding can be blanked in place.
    padding = ~layout.inlen
    y = y2.ravel()
    y[padding] = np.nan
    numerators = raw.ravel()
    numerators[padding] = np.nan
    del padding
    observed = ~np.isnan(y)
    base = observed  # the points each phase's limits are computed from
    if (base_len < n_points).any():
        in_baseline = layout.positions().reshape(shape) < base_len[:, None]
        base = observed & in_baseline.ravel()
        del in_baseline
    obs_per_seg = segment_count(observed, layout)
    lim, tests = _limits(
        chart,
        y,
        numerators,
        None if den2 is None else den2.ravel(),
        base,
        observed,
        obs_per_seg,
        layout,
        screen_outliers,
    )
    del base

    # Rules and point types on the stream of observed points.  A stream point
    # continues a run only if the period just before it is observed and in the
    # same phase: a missing value breaks every run, as in NHSRplotthedots.
    ys = y[observed]
    continues = layout.same_prev.copy()
    continues[1:] &= observed[:-1]
    same_prev = continues[observed]
    del continues
    codes_s = special_cause_codes(
        ys,
        same_prev,
        tests.side,
        tests.outside,
        tests.band,
        rule_length=rule_length,
        beyond_limits=two_of_three_beyond_limits,
    )
    del same_prev, ys
    per_row = observed.reshape(shape).sum(axis=1) if n_points else np.zeros(n_series, dtype=np.int64)
    pt_s = point_types(codes_s, np.repeat(direction, per_row))
    codes = np.zeros(y.size, dtype=np.int8)
    codes[observed] = codes_s
    # A missing period is common cause (NHSRplotthedots' "Common Cause"); padding has no point.
    pt = np.where(layout.inlen, np.int8(0), np.int8(-1))
    pt[observed] = pt_s
    del codes_s

    # Per series: variation icon from the last period (as NHSRplotthedots), runs in the last phase.
    last_pt = np.full(n_series, -1, dtype=np.int8)
    has_len = lens > 0
    last_pt[has_len] = pt.reshape(shape)[has_len, lens[has_len] - 1]
    in_last_phase = np.repeat(np.arange(layout.n_seg) == layout.last_seg[layout.seg_row], obs_per_seg)
    runs = anhoej(tests.side, per_row, in_last_phase)
    del tests, in_last_phase, pt_s

    last_sigma_z = np.full(n_series, np.nan)
    has_seg = layout.last_seg >= 0
    last_sigma_z[has_seg] = lim.sigma_z[layout.last_seg[has_seg]]

    centre, lower, upper, lower2, upper2 = (a.reshape(shape) for a in lim.cells)
    return BatchResult(
        chart=chart,
        values=y.reshape(shape),
        lengths=lens,
        phase=layout.phase,
        centre=centre,
        lower=lower,
        upper=upper,
        lower_2sigma=lower2,
        upper_2sigma=upper2,
        mean_moving_range=lim.mean_moving_range.reshape(shape),
        sigma_z=lim.sigma_z_cells.reshape(shape),
        special_cause_type=codes.reshape(shape),
        point_type=pt.reshape(shape),
        variation_icon=variation_icons(last_pt, direction),
        assurance_icon=_assurance(lim, layout, lens, targets, direction),
        runs=runs,
        overdispersed=last_sigma_z > overdispersion_threshold,
        improvement=direction,
        target=targets,
    )
