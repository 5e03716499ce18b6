"""Adoption curves with a forecast: the batch API of the spread engine.

``forecast_batch`` takes many cumulative adoption series and, for each, fits a
logistic and a Bass curve, picks the one with the lower AICc, and gives the
parameter uncertainty, an 80% forecast band, the dates to reach 16% and 50% of
the sites in scope, and whether a planned trajectory falls outside the band.

The forecast band is a delta-method prediction band: the curve's variance at
each time is ``gᵀ C g`` (``g`` the gradient of the curve in its parameters,
``C`` their covariance) plus the residual variance, and the band is the fitted
curve ± the Student-t quantile times its square root, kept within 0 and the
sites in scope.  Why not a bootstrap or profile likelihood: both need hundreds
of refits (or an optimisation per forecast point) per curve, which cannot meet
10,000 curves a second; a residual bootstrap is also wrong for cumulative
counts, whose errors are not independent.  The delta method is the same
approximation as ``curve_fit``'s covariance, so the two agree.

Series too short, with no adoption, or barely changing get a status saying so
and no curve at all: never a curve drawn through nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import stats

from .curves import (
    MODELS,
    BoolArray,
    FloatArray,
    Model,
    bass_from_logistic,
    covariance_from,
    evaluate,
    fit,
    value_and_jacobian,
)
from .curves import time_to_reach as _time_to_reach

IntArray = NDArray[np.int64]

#: Status codes per curve.
OK = 0
TOO_FEW_POINTS = 1
NO_ADOPTION = 2
TOO_LITTLE_CHANGE = 3
DID_NOT_CONVERGE = 4
STATUS_CODES = ("ok", "too_few_points", "no_adoption", "too_little_change", "did_not_converge")
STATUS_TEXT = {
    "ok": "Forecast from the fitted curve.",
    "too_few_points": "Not enough data to forecast: at least {min_points} dates are needed.",
    "no_adoption": "Not enough data to forecast: no site has adopted yet.",
    "too_little_change": "Not enough data to forecast: adoption has barely changed so far.",
    "did_not_converge": "Not enough data to forecast: no curve fits these figures well.",
}

#: Fewest dated points for a forecast (AICc needs n > parameters + 2).
MIN_POINTS = 5
#: Fewest distinct adoption counts for a forecast.
MIN_DISTINCT = 3
EARLY_ADOPTERS = 0.16
MAJORITY = 0.5

PLAN_BEHIND = 1
PLAN_ON_TRACK = 0
PLAN_AHEAD = -1
PLAN_UNKNOWN = -2
#: For a milestone whose date has already come: the adoption seen by then reached it, or did not.
PLAN_MET = 2
PLAN_MISSED = 3


@dataclass(frozen=True)
class ModelFit:
    """One model fitted to every curve of a batch (NaN where not fitted)."""

    model: Model
    params: FloatArray  # [curves x 2]: (r, t0) or (p, q)
    ceiling: FloatArray  # [curves]
    covariance: FloatArray  # [curves x k x k]
    rss: FloatArray
    aicc: FloatArray
    converged: BoolArray


@dataclass(frozen=True)
class Forecast:
    """The batch result: one row per curve."""

    status: IntArray
    chosen: IntArray  # index into MODELS, -1 where there is no forecast
    fits: dict[str, ModelFit]
    scope: FloatArray
    grid: FloatArray  # [points]: times the band is given at
    fitted: FloatArray  # [curves x points]
    lower: FloatArray
    upper: FloatArray
    t16: FloatArray
    t16_range: FloatArray  # [curves x 2]: earliest, latest within the band (NaN: beyond the grid)
    t50: FloatArray
    t50_range: FloatArray
    plan: IntArray  # PLAN_* codes: the plan as a whole, judged on the milestones still to come
    plan_each: IntArray  # [curves x milestones]: PLAN_* per milestone (PLAN_UNKNOWN for padding)
    level: float
    free_ceiling: bool
    extra: dict[str, FloatArray] = field(default_factory=dict)

    def status_name(self, i: int) -> str:
        return STATUS_CODES[int(self.status[i])]

    def model_name(self, i: int) -> str | None:
        c = int(self.chosen[i])
        return None if c < 0 else MODELS[c]


def _as_matrix(a: ArrayLike | None, n: int, width: int) -> FloatArray:
    m = np.asarray(a, dtype=np.float64)
    if m.ndim == 1:
        m = m[None, :]
    if m.shape[0] != n:
        raise ValueError(f"expected {n} rows, got {m.shape[0]}")
    if width and m.shape[1] != width:
        raise ValueError(f"expected {width} columns, got {m.shape[1]}")
    return m


def _aicc(rss: FloatArray, n: FloatArray, k_params: int) -> FloatArray:
    k = k_params + 1  # the residual variance is estimated too
    with np.errstate(divide="ignore", invalid="ignore"):
        aic = n * np.log(np.maximum(rss, 1e-300) / n) + 2 * k
        return aic + 2 * k * (k + 1) / (n - k - 1)


def _band_at(
    model: Model,
    t: FloatArray,
    theta: FloatArray,
    k: FloatArray,
    cov: FloatArray,
    s2: FloatArray,
    quantile: FloatArray,
    scope: FloatArray,
    free_k: bool,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    f, jac = value_and_jacobian(model, t, theta, k, free_k)
    var = s2[:, None] + np.zeros_like(f)
    for i in range(jac.shape[0]):
        for j in range(jac.shape[0]):
            var += jac[i] * cov[:, i, j][:, None] * jac[j]
    half = quantile[:, None] * np.sqrt(np.maximum(var, 0.0))
    top = scope[:, None]
    return f, np.clip(f - half, 0.0, top), np.clip(f + half, 0.0, top)


def _first_crossing(grid: FloatArray, curve: FloatArray, level: FloatArray) -> FloatArray:
    """First grid time at which ``curve`` reaches ``level`` (NaN if never)."""
    hit = curve >= level[:, None] - 1e-9
    any_hit = hit.any(axis=1)
    idx = np.argmax(hit, axis=1)
    return np.where(any_hit, grid[idx], np.nan)


def forecast_batch(
    times: ArrayLike,
    adopted: ArrayLike,
    scope: ArrayLike,
    *,
    lengths: ArrayLike | None = None,
    horizon: float = 12.0,
    level: float = 0.8,
    free_ceiling: bool = False,
    plan_times: ArrayLike | None = None,
    plan_values: ArrayLike | None = None,
    step: float = 1.0,
) -> Forecast:
    """Fit and forecast every curve of a batch.

    ``times``: ``[curves x points]`` periods since the practice was launched
    (or one row shared by all curves); ``adopted``: cumulative sites adopted
    at those times (NaN for padding); ``scope``: sites in scope per curve.
    ``lengths``: real points per curve (default: the non-NaN ones).
    ``horizon``: periods beyond the last time to forecast to.
    ``plan_times``/``plan_values``: planned milestones per curve (NaN padding).
    A milestone after the last observation is judged against the forecast
    band (behind when the plan is above it, ahead when below it); one whose
    date has come is judged against the adoption seen by then (met or
    missed).  ``plan`` sums up the milestones still to come, or, when all
    have come, says whether any was missed.
    """
    y = np.asarray(adopted, dtype=np.float64)
    if y.ndim == 1:
        y = y[None, :]
    n_curves, width = y.shape
    t = np.asarray(times, dtype=np.float64)
    # One row of times shared by every curve is passed to the fit as it is: the
    # fit broadcasts it rather than reading (and copying) a full matrix.
    t_row = t[None, :] if t.ndim == 1 and bool(np.isfinite(t).all()) else None
    if t.ndim == 1:
        t = np.broadcast_to(t[None, :], y.shape)
    if t.shape != y.shape:
        raise ValueError("times and adopted must have the same shape")
    n_scope = np.broadcast_to(np.asarray(scope, dtype=np.float64), (n_curves,)).copy()
    if lengths is None:
        mask = np.isfinite(y) & np.isfinite(t)
    else:
        ln = np.broadcast_to(np.asarray(lengths, dtype=np.int64), (n_curves,))
        mask = (np.arange(width)[None, :] < ln[:, None]) & np.isfinite(y) & np.isfinite(t)
    if not 0 < level < 1:
        raise ValueError("level must be between 0 and 1")
    t = np.where(mask, t, 0.0)
    yv = np.where(mask, y, 0.0)
    n_pts = mask.sum(axis=1)
    ymax = np.where(mask, y, -np.inf).max(axis=1, initial=-np.inf)
    tmax = np.where(mask, t, -np.inf).max(axis=1, initial=-np.inf)

    # Honest refusals first.
    status = np.zeros(n_curves, dtype=np.int64)
    srt = np.sort(np.where(mask, y, np.nan), axis=1)
    distinct = (np.diff(srt, axis=1) > 0).sum(axis=1) + (n_pts > 0)
    status[distinct < MIN_DISTINCT] = TOO_LITTLE_CHANGE
    status[~(ymax > 0)] = NO_ADOPTION
    status[n_pts < MIN_POINTS] = TOO_FEW_POINTS
    status[~(n_scope > 0)] = NO_ADOPTION
    todo = np.flatnonzero(status == OK)

    grid_end = float(np.nanmax(np.where(np.isfinite(tmax), tmax, 0.0))) + horizon if n_curves else horizon
    grid = np.arange(0.0, grid_end + step / 2, step)
    fitted = np.full((n_curves, grid.size), np.nan)
    lower = np.full_like(fitted, np.nan)
    upper = np.full_like(fitted, np.nan)
    fits: dict[str, ModelFit] = {}
    n_par = 3 if free_ceiling else 2
    nf = n_pts.astype(np.float64)
    for model in MODELS:
        params = np.full((n_curves, 2), np.nan)
        kfit = np.full(n_curves, np.nan)
        cov = np.full((n_curves, n_par, n_par), np.nan)
        rss = np.full(n_curves, np.nan)
        conv = np.zeros(n_curves, dtype=bool)
        if todo.size:
            start = None
            if model == "bass":
                log = fits["logistic"]
                start = bass_from_logistic(np.where(np.isfinite(log.params[todo]), log.params[todo], 0.1))
            t_fit = t[todo] if t_row is None else t_row
            result = fit(
                model,
                t_fit,
                yv[todo],
                mask[todo],
                n_scope[todo],
                free_k=free_ceiling,
                k_low=np.maximum(ymax[todo], 1e-9),
                theta0=start,
            )
            params[todo], kfit[todo], rss[todo], conv[todo] = result[:4]
            # The covariance from JᵀJ of the fit's last pass: no pass over the points of its own.
            cov[todo] = covariance_from(result.jtj, result.rss, n_pts[todo])
        aicc = np.where(conv, _aicc(rss, nf, n_par), np.nan)
        fits[model] = ModelFit(model, params, kfit, cov, rss, aicc, conv)

    a_log, a_bass = fits["logistic"].aicc, fits["bass"].aicc
    both = np.stack(
        [np.where(np.isfinite(a_log), a_log, np.inf), np.where(np.isfinite(a_bass), a_bass, np.inf)]
    )
    chosen = np.argmin(both, axis=0).astype(np.int64)
    none = ~np.isfinite(both.min(axis=0))
    status[(status == OK) & none] = DID_NOT_CONVERGE
    chosen[status != OK] = -1

    t16 = np.full(n_curves, np.nan)
    t50 = np.full(n_curves, np.nan)
    r16 = np.full((n_curves, 2), np.nan)
    r50 = np.full((n_curves, 2), np.nan)
    plan = np.full(n_curves, PLAN_UNKNOWN, dtype=np.int64)
    plan_each = np.full((n_curves, 0), PLAN_UNKNOWN, dtype=np.int64)
    has_plan = plan_times is not None and plan_values is not None
    if has_plan:
        pt = np.asarray(plan_times, dtype=np.float64)
        if pt.ndim == 1:
            pt = np.broadcast_to(pt[None, :], (n_curves, pt.size))
        pv = _as_matrix(plan_values, n_curves, pt.shape[1])
        pmask = np.isfinite(pt) & np.isfinite(pv)
        plan_each = np.full(pt.shape, PLAN_UNKNOWN, dtype=np.int64)
        # Milestones whose date has come: the most adopted by then (the counts are cumulative).
        come = pmask & (pt <= tmax[:, None] + 1e-9)
        upto = mask[:, None, :] & (t[:, None, :] <= np.where(pmask, pt, -np.inf)[:, :, None] + 1e-9)
        seen_by = np.where(upto, yv[:, None, :], -np.inf).max(axis=2)
        plan_each[come] = np.where(pv[come] > seen_by[come] + 1e-9, PLAN_MISSED, PLAN_MET)
    for ci, model in enumerate(MODELS):
        rows = np.flatnonzero(chosen == ci)
        if not rows.size:
            continue
        mf = fits[model]
        theta, kk, cov_rows = mf.params[rows], mf.ceiling[rows], mf.covariance[rows]
        dof = np.maximum(n_pts[rows] - n_par, 1)
        s2 = mf.rss[rows] / dof
        dofs, which = np.unique(dof, return_inverse=True)
        quant = stats.t.ppf(0.5 + level / 2, dofs)[which]
        g = np.broadcast_to(grid[None, :], (rows.size, grid.size))
        f, lo, hi = _band_at(model, g, theta, kk, cov_rows, s2, quant, n_scope[rows], free_ceiling)
        fitted[rows], lower[rows], upper[rows] = f, lo, hi
        for target, out, rng in ((EARLY_ADOPTERS, t16, r16), (MAJORITY, t50, r50)):
            lvl = target * n_scope[rows]
            seen = np.where(mask[rows] & (yv[rows] >= lvl[:, None] - 1e-9), t[rows], np.inf).min(axis=1)
            est = _time_to_reach(model, lvl, theta, kk)
            out[rows] = np.where(np.isfinite(seen), seen, est)
            # The range always holds the estimate itself (the grid crossings are whole periods).
            early, late = _first_crossing(grid, hi, lvl), _first_crossing(grid, lo, lvl)
            early = np.where(np.isnan(early), early, np.fmin(early, out[rows]))
            late = np.where(np.isnan(late), late, np.fmax(late, out[rows]))
            rng[rows, 0] = np.where(np.isfinite(seen), seen, early)
            rng[rows, 1] = np.where(np.isfinite(seen), seen, late)
        if has_plan:
            ptr = np.where(pmask[rows], pt[rows], 0.0)
            _, plo, phi = _band_at(model, ptr, theta, kk, cov_rows, s2, quant, n_scope[rows], free_ceiling)
            pvr = pv[rows]
            ahead_of = pmask[rows] & ~come[rows]
            code = np.where(
                pvr > phi + 1e-9, PLAN_BEHIND, np.where(pvr < plo - 1e-9, PLAN_AHEAD, PLAN_ON_TRACK)
            )
            each = plan_each[rows]
            each[ahead_of] = code[ahead_of]
            plan_each[rows] = each
    if has_plan:
        to_come = pmask & ~come & (plan_each != PLAN_UNKNOWN)
        behind = (to_come & (plan_each == PLAN_BEHIND)).any(axis=1)
        ahead = (to_come & (plan_each == PLAN_AHEAD)).any(axis=1)
        code_to_come = np.where(behind, PLAN_BEHIND, np.where(ahead, PLAN_AHEAD, PLAN_ON_TRACK))
        missed = (come & (plan_each == PLAN_MISSED)).any(axis=1)
        code_come = np.where(missed, PLAN_BEHIND, PLAN_ON_TRACK)
        plan = np.where(
            to_come.any(axis=1), code_to_come, np.where(come.any(axis=1), code_come, PLAN_UNKNOWN)
        ).astype(np.int64)
    return Forecast(
        status=status,
        chosen=chosen,
        fits=fits,
        scope=n_scope,
        grid=grid,
        fitted=fitted,
        lower=lower,
        upper=upper,
        t16=t16,
        t16_range=r16,
        t50=t50,
        t50_range=r50,
        plan=plan,
        plan_each=plan_each,
        level=level,
        free_ceiling=free_ceiling,
    )


def curve_values(model: Model, t: ArrayLike, params: ArrayLike, ceiling: float) -> FloatArray:
    """The fitted curve of one series at times ``t``."""
    tt = np.asarray(t, dtype=np.float64)[None, :]
    th = np.asarray(params, dtype=np.float64).reshape(1, 2)
    out: FloatArray = evaluate(model, tt, th, np.array([float(ceiling)]))[0]
    return out
