"""Run charts: median centre line and the Anhøj runs analysis of qicharts2.

Anhøj rules (qicharts2 ``runs.analysis``):

* useful observations are those not exactly on the centre line;
* the *longest run* is the longest sequence of useful observations on one
  side; it signals when longer than ``round(log2(n_useful)) + 3``;
* the *number of crossings* is the number of runs minus one; it signals when
  below ``qbinom(0.05, n_useful - 1, 0.5)``.

Both are computed for every series at once; the binomial quantiles come from
one vectorised ``scipy.stats.binom.ppf`` call over the distinct lengths.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.stats import binom

from .segments import Layout, segment_median
from .types import BoolArray, CodeArray, FloatArray, IntArray, RunsResult


def median_centre(values: FloatArray, base: BoolArray, layout: Layout) -> FloatArray:
    """Run-chart centre: the median of each segment's ``base`` cells."""
    return segment_median(values, base, layout)


def crossings_min(n_useful: IntArray) -> IntArray:
    """``qbinom(0.05, n_useful - 1, 0.5)`` for each entry (0 where n_useful <= 1)."""
    trials = np.maximum(n_useful - 1, 0)
    if trials.size == 0:
        return trials.astype(np.int64)
    table = binom.ppf(0.05, np.arange(int(trials.max()) + 1), 0.5)
    return np.asarray(table, dtype=np.float64).astype(np.int64)[trials]


def longest_run_max(n_useful: IntArray) -> IntArray:
    """``round(log2(n_useful)) + 3`` (Schilling), for n_useful >= 1."""
    return (np.rint(np.log2(np.maximum(n_useful, 1))) + 3).astype(np.int64)


def _per_series(values: NDArray[np.integer[Any]], counts: IntArray, ufunc: np.ufunc) -> IntArray:
    """Reduce consecutive blocks of ``values`` (``counts`` long, in order) per series;
    0 for an empty block."""
    out = np.zeros(counts.shape[0], dtype=np.int64)
    has = counts > 0
    if has.any():
        starts = (np.cumsum(counts) - counts)[has]
        out[has] = ufunc.reduceat(values, starts, dtype=np.int64)
    return out


def anhoej(side: CodeArray, per_series: IntArray, include: BoolArray) -> RunsResult:
    """Runs analysis of the ``include``-d stream points of each series.

    ``side`` is each stream point's side of the centre line (-1, 0, 1); the
    stream holds ``per_series[i]`` points of series ``i``, series after series.
    Where a series has no useful point the counts are -1 (qicharts2: NA) and
    there is no signal.
    """
    useful = include & (side != 0)
    n_useful = _per_series(useful.view(np.int8), per_series, np.add)
    has = n_useful > 0
    s = side[useful]
    start = np.ones(s.shape[0], dtype=bool)  # a run starts here
    np.not_equal(s[1:], s[:-1], out=start[1:])
    start[(np.cumsum(n_useful) - n_useful)[has]] = True  # each series opens a run
    n_runs = _per_series(start.view(np.int8), n_useful, np.add)
    first = np.flatnonzero(start)
    run_len = np.diff(first, append=s.shape[0])
    longest = _per_series(run_len, n_runs, np.maximum)

    l_max = longest_run_max(n_useful)
    c_min = crossings_min(n_useful)
    crossings = np.maximum(n_runs - 1, 0)
    signal = has & ((longest > l_max) | (crossings < c_min))
    missing = np.int64(-1)
    return RunsResult(
        n_useful=n_useful,
        longest_run=np.where(has, longest, missing),
        longest_run_max=np.where(has, l_max, missing),
        n_crossings=np.where(has, crossings, missing),
        n_crossings_min=np.where(has, c_min, missing),
        signal=signal,
    )
