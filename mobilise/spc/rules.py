"""Making Data Count special-cause rules, vectorised over a whole batch.

The rules run on the *stream* of observed points: every present value of
every series, in series-then-time order, marked where each segment (one
phase of one series) starts.  Missing values are simply not in the stream,
so they neither break nor extend a run; no run crosses a phase or series
boundary.

Definitions follow NHSRplotthedots (``ptd_calculate_point_type.R``), with
``rule_length`` L = 7 by default:

* **outside limits** – above the upper or below the lower process limit;
* **trend** – L points each strictly higher (or lower) than the one before,
  i.e. L - 1 consecutive differences of the same sign.  A tie (equal
  neighbours) breaks a trend.  Every point of such a window is flagged;
* **two in three** – within any three consecutive points, at least two lie in
  the band between the 2σ and 3σ lines and all three are on the same side of
  the mean; the points in the band are flagged.  Points beyond the limits
  do not count as "in the band" unless ``beyond_limits`` is set (newer MDC
  guidance);
* **shift** – L consecutive points on the same side of the mean; a point
  exactly on the mean breaks the run.

When several rules flag a point the first in the list above names it (the
order of NHSRplotthedots' ``case_when``).
"""

from __future__ import annotations

import numpy as np

from .types import BoolArray, CodeArray, FloatArray


def sign_of_difference(a: FloatArray, b: FloatArray) -> CodeArray:
    """sign(a - b) as int8, 0 where either side is NaN."""
    return (a > b).view(np.int8) - (a < b).view(np.int8)


def _in_long_run(v: CodeArray, same_prev: BoolArray, length: int) -> BoolArray:
    """True where v sits in a run of >= ``length`` equal values inside one segment.

    With c = running count of run starts, the ``length`` points ending at i
    are one run exactly when c[i] == c[i - length + 1]; a point is in a long
    run when such a window ends within ``length`` points at or after it.
    """
    n = v.shape[0]
    if n < length:
        return np.zeros(n, dtype=bool)
    start = np.empty(n, dtype=bool)
    start[:1] = True
    np.not_equal(v[1:], v[:-1], out=start[1:])
    start[1:] |= ~same_prev[1:]
    runs_so_far = np.cumsum(start, dtype=np.int32)
    window_ends = np.zeros(n + length - 1, dtype=bool)
    np.equal(runs_so_far[length - 1 :], runs_so_far[: n - length + 1], out=window_ends[length - 1 : n])
    ends_so_far = np.cumsum(window_ends, dtype=np.int32)
    before = np.zeros(n, dtype=np.int32)
    before[1:] = ends_so_far[: n - 1]
    in_run: BoolArray = ends_so_far[length - 1 :] != before
    return in_run


def special_cause_codes(
    y: FloatArray,
    same_prev: BoolArray,
    rtm: CodeArray,
    outside: BoolArray,
    band: BoolArray,
    *,
    rule_length: int = 7,
    beyond_limits: bool = False,
) -> CodeArray:
    """``special_cause_type`` code of every stream point (see ``types.SPECIAL_CAUSE_TYPES``).

    Arguments are 1-D over the stream: the values, whether each point is in the
    same segment as the one before, its side of the centre line (-1, 0, 1),
    whether it is outside the process limits and whether it is beyond the 2σ
    line.  A phase without limits (NaN) never triggers the limit-based rules.
    """
    n = y.shape[0]
    if n == 0:
        return np.zeros(0, dtype=np.int8)

    shift = _in_long_run(rtm, same_prev, rule_length)
    shift &= rtm != 0

    # d[i] = sign(y[i] - y[i-1]) inside a segment, 0 at a segment's first point.
    d = np.zeros(n, dtype=np.int8)
    d[1:] = sign_of_difference(y[1:], y[:-1])
    d[~same_prev] = 0
    pair_in_trend = _in_long_run(d, same_prev, rule_length - 1)
    pair_in_trend &= d != 0
    trend = pair_in_trend.copy()
    trend[:-1] |= pair_in_trend[1:]
    # Direction label as NHSRplotthedots: a point whose right-hand neighbour is
    # also in a trend takes the direction of that step, otherwise the step
    # that led to it; anything but +1 reads as "decreasing".
    right_too = np.zeros(n, dtype=bool)
    right_too[:-1] = trend[1:] & same_prev[1:]
    right_too &= trend
    d_right = np.zeros(n, dtype=np.int8)
    d_right[:-1] = d[1:]
    trend_up = np.where(right_too, d_right, d) == 1

    close = band if beyond_limits else band & ~outside
    window = np.zeros(n, dtype=bool)  # the window of three starting here qualifies
    if n >= 3:
        c = close.view(np.int8)
        n_close = c[:-2] + c[1:-1] + c[2:]
        side = rtm[:-2].astype(np.int16) + rtm[1:-1] + rtm[2:]
        window[:-2] = same_prev[1:-1] & same_prev[2:] & (n_close >= 2) & (np.abs(side) == 3)
    in_window = window.copy()
    in_window[1:] |= window[:-1]
    in_window[2:] |= window[:-2]
    two_in_three = close & in_window

    # Lowest priority first, so that higher-priority rules overwrite.
    low = (rtm <= 0).view(np.int8)  # 1 for a low signal (rtm is never 0 where used)
    codes = np.zeros(n, dtype=np.int8)
    np.copyto(codes, low + np.int8(7), where=shift)
    np.copyto(codes, low + np.int8(5), where=two_in_three)
    np.copyto(codes, np.int8(4) - trend_up.view(np.int8), where=trend)
    np.copyto(codes, (rtm != 1).view(np.int8) + np.int8(1), where=outside)
    return codes
