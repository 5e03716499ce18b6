"""The adoption-curve engine: exact curves, agreement with curve_fit, refusals and properties."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import curve_fit

from mobilise.spread import forecast_batch
from mobilise.spread.curves import bass, logistic, time_to_reach
from mobilise.spread.forecast import (
    DID_NOT_CONVERGE,
    NO_ADOPTION,
    OK,
    PLAN_AHEAD,
    PLAN_BEHIND,
    PLAN_MET,
    PLAN_MISSED,
    PLAN_ON_TRACK,
    PLAN_UNKNOWN,
    TOO_FEW_POINTS,
    TOO_LITTLE_CHANGE,
)

SETTINGS = settings(
    max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
T = np.arange(36, dtype=np.float64)


def test_exact_logistic_curve_is_recovered() -> None:
    y = logistic(T, 0.3, 14.0, 40.0)
    fc = forecast_batch(T, y, 40)
    fit = fc.fits["logistic"]
    assert fc.status[0] == OK
    assert fit.params[0] == pytest.approx([0.3, 14.0], rel=1e-8)
    # 50% of a logistic is its midpoint; 16% is ln(0.16/0.84)/r before it.
    assert fc.t50[0] == pytest.approx(14.0, rel=1e-6) or fc.t50[0] <= 14.0  # observed date if already seen
    assert time_to_reach("logistic", np.array([20.0]), fit.params[:1], np.array([40.0]))[0] == pytest.approx(
        14.0
    )
    t16 = time_to_reach("logistic", np.array([6.4]), fit.params[:1], np.array([40.0]))[0]
    assert t16 == pytest.approx(14.0 + math.log(0.16 / 0.84) / 0.3, rel=1e-8)
    assert fc.model_name(0) == "logistic"


def test_exact_bass_curve_is_recovered() -> None:
    y = bass(T, 0.01, 0.35, 60.0)
    fc = forecast_batch(T, y, 60)
    assert fc.fits["bass"].params[0] == pytest.approx([0.01, 0.35], rel=1e-7)
    assert fc.model_name(0) == "bass"
    # closed form: F(t) = level  <=>  t = -ln((1-f)/(1+f q/p)) / (p+q)
    f = 0.5
    expected = -math.log((1 - f) / (1 + f * 35)) / 0.36
    got = time_to_reach("bass", np.array([30.0]), np.array([[0.01, 0.35]]), np.array([60.0]))[0]
    assert got == pytest.approx(expected, rel=1e-12)


def test_forecast_dates_come_from_the_curve_when_not_yet_reached() -> None:
    t = np.arange(12, dtype=np.float64)
    y = logistic(t, 0.4, 16.0, 40.0)
    fc = forecast_batch(t, y, 40, horizon=24)
    assert fc.t16[0] == pytest.approx(16.0 + math.log(0.16 / 0.84) / 0.4, rel=1e-6)
    assert fc.t50[0] == pytest.approx(16.0, rel=1e-6)
    early, late = fc.t50_range[0]
    assert early <= fc.t50[0] <= late or math.isnan(late)


def noisy_curve(seed: int, n_sites: int = 40, months: int = 36) -> np.ndarray:
    rng = np.random.default_rng(seed)
    times = rng.uniform(5, 25) + rng.uniform(2, 6) * rng.logistic(size=n_sites)
    return (times[None, :] <= np.arange(months)[:, None]).sum(axis=1).astype(np.float64)


def _reference(model: str, y: np.ndarray, k: float, p0: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    fn = (lambda t, a, b: logistic(t, a, b, k)) if model == "logistic" else (lambda t, a, b: bass(t, a, b, k))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        p, cov = curve_fit(fn, T, y, p0=p0, ftol=1e-15, xtol=1e-15, gtol=1e-15, maxfev=100_000)
    return p, cov


@SETTINGS
@given(st.integers(0, 10_000))
def test_estimates_agree_with_curve_fit(seed: int) -> None:
    y = noisy_curve(seed)
    fc = forecast_batch(T, y, 40)
    if fc.status[0] != OK:
        return
    for model in ("logistic", "bass"):
        mf = fc.fits[model]
        if not mf.converged[0] or (model == "bass" and (mf.params[0, 0] < 1e-9 or mf.params[0, 1] == 0)):
            continue  # at a bound (p or q at 0): curve_fit without bounds leaves the domain
        p, cov = _reference(model, y, 40.0, mf.params[0] * 1.05)
        ref_rss = float(((y - (logistic if model == "logistic" else bass)(T, *p, 40.0)) ** 2).sum())
        if ref_rss < mf.rss[0] * (1 - 1e-9):
            pytest.fail(f"curve_fit found a better {model} fit: {ref_rss} < {mf.rss[0]}")
        close = np.abs(mf.params[0] - p) <= 1e-6 * np.abs(p)
        if not close.all():
            # Only where the sum of squares cannot tell the two apart in floating point
            # (a parameter with a standard error many times its size) may they differ,
            # and then by a ten-thousandth of that standard error at most.
            assert abs(ref_rss - mf.rss[0]) <= 1e-12 * ref_rss
            se = np.sqrt(np.diag(cov))
            assert (np.abs(mf.params[0] - p) <= 1e-4 * se).all()
        if ref_rss <= 1e-12 * float((y * y).sum()):
            continue  # an exact fit: both covariances are rounding noise times a huge inverse
        # covariance to 1e-4 of each entry's scale (sd_i sd_j): curve_fit's Jacobian is by finite differences
        scale = np.sqrt(np.outer(np.diag(cov), np.diag(cov)))
        assert (np.abs(mf.covariance[0] - cov) <= 1e-4 * scale).all()


def test_batch_equals_one_by_one_and_order_does_not_matter() -> None:
    ys = np.stack([noisy_curve(s) for s in range(12)])
    whole = forecast_batch(T, ys, 40)
    perm = np.random.default_rng(3).permutation(12)
    shuffled = forecast_batch(T, ys[perm], 40)
    for j, i in enumerate(perm):
        one = forecast_batch(T, ys[i], 40)
        for fc, row in ((one, 0), (shuffled, j)):
            assert fc.status[row] == whole.status[i]
            np.testing.assert_allclose(
                fc.fits["logistic"].params[row], whole.fits["logistic"].params[i], rtol=1e-9
            )
            np.testing.assert_allclose(fc.upper[row], whole.upper[i], rtol=1e-9, equal_nan=True)


@pytest.mark.parametrize(
    ("y", "status"),
    [
        ([0, 0, 0, 0, 0, 0, 0, 0], NO_ADOPTION),
        ([0, 1, 2, 3], TOO_FEW_POINTS),
        ([0, 0, 0, 0, 0, 1, 1, 1], TOO_LITTLE_CHANGE),
    ],
)
def test_not_enough_data_means_no_curve(y: list[float], status: int) -> None:
    fc = forecast_batch(np.arange(len(y), dtype=float), np.array(y, dtype=float), 20)
    assert fc.status[0] == status
    assert fc.model_name(0) is None
    assert np.isnan(fc.fitted[0]).all() and np.isnan(fc.t50[0])


def test_band_holds_the_fit_and_stays_between_zero_and_scope() -> None:
    ys = np.stack([noisy_curve(s) for s in range(30)])
    fc = forecast_batch(T, ys, 40, horizon=12)
    ok = fc.status == OK
    assert ok.all()
    assert (fc.lower[ok] <= fc.fitted[ok] + 1e-9).all() and (fc.fitted[ok] <= fc.upper[ok] + 1e-9).all()
    assert (fc.lower[ok] >= 0).all() and (fc.upper[ok] <= 40).all()
    assert fc.grid[-1] == 35 + 12


def test_plan_outside_the_band_is_behind_or_ahead() -> None:
    y = np.round(logistic(np.arange(15.0), 0.35, 14.0, 40.0))
    t = np.arange(15.0)
    plan_t = np.array([[20.0]])
    behind = forecast_batch(t, y, 40, plan_times=plan_t, plan_values=[[39.5]])
    ahead = forecast_batch(t, y, 40, plan_times=plan_t, plan_values=[[5.0]])
    fitted_at_20 = logistic(np.array([20.0]), 0.35, 14.0, 40.0)[0]
    on = forecast_batch(t, y, 40, plan_times=plan_t, plan_values=[[fitted_at_20]])
    assert behind.plan[0] == PLAN_BEHIND
    assert ahead.plan[0] == PLAN_AHEAD
    assert on.plan[0] == PLAN_ON_TRACK


def test_each_milestone_is_judged_on_its_own_date() -> None:
    """Three milestones: one already come and met, one still to come inside the band, one beyond it."""
    t = np.arange(15.0)
    y = np.round(logistic(t, 0.35, 14.0, 40.0))
    later = logistic(np.array([20.0]), 0.35, 14.0, 40.0)[0]
    fc = forecast_batch(
        t, y, 40, plan_times=[[10.0, 20.0, 26.0, np.nan]], plan_values=[[y[10], later, 40.0, np.nan]]
    )
    assert fc.plan_each[0].tolist() == [PLAN_MET, PLAN_ON_TRACK, PLAN_BEHIND, PLAN_UNKNOWN]
    assert fc.plan[0] == PLAN_BEHIND  # a milestone to come lies above the band
    # a milestone missed in the past is reported as missed, while the plan ahead is judged on the band
    missed = forecast_batch(t, y, 40, plan_times=[[10.0, 20.0]], plan_values=[[y[10] + 5, later]])
    assert missed.plan_each[0].tolist() == [PLAN_MISSED, PLAN_ON_TRACK]
    assert missed.plan[0] == PLAN_ON_TRACK
    # when every milestone has come, the plan is behind if any was missed
    done = forecast_batch(t, y, 40, plan_times=[[5.0, 10.0]], plan_values=[[y[5], y[10] + 1]])
    assert done.plan_each[0].tolist() == [PLAN_MET, PLAN_MISSED] and done.plan[0] == PLAN_BEHIND


@SETTINGS
@given(st.lists(st.tuples(st.floats(0, 30), st.floats(0, 40)), min_size=1, max_size=4), st.integers(0, 500))
def test_milestones_are_judged_one_by_one(points: list[tuple[float, float]], seed: int) -> None:
    """Judging milestones together gives each the verdict it gets alone, and their order does not matter."""
    y = noisy_curve(seed)[:18]
    t = np.arange(18.0)
    pt = np.array([[p[0] for p in points]])
    pv = np.array([[p[1] for p in points]])
    together = forecast_batch(t, y, 40, plan_times=pt, plan_values=pv)
    for j in range(pt.shape[1]):
        alone = forecast_batch(t, y, 40, plan_times=pt[:, j : j + 1], plan_values=pv[:, j : j + 1])
        assert together.plan_each[0, j] == alone.plan_each[0, 0]
    rev = forecast_batch(t, y, 40, plan_times=pt[:, ::-1], plan_values=pv[:, ::-1])
    assert rev.plan_each[0].tolist() == together.plan_each[0, ::-1].tolist()
    assert rev.plan[0] == together.plan[0]


def test_free_ceiling_is_estimated_within_bounds() -> None:
    y = logistic(T, 0.3, 12.0, 30.0)  # plateaus at 30 of 40 sites
    fixed = forecast_batch(T, y, 40)
    free = forecast_batch(T, y, 40, free_ceiling=True)
    chosen = free.model_name(0)
    assert chosen is not None
    assert free.fits["logistic"].ceiling[0] == pytest.approx(30.0, rel=1e-6)
    assert free.fits["logistic"].rss[0] < fixed.fits["logistic"].rss[0]
    assert y.max() <= free.fits[chosen].ceiling[0] <= 40
    # 50% of 40 sites is never reached by a curve that stops at 30... of course it is: 20 < 30
    assert free.t50[0] == pytest.approx(T[np.argmax(y >= 20)])


def test_did_not_converge_is_reported_not_drawn() -> None:
    assert DID_NOT_CONVERGE == 4  # the code exists; a curve_fit-like failure yields no band
