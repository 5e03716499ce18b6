"""Point types and the Making Data Count variation and assurance icons.

Mirrors NHSRplotthedots: ``ptd_point_type`` (a flagged point is high or low by
its rule: above/increasing or below/decreasing, then oriented by the
improvement direction), the variation icon of ``geom_ptd_icon`` (taken from
the last point) and ``ptd_calculate_assurance_type``.
"""

from __future__ import annotations

import numpy as np

from .types import (
    ICON_NONE,
    PT_COMMON,
    PT_CONCERN,
    PT_IMPROVEMENT,
    PT_NEUTRAL_HIGH,
    PT_NEUTRAL_LOW,
    BoolArray,
    CodeArray,
    FloatArray,
    IntArray,
)


def point_types(codes: CodeArray, direction: CodeArray) -> CodeArray:
    """``point_type`` code from special-cause codes and each point's improvement direction."""
    high = (codes & 1).astype(bool)  # odd codes are high / increasing signals
    good = high == (direction > 0)
    pt = np.where(good, np.int8(PT_IMPROVEMENT), np.int8(PT_CONCERN))
    neutral = np.where(high, np.int8(PT_NEUTRAL_HIGH), np.int8(PT_NEUTRAL_LOW))
    pt = np.where(direction == 0, neutral, pt)
    return np.where(codes > 0, pt, np.int8(PT_COMMON)).astype(np.int8, copy=False)


def variation_icons(last_point_type: CodeArray, direction: CodeArray) -> CodeArray:
    """Variation icon from the point type of each series' last observed point.

    Codes index ``VARIATION_ICONS``; -1 where a series has no observed point.
    """
    up = direction > 0
    return np.select(
        [
            last_point_type == PT_COMMON,
            (last_point_type == PT_IMPROVEMENT) & up,
            last_point_type == PT_IMPROVEMENT,
            (last_point_type == PT_CONCERN) & ~up,
            last_point_type == PT_CONCERN,
            last_point_type == PT_NEUTRAL_HIGH,
            last_point_type == PT_NEUTRAL_LOW,
        ],
        [0, 1, 2, 3, 4, 5, 6],
        default=ICON_NONE,
    ).astype(np.int8)


def assurance_icons(
    target: FloatArray,
    lower: FloatArray,
    upper: FloatArray,
    has_limits: BoolArray,
    direction: CodeArray,
) -> CodeArray:
    """Assurance icon of each series against the limits of its last phase.

    As NHSRplotthedots: a target strictly above the upper limit is a
    consistent fail when improvement is an increase (pass when a decrease); a
    target strictly below the lower limit the reverse; anything else,
    including a target exactly equal to a limit, is "inconsistent".  -1 (no
    icon) without a target, for direction "neither", or where the last phase
    has no limits.
    """
    up = direction > 0
    above = target > upper
    below = target < lower
    icon = np.select(
        [above & up, above, below & up, below],
        [1, 0, 0, 1],
        default=2,
    )
    valid = has_limits & ~np.isnan(target) & (direction != 0)
    return np.where(valid, icon, ICON_NONE).astype(np.int8)


def last_true(mask: BoolArray) -> tuple[IntArray, BoolArray]:
    """Index of the last True in each row of a 2-D mask, and whether there is one."""
    n_points = mask.shape[1]
    if n_points == 0:
        return np.zeros(mask.shape[0], dtype=np.int64), np.zeros(mask.shape[0], dtype=bool)
    idx = n_points - 1 - np.argmax(mask[:, ::-1], axis=1)
    return idx.astype(np.int64), np.asarray(mask.any(axis=1), dtype=bool)
