"""The fit's shortcuts give the answers of the plain method: Newton steps, reused JᵀJ, bands from two arrays.

Each property compares what a user reads (estimates, standard errors, the
band) with the same figure worked out the long way at the same estimates.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import stats
from scipy.optimize import least_squares

from mobilise.spread import forecast_batch
from mobilise.spread.curves import (
    MODELS,
    _pass,
    _Points,
    bass,
    covariance,
    initial_guess,
    logistic,
    value_and_jacobian,
)
from mobilise.spread.forecast import OK, curve_values

SETTINGS = settings(
    max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
T = np.arange(36, dtype=np.float64)


def noisy_curve(seed: int, n_sites: int = 40, months: int = 36) -> np.ndarray:
    rng = np.random.default_rng(seed)
    times = rng.uniform(5, 40) + rng.uniform(2, 8) * rng.logistic(size=n_sites)
    return (times[None, :] <= np.arange(months)[:, None]).sum(axis=1).astype(np.float64)


@SETTINGS
@given(st.integers(0, 100_000), st.booleans())
def test_standard_errors_are_those_worked_out_afresh_at_the_estimates(seed: int, free: bool) -> None:
    """The covariance comes from JᵀJ of the fit's last pass; it is the one computed anew at the estimates."""
    y = noisy_curve(seed)
    fc = forecast_batch(T, y, 40, free_ceiling=free)
    if fc.status[0] != OK:
        return
    mask = np.ones((1, T.size), dtype=bool)
    for model in MODELS:
        mf = fc.fits[model]
        if not mf.converged[0] or not np.isfinite(mf.covariance[0]).all():
            continue
        fresh = covariance(model, T[None, :], mask, mf.params[:1], mf.ceiling[:1], mf.rss[:1], free)[0]
        scale = np.sqrt(np.abs(np.outer(np.diag(fresh), np.diag(fresh))))
        # The last step is at most a ten-millionth of each parameter: JᵀJ moves by about as much.
        assert (np.abs(mf.covariance[0] - fresh) <= 1e-5 * scale).all()


@SETTINGS
@given(st.integers(0, 100_000), st.booleans())
def test_band_is_the_delta_method_with_the_whole_jacobian(seed: int, free: bool) -> None:
    """The band drawn from two arrays per model equals gᵀCg + s² with the full gradient g."""
    y = noisy_curve(seed)
    fc = forecast_batch(T, y, 40, free_ceiling=free, horizon=12)
    if fc.status[0] != OK:
        return
    model = fc.model_name(0)
    assert model is not None
    mf = fc.fits[model]
    f, jac = value_and_jacobian(model, fc.grid[None, :], mf.params[:1], mf.ceiling[:1], free)
    cov = mf.covariance[0]
    var = np.einsum("ig,ij,jg->g", jac[:, 0, :], cov, jac[:, 0, :])
    n_par = cov.shape[0]
    s2 = mf.rss[0] / (T.size - n_par)
    half = stats.t.ppf(0.9, T.size - n_par) * np.sqrt(np.maximum(var + s2, 0.0))
    np.testing.assert_allclose(fc.fitted[0], f[0], rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(fc.upper[0], np.clip(f[0] + half, 0, 40), rtol=1e-7, atol=1e-7)
    np.testing.assert_allclose(fc.lower[0], np.clip(f[0] - half, 0, 40), rtol=1e-7, atol=1e-7)


def _bounded_reference_rss(fn: Any, y: np.ndarray, params: np.ndarray, ceiling: float, model: str) -> float:
    """scipy's bounded least squares with a free ceiling (between the adoption seen and 40),
    started near the engine's estimates: its sum of squares."""
    start = np.array([*params, ceiling]) * 1.02
    lo = [1e-9, -np.inf, y.max()] if model == "logistic" else [1e-10, 0.0, y.max()]
    hi = [np.inf, np.inf, 40.0]
    if y.max() >= 40.0:  # every site has adopted: the ceiling has no room to move
        start, lo, hi = start[:2], lo[:2], hi[:2]
    start = np.clip(start, np.array(lo) + 1e-9, hi)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = least_squares(
            lambda th: fn(T, th[0], th[1], th[2] if th.size > 2 else 40.0) - y,
            start,
            bounds=(lo, hi),
            xtol=1e-15,
            ftol=1e-15,
            gtol=1e-15,
            max_nfev=20_000,
        )
    return float(2 * ref.cost)


@SETTINGS
@given(st.integers(0, 100_000))
def test_free_ceiling_estimates_are_the_bounded_least_squares_fit(seed: int) -> None:
    """With the ceiling free (between adoption so far and the sites in scope) the estimates are
    those of scipy's bounded least squares, wherever the engine says it converged."""
    y = noisy_curve(seed)
    fc = forecast_batch(T, y, 40, free_ceiling=True)
    if fc.status[0] != OK:
        return
    for model, fn in (("logistic", logistic), ("bass", bass)):
        mf = fc.fits[model]
        if not mf.converged[0]:
            continue
        ref_rss = _bounded_reference_rss(fn, y, mf.params[0], mf.ceiling[0], model)
        # Never worse than the reference.
        assert mf.rss[0] <= ref_rss * (1 + 1e-9) + 1e-12


@settings(max_examples=8, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 100_000))
def test_free_ceiling_in_a_batch_is_the_bounded_least_squares_fit(seed: int) -> None:
    """The same in a batch of 64, where the single-precision run goes first and a ceiling that
    reaches the adoption seen is held there while the rest is fitted."""
    ys = np.stack([noisy_curve(seed + i) for i in range(64)])
    fc = forecast_batch(T, ys, 40, free_ceiling=True)
    for i in np.flatnonzero(fc.status == OK)[:12]:
        for model, fn in (("logistic", logistic), ("bass", bass)):
            mf = fc.fits[model]
            if mf.converged[i]:
                ref_rss = _bounded_reference_rss(fn, ys[i], mf.params[i], mf.ceiling[i], model)
                assert mf.rss[i] <= ref_rss * (1 + 1e-9) + 1e-12


@settings(max_examples=8, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 100_000))
def test_a_free_ceiling_at_the_sites_in_scope_is_the_fixed_ceiling_fit(seed: int) -> None:
    """Where every site will adopt, a free ceiling ends at the sites in scope. Held there, the fit
    converges on the fixed-ceiling fit: the same sum of squares and the same curve (a parameter the
    data barely fix, such as Bass's q near 0, may differ in its fifth figure without changing
    either). So every curve forecast with the ceiling fixed is forecast with it free too (in a
    batch of 64: both precisions)."""
    ys = np.stack([noisy_curve(seed + i) for i in range(64)])
    free = forecast_batch(T, ys, 40, free_ceiling=True)
    fixed = forecast_batch(T, ys, 40)
    assert (free.status[fixed.status == OK] == OK).all()
    for model in MODELS:
        f, g = free.fits[model], fixed.fits[model]
        at_roof = np.flatnonzero(g.converged & (f.ceiling >= 40 - 1e-6))
        assert f.converged[at_roof].all()
        np.testing.assert_allclose(f.rss[at_roof], g.rss[at_roof], rtol=1e-9, atol=1e-9)
        for i in at_roof:
            ours, theirs = (curve_values(model, T, fit.params[i], 40.0) for fit in (f, g))
            np.testing.assert_allclose(ours, theirs, atol=1e-6)


@SETTINGS
@given(st.floats(np.log(1e-10), np.log(0.2)), st.floats(0.02, 1.5), st.integers(0, 100_000))
def test_single_precision_sums_are_those_of_double_precision(log_p: float, q: float, seed: int) -> None:
    """The rough single-precision run sees the sum of squares the double-precision fit
    sees, to single precision's accuracy, for every Bass curve the fit can reach: down to
    p at its bound, where the curve is a late start that barely begins within the data."""
    rng = np.random.default_rng(seed)
    y = np.maximum.accumulate(np.round(bass(T, np.exp(log_p), q, 40.0) + rng.normal(0, 0.7, T.size)))
    y = np.clip(y, 0, 40)[None, :]
    for shift in (0.0, 0.5, -2.0):  # at the curve, and where a pass's trial steps go
        theta = np.array([[max(log_p + shift, np.log(1e-10))], [q * (1 + shift / 4)]])
        rss = [
            _pass("bass", _Points(T[None, :], y, None, dtype), theta, np.array([40.0]), False, False)[0][0]
            for dtype in (np.float32, np.float64)
        ]
        assert rss[0] == pytest.approx(rss[1], rel=1e-3, abs=1e-3)


@settings(max_examples=15, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 100_000))
def test_late_starts_fit_bass_at_its_bound_as_bounded_least_squares_does(seed: int) -> None:
    """A practice that reaches its first sites only in the last months: its Bass fit pushes
    p to the fit's bound.  In a batch (so the single-precision run goes first), every such
    fit converges and is never worse than scipy's bounded least squares."""
    rng = np.random.default_rng(seed)
    mids = rng.uniform(30, 42, size=64)
    times = mids[:, None] + rng.uniform(1.5, 4, size=(64, 1)) * rng.logistic(size=(64, 40))
    y = (times[:, None, :] <= T[None, :, None]).sum(axis=2).astype(np.float64)
    fc = forecast_batch(T, y, 40)
    bass_fit = fc.fits["bass"]
    for i in np.flatnonzero(fc.status == OK):
        assert bass_fit.converged[i]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ref = least_squares(
                lambda th, row=y[i]: bass(T, th[0], th[1], 40.0) - row,
                np.clip(bass_fit.params[i] * 1.05, [1e-10, 1e-9], np.inf),
                bounds=([1e-10, 0.0], [np.inf, np.inf]),
                xtol=1e-15,
                ftol=1e-15,
                gtol=1e-15,
                max_nfev=20_000,
            )
        assert bass_fit.rss[i] <= 2 * ref.cost * (1 + 1e-9) + 1e-12


@SETTINGS
@given(st.integers(0, 100_000), st.integers(1, 12), st.integers(1, 12))
def test_the_start_looks_only_at_the_edges_of_flat_runs(seed: int, earlier: int, later: int) -> None:
    """The fit's starting curve is the same whether a practice's record begins with one month of
    "none yet" or with many more, and ends with one month of "all adopted" or many more: a
    flat run only says when adoption had not begun, or had finished."""
    rng = np.random.default_rng(seed)
    begin, span = rng.uniform(3, 20), rng.uniform(1, 4)
    core = np.arange(36.0)
    times = begin + span * rng.logistic(size=40)
    y = (times[None, :] <= core[:, None]).sum(axis=1).astype(np.float64)
    none, full = np.flatnonzero(y == 0), np.flatnonzero(y == 40)
    if not none.size or not full.size or none[-1] + 1 >= full[0]:
        return
    # The same record with `earlier` more months of none before it and `later` of all after it.
    t_long = np.arange(-earlier, 36.0 + later)
    y_long = np.concatenate([np.zeros(earlier), y, np.full(later, 40.0)])
    one = np.ones((1, 36), dtype=bool)
    start = initial_guess("logistic", core[None, :], y[None, :], one, np.array([40.0]))
    start_long = initial_guess(
        "logistic", t_long[None, :], y_long[None, :], np.ones((1, t_long.size), dtype=bool), np.array([40.0])
    )
    np.testing.assert_allclose(start_long, start, rtol=1e-9)
