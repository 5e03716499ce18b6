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
from scipy import special

from .curves import (
    MODELS,
    BoolArray,
    FloatArray,
    Model,
    Workspace,
    bass_from_logistic,
    covariance_from,
    evaluate,
    fit,
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

#: Curves per block when drawing bands.
BAND_BLOCK = 1024
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
    """The fitted curve and its band at times ``t``, all ``[times x curves]`` (points first).

    ``t`` is ``[times x curves]`` or one shared column ``[times x 1]``.  Given each
    per-curve number as a column (``theta`` ``[curves x 2 x 1]``, ``cov``
    ``[curves x k x k x 1]``, the rest ``[curves x 1]``) and ``t`` as one row
    ``[1 x times]``, the same arithmetic gives them curves first.  The
    curve's variance ``gᵀ C g`` is written out from the two arrays each
    model's gradient is made of (as in the fit), so no Jacobian is formed:

    * logistic: ``g = (u d, -r u)`` with ``d = t - t0``, ``u = K s (1 - s)``,
      so ``gᵀ C g = u² ((C_rr d - 2 r C_rt0) d + r² C_t0t0)``;
    * Bass: ``g`` is ``(dF/dm, dF/dc)`` times ``d(m, c)/d(p, q)`` for ``m = p + q``,
      ``c = q / p``, so ``C`` is carried over to ``(m, c)`` first;

    and, with a free ceiling, the terms of ``dF/dK = F / K``.
    """
    a, b = theta[:, 0], theta[:, 1]
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        if model == "logistic":
            d = t - b
            s = d * -a
            np.minimum(s, 700.0, out=s)
            np.exp(s, out=s)
            s += 1.0
            np.reciprocal(s, out=s)
            f = s * k
            u = 1.0 - s
            u *= f
            var = d * cov[:, 0, 0]
            var -= 2.0 * a * cov[:, 0, 1]
            var *= d
            var += a * a * cov[:, 1, 1]
            var *= u
            var *= u
            if free_k:
                # 2 C_rK u d s + 2 C_t0K (-r u) s + C_KK s²
                cross = d * cov[:, 0, 2]
                cross -= a * cov[:, 1, 2]
                cross *= u
                cross *= 2.0
                cross += cov[:, 2, 2] * s
                cross *= s
                var += cross
        else:
            p, q = a, b
            c = q / p
            e = t * -(p + q)
            np.clip(e, -700.0, 700.0, out=e)
            np.exp(e, out=e)
            inv_d = e * c
            inv_d += 1.0
            np.reciprocal(inv_d, out=inv_d)
            h = 1.0 - e
            g = h * inv_d
            f = g * k
            big_b = e * inv_d
            big_b *= inv_d
            big_b *= k  # dF/dm = (1 + c) t B,  dF/dc = -h B
            c1 = 1.0 + c
            dcp = -c / p  # dc/dp; dc/dq = 1/p; dm/dp = dm/dq = 1
            c00, c01, c11 = cov[:, 0, 0], cov[:, 0, 1], cov[:, 1, 1]
            cmm = c00 + 2.0 * c01 + c11
            cmc = dcp * c00 + (dcp + 1.0 / p) * c01 + c11 / p
            ccc = dcp * dcp * c00 + 2.0 * dcp / p * c01 + c11 / (p * p)
            jm = t * (c1 * big_b)
            jc = h * -big_b
            var = jm * cmm
            var += 2.0 * cmc * jc
            var *= jm
            var += ccc * jc * jc
            if free_k:
                cmk = cov[:, 0, 2] + cov[:, 1, 2]
                cck = dcp * cov[:, 0, 2] + cov[:, 1, 2] / p
                cross = jm * (2.0 * cmk)
                cross += 2.0 * cck * jc
                cross += cov[:, 2, 2] * g
                cross *= g
                var += cross
        var += s2
        np.maximum(var, 0.0, out=var)
        half = np.sqrt(var, out=var)
        half *= quantile
    return f, np.clip(f - half, 0.0, scope), np.clip(f + half, 0.0, scope)


def _first_crossing(grid: FloatArray, curve: FloatArray, level: FloatArray) -> FloatArray:
    """First grid time at which ``curve`` ``[curves x times]`` reaches ``level`` (NaN if never)."""
    hit = curve >= level[:, None] - 1e-9
    idx = np.argmax(hit, axis=1)
    return np.where(hit[np.arange(hit.shape[0]), idx], grid[idx], np.nan)


def _first_seen(
    t: FloatArray, y: FloatArray, mask: BoolArray, level: FloatArray, t_row: FloatArray | None
) -> FloatArray:
    """The first time ``y`` was seen at or above ``level`` (inf if never).

    ``t_row``: the one row of times shared by all, when every point is real."""
    hit = y >= level[:, None] - 1e-9
    if t_row is not None and (t_row.size < 2 or bool((np.diff(t_row) > 0).all())):
        idx = np.argmax(hit, axis=1)
        return np.where(hit[np.arange(hit.shape[0]), idx], t_row[idx], np.inf)
    return np.asarray(np.where(mask & hit, t, np.inf).min(axis=1, initial=np.inf))


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
    # Every point real (the usual batch): no masking copies.
    every = t_row is not None and width > 0 and bool(mask.all())
    if every:
        yv = y
        n_pts = np.full(n_curves, width)
        ymax = y.max(axis=1)
        tmax = np.full(n_curves, float(t_row.max()))  # type: ignore[union-attr]
    else:
        t = np.where(mask, t, 0.0)
        yv = np.where(mask, y, 0.0)
        n_pts = mask.sum(axis=1)
        ymax = np.where(mask, y, -np.inf).max(axis=1, initial=-np.inf)
        tmax = np.where(mask, t, -np.inf).max(axis=1, initial=-np.inf)

    # Honest refusals first.
    status = np.zeros(n_curves, dtype=np.int64)
    steps = np.diff(y, axis=1) if every else None
    if steps is not None and bool((steps >= 0).all()):
        # Counts that never fall (cumulative adoption): the distinct ones are the rises, and the first.
        distinct = np.count_nonzero(steps > 0, axis=1) + 1
    else:
        srt = np.sort(np.where(mask, y, np.nan), axis=1)
        distinct = (np.diff(srt, axis=1) > 0).sum(axis=1) + (n_pts > 0)
    status[distinct < MIN_DISTINCT] = TOO_LITTLE_CHANGE
    status[~(ymax > 0)] = NO_ADOPTION
    status[n_pts < MIN_POINTS] = TOO_FEW_POINTS
    status[~(n_scope > 0)] = NO_ADOPTION
    todo = np.flatnonzero(status == OK)

    grid_end = float(np.nanmax(np.where(np.isfinite(tmax), tmax, 0.0))) + horizon if n_curves else horizon
    grid = np.arange(0.0, grid_end + step / 2, step)
    fitted = np.empty((n_curves, grid.size))
    lower = np.empty_like(fitted)
    upper = np.empty_like(fitted)
    everything = todo.size == n_curves
    fits: dict[str, ModelFit] = {}
    n_par = 3 if free_ceiling else 2
    nf = n_pts.astype(np.float64)
    workspace = Workspace.borrow()  # both fits' working arrays, in the same memory
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
                yv if everything else yv[todo],
                mask if everything else mask[todo],
                n_scope[todo],
                free_k=free_ceiling,
                k_low=np.maximum(ymax[todo], 1e-9),
                theta0=start,
                workspace=workspace,
            )
            params[todo], kfit[todo], rss[todo], conv[todo] = result[:4]
            # The covariance from JᵀJ of the fit's last pass: no pass over the points of its own.
            cov[todo] = covariance_from(result.jtj, result.rss, n_pts[todo])
        aicc = np.where(conv, _aicc(rss, nf, n_par), np.nan)
        fits[model] = ModelFit(model, params, kfit, cov, rss, aicc, conv)
    workspace.give_back()

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
    shared_row = t_row[0] if every and t_row is not None else None
    first_seen = {
        target: _first_seen(t, yv, mask, target * n_scope, shared_row)
        for target in (EARLY_ADOPTERS, MAJORITY)
    }
    no_curve = chosen < 0
    fitted[no_curve] = lower[no_curve] = upper[no_curve] = np.nan
    for ci, model in enumerate(MODELS):
        rows = np.flatnonzero(chosen == ci)
        if not rows.size:
            continue
        mf = fits[model]
        theta, kk, cov_rows = mf.params[rows], mf.ceiling[rows], mf.covariance[rows]
        dof = np.maximum(n_pts[rows] - n_par, 1)
        s2 = mf.rss[rows] / dof
        dofs, which = np.unique(dof, return_inverse=True)
        quant = special.stdtrit(dofs, 0.5 + level / 2)[which]  # Student t quantiles
        # Curves first ([curves x grid]), as the results are kept: each curve's numbers come as
        # a column, so every row is written straight into place (no transposing).
        grow = grid[None, :]
        targets = (EARLY_ADOPTERS, MAJORITY)
        crossings = {target: np.empty((2, rows.size)) for target in targets}  # earliest, latest
        # In blocks of curves, so the working arrays stay small and are reused, not faulted in.
        for b0 in range(0, rows.size, BAND_BLOCK):
            blk = slice(b0, b0 + BAND_BLOCK)
            rb = rows[blk]
            fb, lb, hb = _band_at(
                model,
                grow,
                theta[blk, :, None],
                kk[blk, None],
                cov_rows[blk, ..., None],
                s2[blk, None],
                quant[blk, None],
                n_scope[rb, None],
                free_ceiling,
            )
            fitted[rb], lower[rb], upper[rb] = fb, lb, hb
            for target in targets:  # while the block's band is at hand
                lvl = target * n_scope[rb]
                crossings[target][:, blk] = _first_crossing(grid, hb, lvl), _first_crossing(grid, lb, lvl)
        for target, out, rng in ((EARLY_ADOPTERS, t16, r16), (MAJORITY, t50, r50)):
            lvl = target * n_scope[rows]
            seen = first_seen[target][rows]
            est = _time_to_reach(model, lvl, theta, kk)
            out[rows] = np.where(np.isfinite(seen), seen, est)
            # The range always holds the estimate itself (the grid crossings are whole periods).
            early, late = crossings[target]
            early = np.where(np.isnan(early), early, np.fmin(early, out[rows]))
            late = np.where(np.isnan(late), late, np.fmax(late, out[rows]))
            rng[rows, 0] = np.where(np.isfinite(seen), seen, early)
            rng[rows, 1] = np.where(np.isfinite(seen), seen, late)
        if has_plan:
            ptr = np.ascontiguousarray(np.where(pmask[rows], pt[rows], 0.0).T)
            _, plo, phi = _band_at(model, ptr, theta, kk, cov_rows, s2, quant, n_scope[rows], free_ceiling)
            plo, phi = plo.T, phi.T
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
