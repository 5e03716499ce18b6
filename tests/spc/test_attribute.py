"""p, u and c charts with per-point limits, and Laney's p′ and u′ (as qicharts2)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mobilise.spc import analyse, analyse_batch

pytestmark = pytest.mark.filterwarnings("error")


def test_p_chart_limits_per_point() -> None:
    r = analyse([2, 3, 5], chart="p", denominators=[10, 20, 25])
    pbar = 10 / 55
    assert r.values.tolist() == pytest.approx([0.2, 0.15, 0.2])
    assert r.centre.tolist() == pytest.approx([pbar] * 3)
    for i, n in enumerate([10, 20, 25]):
        s = math.sqrt(pbar * (1 - pbar) / n)
        assert r.upper[i] == pytest.approx(pbar + 3 * s)
        assert r.lower[i] == 0.0  # pbar - 3s is negative: clipped at 0
        assert r.upper_2sigma[i] == pytest.approx(pbar + 2 * s)


def test_p_chart_upper_limit_is_clipped_at_one() -> None:
    r = analyse([1, 0, 1, 0], chart="p", denominators=[1, 1, 1, 1])  # pbar 0.5, s 0.5
    assert r.upper.tolist() == [1.0] * 4
    assert r.lower.tolist() == [0.0] * 4


def test_u_chart_limits_per_point() -> None:
    r = analyse([3, 5, 4], chart="u", denominators=[2, 4, 2])
    ubar = 12 / 8
    assert r.values.tolist() == [1.5, 1.25, 2.0]
    assert r.upper.tolist() == pytest.approx([ubar + 3 * math.sqrt(ubar / n) for n in (2, 4, 2)])
    assert r.lower.tolist() == [0.0, 0.0, 0.0]


def test_u_chart_lower_limit_when_positive() -> None:
    r = analyse([100, 120, 110], chart="u", denominators=[10, 10, 10])  # ubar 11, s 1.049
    assert r.lower[0] == pytest.approx(11 - 3 * math.sqrt(11 / 10))


def test_c_chart() -> None:
    r = analyse([2, 4, 3, 5, 1], chart="c")
    assert r.centre[0] == 3.0
    assert r.upper[0] == pytest.approx(3 + 3 * math.sqrt(3))
    assert r.lower[0] == 0.0  # 3 - 5.196 clipped
    r = analyse([100, 120, 110, 90], chart="c")
    assert r.lower[0] == pytest.approx(105 - 3 * math.sqrt(105))


def test_attribute_chart_rules_use_per_point_limits() -> None:
    num = [10, 12, 11, 9, 10, 60]
    den = [100, 100, 100, 100, 100, 100]
    r = analyse(num, chart="p", denominators=den, improvement="decrease")
    assert r.special_cause_type[-1] == "above_ucl"
    assert r.point_type[-1] == "special_cause_concern"
    assert r.variation_icon == "concern_high"


def test_zero_denominator_leaves_the_point_undefined() -> None:
    r = analyse([2, 0, 5], chart="p", denominators=[10, 0, 25])
    assert math.isnan(r.values[1])
    assert math.isnan(r.upper[1]) and math.isnan(r.lower[1])
    assert r.point_type[1] == "common_cause"  # as a missing value
    assert r.centre[0] == pytest.approx(7 / 35)  # the undefined point adds nothing
    assert r.points()[1]["value"] is None


@pytest.mark.parametrize("chart", ["p", "u", "pp", "up"])
@pytest.mark.parametrize(
    ("num", "den"),
    [([2, 3, 5, 4, 6], [10, None, 25, 20, 30]), ([2, None, 5, 4, 6], [10, 20, 25, 20, 30])],
)
def test_a_period_missing_either_number_has_no_limits_and_no_weight(
    chart: str, num: list[float | None], den: list[float | None]
) -> None:
    # qicharts2 blanks both numbers of an incomplete period (complete.cases)
    r = analyse(num, chart=chart, denominators=den)
    assert math.isnan(r.values[1])
    assert math.isnan(r.lower[1]) and math.isnan(r.upper[1])
    assert not math.isnan(r.upper[0])
    assert r.centre[0] == pytest.approx(17 / 85)
    assert r.point_type[1] == "common_cause"


def test_a_c_chart_keeps_its_limits_at_a_missing_count() -> None:
    # qicharts2's c chart limits are one pair for the phase; a gap keeps them
    r = analyse([2, None, 4], chart="c")
    assert r.upper[1] == r.upper[0] == pytest.approx(3 + 3 * math.sqrt(3))


@pytest.mark.parametrize(
    ("chart", "num", "den", "message"),
    [
        ("p", [1, -1], [5, 5], "negative"),
        ("c", [1, -2], None, "negative"),
        ("u", [1, 2], [5, -5], "negative"),
        ("p", [1, 6], [5, 5], "exceed"),
        ("p", [1, 2], None, "denominators"),
    ],
)
def test_impossible_counts_are_refused(
    chart: str, num: list[float], den: list[float] | None, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        analyse(num, chart=chart, denominators=den)


def overdispersed_proportions() -> tuple[np.ndarray, np.ndarray]:
    """Large denominators and a true rate that varies from point to point (sd 1.5%)."""
    rng = np.random.default_rng(7)
    den = rng.integers(8_000, 12_000, size=40).astype(float)
    rate = 0.12 + rng.normal(0, 0.015, size=40)
    return rng.binomial(den.astype(int), rate).astype(float), den


def test_laney_p_prime_widens_the_limits_by_sigma_z() -> None:
    num, den = overdispersed_proportions()
    plain = analyse(num, chart="p", denominators=den)
    laney = analyse(num, chart="pp", denominators=den)
    p = num / den
    pbar = num.sum() / den.sum()
    s = np.sqrt(pbar * (1 - pbar) / den)
    z = (p - pbar) / s
    sigma_z = np.mean(np.abs(np.diff(z))) / 1.128
    assert plain.sigma_z[0] == pytest.approx(sigma_z)
    assert laney.sigma_z[0] == pytest.approx(sigma_z)
    assert sigma_z > 2
    np.testing.assert_allclose(plain.upper, pbar + 3 * s)
    np.testing.assert_allclose(laney.upper, pbar + 3 * s * sigma_z)
    np.testing.assert_allclose(laney.lower, pbar - 3 * s * sigma_z)
    assert plain.overdispersed and laney.overdispersed
    assert sum(t in ("above_ucl", "below_lcl") for t in plain.special_cause_type) > 10
    assert not any(t in ("above_ucl", "below_lcl") for t in laney.special_cause_type)


def test_laney_u_prime() -> None:
    rng = np.random.default_rng(3)
    den = rng.integers(900, 1100, size=30).astype(float)
    num = rng.poisson(den * (2 + rng.normal(0, 0.3, size=30))).astype(float)
    r = analyse(num, chart="up", denominators=den)
    ubar = num.sum() / den.sum()
    s = np.sqrt(ubar / den)
    z = (num / den - ubar) / s
    sigma_z = np.mean(np.abs(np.diff(z))) / 1.128
    np.testing.assert_allclose(r.upper, ubar + 3 * s * sigma_z)


def test_binomial_data_is_not_flagged_as_overdispersed() -> None:
    rng = np.random.default_rng(11)
    den = rng.integers(400, 600, size=100)
    num = rng.binomial(den, 0.2).astype(float)
    r = analyse(num, chart="p", denominators=den.astype(float))
    assert 0.8 < r.sigma_z[0] < 1.2
    assert not r.overdispersed


def test_xmr_and_run_charts_report_no_sigma_z() -> None:
    r = analyse([1, 2, 3])
    assert np.isnan(r.sigma_z).all()
    assert not r.overdispersed


def test_c_chart_ignores_denominators_and_batches() -> None:
    b = analyse_batch([[2.0, 4.0, 3.0], [10.0, 12.0, np.nan]], chart="c", denominators=[[1, 1, 1]] * 2)
    assert b.centre[:, 0].tolist() == [3.0, 11.0]
    assert b.lengths.tolist() == [3, 2]
