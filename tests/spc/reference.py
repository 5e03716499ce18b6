"""A slow, literal Python transcription of NHSRplotthedots (and qicharts2's runs
analysis), used as an oracle for the vectorised engine.

Each helper mirrors one R function of ``ptd_spc_standard.R`` and
``ptd_calculate_point_type.R`` line by line (with the run length generalised
from 7 to ``L``), working on plain lists.  Where the engine deliberately
differs from R (documented in docs/spc.md) the oracle does what the engine
promises:

* a trend window with a gap that R cannot decide (it stops with "missing value
  where TRUE/FALSE needed") is not a trend, unless ``crash=True``;
* a flat phase keeps zero-width limits (R's screening makes them NaN).

Missing values follow R's three-valued logic (``None`` is NA): a window holding
one is never a run, and a missing period falls through to "Common Cause".
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


class RStopped(Exception):
    """R stops with "missing value where TRUE/FALSE needed"."""


# R's logical values: True, False, or None for NA (three-valued logic).
Logical = bool | None


def r_all(xs: list[Logical]) -> Logical:
    if any(x is False for x in xs):
        return False
    return None if any(x is None for x in xs) else True


def r_any(xs: list[Logical]) -> Logical:
    if any(x is True for x in xs):
        return True
    return None if any(x is None for x in xs) else False


def r_and(a: Logical, b: Logical) -> Logical:
    return r_all([a, b])


def r_or(a: Logical, b: Logical) -> Logical:
    return r_any([a, b])


def r_eq(a: float | None, b: float | None) -> Logical:
    if a is None or b is None or math.isnan(a) or math.isnan(b):
        return None
    return a == b


def r_num(x: Logical) -> float | None:
    return None if x is None else float(x)


def r_sign(x: float) -> float | None:
    return None if math.isnan(x) else float(sign(x))


def seven_point_one_side_mean(v: list[float | None], L: int) -> list[float | None]:
    vp: list[float | None] = [0.0] * (L - 1) + v
    out = []
    for i in range(L - 1, len(vp)):
        same = r_all([r_eq(vp[i], vp[i - k]) for k in range(1, L)])
        nonzero = None if vp[i] is None else vp[i] != 0
        out.append(r_num(r_and(same, nonzero)))
    return out


def part_of_seven_trend(v: list[float | None], L: int) -> list[Logical]:
    vp: list[float | None] = v + [0.0] * (L - 1)
    return [r_any([r_eq(None if x is None else abs(x), 1) for x in vp[i : i + L]]) for i in range(len(v))]


def seven_point_trend(y: list[float], L: int, crash: bool) -> list[float]:
    """``crash``: stop as R does when a window with a gap is otherwise all one way;
    otherwise the gap breaks the trend (the engine's documented choice)."""
    if len(y) < L:
        return [0.0] * len(y)
    out = [0.0] * (L - 1)
    for i in range(L - 1, len(y)):
        window = [y[i - k] for k in range(L)]  # y[i - 0:(L-1)]
        d = [r_sign(window[k] - window[k + 1]) for k in range(L - 1)]
        found = 0.0
        for direction in (1.0, -1.0):
            test = r_all([r_eq(x, direction) for x in d])
            if test is None:
                if crash:
                    raise RStopped
                test = False
            if test:
                found = direction
                break
        out.append(found)
    return out


def r_sum(xs: list[float | None]) -> float | None:
    return None if any(x is None for x in xs) else float(sum(x for x in xs if x is not None))


def two_in_three(v: list[float | None], rtm: list[float | None]) -> list[Logical]:
    vp: list[float | None] = [0.0, 0.0, *v, 0.0, 0.0]
    rp: list[float | None] = [0.0, 0.0, *rtm, 0.0, 0.0]
    out = []
    for i in range(len(v)):
        result: Logical = False
        for a in range(3):
            s, r = r_sum(vp[i + a : i + a + 3]), r_sum(rp[i + a : i + a + 3])
            close = None if s is None else s >= 2
            side = None if r is None else abs(r) == 3
            result = r_or(result, r_and(close, side))
        out.append(result)
    return out


def special_cause_type(
    y: list[float], rtm: list[float | None], close: list[Logical], outside: list[Logical], L: int, crash: bool
) -> list[str | None]:
    """``ptd_special_cause_type`` over one phase, NA and all; engine codes for R's
    labels ("Above UCL" -> "above_ucl", "Common Cause" -> None)."""
    n = len(y)
    part_trend = part_of_seven_trend(seven_point_trend(y, L, crash), L)
    closef = [r_num(c) for c in close]
    t23 = two_in_three(closef, rtm)
    part_23 = [
        r_and(r_eq(r_num(t23[i]), 1), r_eq(None if closef[i] is None else abs(closef[i]), 1))
        for i in range(n)
    ]
    part_shift = part_of_seven_trend(seven_point_one_side_mean(rtm, L), L)
    sdy = [r_sign(y[i + 1] - y[i]) for i in range(n - 1)]
    right = [*sdy, sdy[-1]] if sdy else [None] * n
    left: list[float | None] = [0.0, *sdy]
    nxt = [*part_trend[1:], False]
    out: list[str | None] = []
    for i in range(n):
        ab = "above" if rtm[i] is not None and rtm[i] > 0 else "below"
        if outside[i]:
            out.append("above_ucl" if rtm[i] == 1 else "below_lcl")
        elif part_trend[i]:
            step = right[i] if r_and(nxt[i], part_trend[i]) else left[i]
            assert step is not None, "R would label this trend 'NAcreasing'"
            out.append("trend_increasing" if step == 1 else "trend_decreasing")
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
    crash: bool = False,
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
        y = values[a:b]

        def gt(u: float, v: float) -> Logical:
            return None if math.isnan(u) or math.isnan(v) else u > v

        outside = [r_or(gt(v, upl), gt(lpl, v)) for v in y]
        rtm = [r_sign(v - mean) for v in y]
        band = [r_or(gt(nlpl, v), gt(v, nupl)) for v in y]
        close = (
            band
            if beyond
            else [r_and(None if o is None else not o, c) for c, o in zip(band, outside, strict=True)]
        )
        types = special_cause_type(y, rtm, close, outside, L, crash)
        for i, t in enumerate(types, start=a):
            sct[i] = t
            pts[i] = point_type(t, direction)
    variation = None
    if n:  # the icon of the last period (ptd_get_icons: x == max(x))
        up = direction > 0
        variation = {
            "common_cause": "common_cause",
            "special_cause_improvement": "improvement_high" if up else "improvement_low",
            "special_cause_concern": "concern_low" if up else "concern_high",
            "special_cause_neutral_high": "neutral_high",
            "special_cause_neutral_low": "neutral_low",
        }[str(pts[-1])]
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
