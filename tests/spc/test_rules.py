"""The special-cause rules at their boundaries, as NHSRplotthedots defines them.

Several cases are NHSRplotthedots' own unit-test vectors
(tests/testthat/test-ptd_calculate_point_type.R and test-ptd_spc_standard.R).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from mobilise.spc import analyse

pytestmark = pytest.mark.filterwarnings("error")


def flagged(values: Sequence[float | None], **kw: Any) -> list[tuple[int, str]]:
    r = analyse(values, **kw)
    return [(i, t) for i, t in enumerate(r.special_cause_type) if t is not None]


# --- shift: L points on one side of the mean --------------------------------------------


# [8, 2] * 5 ends below the mean; the run of 6s sits above it, far from the limits.
def shift_series(run: list[float | None]) -> list[float | None]:
    return [8, 2, 8, 2, 8, 2, 8, 2, 8, 2, *run, 2, 2]


def test_shift_of_seven_is_flagged_six_is_not() -> None:
    assert flagged(shift_series([6] * 7)) == [(i, "shift_above") for i in range(10, 17)]
    assert flagged(shift_series([6] * 6)) == []


def test_rule_length_six_flags_a_shift_of_six() -> None:
    assert flagged(shift_series([6] * 6), rule_length=6) == [(i, "shift_above") for i in range(10, 16)]


def test_a_point_exactly_on_the_mean_breaks_a_shift() -> None:
    # sum 50 + 41 + 4 = 95 over 19 points: the mean is exactly 5
    values = shift_series([6, 6, 6, 5, 6, 6, 6])
    assert analyse(values).centre[0] == 5.0
    assert flagged(values) == []


def test_shift_below_the_mean() -> None:
    values = [2, 8] * 5 + [4] * 7 + [8, 8]
    assert flagged(values) == [(i, "shift_below") for i in range(10, 17)]


def test_a_missing_value_breaks_a_shift() -> None:
    # NHSRplotthedots: a window of seven periods holding an NA is never a shift
    values = shift_series([6, 6, 6, None, 6, 6, 6, 6])
    assert flagged(values) == []
    values = shift_series([6, 6, 6, None, *[6] * 7])
    assert flagged(values) == [(i, "shift_above") for i in range(14, 21)]
    r = analyse(values)
    assert r.point_type[13] == "common_cause" and r.special_cause_type[13] is None


# --- trend: L points each strictly above (below) the one before ---------------------------


def test_seven_point_trend_r_vectors() -> None:
    # ptd_seven_point_trend(c(2, 1:7, 3)) marks the window of the seven points 1..7
    assert flagged([2, 1, 2, 3, 4, 5, 6, 7, 3]) == [(i, "trend_increasing") for i in range(1, 8)]
    # ptd_seven_point_trend(c(2, 7:1, 3))
    assert flagged([2, 7, 6, 5, 4, 3, 2, 1, 3]) == [(i, "trend_decreasing") for i in range(1, 8)]


def test_trend_needs_seven_points_six_differences() -> None:
    assert flagged([3, 1, 2, 3, 4, 5, 6, 3]) == []  # six rising points
    assert flagged([3, 1, 2, 3, 4, 5, 6, 3], rule_length=6) == [(i, "trend_increasing") for i in range(1, 7)]


NOISE = [0, 10] * 4  # widens the limits so that only the trend rule can fire


def test_a_tie_breaks_a_trend() -> None:
    # ptd_seven_point_trend(c(1:3, 3:6)) is all zero
    assert flagged([*NOISE, 1, 2, 3, 3, 4, 5, 6]) == []
    assert flagged([*NOISE, 1, 2, 3, 3, 4, 5, 6, 7]) == []  # after the tie: 3..7, five points
    assert flagged([*NOISE, 1, 2, 3, 4, 5, 6, 7]) == [(i, "trend_increasing") for i in range(8, 15)]


def test_a_missing_value_breaks_a_trend() -> None:
    # R stops on this series ("missing value where TRUE/FALSE needed"); the gap
    # breaks the trend, as it does wherever R gives an answer.
    values: list[float | None] = [*NOISE, 2, 1, 2, 3, None, 4, 5, 6, 7, 3]
    assert flagged(values) == []
    values = [*NOISE, 2, 1, 2, 3, None, 4, 5, 6, 7, 8, 9, 10, 3]
    assert flagged(values) == [(i, "trend_increasing") for i in range(13, 20)]


def test_a_shared_peak_takes_the_direction_of_the_following_step() -> None:
    # NHSRplotthedots: "if a point is part of a trend either side, use right side"
    values = [0, 10] * 4 + [1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1]
    got = flagged(values)
    assert got[:6] == [(i, "trend_increasing") for i in range(8, 14)]
    assert got[6:] == [(i, "trend_decreasing") for i in range(14, 21)]


def test_a_trend_below_the_mean_is_still_an_increase() -> None:
    # the trend's direction, not its side of the mean, decides improvement
    values = [20, 0] * 5 + [1, 2, 3, 4, 5, 6, 7]
    r = analyse(values)
    assert r.centre[0] > 7
    assert r.point_type[-7:] == ("special_cause_improvement",) * 7
    assert analyse(values, improvement="decrease").point_type[-1] == "special_cause_concern"


# --- two of three beyond the 2-sigma line ------------------------------------------------


def test_two_of_three_on_opposite_sides_is_not_a_signal() -> None:
    # test-ptd_spc_standard.R: symmetrical data, 5.5 and -5.5 at the end
    values = [1.0, -1.0] * 8
    values[14], values[15] = 5.5, -5.5
    r = analyse(values)
    assert r.point_type[-2:] == ("common_cause", "common_cause")


def test_two_of_three_on_the_same_side_flags_the_two_close_points() -> None:
    values = [1.0, -1.0] * 8 + [1.0]
    values[14], values[15] = 5.5, 5.0  # 2-sigma line 4.78, upper limit 6.83, mean 0.68
    assert flagged(values) == [(14, "two_in_three_above"), (15, "two_in_three_above")]


def test_the_third_point_of_the_window_must_be_on_the_same_side() -> None:
    values = [1.0, -1.0] * 8 + [-1.0]
    values[13], values[14], values[15] = -1.0, 5.5, 5.0  # windows all include a low point
    assert flagged(values) == []


def test_points_beyond_the_limits_count_towards_two_of_three_only_on_request() -> None:
    values = [1.0, -1.0] * 8 + [1.0]
    values[14], values[15] = 9.0, 5.0  # 9 is beyond the upper limit (6.91)
    assert flagged(values) == [(14, "above_ucl")]
    assert flagged(values, two_of_three_beyond_limits=True) == [
        (14, "above_ucl"),
        (15, "two_in_three_above"),
    ]


# --- priority --------------------------------------------------------------------------


def test_outside_limits_outranks_the_other_rules() -> None:
    # a seven point rise whose last point is beyond the upper limit (29.4)
    values = [5, 15] * 4 + [10, 11, 12, 13, 14, 15, 40]
    r = analyse(values)
    assert r.special_cause_type[-1] == "above_ucl"
    assert r.special_cause_type[-7:-1] == ("trend_increasing",) * 6


def test_rules_apply_within_a_phase_only() -> None:
    values = [*NOISE, 1, 2, 3, 4, 5, 6, 7]
    assert flagged(values) == [(i, "trend_increasing") for i in range(8, 15)]
    assert flagged(values, rebase_at=[11]) == []
