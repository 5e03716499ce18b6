"""XmR (individuals) chart limits, as NHSRplotthedots' ``ptd_spc_standard``.

Per phase: centre = mean, mean moving range (mR-bar) from consecutive points,
limits = mean ± 2.66 × mR-bar and the "close to limits" band at
mean ± 2 × (2.66 / 3) × mR-bar.  The constants and the expressions are
NHSRplotthedots' own; means are two-pass like R's ``mean()``, though R sums
in long double, so a limit can differ from R's in its last bit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .segments import Layout, moving_ranges, segment_mean
from .types import BoolArray, FloatArray

LIMIT = 2.66
LIMIT_CLOSE = 2 * (LIMIT / 3)
#: Moving ranges at or above this multiple of mR-bar are screened out (Nelson).
SCREEN = 3.267


@dataclass(frozen=True, slots=True)
class PhaseLimits:
    """Per-segment centre and limits (arrays of length ``layout.n_seg``)."""

    centre: FloatArray
    lower: FloatArray
    upper: FloatArray
    lower_2sigma: FloatArray
    upper_2sigma: FloatArray
    mean_moving_range: FloatArray


def xmr_limits(values: FloatArray, base: BoolArray, layout: Layout, *, screen_outliers: bool) -> PhaseLimits:
    """Limits for every segment from the ``base`` cells (observed, within the baseline).

    ``values`` is the flattened batch with NaN for missing values.

    Screening (on by default, as NHSRplotthedots): moving ranges not strictly
    below 3.267 × mR-bar are dropped and mR-bar recomputed once.  Where mR-bar
    is 0 (a flat phase) R would drop every range and get NaN limits; here the
    zero ranges are kept, giving zero-width limits at the mean.
    """
    mean = segment_mean(values, base, layout)
    mr, has_mr, amr = moving_ranges(values, base, layout)
    if screen_outliers and layout.n_seg:
        seg_amr = np.repeat(amr, layout.seg_len)
        keep = (mr < SCREEN * seg_amr) | (seg_amr == 0)
        keep &= has_mr
        amr = segment_mean(mr, keep, layout)
    return PhaseLimits(
        centre=mean,
        lower=mean - (LIMIT * amr),
        upper=mean + (LIMIT * amr),
        lower_2sigma=mean - (LIMIT_CLOSE * amr),
        upper_2sigma=mean + (LIMIT_CLOSE * amr),
        mean_moving_range=amr,
    )
