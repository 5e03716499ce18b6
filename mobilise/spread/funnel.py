"""Funnel plots for comparing sites: Spiegelhalter (2005).

For proportions (``y`` of ``n``) and rates (``y`` events over exposure ``n``)
each site's figure is compared with the overall one (or a given target) by
control limits that narrow as the denominator grows:

* without over-dispersion, exact binomial or Poisson limits (where the
  expected count variance is under 100; the normal approximation above), interpolated as in
  Spiegelhalter, *Funnel plots for comparing institutional performance*,
  Statistics in Medicine 24 (2005) 1185–1202, appendix A.1.1;
* with over-dispersion, from the winsorised z-scores (Spiegelhalter,
  *Handling over-dispersion of performance indicators*, Qual Saf Health Care
  14 (2005) 347–351): ``phi = mean(z_w²)``, either the multiplicative model
  ``target ± z sqrt(phi · s²)`` or the additive random-effects model
  ``target ± z sqrt(s² + tau²)`` with
  ``tau² = (I phi − (I − 1)) / (Σ w − Σ w² / Σ w)``, ``w = 1 / s²``.
  Over-dispersion is allowed for only when ``I phi`` exceeds ``I − 1`` (for
  the multiplicative model, when phi > 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special

FloatArray = NDArray[np.float64]
Kind = Literal["proportion", "rate"]
Dispersion = Literal["none", "multiplicative", "additive"]

#: Two-sided coverage of the inner and outer limits (about 2 and 3 standard deviations).
INNER = 0.95
OUTER = 0.998
#: Share winsorised in each tail when estimating over-dispersion.
WINSOR = 0.10

BETTER_OUTER = 2
BETTER = 1
WITHIN = 0
WORSE = -1
WORSE_OUTER = -2


@dataclass(frozen=True)
class Funnel:
    kind: Kind
    dispersion: Dispersion
    target: float
    phi: float
    tau2: float
    value: FloatArray  # y / n per site
    z: FloatArray  # standardised, before any over-dispersion
    lower95: FloatArray
    upper95: FloatArray
    lower998: FloatArray
    upper998: FloatArray
    flag: NDArray[np.int64]  # +2/+1 above the outer/inner limit, -1/-2 below, 0 within


def _variance(kind: Kind, target: float, n: FloatArray) -> FloatArray:
    with np.errstate(divide="ignore"):
        if kind == "proportion":
            return target * (1.0 - target) / n
        return target / n


def winsorised_phi(z: FloatArray, share: float = WINSOR) -> float:
    """Mean of squared z-scores after pulling the top and bottom ``share`` in to the edge values."""
    z = z[np.isfinite(z)]
    if z.size == 0:
        return float("nan")
    lo, hi = np.quantile(z, [share, 1.0 - share], method="linear")
    zw = np.clip(z, lo, hi)
    return float(np.mean(zw * zw))


#: Where the expected variance in counts reaches this, exact limits differ from the
#: normal approximation by well under a hundredth of a standard deviation's worth of
#: the count, and the normal limits (a thousand times cheaper) are used.
EXACT_BELOW = 100.0


def limits_without_dispersion(
    kind: Kind, target: float, n: ArrayLike, coverage: float
) -> tuple[FloatArray, FloatArray]:
    """Exact limits where counts are small, the normal approximation where they are large."""
    from scipy import stats  # here, not at the top: the curve command never needs it (0.4 s)

    nn = np.asarray(n, dtype=np.float64)
    count_var = nn * target * (1.0 - target) if kind == "proportion" else nn * target
    small = count_var < EXACT_BELOW
    zq = float(stats.norm.ppf(0.5 + coverage / 2.0))
    half = zq * np.sqrt(_variance(kind, target, nn))
    lo, hi = target - half, target + half
    if small.any():
        # Each distinct denominator once: sites often share list sizes or bed counts.
        uniq, back = np.unique(nn[small], return_inverse=True)
        elo, ehi = exact_limits(kind, target, uniq, coverage)
        lo[small], hi[small] = elo[back], ehi[back]
    return lo, hi


def exact_limits(kind: Kind, target: float, n: ArrayLike, coverage: float) -> tuple[FloatArray, FloatArray]:
    """Spiegelhalter's interpolated exact limits for one two-sided coverage."""
    from scipy import stats  # here, not at the top: the curve command never needs it (0.4 s)

    nn = np.asarray(n, dtype=np.float64)
    out = []
    for p in ((1.0 - coverage) / 2.0, (1.0 + coverage) / 2.0):
        if kind == "proportion":
            r = stats.binom.ppf(p, nn, target)
            ni = nn.astype(np.int64)
            ri = r.astype(np.int64)
            f_r = special.bdtr(ri, ni, target)
            f_r1 = np.where(ri >= 1, special.bdtr(np.maximum(ri - 1, 0), ni, target), 0.0)
        else:
            mu = target * nn
            r = stats.poisson.ppf(p, mu)
            f_r = special.pdtr(r, mu)
            f_r1 = np.where(r >= 1, special.pdtr(np.maximum(r - 1, 0), mu), 0.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            alpha = np.where(f_r > f_r1, (f_r - p) / (f_r - f_r1), 0.0)
            lim = np.maximum(r - alpha, 0.0) / nn
        out.append(lim)
    return out[0], out[1]


def funnel(
    events: ArrayLike,
    denominators: ArrayLike,
    *,
    kind: Kind = "proportion",
    dispersion: Dispersion | Literal["auto"] = "auto",
    target: float | None = None,
) -> Funnel:
    """Funnel limits and flags for every site (any order: reordering sites reorders the result only).

    ``dispersion="auto"`` uses the additive random-effects model when the
    sites are over-dispersed and exact limits otherwise."""
    from scipy import stats  # here, not at the top: the curve command never needs it (0.4 s)

    y = np.asarray(events, dtype=np.float64)
    n = np.asarray(denominators, dtype=np.float64)
    if y.shape != n.shape or y.ndim != 1:
        raise ValueError("events and denominators must be two lists of the same length")
    if np.any(~np.isfinite(y)) or np.any(~np.isfinite(n)):
        raise ValueError("every event count and denominator must be a number")
    if np.any(n <= 0):
        raise ValueError("every denominator must be more than 0")
    if np.any(y < 0):
        raise ValueError("an event count cannot be negative")
    if kind == "proportion" and np.any(n != np.round(n)):
        raise ValueError("a proportion's denominators must be whole numbers")
    if kind == "proportion" and np.any(y > n):
        raise ValueError("a proportion cannot have more events than its denominator")
    theta = float(y.sum() / n.sum()) if target is None else float(target)
    if (kind == "proportion" and not 0.0 < theta < 1.0) or (kind == "rate" and not theta > 0.0):
        raise ValueError("the overall figure must be above 0 (and below 100% for a proportion)")
    value = y / n
    s2 = _variance(kind, theta, n)
    z = (value - theta) / np.sqrt(s2)
    i = y.size
    phi = winsorised_phi(z)
    w = 1.0 / s2
    sw = float(w.sum())
    denom = sw - float((w * w).sum()) / sw
    excess = i * phi - (i - 1)
    tau2 = max(0.0, excess / denom) if denom > 0 and np.isfinite(phi) else 0.0
    mode: Dispersion
    mode = ("additive" if tau2 > 0 else "none") if dispersion == "auto" else dispersion
    limits: list[FloatArray] = []
    for cov in (INNER, OUTER):
        if mode == "none":
            lo, hi = limits_without_dispersion(kind, theta, n, cov)
        else:
            zq = float(stats.norm.ppf(0.5 + cov / 2.0))
            var = s2 * max(phi, 1.0) if mode == "multiplicative" else s2 + tau2
            half = zq * np.sqrt(var)
            lo, hi = theta - half, theta + half
        lo = np.maximum(lo, 0.0)
        if kind == "proportion":
            hi = np.minimum(hi, 1.0)
        limits += [lo, hi]
    lo95, hi95, lo998, hi998 = limits
    flag = np.zeros(i, dtype=np.int64)
    flag[value > hi95] = BETTER
    flag[value > hi998] = BETTER_OUTER
    flag[value < lo95] = WORSE
    flag[value < lo998] = WORSE_OUTER
    return Funnel(kind, mode, theta, phi, tau2, value, z, lo95, hi95, lo998, hi998, flag)


def funnel_curve(
    result: Funnel, n_min: float, n_max: float, points: int = 60
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray, FloatArray]:
    """The limits as smooth lines for drawing, at ``points`` denominators spaced evenly on a log scale."""
    from scipy import stats  # here, not at the top: the curve command never needs it (0.4 s)

    grid = np.unique(np.geomspace(max(n_min, 1e-9), max(n_max, n_min * 1.0001), points))
    s2 = _variance(result.kind, result.target, grid)
    lines: list[FloatArray] = []
    for cov in (INNER, OUTER):
        if result.dispersion == "none":
            lo, hi = limits_without_dispersion(result.kind, result.target, grid, cov)
        else:
            zq = float(stats.norm.ppf(0.5 + cov / 2.0))
            var = s2 * max(result.phi, 1.0) if result.dispersion == "multiplicative" else s2 + result.tau2
            lo, hi = result.target - zq * np.sqrt(var), result.target + zq * np.sqrt(var)
        lo = np.maximum(lo, 0.0)
        if result.kind == "proportion":
            hi = np.minimum(hi, 1.0)
        lines += [lo, hi]
    return grid, lines[0], lines[1], lines[2], lines[3]
