"""XmR limits, screening, rebasing, fixed baselines and the icons, with hand-checked numbers."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mobilise.spc import analyse, analyse_batch

pytestmark = pytest.mark.filterwarnings("error")

# set.seed(123); rnorm(20) in R: the data behind NHSRplotthedots' own snapshot tests.
RNORM_123 = [
    -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499,
    0.46091621, -1.26506123, -0.68685285, -0.44566197, 1.22408180, 0.35981383,
    0.40077145, 0.11068272, -0.55584113, 1.78691314, 0.49785048, -1.96661716,
    0.70135590, -0.47279141,
]  # fmt: skip


def test_worked_example_by_hand() -> None:
    # mean = 30/6 = 5; moving ranges 2,1,2,1,2 -> mR-bar 1.6 (none >= 3.267 * 1.6)
    r = analyse([3, 5, 4, 6, 5, 7])
    assert r.centre[0] == 5.0
    assert r.mean_moving_range[0] == pytest.approx(1.6)
    assert r.upper[0] == pytest.approx(5 + 2.66 * 1.6)  # 9.256
    assert r.lower[0] == pytest.approx(5 - 2.66 * 1.6)  # 0.744
    assert r.upper_2sigma[0] == pytest.approx(5 + 2 * 2.66 / 3 * 1.6)  # 7.8373
    assert r.lower_2sigma[0] == pytest.approx(5 - 2 * 2.66 / 3 * 1.6)
    assert set(r.point_type) == {"common_cause"}
    assert r.variation_icon == "common_cause"
    assert r.assurance_icon is None  # no target


def test_limits_match_nhsrplotthedots_snapshots() -> None:
    # tests/testthat/_snaps/ptd_spc_standard.md and ptd_spc.md (printed to 3 s.f.)
    r = analyse(RNORM_123)
    assert (round(r.centre[0], 3), round(r.lower[0], 2), round(r.upper[0], 2)) == (
        0.142,
        -3.01,
        3.29,
    )
    assert set(r.point_type) == {"common_cause"}
    # the facet snapshot: the same data as two series of ten
    b = analyse_batch([RNORM_123[:10], RNORM_123[10:]])
    assert np.round(b.centre[:, 0], 4).tolist() == [0.0746, 0.2086]
    assert np.round(b.lower[:, 0], 2).tolist() == [-2.60, -3.28]
    assert np.round(b.upper[:, 0], 2).tolist() == [2.75, 3.70]


def test_screening_drops_large_moving_ranges_once() -> None:
    values = [10, 12, 11, 13, 40, 12, 11, 10, 12, 11]
    # mean 142/10 = 14.2; MRs 2,1,2,27,28,1,1,2,1 -> 65/9 = 7.22; 3.267 * 7.22 = 23.6
    # screening drops 27 and 28 -> mR-bar = 10/7
    screened = analyse(values)
    assert screened.centre[0] == pytest.approx(14.2)
    assert screened.mean_moving_range[0] == pytest.approx(10 / 7)
    assert screened.upper[0] == pytest.approx(14.2 + 2.66 * 10 / 7)  # 18.0
    assert screened.lower[0] == pytest.approx(14.2 - 2.66 * 10 / 7)  # 10.4
    assert screened.special_cause_type[4] == "above_ucl"
    assert screened.special_cause_type[0] == "below_lcl"  # 10 < 10.4

    plain = analyse(values, screen_outliers=False)
    assert plain.mean_moving_range[0] == pytest.approx(65 / 9)
    assert plain.upper[0] == pytest.approx(14.2 + 2.66 * 65 / 9)  # 33.41
    assert plain.special_cause_type[0] is None
    assert plain.special_cause_type[4] == "above_ucl"


def test_rebasing_computes_limits_and_rules_per_phase() -> None:
    first = [10, 12, 10, 12, 10, 12, 11, 11]  # mean 11, MRs 2,2,2,2,2,1,0 -> 11/7
    second = [20, 22, 20, 22, 21, 21]  # mean 21, MRs 2,2,2,1,0 -> 7/5
    r = analyse(first + second, rebase_at=[8])
    assert r.phase.tolist() == [0] * 8 + [1] * 6
    assert r.centre.tolist() == [11.0] * 8 + [21.0] * 6
    assert r.mean_moving_range[0] == pytest.approx(11 / 7)
    assert r.mean_moving_range[8] == pytest.approx(7 / 5)
    assert r.upper[8] == pytest.approx(21 + 2.66 * 7 / 5)
    assert set(r.point_type) == {"common_cause"}
    # without the rebase the second phase sits far above one overall mean
    assert "special_cause_improvement" in analyse(first + second).point_type


def test_runs_do_not_cross_a_rebase() -> None:
    # 4 points above the mean at the end of phase 1 and 3 at the start of phase 2
    phase1 = [1, 9, 1, 9, 1, 9, 6, 6, 6, 6]  # mean 5.4: the last four 6s are above it
    phase2 = [7, 7, 7, 1, 9, 1, 9, 5, 5]  # mean 5.67: the first three 7s are above it
    r = analyse(phase1 + phase2, rebase_at=[10])
    assert all(t is None for t in r.special_cause_type)
    # as one phase (mean 105/19 = 5.53) those seven points are a shift
    one = analyse(phase1 + phase2)
    assert one.special_cause_type[6:13] == ("shift_above",) * 7


def test_fixed_baseline_extends_the_first_points_limits() -> None:
    baseline = [10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12]  # mean 11, mR-bar 2
    later = [30, 31, 29]
    r = analyse(baseline + later, baseline=12)
    assert r.centre.tolist() == [11.0] * 15
    assert r.upper[-1] == pytest.approx(11 + 2.66 * 2)
    assert r.special_cause_type[12:] == ("above_ucl",) * 3
    # the default uses every point, so the later values move the limits
    assert analyse(baseline + later).centre[0] == pytest.approx((132 + 90) / 15)


def test_fixed_baseline_applies_within_each_phase() -> None:
    values = [1, 3, 1, 3, 100, 5, 7, 5, 7, 100]
    r = analyse(values, rebase_at=[5], baseline=4)
    assert r.centre.tolist() == [2.0] * 5 + [6.0] * 5
    assert r.special_cause_type[4] == "above_ucl"
    assert r.special_cause_type[9] == "above_ucl"


def test_baseline_counts_periods_not_observed_values() -> None:
    # as NHSRplotthedots' row_number(): a missing value uses up a baseline slot
    r = analyse([1, None, 3, 50, 50], baseline=3)
    assert r.centre[0] == 2.0


@pytest.mark.parametrize(
    ("target", "improvement", "icon"),
    [
        (20.0, "increase", "consistent_fail"),  # target above the upper limit
        (20.0, "decrease", "consistent_pass"),
        (0.0, "increase", "consistent_pass"),  # target below the lower limit
        (0.0, "decrease", "consistent_fail"),
        (11.0, "increase", "inconsistent"),  # target between the limits
        (11.0, "neither", None),  # no assurance without a direction
    ],
)
def test_assurance_icon(target: float, improvement: str, icon: str | None) -> None:
    r = analyse([10, 12, 10, 12, 10, 12], improvement=improvement, target=target)
    assert r.assurance_icon == icon


def test_assurance_boundary_target_equal_to_a_limit_is_inconsistent() -> None:
    # NHSRplotthedots: consistent only when the target is strictly beyond a limit
    r = analyse([10, 12, 10, 12, 10, 12])
    upper, lower = float(r.upper[0]), float(r.lower[0])
    for improvement in ("increase", "decrease"):
        for t in (upper, lower):
            assert analyse(r.values, improvement=improvement, target=t).assurance_icon == ("inconsistent")
    above = math.nextafter(upper, math.inf)
    below = math.nextafter(lower, -math.inf)
    assert analyse(r.values, target=above).assurance_icon == "consistent_fail"
    assert analyse(r.values, target=below).assurance_icon == "consistent_pass"


def test_assurance_uses_the_last_phase() -> None:
    values = [10, 12] * 5 + [30, 32] * 5
    r = analyse(values, rebase_at=[10], target=20.0)
    assert r.assurance_icon == "consistent_pass"  # last phase: 31 ± 5.3, all above 20
    assert analyse(values[:10], target=20.0).assurance_icon == "consistent_fail"


# An alternating base then a step: the last point is flagged by the shift rule.
BASE = [8, 2] * 5
HIGH_SHIFT = BASE + [6] * 7
LOW_SHIFT = [2, 8] * 5 + [4] * 7


@pytest.mark.parametrize(
    ("values", "improvement", "icon", "last_type"),
    [
        (HIGH_SHIFT, "increase", "improvement_high", "special_cause_improvement"),
        (HIGH_SHIFT, "decrease", "concern_high", "special_cause_concern"),
        (LOW_SHIFT, "increase", "concern_low", "special_cause_concern"),
        (LOW_SHIFT, "decrease", "improvement_low", "special_cause_improvement"),
        (HIGH_SHIFT, "neither", "neutral_high", "special_cause_neutral_high"),
        (LOW_SHIFT, "neither", "neutral_low", "special_cause_neutral_low"),
        (BASE, "increase", "common_cause", "common_cause"),
    ],
)
def test_variation_icon_from_the_last_point(
    values: list[float], improvement: str, icon: str, last_type: str
) -> None:
    r = analyse(values, improvement=improvement)
    assert r.point_type[-1] == last_type
    assert r.variation_icon == icon


def test_variation_icon_comes_from_the_last_period_even_if_missing() -> None:
    # ptd_get_icons takes the row with the latest date; a missing value there is common cause
    r = analyse([*HIGH_SHIFT, None])
    assert r.point_type[-1] == "common_cause"
    assert r.variation_icon == "common_cause"
    assert analyse(HIGH_SHIFT).variation_icon == "improvement_high"


def test_neither_direction_labels_high_and_low() -> None:
    r = analyse([10, 12, 10, 12, 10, 12, 10, 12, 40, -20], improvement="neither")
    assert r.point_type[-2:] == ("special_cause_neutral_high", "special_cause_neutral_low")
