"""A slow, literal Python transcription of NHSRplotthedots (and qicharts2's runs
analysis), used as an oracle for the vectorised engine.

Each helper mirrors one R function of ``ptd_spc_standard.R`` and
``ptd_calculate_point_type.R`` line by line (with the run length generalised
from 7 to ``L``), working on plain lists.  Where the engine deliberately
differs from R (documented in docs/spc.md) the oracle does what the engine
promises:

* missing values are dropped before the rules run (R propagates NA);
* a flat phase keeps zero-width limits (R's screening makes them NaN).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np

NAN = math.nan
LIMIT = 2.66
LIMIT_CLOSE = 2 * (LIMIT / 3)


def sign(x: float) -> int:
    return (x > 0) - (x < 0)


def mean_na_rm(xs: list[float]) -> float:
    """R's ``mean(x, na.rm = TRUE)``: the sum over the count, then the mean residual
    added back (R's second pass).  Sums use ``np.add.reduceat`` over the same
    zero-filled array as the engine, so the arithmetic agrees to the last bit;
    R itself works in long double, which no double computation reproduces
    exactly."""
    ok = [not math.isnan(x) for x in xs]
    n = sum(ok)
    if n == 0:
        return NAN

    def total(values: list[float]) -> float:
        filled = [v if k else 0.0 for v, k in zip(values, ok, strict=True)]
        return float(np.add.reduceat(np.array(filled, dtype=float), [0])[0])

    first = total(xs) / n
    return first + total([x - first for x in xs]) / n


def phase_limits(
    y: list[float], fix_after: int | None, screen: bool
) -> tuple[float, float, float, float, float]:
    """(mean, lpl, upl, nlpl, nupl) of one rebase group, as ``ptd_spc_standard``."""
    fix_y = [v if fix_after is None or i < fix_after else NAN for i, v in enumerate(y)]
    mean = mean_na_rm(fix_y)
    mr = [NAN] + [abs(fix_y[i] - fix_y[i - 1]) for i in range(1, len(fix_y))]
    amr = mean_na_rm(mr)
    if screen and amr != 0:  # amr == 0: the engine keeps zero ranges (R: NaN)
        mr = [m if m < 3.267 * amr else NAN for m in mr]
        amr = mean_na_rm(mr)
    return (
        mean,
        mean - (LIMIT * amr),
        mean + (LIMIT * amr),
        mean - (LIMIT_CLOSE * amr),
        mean + (LIMIT_CLOSE * amr),
    )


def seven_point_one_side_mean(v: list[int], L: int) -> list[int]:
    vp = [0] * (L - 1) + v
    return [int(all(vp[i] == vp[i - k] for k in range(1, L)) and vp[i] != 0) for i in range(L - 1, len(vp))]


def part_of_seven_trend(v: list[int], L: int) -> list[int]:
    vp = v + [0] * (L - 1)
    return [int(any(abs(vp[i + k]) == 1 for k in range(L))) for i in range(len(v))]


def seven_point_trend(y: list[float], L: int) -> list[int]:
    if len(y) < L:
        return [0] * len(y)
    out = [0] * (L - 1)
    for i in range(L - 1, len(y)):
        window = [y[i - k] for k in range(L)]  # y[i - 0:(L-1)]
        d = [-sign(window[k + 1] - window[k]) for k in range(L - 1)]
        if all(x == 1 for x in d):
            out.append(1)
        elif all(x == -1 for x in d):
            out.append(-1)
        else:
            out.append(0)
    return out


def two_in_three(v: list[int], rtm: list[int]) -> list[int]:
    vp = [0, 0, *v, 0, 0]
    rp = [0, 0, *rtm, 0, 0]
    return [
        int(any(sum(vp[i + a : i + a + 3]) >= 2 and abs(sum(rp[i + a : i + a + 3])) == 3 for a in range(3)))
        for i in range(len(v))
    ]


def special_cause_type(
    y: list[float], rtm: list[int], close: list[int], outside: list[int], L: int
) -> list[str | None]:
    """Engine codes for R's labels ("Above UCL" -> "above_ucl", ...)."""
    n = len(y)
    part_trend = part_of_seven_trend(seven_point_trend(y, L), L)
    t23 = two_in_three(close, rtm)
    part_23 = [int(t23[i] == 1 and abs(close[i]) == 1) for i in range(n)]
    part_shift = part_of_seven_trend(seven_point_one_side_mean(rtm, L), L)
    sdy = [sign(y[i + 1] - y[i]) for i in range(n - 1)]
    right = [*sdy, sdy[-1]] if sdy else [0] * n
    left = [0, *sdy]
    nxt = [*part_trend[1:], 0]
    sdy2 = [right[i] if (nxt[i] and part_trend[i]) else left[i] for i in range(n)]
    out: list[str | None] = []
    for i in range(n):
        ab = "above" if rtm[i] > 0 else "below"
        if outside[i]:
            out.append("above_ucl" if rtm[i] == 1 else "below_lcl")
        elif part_trend[i]:
            out.append("trend_increasing" if sdy2[i] == 1 else "trend_decreasing")
        elif part_23[i]:
            out.append(f"two_in_three_{ab}")
        elif part_shift[i]:
            out.append(f"shift_{ab}")
        else:
            out.append(None)
    return out


def point_type(sct: str | None, direction: int) -> str:
    v = 0
    if sct is not None:
        v = 1 if ("above" in sct or "increasing" in sct) else -1
    if direction == 0:
        return {1: "special_cause_neutral_high", -1: "special_cause_neutral_low"}.get(v, "common_cause")
    v *= direction
    return {1: "special_cause_improvement", -1: "special_cause_concern"}.get(v, "common_cause")


def anhoej(y: list[float], cl: list[float]) -> tuple[int, int | None, int | None, int | None, bool]:
    """(n_useful, longest_run, n_crossings, n_crossings_min, signal) as qicharts2."""
    runs = [sign(a - b) for a, b in zip(y, cl, strict=True) if not math.isnan(a - b)]
    runs = [r for r in runs if r != 0]
    n = len(runs)
    if n == 0:
        return 0, None, None, None, False
    lengths = [1]
    for a, b in itertools.pairwise(runs):
        if a == b:
            lengths[-1] += 1
        else:
            lengths.append(1)
    longest = max(lengths)
    crossings = len(lengths) - 1
    # qbinom(0.05, n - 1, 0.5) by exact summation
    trials, total, x = n - 1, 0, 0
    for x in range(trials + 1):
        total += math.comb(trials, x)
        if total * 20 >= 2**trials:
            break
    c_min = x
    l_max = round(math.log2(n)) + 3
    return n, longest, crossings, c_min, longest > l_max or crossings < c_min


@dataclass
class Reference:
    centre: list[float]
    lower: list[float]
    upper: list[float]
    special_cause_type: list[str | None]
    point_type: list[str | None]
    variation_icon: str | None
    assurance_icon: str | None
    runs: tuple[int, int | None, int | None, int | None, bool]


def analyse(
    values: list[float],
    *,
    rebase_at: tuple[int, ...] = (),
    baseline: int | None = None,
    screen: bool = True,
    direction: int = 1,
    target: float | None = None,
    L: int = 7,
    beyond: bool = False,
) -> Reference:
    n = len(values)
    starts = sorted({0, *(i for i in rebase_at if 0 < i < n)})
    bounds = list(zip(starts, [*starts[1:], n], strict=True))
    centre: list[float] = []
    lower: list[float] = []
    upper: list[float] = []
    sct: list[str | None] = [None] * n
    pts: list[str | None] = [None] * n
    for a, b in bounds:
        mean, lpl, upl, nlpl, nupl = phase_limits(values[a:b], baseline, screen)
        centre += [mean] * (b - a)
        lower += [lpl] * (b - a)
        upper += [upl] * (b - a)
        idx = [i for i in range(a, b) if not math.isnan(values[i])]
        y = [values[i] for i in idx]
        outside = [int(v > upl or v < lpl) for v in y]
        rtm = [sign(v - mean) if not math.isnan(mean) else 0 for v in y]
        band = [int(v < nlpl or v > nupl) for v in y]
        close = band if beyond else [int(c and not o) for c, o in zip(band, outside, strict=True)]
        types = special_cause_type(y, rtm, close, outside, L)
        for i, t in zip(idx, types, strict=True):
            sct[i] = t
            pts[i] = point_type(t, direction)
    observed = [i for i in range(n) if not math.isnan(values[i])]
    variation = None
    if observed:
        last = pts[observed[-1]]
        up = direction > 0
        variation = {
            "common_cause": "common_cause",
            "special_cause_improvement": "improvement_high" if up else "improvement_low",
            "special_cause_concern": "concern_low" if up else "concern_high",
            "special_cause_neutral_high": "neutral_high",
            "special_cause_neutral_low": "neutral_low",
        }[str(last)]
    assurance = None
    if n and target is not None and direction != 0 and not math.isnan(upper[-1]):
        if target > upper[-1]:
            assurance = "consistent_fail" if direction > 0 else "consistent_pass"
        elif target < lower[-1]:
            assurance = "consistent_pass" if direction > 0 else "consistent_fail"
        else:
            assurance = "inconsistent"
    a = bounds[-1][0] if bounds else 0
    runs = anhoej(values[a:], centre[a:])
    return Reference(centre, lower, upper, sct, pts, variation, assurance, runs)
