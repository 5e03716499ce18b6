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

from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

Model = Literal["logistic", "bass"]
MODELS: tuple[Model, ...] = ("logistic", "bass")

_EXP_LIMIT = 700.0


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
    """Solve each small system ``a x = b`` (``a`` ``[curves x k x k]``, ``k`` 2 or 3) in closed form.

    Cramer's rule on the whole batch at once: a batched LAPACK call spends
    most of its time on per-matrix overhead for systems this small.  Rows that
    are singular (a parameter with no effect) are solved by pseudo-inverse."""
    k = a.shape[-1]
    with np.errstate(all="ignore"):
        if k == 2:
            a00, a01, a10, a11 = a[:, 0, 0], a[:, 0, 1], a[:, 1, 0], a[:, 1, 1]
            det = a00 * a11 - a01 * a10
            x = np.stack(
                [(b[:, 0] * a11 - a01 * b[:, 1]) / det, (a00 * b[:, 1] - a10 * b[:, 0]) / det], axis=1
            )
            scale = np.abs(a00 * a11) + np.abs(a01 * a10)
        elif k == 3:
            c0 = np.cross(a[:, :, 1], a[:, :, 2])
            c1 = np.cross(a[:, :, 2], a[:, :, 0])
            c2 = np.cross(a[:, :, 0], a[:, :, 1])
            det = np.einsum("ij,ij->i", a[:, :, 0], c0)
            x = np.stack([np.einsum("ij,ij->i", b, c) for c in (c0, c1, c2)], axis=1) / det[:, None]
            scale = np.abs(a[:, 0, 0] * a[:, 1, 1] * a[:, 2, 2]) + np.abs(det)
        else:  # pragma: no cover - the models have two or three parameters
            return np.asarray(np.linalg.solve(a, b[..., None])[..., 0], dtype=np.float64)
    bad = ~(np.isfinite(x).all(axis=1) & (np.abs(det) > 1e-13 * scale))
    if bad.any():
        with np.errstate(all="ignore"):
            inv = np.linalg.pinv(np.nan_to_num(a[bad]))
            x[bad] = np.einsum("nij,nj->ni", inv, np.nan_to_num(b[bad]))
    return np.asarray(x, dtype=np.float64)


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
    """Starting values from a weighted straight line through the logit of ``y / K``.

    The Bass start matches the logistic's slope and midpoint (a Bass curve
    with small ``p`` is close to a logistic with ``r = p + q``)."""
    kk = k.reshape(-1, 1)
    frac = np.clip(y / kk, 0.5 / kk, 1.0 - 0.5 / kk)
    z = np.log(frac / (1.0 - frac))
    # Weighted by (f (1 - f))², the inverse of the logit's variance for errors of
    # constant size: the long flat runs of "none yet" no longer flatten the slope.
    w = mask * (frac * (1.0 - frac)) ** 2
    nw = w.sum(axis=1, keepdims=True)
    nw[nw <= 0] = 1.0
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


def _dots(a: FloatArray, b: FloatArray) -> FloatArray:
    return np.asarray(np.einsum("ij,ij->i", a, b), dtype=np.float64)


def moments(
    model: Model,
    t: FloatArray,
    y: FloatArray,
    w: FloatArray | None,
    theta: FloatArray,
    k: FloatArray,
    free_k: bool,
    *,
    log_p: bool = True,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Sum of squares, ``JᵀJ`` and ``Jᵀr`` of every curve at ``theta``, without forming ``J``.

    ``t`` is ``[curves x points]`` or one shared row ``[1 x points]``; ``w``
    zero-weights padding (``None`` when every point is real).  ``theta`` is
    ``(r, t0)`` for the logistic and ``(log p, q)`` for Bass (``(p, q)`` when
    ``log_p`` is false), then ``K`` when ``free_k``.

    Each model's Jacobian columns are fixed per-curve combinations of two
    "basis" vectors over the points (plus ``F / K`` for a free ceiling):

    * logistic, with ``s = 1 / (1 + exp(-r (t - t0)))`` and ``u = K s (1 - s)``:
      ``dF/dr = u t - t0 u`` and ``dF/dt0 = -r u``, so the basis is ``u``, ``u t``;
    * Bass, with ``e = exp(-(p + q) t)``, ``c = q / p``, ``D = 1 + c e`` and
      ``A = K e / D²``: ``dF/dp = (1 + c) A t + (c / p) A (1 - e)`` and
      ``dF/dq = (1 + c) A t - (1 / p) A (1 - e)``, so the basis is ``A t``,
      ``A (1 - e)`` (and ``dF/d log p = p dF/dp``).

    So a pass over the points costs about fifteen array operations and a few
    dot products (the basis's Gram matrix and its products with the residuals);
    ``JᵀJ = L G Lᵀ`` and ``Jᵀr = L b`` follow from the small per-curve ``L``.
    """
    n = theta.shape[0]
    dt = y.dtype  # the arrays over points may be single precision; per-curve numbers follow them
    kk = (theta[:, 2] if free_k else k)[:, None].astype(dt)
    one = np.ones(n)
    zero = np.zeros(n)
    if model == "logistic":
        r, t0 = theta[:, 0:1], theta[:, 1:2]
        x = t * (-r).astype(dt)
        x += (r * t0).astype(dt)
        np.exp(x, out=x)  # may overflow to inf: then s is 0, as it should be
        x += 1.0
        s = np.reciprocal(x, out=x)
        f = kk * s
        v1 = 1.0 - s
        v1 *= f
        v2 = v1 * t
        third = s
        rows = [[-t0[:, 0], one], [-r[:, 0], zero]]
    else:
        p = np.exp(theta[:, 0:1]) if log_p else theta[:, 0:1]
        q = theta[:, 1:2]
        c = q / p
        e = t * (-(p + q)).astype(dt)
        if t.min(initial=0.0) < 0:
            np.minimum(e, _EXP_LIMIT if dt == np.float64 else 80.0, out=e)
        np.exp(e, out=e)
        inv_d = c.astype(dt) * e
        inv_d += 1.0
        np.reciprocal(inv_d, out=inv_d)
        h = 1.0 - e
        g = h * inv_d
        f = kk * g
        a = e
        a *= kk
        a *= inv_d
        a *= inv_d
        v1 = a * t
        v2 = a
        v2 *= h
        third = g
        pc, cc, pp = (1.0 + c)[:, 0], c[:, 0], p[:, 0]
        first = [pp * pc, cc] if log_p else [pc, cc / pp]
        rows = [first, [pc, -1.0 / pp]]
    res = y - f
    basis = [v1, v2]
    if free_k:
        basis.append(third)
        rows = [[*row, zero] for row in rows]
        rows.append([zero, zero, one])
    if w is not None:
        res *= w
        for v in basis:
            v *= w
    nb = len(basis)
    gram = np.empty((n, nb, nb))
    for i in range(nb):
        for j in range(i, nb):
            gram[:, i, j] = gram[:, j, i] = _dots(basis[i], basis[j])
    b = np.stack([_dots(v, res) for v in basis], axis=1)
    lmat = np.stack([np.stack(row, axis=1) for row in rows], axis=1)  # [curves x params x basis]
    jtj = np.matmul(np.matmul(lmat, gram), lmat.transpose(0, 2, 1))
    grad = np.einsum("npb,nb->np", lmat, b)
    return _dots(res, res), jtj, grad


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

    ``t``: ``[curves x points]``, or one row ``[1 x points]`` shared by all;
    ``y``, ``mask``: ``[curves x points]`` (``mask`` marks real points).
    ``k``: the ceiling per curve (the upper bound when ``free_k``).

    Levenberg–Marquardt on the whole batch: each pass evaluates the sums of
    squares and normal equations of every curve still being fitted
    (:func:`moments`), solves the 2×2 or 3×3 systems in closed form, and
    keeps each curve's step only where it lowered that curve's sum of
    squares.  Curves that have converged drop out.

    Returns ``(theta, k, rss, converged)`` with ``theta`` ``[curves x 2]``.
    """
    n = y.shape[0]
    shared_t = t.shape[0] == 1 and n != 1
    k = np.asarray(k, dtype=np.float64).copy()
    klo = np.zeros(n) if k_low is None else np.asarray(k_low, dtype=np.float64)
    t_full = np.broadcast_to(t, y.shape)
    theta2 = initial_guess(model, t_full, y, mask, k) if theta0 is None else theta0.copy()
    theta = np.concatenate([theta2, k[:, None]], axis=1) if free_k else theta2
    # Bass's p is fitted as log p: it ranges over orders of magnitude, and a
    # step in p near 0 is badly scaled.  The minimum is the same point.
    log_first = model == "bass"
    if log_first:
        theta[:, 0] = np.log(np.maximum(theta[:, 0], 1e-300))
    lower = np.array([np.log(1e-10), 0.0]) if log_first else np.array([1e-9, -np.inf])
    lo = np.concatenate([lower, [0.0]]) if free_k else lower
    full = bool(mask.all())
    w = None if full else mask.astype(np.float64)
    y_full = y if full else np.where(mask, y, 0.0)
    t_use = t if shared_t else np.ascontiguousarray(t_full)
    problem = _Problem(model, t_use, shared_t, y_full, w, k, klo, free_k, lo)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        theta = problem.clamp(theta, np.arange(n))
        if n >= ROUGH_FROM:
            # A rough pass in single precision (a third of the cost per point) brings every
            # curve close; the double-precision pass then only polishes, and alone decides
            # convergence, so the answers are those of a double-precision fit.
            rough, _, _ = problem.run(theta, np.float32, tol=ROUGH_TOL, xtol=ROUGH_TOL, max_iter=ROUGH_ITER)
            theta = np.where(np.isfinite(rough), rough, theta)
        theta, rss, converged = problem.run(theta, np.float64, tol=tol, xtol=xtol, max_iter=max_iter)
    if log_first:
        theta[:, 0] = np.exp(theta[:, 0])
    kk = theta[:, 2] if free_k else k
    return theta[:, :2].copy(), kk.copy(), rss, converged


#: Batches at least this large get a rough single-precision pass first.
ROUGH_FROM = 64
ROUGH_TOL = 1e-5
ROUGH_ITER = 12


class _Problem:
    """The data of one batch fit, and the Levenberg–Marquardt loop over it."""

    def __init__(
        self,
        model: Model,
        t: FloatArray,
        shared_t: bool,
        y: FloatArray,
        w: FloatArray | None,
        k: FloatArray,
        klo: FloatArray,
        free_k: bool,
        lo: FloatArray,
    ) -> None:
        self.model, self.t, self.shared_t, self.y, self.w = model, t, shared_t, y, w
        self.k, self.klo, self.free_k, self.lo = k, klo, free_k, lo
        self.lo_edge = lo + 1e-9 * np.abs(np.where(np.isfinite(lo), lo, 0.0))

    def clamp(self, th: FloatArray, rows: NDArray[np.intp]) -> FloatArray:
        th = np.maximum(th, self.lo)
        if self.free_k:
            th[:, 2] = np.clip(th[:, 2], self.klo[rows], self.k[rows])
        return th

    def run(
        self, theta: FloatArray, dtype: type[np.floating[Any]], *, tol: float, xtol: float, max_iter: int
    ) -> tuple[FloatArray, FloatArray, BoolArray]:
        """Iterate every curve from ``theta`` (internal parameters); ``(theta, rss, converged)``.

        The arrays over points are held in ``dtype``; the small per-curve
        systems are always solved in double precision."""
        model, free_k, lo_edge = self.model, self.free_k, self.lo_edge
        n, n_par = theta.shape
        theta = theta.copy()
        active = np.arange(n)
        y_a = self.y.astype(dtype, copy=False)
        t_a = self.t.astype(dtype, copy=False)
        w_a = None if self.w is None else self.w.astype(dtype, copy=False)
        k_a = self.k

        def evaluate(th: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
            r, a, b = moments(model, t_a, y_a, w_a, th, k_a, free_k)
            return r.astype(np.float64), a.astype(np.float64), b.astype(np.float64)

        converged = np.zeros(n, dtype=bool)
        rss = np.empty(n)
        eye = np.eye(n_par)
        theta_a = theta.copy()
        lam_a = np.full(n, 1e-7)
        stalled_a = np.zeros(n, dtype=bool)
        rss_a, jtj, g = evaluate(theta_a)
        for _ in range(max_iter):
            diag = np.einsum("ikk->ik", jtj)
            # At a lower bound, a gradient pointing out of the allowed region is no reason to go on.
            held = (theta_a <= lo_edge) & (g < 0)
            # Converged where the residuals are orthogonal to the Jacobian's columns
            # (MINPACK's gtol test), or the fit is exact.  A step that no longer
            # lowers the sum of squares stops the fit only where the gradient is
            # already at rounding level.
            cosine = np.abs(g) / np.sqrt(np.maximum(diag * rss_a[:, None], 1e-300))
            cosine[held] = 0.0
            worst = cosine.max(axis=1)
            exact = rss_a <= 1e-24 * np.maximum(1.0, k_a**2)
            good = (worst <= 1e3 * tol) | exact
            # ... and where the Gauss–Newton step that would follow is below
            # ``xtol`` of the parameters: the gradient alone can be tiny along a
            # badly determined direction while the estimate is still moving.
            gn = _solve(jtj, g)
            gn[held] = 0.0
            small_step = (np.abs(gn) <= xtol * (np.abs(theta_a) + xtol)).all(axis=1)
            done = ((worst <= tol) & small_step) | exact | (stalled_a & good) | (lam_a > 1e14)
            if done.any():
                fin = active[done]
                theta[fin] = theta_a[done]
                rss[fin] = rss_a[done]
                converged[fin] = good[done]
                keep = ~done
                active = active[keep]
                if not keep.any():
                    break
                theta_a, lam_a, rss_a, stalled_a = theta_a[keep], lam_a[keep], rss_a[keep], stalled_a[keep]
                jtj, g, diag, held = jtj[keep], g[keep], diag[keep], held[keep]
                y_a, k_a = y_a[keep], k_a[keep]
                if not self.shared_t:
                    t_a = t_a[keep]
                if w_a is not None:
                    w_a = w_a[keep]
            system = jtj + lam_a[:, None, None] * (diag[:, :, None] * eye + 1e-12 * eye)
            # Hold a parameter at its bound where the descent direction points past it.
            if held.any():
                hold_rows = held.any(axis=1)
                sub = system[hold_rows]
                h = held[hold_rows]
                sub[h[:, :, None] | h[:, None, :]] = 0.0
                sub[:, np.arange(n_par), np.arange(n_par)] += h
                system[hold_rows] = sub
                g = np.where(held, 0.0, g)
            trial = self.clamp(theta_a + _solve(system, g), active)
            new_rss, new_jtj, new_g = evaluate(trial)
            better = np.isfinite(new_rss) & (new_rss <= rss_a)
            stalled_a = ~better | (rss_a - new_rss <= 1e-14 * rss_a)
            lam_a = np.where(better, np.maximum(lam_a / 10.0, 1e-15), lam_a * 4.0)
            theta_a = np.where(better[:, None], trial, theta_a)
            rss_a = np.where(better, new_rss, rss_a)
            jtj = np.where(better[:, None, None], new_jtj, jtj)
            g = np.where(better[:, None], new_g, g)
        else:
            theta[active] = theta_a
            rss[active] = rss_a
        return theta, rss, converged


def covariance(
    model: Model,
    t: FloatArray,
    mask: BoolArray,
    theta: FloatArray,
    k: FloatArray,
    rss: FloatArray,
    free_k: bool,
) -> FloatArray:
    """``curve_fit``'s ``pcov``: ``s² (JᵀJ)⁻¹`` with ``s² = RSS / (n - p)``; NaN where singular.

    ``theta`` is ``(r, t0)`` or ``(p, q)``; ``t`` may be one shared row."""
    th = np.concatenate([theta, k[:, None]], axis=1) if free_k else theta
    w = None if bool(mask.all()) else mask.astype(np.float64)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        _, jtj, _ = moments(model, t, np.zeros(mask.shape), w, th, k, free_k, log_p=False)
    n_par = jtj.shape[1]
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
