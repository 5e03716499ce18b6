"""p, u and c charts with per-point limits, and Laney's p′ and u′ (as qicharts2).

* p: centre p̄ = Σ numerators / Σ denominators; σᵢ = √(p̄(1 − p̄)/nᵢ);
  limits p̄ ± 3σᵢ, the lower clipped at 0 and the upper at 1.
* u: centre ū = Σ numerators / Σ denominators; σᵢ = √(ū/nᵢ); lower clipped at 0.
* c: centre c̄ = mean count; σ = √c̄; lower clipped at 0.
* Laney (``pp``, ``up``): zᵢ = (yᵢ − centre)/σᵢ; σ_z = mean moving range of z / 1.128
  (no screening, as qicharts2); σᵢ′ = σᵢ·σ_z.

σ_z is computed for p, u and c alike: it is the ratio of the point-to-point
variation seen to the variation the binomial/Poisson model expects.  Well
above 1 (over-dispersion, usual with large denominators) the plain chart's
limits are too narrow and flag common-cause variation as special.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .segments import Layout, divide, moving_ranges, segment_mean, segment_sum, spread
from .types import DENOMINATOR_CHARTS, BoolArray, FloatArray

D2 = 1.128


@dataclass(frozen=True, slots=True)
class PointLimits:
    """Per-cell centre and limits (flat arrays), and σ_z per segment."""

    centre: FloatArray
    lower: FloatArray
    upper: FloatArray
    lower_2sigma: FloatArray
    upper_2sigma: FloatArray
    sigma_z: FloatArray


def _first_bad(mask: np.ndarray) -> str:
    s, t = np.argwhere(mask)[0]
    return f"series {s}, point {t}"


def plotted_values(chart: str, numerators: FloatArray, denominators: FloatArray | None) -> FloatArray:
    """The values the chart plots; NaN where a point is missing or undefined.

    Refuses (``ValueError``) negative counts or denominators, and for p charts
    a numerator above its denominator: these are data errors, not variation.
    A zero denominator leaves the point undefined (NaN) rather than failing.
    """
    if (numerators < 0).any():
        raise ValueError(f"{chart} chart counts must not be negative ({_first_bad(numerators < 0)})")
    if chart not in DENOMINATOR_CHARTS:
        return numerators
    if denominators is None:
        raise ValueError(f"a {chart} chart needs denominators")
    if denominators.shape != numerators.shape:
        raise ValueError("denominators must have the same shape as values")
    if (denominators < 0).any():
        raise ValueError(f"denominators must not be negative ({_first_bad(denominators < 0)})")
    if chart in ("p", "pp") and (numerators > denominators).any():
        raise ValueError(
            "a proportion's numerator cannot exceed its denominator "
            f"({_first_bad(numerators > denominators)})"
        )
    return divide(numerators, np.where(denominators > 0, denominators, 0.0))


def attribute_limits(
    chart: str,
    numerators: FloatArray,
    denominators: FloatArray | None,
    y: FloatArray,
    base: BoolArray,
    layout: Layout,
) -> PointLimits:
    """Limits of every cell.  All arrays are flat; ``base`` marks the defined
    points (``y`` not NaN) within each phase's baseline."""
    if chart in DENOMINATOR_CHARTS:
        assert denominators is not None
        den = denominators
        centre_seg = divide(segment_sum(numerators, base, layout), segment_sum(den, base, layout))
    else:
        den = np.ones_like(numerators)
        centre_seg = segment_mean(numerators, base, layout)
    centre = spread(centre_seg, layout)

    with np.errstate(divide="ignore", invalid="ignore"):
        # p: p̄(1 − p̄)/n; u and c: ū/n (a c chart has n = 1)
        var = centre * (1 - centre) / den if chart in ("p", "pp") else centre / den
        usable = np.isfinite(var) & (den > 0)
        if chart in DENOMINATOR_CHARTS:
            # qicharts2 blanks both numbers of an incomplete period: it has no limits.
            usable &= ~np.isnan(numerators)
        sigma = np.sqrt(np.where(usable, var, np.nan))

    z = divide(y - centre, sigma)
    z_ok = base & np.isfinite(z)
    _, _, amr_z = moving_ranges(z, z_ok, layout)
    sigma_z = amr_z / D2
    if chart in ("pp", "up"):
        sigma = sigma * spread(sigma_z, layout)

    lower = centre - 3 * sigma
    upper = centre + 3 * sigma
    lower2 = centre - 2 * sigma
    upper2 = centre + 2 * sigma
    for arr in (lower, lower2):
        np.maximum(arr, 0.0, out=arr, where=np.isfinite(arr))
    if chart in ("p", "pp"):
        for arr in (upper, upper2):
            np.minimum(arr, 1.0, out=arr, where=np.isfinite(arr))
    return PointLimits(centre, lower, upper, lower2, upper2, sigma_z)
