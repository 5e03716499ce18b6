"""Logistic and Bass diffusion curves fitted to cumulative adoption, many at once.

Every curve in a batch is fitted together: one Levenberg–Marquardt loop in
numpy whose arrays are ``[curves x points]``, so 10,000 curves cost a few dozen
vectorised passes rather than 10,000 calls to ``scipy.optimize.curve_fit``.
Curves that have converged drop out of the loop.

Models (``t`` in periods from the start of the spread, ``K`` the ceiling):

* logistic ``F(t) = K / (1 + exp(-r (t - t0)))`` with parameters ``(r, t0)``;
* Bass ``F(t) = K (1 - e) / (1 + (q/p) e)``, ``e = exp(-(p + q) t)``, with
  parameters ``(p, q)``: innovation and imitation.

``K`` is fixed at the number of sites in scope, or, when asked, estimated as a
third parameter kept between the adoption already seen and the sites in scope.

Least squares, as ``curve_fit``: the estimates agree with it to 1e-6 relative
where both converge, and the parameter covariance is ``curve_fit``'s ``pcov``
(``s² (JᵀJ)⁻¹``, ``s² = RSS / (n - k)``).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

Model = Literal["logistic", "bass"]
MODELS: tuple[Model, ...] = ("logistic", "bass")

_EXP_LIMIT = 700.0
#: Curves fitted together in one block.
CHUNK = 2048


def _clip_exp(x: FloatArray) -> FloatArray:
    return np.exp(np.minimum(x, _EXP_LIMIT))


def logistic(t: FloatArray, r: FloatArray, t0: FloatArray, k: FloatArray) -> FloatArray:
    """Logistic curve; broadcasting over any shapes."""
    return k / (1.0 + _clip_exp(-r * (t - t0)))


def bass(t: FloatArray, p: FloatArray, q: FloatArray, k: FloatArray) -> FloatArray:
    """Bass diffusion curve (cumulative adopters); broadcasting over any shapes."""
    e = _clip_exp(-(p + q) * t)
    return k * (1.0 - e) / (1.0 + (q / p) * e)


def evaluate(model: Model, t: FloatArray, theta: FloatArray, k: FloatArray) -> FloatArray:
    """``F(t)`` for ``theta`` ``[curves x 2]`` at ``t`` ``[curves x points]`` (or broadcastable)."""
    a = theta[:, 0:1]
    b = theta[:, 1:2]
    kk = k.reshape(-1, 1)
    if model == "logistic":
        return logistic(t, a, b, kk)
    return bass(t, a, b, kk)


def value_and_jacobian(
    model: Model, t: FloatArray, theta: FloatArray, k: FloatArray, free_k: bool
) -> tuple[FloatArray, FloatArray]:
    """``F`` ``[curves x points]`` and its Jacobian ``[params x curves x points]``.

    The parameters are the model's two, then ``K`` when ``free_k``.  The
    parameter axis comes first so that each column is one contiguous block."""
    a = theta[:, 0:1]
    b = theta[:, 1:2]
    kk = k.reshape(-1, 1)
    n_par = 3 if free_k else 2
    jac = np.empty((n_par, *np.broadcast_shapes(t.shape, a.shape)))
    if model == "logistic":
        # s = 1 / (1 + exp(-r (t - t0)));  dF/dr = K s (1-s) (t - t0);  dF/dt0 = -K s (1-s) r
        d = t - b
        s = 1.0 / (1.0 + _clip_exp(-a * d))
        f = kk * s
        ks1s = f * (1.0 - s)
        np.multiply(ks1s, d, out=jac[0])
        np.multiply(ks1s, -a, out=jac[1])
        if free_k:
            jac[2] = s
        return f, jac
    # Bass: F = K g,  g = (1 - e) / (1 + c e),  e = exp(-(p+q) t),  c = q / p
    p, q = a, b
    e = _clip_exp(-(p + q) * t)
    c = q / p
    den = 1.0 + c * e
    g = (1.0 - e) / den
    f = kk * g
    inv2 = kk / (den * den)
    # K dg/de de/dp (de/dp = de/dq = -t e), and K dg/dc (dc/dp = -q/p², dc/dq = 1/p)
    common = (1.0 + c) * inv2 * t * e
    dc = -(1.0 - e) * e * inv2
    np.add(common, dc * (-q / (p * p)), out=jac[0])
    np.add(common, dc / p, out=jac[1])
    if free_k:
        jac[2] = g
    return f, jac


def _solve(a: FloatArray, b: FloatArray) -> FloatArray:
    """Solve each small system; a singular one (a parameter with no effect) by pseudo-inverse."""
    try:
        return np.asarray(np.linalg.solve(a, b[..., None])[..., 0], dtype=np.float64)
    except np.linalg.LinAlgError:
        with np.errstate(all="ignore"):
            inv = np.linalg.pinv(np.nan_to_num(a))
            return np.asarray(np.einsum("nij,nj->ni", inv, np.nan_to_num(b)), dtype=np.float64)


def normal_equations(jac: FloatArray, res: FloatArray | None = None) -> tuple[FloatArray, FloatArray | None]:
    """``JᵀJ`` ``[curves x k x k]`` and ``Jᵀr`` ``[curves x k]`` from a ``[k x curves x points]`` Jacobian."""
    k = jac.shape[0]
    jtj = np.empty((jac.shape[1], k, k))
    for i in range(k):
        for j in range(i, k):
            v = np.einsum("ij,ij->i", jac[i], jac[j])
            jtj[:, i, j] = v
            jtj[:, j, i] = v
    if res is None:
        return jtj, None
    g = np.stack([np.einsum("ij,ij->i", jac[i], res) for i in range(k)], axis=1)
    return jtj, g


def bass_from_logistic(theta: FloatArray) -> FloatArray:
    """Bass ``(p, q)`` with the logistic's slope and midpoint (close when ``p`` is small)."""
    r = np.clip(theta[:, 0], 0.02, 5.0)
    ratio = _clip_exp(np.clip(r * theta[:, 1], -30.0, 30.0))
    p = np.maximum(r / (1.0 + ratio), 1e-6)
    q = np.maximum(r - p, 1e-6)
    return np.stack([p, q], axis=1)


def initial_guess(model: Model, t: FloatArray, y: FloatArray, mask: BoolArray, k: FloatArray) -> FloatArray:
    """Starting values from a straight line through the logit of ``y / K``.

    The Bass start matches the logistic's slope and midpoint (a Bass curve
    with small ``p`` is close to a logistic with ``r = p + q``)."""
    kk = k.reshape(-1, 1)
    frac = np.clip(y / kk, 0.5 / kk, 1.0 - 0.5 / kk)
    z = np.log(frac / (1.0 - frac))
    w = mask.astype(np.float64)
    nw = np.maximum(w.sum(axis=1, keepdims=True), 1.0)
    tm = (t * w).sum(axis=1, keepdims=True) / nw
    zm = (z * w).sum(axis=1, keepdims=True) / nw
    sxx = (w * (t - tm) ** 2).sum(axis=1)
    sxz = (w * (t - tm) * (z - zm)).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(sxx > 0, sxz / sxx, 0.1)
    r = np.clip(np.nan_to_num(r, nan=0.1), 0.02, 5.0)
    t0 = tm[:, 0] - zm[:, 0] / r
    start = np.stack([r, t0], axis=1)
    return start if model == "logistic" else bass_from_logistic(start)


def fit(
    model: Model,
    t: FloatArray,
    y: FloatArray,
    mask: BoolArray,
    k: FloatArray,
    *,
    free_k: bool = False,
    k_low: FloatArray | None = None,
    theta0: FloatArray | None = None,
    max_iter: int = 100,
    tol: float = 1e-9,
    xtol: float = 1e-10,
) -> tuple[FloatArray, FloatArray, FloatArray, BoolArray]:
    """Least-squares fit of every curve at once.

    ``t``, ``y``, ``mask``: ``[curves x points]`` (``mask`` marks real points).
    ``k``: the ceiling per curve (the upper bound when ``free_k``).

    Returns ``(theta, k, rss, converged)`` with ``theta`` ``[curves x 2]``.
    """
    n = y.shape[0]
    if n > CHUNK:
        # Blocks small enough for each temporary array to stay in the processor's cache.
        parts = [
            fit(
                model,
                t[i : i + CHUNK],
                y[i : i + CHUNK],
                mask[i : i + CHUNK],
                np.asarray(k, dtype=np.float64)[i : i + CHUNK],
                free_k=free_k,
                k_low=None if k_low is None else np.asarray(k_low)[i : i + CHUNK],
                theta0=None if theta0 is None else theta0[i : i + CHUNK],
                max_iter=max_iter,
                tol=tol,
                xtol=xtol,
            )
            for i in range(0, n, CHUNK)
        ]
        return (
            np.concatenate([p[0] for p in parts]),
            np.concatenate([p[1] for p in parts]),
            np.concatenate([p[2] for p in parts]),
            np.concatenate([p[3] for p in parts]),
        )
    k = np.asarray(k, dtype=np.float64).copy()
    kmax = k.copy()
    klo = np.zeros(n) if k_low is None else np.asarray(k_low, dtype=np.float64)
    theta2 = initial_guess(model, t, y, mask, k) if theta0 is None else theta0.copy()
    n_par = 3 if free_k else 2
    theta = np.concatenate([theta2, k[:, None]], axis=1) if free_k else theta2
    # Bass's p is fitted as log p: it ranges over orders of magnitude, and a
    # step in p near 0 is badly scaled.  The minimum is the same point.
    log_first = model == "bass"
    if log_first:
        theta[:, 0] = np.log(np.maximum(theta[:, 0], 1e-300))
    lower = np.array([np.log(1e-10), 0.0]) if log_first else np.array([1e-9, -np.inf])
    lo = np.concatenate([lower, [0.0]]) if free_k else lower
    full = bool(mask.all())
    w_all = None if full else mask.astype(np.float64)
    yw_all = y if full else np.where(mask, y, 0.0)

    # Working copies of the curves still being fitted, compacted as curves finish.
    active = np.arange(n)
    t_a, y_a, w_a = t, yw_all, w_all
    k_a, klo_a, kmax_a = k, klo, kmax

    def residuals(th: FloatArray) -> tuple[FloatArray, FloatArray]:
        kk = th[:, 2] if free_k else k_a
        if log_first:
            pq = np.stack([np.exp(th[:, 0]), th[:, 1]], axis=1)
            f, jac = value_and_jacobian(model, t_a, pq, kk, free_k)
            jac[0] *= pq[:, 0:1]
        else:
            f, jac = value_and_jacobian(model, t_a, th[:, :2], kk, free_k)
        res = y_a - f
        if w_a is not None:
            res *= w_a
            jac *= w_a
        return res, jac

    def clamp(th: FloatArray) -> FloatArray:
        th = np.maximum(th, lo)
        if free_k:
            th[:, 2] = np.clip(th[:, 2], klo_a, kmax_a)
        return th

    theta = clamp(theta)
    lam = np.full(n, 1e-7)
    stalled = np.zeros(n, dtype=bool)
    converged = np.zeros(n, dtype=bool)
    rss = np.empty(n)
    res, jac = residuals(theta)
    rss_a = np.einsum("ij,ij->i", res, res)
    theta_a, lam_a, stalled_a = theta, lam, stalled
    eye = np.eye(n_par)
    for _ in range(max_iter):
        jtj, g = normal_equations(jac, res)
        assert g is not None
        diag = np.einsum("ikk->ik", jtj)
        # Converged where the residuals are orthogonal to the Jacobian's columns
        # (MINPACK's gtol test), or the fit is exact.  A step that no longer
        # lowers the sum of squares stops the fit only where the gradient is
        # already at rounding level.
        cosine = np.abs(g) / np.sqrt(np.maximum(diag * rss_a[:, None], 1e-300))
        # At a lower bound, a gradient pointing out of the allowed region is no reason to go on.
        cosine[(theta_a <= lo + 1e-9 * np.abs(np.where(np.isfinite(lo), lo, 0.0))) & (g < 0)] = 0.0
        worst = cosine.max(axis=1)
        exact = rss_a <= 1e-24 * np.maximum(1.0, k_a**2)
        good = (worst <= 1e3 * tol) | exact
        # ... and where the Gauss–Newton step that would follow is below
        # ``xtol`` of the parameters: the gradient alone can be tiny along a
        # badly determined direction while the estimate is still moving.
        with np.errstate(all="ignore"):
            gn = _solve(jtj, g)
        gn[(theta_a <= lo + 1e-9 * np.abs(np.where(np.isfinite(lo), lo, 0.0))) & (g < 0)] = 0.0
        small_step = (np.abs(gn) <= xtol * (np.abs(theta_a) + xtol)).all(axis=1)
        done = ((worst <= tol) & small_step) | exact | (stalled_a & good) | (lam_a > 1e14)
        if done.any():
            fin = active[done]
            theta[fin] = theta_a[done]
            rss[fin] = rss_a[done]
            converged[fin] = good[done]
            keep = ~done
            if not keep.any():
                active = active[keep]
                break
            active = active[keep]
            theta_a, lam_a, rss_a = theta_a[keep], lam_a[keep], rss_a[keep]
            res, jac = res[keep], jac[:, keep]
            jtj, g, diag = jtj[keep], g[keep], diag[keep]
            t_a, y_a, k_a = t_a[keep], y_a[keep], k_a[keep]
            if w_a is not None:
                w_a = w_a[keep]
            if free_k:
                klo_a, kmax_a = klo_a[keep], kmax_a[keep]
        damp = lam_a[:, None, None] * (diag[:, :, None] * eye + 1e-12 * eye)
        system = jtj + damp
        # Hold a parameter at its bound where the descent direction points past it.
        held = (theta_a <= lo + 1e-9 * np.abs(np.where(np.isfinite(lo), lo, 0.0))) & (g < 0)
        if held.any():
            rows = held.any(axis=1)
            sub = system[rows]
            h = held[rows]
            sub[h[:, :, None] | h[:, None, :]] = 0.0
            sub[:, np.arange(n_par), np.arange(n_par)] += h
            system[rows] = sub
            g = np.where(held, 0.0, g)
        step = _solve(system, g)
        trial = clamp(theta_a + step)
        new_res, new_jac = residuals(trial)
        new_rss = np.einsum("ij,ij->i", new_res, new_res)
        better = np.isfinite(new_rss) & (new_rss <= rss_a)
        stalled_a = ~better | (rss_a - new_rss <= 1e-14 * rss_a)
        lam_a = np.where(better, np.maximum(lam_a / 10.0, 1e-15), lam_a * 4.0)
        worse = ~better
        theta_a = np.where(better[:, None], trial, theta_a)
        rss_a = np.where(better, new_rss, rss_a)
        if worse.any():
            new_res[worse] = res[worse]
            new_jac[:, worse] = jac[:, worse]
        res, jac = new_res, new_jac
    if active.size:
        theta[active] = theta_a
        rss[active] = rss_a
    if log_first:
        theta[:, 0] = np.exp(theta[:, 0])
    kk = theta[:, 2] if free_k else k
    return theta[:, :2].copy(), kk.copy(), rss, converged


def covariance(
    model: Model,
    t: FloatArray,
    mask: BoolArray,
    theta: FloatArray,
    k: FloatArray,
    rss: FloatArray,
    free_k: bool,
) -> FloatArray:
    """``curve_fit``'s ``pcov``: ``s² (JᵀJ)⁻¹`` with ``s² = RSS / (n - p)``; NaN where singular."""
    _, jac = value_and_jacobian(model, t, theta, k, free_k)
    jac *= mask
    jtj, _ = normal_equations(jac)
    n_par = jac.shape[0]
    dof = mask.sum(axis=1) - n_par
    s2 = np.where(dof > 0, rss / np.maximum(dof, 1), np.nan)
    out = np.full_like(jtj, np.nan)
    # Equilibrated first (unit diagonal): Bass's p and q differ by orders of magnitude, and
    # inverting JᵀJ as it stands would lose the small parameter's variance to rounding.
    diag = np.einsum("ikk->ik", jtj)
    ok = np.isfinite(diag).all(axis=1) & (diag > 0).all(axis=1)
    scale = np.where(ok[:, None], 1.0 / np.sqrt(np.where(ok[:, None], diag, 1.0)), 0.0)
    unit = jtj * scale[:, :, None] * scale[:, None, :]
    det = np.linalg.det(unit)
    ok &= np.isfinite(det) & (np.abs(det) > 1e-14)
    if ok.any():
        inv = np.linalg.inv(unit[ok])
        out[ok] = inv * scale[ok][:, :, None] * scale[ok][:, None, :] * s2[ok][:, None, None]
    return out


def time_to_reach(model: Model, level: FloatArray, theta: FloatArray, k: FloatArray) -> FloatArray:
    """When the curve reaches ``level`` adopters (NaN if it never does)."""
    a, b = theta[:, 0], theta[:, 1]
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        f = level / k
        ok = (f > 0) & (f < 1)
        if model == "logistic":
            out = b + np.log(f / (1.0 - f)) / a
        else:
            e = (1.0 - f) / (1.0 + f * b / a)
            out = -np.log(e) / (a + b)
    return np.where(ok & np.isfinite(out), out, np.nan)
