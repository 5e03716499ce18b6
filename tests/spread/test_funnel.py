"""Funnel limits against the published formulas (Spiegelhalter 2005) and their properties."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import stats

from mobilise.spread import funnel
from mobilise.spread.funnel import EXACT_BELOW, exact_limits, winsorised_phi

SETTINGS = settings(
    max_examples=80, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


def spiegelhalter_exact(p: float, n: int, theta: float) -> float:
    """Appendix A.1.1 of Spiegelhalter (2005), written out literally for one n."""
    r = 0
    while stats.binom.cdf(r, n, theta) < p:
        r += 1
    f_r = stats.binom.cdf(r, n, theta)
    f_r1 = stats.binom.cdf(r - 1, n, theta) if r > 0 else 0.0
    alpha = (f_r - p) / (f_r - f_r1)
    return (r - alpha) / n


@pytest.mark.parametrize("n", [10, 37, 100, 250])
@pytest.mark.parametrize("theta", [0.05, 0.3, 0.5])
def test_exact_binomial_limits_match_the_published_construction(n: int, theta: float) -> None:
    for coverage in (0.95, 0.998):
        lo, hi = exact_limits("proportion", theta, [n], coverage)
        assert lo[0] == pytest.approx(max(spiegelhalter_exact((1 - coverage) / 2, n, theta), 0), abs=1e-12)
        assert hi[0] == pytest.approx(spiegelhalter_exact((1 + coverage) / 2, n, theta), abs=1e-12)


def test_worked_example_of_over_dispersion() -> None:
    """Ten sites with known z-scores: winsorise at 10%/90%, phi and tau² by hand."""
    n = np.full(10, 400.0)
    theta = 0.25
    sd = math.sqrt(theta * (1 - theta) / 400)
    z = np.array([-4.0, -2.0, -1.0, -0.5, 0.0, 0.0, 0.5, 1.0, 2.0, 4.0])
    y = (theta + z * sd) * 400
    result = funnel(y, n, target=theta)
    lo, hi = np.quantile(z, [0.1, 0.9])
    assert (lo, hi) == pytest.approx((-2.2, 2.2))
    zw = np.clip(z, lo, hi)
    phi = float(np.mean(zw**2))
    assert result.phi == pytest.approx(phi)
    w = 1 / sd**2
    tau2 = (10 * phi - 9) / (10 * w - 10 * w**2 / (10 * w))
    assert result.dispersion == "additive"
    assert result.tau2 == pytest.approx(tau2)
    assert result.upper95[0] == pytest.approx(theta + 1.959963985 * math.sqrt(sd**2 + tau2))
    half95 = 1.959963985 * math.sqrt(sd**2 + tau2)
    half998 = 3.090232306 * math.sqrt(sd**2 + tau2)
    dev = z * sd
    expected = np.where(dev > half998, 2, np.where(dev > half95, 1, 0))
    expected = np.where(dev < -half998, -2, np.where(dev < -half95, -1, expected))
    assert result.flag.tolist() == expected.tolist()
    assert result.flag[0] < 0 < result.flag[-1]
    multi = funnel(y, n, target=theta, dispersion="multiplicative")
    assert multi.upper998[0] == pytest.approx(theta + 3.090232306 * math.sqrt(phi) * sd)


def test_no_over_dispersion_keeps_plain_limits() -> None:
    n = np.array([100.0, 200.0, 400.0, 800.0])
    y = np.array([30.0, 60.0, 120.0, 240.0])
    result = funnel(y, n)
    assert result.tau2 == 0 and result.dispersion == "none"
    assert (result.flag == 0).all()
    assert (np.diff(result.upper95 - result.lower95) < 0).all()  # the funnel narrows


def test_rates_use_poisson_limits() -> None:
    lo, hi = exact_limits("rate", 0.02, [500.0], 0.95)
    # expected 10 events: the exact interval sits around the Poisson quantiles 4 and 17
    assert 3 / 500 < lo[0] < 5 / 500 and 16 / 500 < hi[0] < 18 / 500


def test_large_denominators_use_the_normal_approximation_closely() -> None:
    theta = 0.3
    n = np.array([float(int(EXACT_BELOW / (theta * (1 - theta))))])  # just under: exact
    _lo_e, hi_e = exact_limits("proportion", theta, n, 0.998)
    sd = math.sqrt(theta * (1 - theta) / n[0])
    assert hi_e[0] == pytest.approx(theta + 3.0902 * sd, rel=0.01)


sites = st.lists(st.tuples(st.integers(1, 2000), st.floats(0.0, 1.0)), min_size=3, max_size=40).map(
    lambda rows: (np.array([round(n * f) for n, f in rows], float), np.array([n for n, _ in rows], float))
)


@SETTINGS
@given(sites, st.randoms(use_true_random=False))
def test_reordering_sites_changes_nothing(data: tuple[np.ndarray, np.ndarray], rnd: object) -> None:
    y, n = data
    if y.sum() == 0 or y.sum() == n.sum():
        return
    perm = np.random.default_rng(len(y)).permutation(len(y))
    a, b = funnel(y, n), funnel(y[perm], n[perm])
    assert a.phi == pytest.approx(b.phi) and a.tau2 == pytest.approx(b.tau2)
    np.testing.assert_allclose(a.upper95[perm], b.upper95)
    assert (a.flag[perm] == b.flag).all()


@SETTINGS
@given(st.lists(st.floats(-5, 5), min_size=1, max_size=50), st.floats(0.1, 10))
def test_winsorised_phi_scales_with_the_square_and_ignores_order(z: list[float], c: float) -> None:
    arr = np.array(z)
    assert winsorised_phi(c * arr) == pytest.approx(c * c * winsorised_phi(arr), rel=1e-9, abs=1e-12)
    assert winsorised_phi(arr[::-1]) == pytest.approx(winsorised_phi(arr), rel=1e-12, abs=1e-15)
    assert winsorised_phi(arr) <= float(np.max(arr**2)) + 1e-12
