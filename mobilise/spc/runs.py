"""Run charts: median centre line and the Anhøj runs analysis of qicharts2.

Anhøj rules (qicharts2 ``runs.analysis``):

* useful observations are those not exactly on the centre line;
* the *longest run* is the longest sequence of useful observations on one
  side; it signals when longer than ``round(log2(n_useful)) + 3``;
* the *number of crossings* is the number of runs minus one; it signals when
  below ``qbinom(0.05, n_useful - 1, 0.5)``.

Both are computed for every series at once; the binomial quantiles come from
a table built once with exact integer arithmetic (no scipy: importing
``scipy.stats`` takes longer than analysing 10,000 series).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .segments import Layout, segment_median
from .types import BoolArray, CodeArray, FloatArray, IntArray, RunsResult


def median_centre(values: FloatArray, base: BoolArray, layout: Layout) -> FloatArray:
    """Run-chart centre: the median of each segment's ``base`` cells."""
    return segment_median(values, base, layout)


_QUANTILES: list[int] = [0]  # _QUANTILES[m] = qbinom(0.05, m, 0.5)
_STATE: list[int] = [0, 0, 1, 1]  # m, x, sum of C(m, k) for k <= x, C(m, x)


def _extend_quantiles(max_trials: int) -> None:
    """Grow the table to ``max_trials``: the smallest x with P(X <= x) >= 0.05 for
    X ~ Binomial(m, 1/2), i.e. 20 * sum(C(m, k), k <= x) >= 2**m, in exact integers.

    Moving from m to m + 1 uses Pascal's rule, sum(C(m+1, k), k <= x) =
    2 * sum(C(m, k), k <= x) - C(m, x), so the whole table costs O(max_trials) steps.
    """
    m, x, total, c = _STATE
    while m < max_trials:
        total = 2 * total - c
        c = c * (m + 1) // (m + 1 - x)
        m += 1
        half = 1 << m
        while 20 * total < half:
            x += 1
            c = c * (m - x + 1) // x
            total += c
        while x > 0 and 20 * (total - c) >= half:
            total -= c
            c = c * x // (m - x + 1)
            x -= 1
        _QUANTILES.append(x)
    _STATE[:] = [m, x, total, c]


#: Above this many trials the exact table would grow slowly (its integers have m bits).
EXACT_LIMIT = 20_000


def _large_quantile(m: int) -> int:
    """qbinom(0.05, m, 0.5) for large m, in floating point: start from the normal
    approximation and step to the smallest x whose lower tail reaches 0.05."""

    def cdf(x: int) -> float:
        # Terms fall geometrically below x (ratio k / (m - k + 1)); sum until negligible.
        log_term = math.lgamma(m + 1) - math.lgamma(x + 1) - math.lgamma(m - x + 1) - m * math.log(2)
        term, total, k = math.exp(log_term), 0.0, x
        while k >= 0 and term > total * 1e-17:
            total += term
            term *= k / (m - k + 1)
            k -= 1
        return total

    x = int(m / 2 - 1.6448536269514722 * math.sqrt(m) / 2)
    while cdf(x) < 0.05:
        x += 1
    while x > 0 and cdf(x - 1) >= 0.05:
        x -= 1
    return x


def crossings_min(n_useful: IntArray) -> IntArray:
    """``qbinom(0.05, n_useful - 1, 0.5)`` for each entry (0 where n_useful <= 1)."""
    trials = np.maximum(n_useful - 1, 0)
    if trials.size == 0:
        return trials.astype(np.int64)
    small = trials <= EXACT_LIMIT
    _extend_quantiles(int(trials[small].max()) if small.any() else 0)
    out = np.asarray(_QUANTILES, dtype=np.int64)[np.where(small, trials, 0)]
    # Not np.unique: on first use it imports numpy.ma, 7 ms of the command's start-up.
    for m in sorted(set(trials[~small].tolist())):
        out[trials == m] = _large_quantile(m)
    return out


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
