"""Logistic and Bass diffusion curves fitted to cumulative adoption, many at once.

Every curve in a batch is fitted together: one damped Newton loop in numpy
(Levenberg–Marquardt damping, Gauss–Newton steps where the Hessian is not
positive definite) whose arrays are ``[points x curves]``, so 10,000 curves cost
a handful of vectorised passes rather than 10,000 calls to
``scipy.optimize.curve_fit``.  A rough single-precision run brings large
batches close; the double-precision run alone decides convergence.  Curves
that have converged drop out of the loop.

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

import threading
from typing import Any, Literal, NamedTuple

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


#: Where entry ``(i, j)`` of a symmetric 2×2 or 3×3 matrix is kept when packed as
#: ``[entries x curves]``: one contiguous row per entry, so the per-curve algebra
#: is a few operations on long rows rather than work on a stack of tiny matrices.
PACKED: dict[int, tuple[tuple[int, ...], ...]] = {2: ((0, 1), (1, 2)), 3: ((0, 1, 2), (1, 3, 4), (2, 4, 5))}


def pack(a: FloatArray) -> FloatArray:
    """``[curves x k x k]`` symmetric matrices as ``[entries x curves]``."""
    k = a.shape[1]
    return np.stack([a[:, i, j] for i in range(k) for j in range(i, k)])


def unpack(a: FloatArray, k: int) -> FloatArray:
    """``[entries x curves]`` back to ``[curves x k x k]``."""
    idx = PACKED[k]
    return np.stack([np.stack([a[idx[i][j]] for j in range(k)], axis=1) for i in range(k)], axis=1)


def _cofactors(a: FloatArray, k: int) -> tuple[list[list[FloatArray]], FloatArray]:
    """Cofactors ``C[i][j]`` and determinant of each packed symmetric matrix, written out."""
    if k == 2:
        a00, a01, a11 = a[0], a[1], a[2]
        return [[a11, -a01], [-a01, a00]], a00 * a11 - a01 * a01
    a00, a01, a02, a11, a12, a22 = a
    c00 = a11 * a22 - a12 * a12
    c01 = a12 * a02 - a01 * a22
    c02 = a01 * a12 - a11 * a02
    c11 = a00 * a22 - a02 * a02
    c12 = a01 * a02 - a00 * a12
    c22 = a00 * a11 - a01 * a01
    det = a00 * c00 + a01 * c01 + a02 * c02
    return [[c00, c01, c02], [c01, c11, c12], [c02, c12, c22]], det


def _solve(a: FloatArray, b: FloatArray) -> FloatArray:
    """Solve each small symmetric system ``a x = b``.

    ``a`` is packed ``[entries x curves]`` (:data:`PACKED`), ``b`` ``[k x curves]``.

    Cramer's rule written out over the whole batch: ``np.linalg`` on a stack of
    2×2 or 3×3 matrices spends most of its time on per-matrix overhead.  Rows
    that are singular (a parameter with no effect) are solved by pseudo-inverse."""
    k = b.shape[0]
    with np.errstate(all="ignore"):
        cof, det = _cofactors(a, k)
        x = np.empty_like(b)
        for i in range(k):
            acc = cof[i][0] * b[0]
            for j in range(1, k):
                acc += cof[i][j] * b[j]
            x[i] = acc / det
        diag = [a[PACKED[k][i][i]] for i in range(k)]
        scale = np.abs(diag[0] * diag[1] * (diag[2] if k == 3 else 1.0)) + np.abs(det)
        good = np.isfinite(x).all(axis=0) & (np.abs(det) > 1e-13 * scale)
    if not good.all():
        bad = ~good
        with np.errstate(all="ignore"):
            inv = np.linalg.pinv(np.nan_to_num(unpack(a[:, bad], k)))
            x[:, bad] = np.einsum("nij,jn->in", inv, np.nan_to_num(b[:, bad]))
    return x


def _inverse(a: FloatArray, k: int) -> tuple[FloatArray, FloatArray]:
    """The inverse of each packed symmetric matrix written out (packed), and its determinant."""
    with np.errstate(all="ignore"):
        cof, det = _cofactors(a, k)
        return np.stack([cof[i][j] / det for i in range(k) for j in range(i, k)]), det


def _positive_definite(a: FloatArray, k: int) -> BoolArray:
    """Which packed symmetric matrices are positive definite (leading minors)."""
    ok = (a[0] > 0) & (a[0] * a[PACKED[k][1][1]] - a[1] * a[1] > 0)
    if k == 3:
        ok &= _cofactors(a, 3)[1] > 0
    return np.asarray(ok, dtype=bool)


#: Bass's lower bound for ``p``: a practice whose first sites adopt only in the last months
#: fits a ``p`` orders of magnitude below a typical one (decision 129).
P_FLOOR = 1e-10


def bass_from_logistic(theta: FloatArray) -> FloatArray:
    """Bass ``(p, q)`` with the logistic's slope and midpoint (close when ``p`` is small).

    ``p`` is kept no lower than the fit's own bound, which a late start needs."""
    r = np.clip(theta[:, 0], 0.02, 5.0)
    ratio = _clip_exp(np.clip(r * theta[:, 1], -30.0, 30.0))
    p = np.maximum(r / (1.0 + ratio), P_FLOOR)
    q = np.maximum(r - p, 1e-6)
    return np.stack([p, q], axis=1)


#: Columns per matrix product in :meth:`_Points.moments` (3 × points × columns stays below
#: the 262,144 multiply-adds from which OpenBLAS splits a product between threads).
MOMENT_BLOCK = 2048
#: Bass's exponent is cut no nearer than this to ``-log c``: the term ``c e`` so left out is
#: below ``exp(-CAP_MARGIN)``.
CAP_MARGIN = 10.0
#: The largest exponent kept, by precision: safely below where ``exp`` overflows.
MAX_EXP = {"f": 80.0, "d": 700.0}


#: A thread keeps the working memory of its last forecast up to this size (enough for
#: 10,000 curves of 36 points; a larger batch's is let go).
KEEP_BYTES = 48 * 2**20
_kept = threading.local()


class Workspace:
    """Working memory for the passes of one batch, shared by its fits.

    Each fit's working arrays take numbered slots of raw memory (a slot seen as
    single or double precision alike), so both models and both precisions of one
    :func:`~mobilise.spread.forecast.forecast_batch` call fault their pages in
    once rather than four times.  One call's own: never shared between threads."""

    def __init__(self) -> None:
        self._slots: list[NDArray[np.uint8]] = []

    @staticmethod
    def borrow() -> Workspace:
        """This thread's kept workspace (see :meth:`give_back`), or a new one."""
        ws: Workspace | None = getattr(_kept, "workspace", None)
        _kept.workspace = None  # a nested call gets a workspace of its own
        return Workspace() if ws is None else ws

    def give_back(self) -> None:
        """Keep this workspace for the thread's next call, unless it is large.

        A new workspace per call would be handed back to the operating system
        and faulted in again (or not, as the allocator decides); kept, the next
        batch of the same size finds its pages in place."""
        if sum(slot.size for slot in self._slots) <= KEEP_BYTES:
            _kept.workspace = self

    def slot(self, i: int, n: int, dtype: np.dtype[Any]) -> FloatArray:
        """Slot ``i`` as ``n`` numbers of ``dtype`` (contents undefined)."""
        nbytes = -(-n * dtype.itemsize // 8) * 8
        while len(self._slots) <= i:
            self._slots.append(np.empty(0, dtype=np.uint8))
        if self._slots[i].size < nbytes:
            self._slots[i] = np.empty(nbytes, dtype=np.uint8)
        out: FloatArray = self._slots[i][:nbytes].view(dtype)[:n]
        return out


class _Points:
    """The arrays over the points of a batch, held points-first (``[points x curves]``).

    Points-first, every per-curve number broadcasts along the contiguous axis
    and the times (one shared column, or one column per curve) along the other,
    so each array operation is one long vectorised loop; sums over the points
    are a matrix-vector product or a column-wise dot product.

    The working arrays of a pass come from :meth:`buffer`, kept for the whole
    fit in a :class:`Workspace` (for a forecast, the whole call's): fresh arrays
    of a few megabytes each pass would be handed back to the operating system
    and faulted in again page by page, which costs more than the arithmetic."""

    def __init__(
        self,
        t: FloatArray,
        y: FloatArray,
        w: FloatArray | None,
        dtype: Any,
        workspace: Workspace | None = None,
    ) -> None:
        self.shared = t.shape[0] == 1 and y.shape[0] != 1
        self.t = np.ascontiguousarray(t.T, dtype=dtype)  # [points x 1] or [points x curves]
        self.t2 = self.t * self.t
        self.y = np.ascontiguousarray(y.T, dtype=dtype)
        self.w = None if w is None else np.ascontiguousarray(w.T, dtype=dtype)
        self.ones = np.ones(self.y.shape[0], dtype=dtype)
        # Shared times: the powers 1, t - t̄, (t - t̄)² of the centred times as the rows of one
        # matrix, so three sums over the points are one matrix product (:meth:`moments`).
        self.t_mean = float(self.t.mean()) if self.shared else 0.0
        tc = self.t[:, 0].astype(np.float64) - self.t_mean if self.shared else np.zeros(0)
        self.powers = np.ascontiguousarray(np.stack([np.ones_like(tc), tc, tc * tc]), dtype=dtype)
        self.dtype = np.dtype(dtype)
        # Exponents are kept within ±exp_cap: beyond it a term is below rounding anyway, and
        # the products of such tiny numbers would otherwise fall among the subnormal numbers,
        # which the processor handles many times more slowly.
        self.exp_cap = 200.0 if self.dtype == np.float64 else 20.0
        self._workspace = Workspace() if workspace is None else workspace
        self._slots: dict[str, int] = {}  # working array name -> workspace slot
        self._size = self.y.size

    def buffer(self, name: str) -> FloatArray:
        """A working array ``[points x curves]`` (contents undefined), the same memory every pass."""
        return self._flat(name)[: self.y.size].reshape(self.y.shape)

    def _flat(self, name: str) -> FloatArray:
        slot = self._slots.setdefault(name, len(self._slots))
        return self._workspace.slot(slot, self._size, self.dtype)

    def take(self, keep: BoolArray) -> _Points:
        """The points of the curves in ``keep`` only (sharing the working arrays)."""
        out = object.__new__(_Points)
        out.__dict__.update(self.__dict__)
        n = int(keep.sum())
        m = self.y.shape[0]

        def into(a: FloatArray, name: str) -> FloatArray:
            # Alternate between two slots: the source may sit in one of them.
            flat = self._flat(name + "_a")
            if np.shares_memory(a, flat):
                flat = self._flat(name + "_b")
            dest = flat[: m * n].reshape(m, n)
            np.compress(keep, a, axis=1, out=dest)
            return dest

        out.y = into(self.y, "y")
        if self.w is not None:
            out.w = into(self.w, "w")
        if not self.shared:
            out.t = into(self.t, "t")
            out.t2 = into(self.t2, "t2")
        return out

    def sum(self, a: FloatArray) -> FloatArray:
        """Per-curve sum over the points."""
        return np.asarray(self.ones @ a, dtype=np.float64)

    def dot(self, a: FloatArray, b: FloatArray) -> FloatArray:
        """Per-curve ``sum(a * b)`` over the points."""
        return np.asarray(np.einsum("ij,ij->j", a, b), dtype=np.float64)

    def moments(self, a: FloatArray, centre: FloatArray, d: FloatArray) -> tuple[FloatArray, ...]:
        """Per-curve ``sum(a)``, ``sum(a d)`` and ``sum(a d²)`` for ``d = t - centre`` (given).

        With shared times, one product of ``a`` with the centred powers of the
        times, moved to each curve's centre; otherwise sums against ``d``."""
        if self.shared:
            m = np.empty((3, a.shape[1]), dtype=self.dtype)
            # In blocks of columns small enough that OpenBLAS keeps each product on this
            # thread: a product split between its threads costs more CPU than it saves here.
            for b0 in range(0, a.shape[1], MOMENT_BLOCK):
                blk = slice(b0, b0 + MOMENT_BLOCK)
                np.matmul(self.powers, a[:, blk], out=m[:, blk])
            m0, m1, m2 = m.astype(np.float64)
            delta = centre - self.t_mean
            return m0, m1 - delta * m0, m2 - delta * (2.0 * m1 - delta * m0)
        dd = np.multiply(d, d, out=self.buffer("dd"))
        return self.sum(a), self.dot(a, d), self.dot(a, dd)

    def dot_t(self, a: FloatArray, tt: FloatArray) -> FloatArray:
        """Per-curve ``sum(a * tt)`` for ``tt`` the times (or their squares)."""
        if self.shared:
            return np.asarray(tt[:, 0] @ a, dtype=np.float64)
        return self.dot(a, tt)


def _pass(
    model: Model, pts: _Points, theta: FloatArray, k: FloatArray, free_k: bool, newton: bool
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray | None]:
    """One pass over the points: sum of squares, ``JᵀJ``, ``Jᵀr`` and the Hessian of ½RSS.

    ``theta`` ``[params x curves]`` holds the internal parameters: ``(r, t0)``
    for the logistic, ``(log p, q)`` for Bass, then ``K`` when ``free_k``.
    ``JᵀJ`` and the Hessian (``JᵀJ - Σ rᵢ ∇²Fᵢ``, for Newton steps; ``None``
    unless ``newton``) come packed (:data:`PACKED`), ``Jᵀr`` as ``[params x curves]``.

    No Jacobian is formed: each model's derivatives are per-curve multiples of
    a couple of arrays over the points, so a pass costs a dozen or two array
    operations and as many sums, and the small per-curve matrices follow.

    * logistic, ``s = 1 / (1 + exp(-r (t - t0)))``, ``d = t - t0``,
      ``u = K s (1 - s)``, ``v = u (1 - 2 s)``: ``dF/dr = u d``,
      ``dF/dt0 = -r u``, ``d²F/dr² = v d²``, ``d²F/dr dt0 = -r v d - u``,
      ``d²F/dt0² = r² v``;
    * Bass, through ``m = p + q`` and ``c = q / p`` with ``e = exp(-m t)``,
      ``D = 1 + c e``, ``g = (1 - e) / D``: ``dg/dm = (1 + c) t e / D²``,
      ``dg/dc = -(1 - e) e / D²``, ``d²g/dm² = (1 + c) t² e (c e - 1) / D³``,
      ``d²g/dm dc = t e (1 - (2 + c) e) / D³``, ``d²g/dc² = 2 (1 - e) e² / D³``,
      then the chain rule to ``(log p, q)``;
    * a free ceiling: ``dF/dK = F / K``, whose cross derivatives are the
      other columns over ``K``.
    """
    n_par, n = theta.shape
    dt = pts.dtype
    kk = theta[2] if free_k else k
    jtj = np.empty((n_par * (n_par + 1) // 2, n))
    grad = np.empty((n_par, n))
    s_mat = np.zeros_like(jtj) if newton else None
    w = pts.w
    buf = pts.buffer
    if model == "logistic":
        r, t0 = theta[0], theta[1]
        d = np.subtract(pts.t, t0.astype(dt), out=buf("d"))
        s = np.multiply(d, (-r).astype(dt), out=buf("s"))
        np.minimum(s, pts.exp_cap, out=s)
        np.exp(s, out=s)
        s += 1.0
        np.reciprocal(s, out=s)
        res = np.multiply(s, kk.astype(dt), out=buf("res"))
        np.subtract(pts.y, res, out=res)
        u = np.subtract(1.0, s, out=buf("u"))
        u *= s
        u *= kk.astype(dt)
        if w is not None:
            res *= w
            u *= w
        ru = np.multiply(res, u, out=buf("ru"))
        uu = np.multiply(u, u, out=buf("uu"))
        rss = pts.dot(res, res)
        g0, g1, g2 = pts.moments(uu, t0, d)
        b0, b1 = pts.sum(ru), pts.dot(ru, d)
        jtj[0] = g2
        jtj[1] = -r * g1
        grad[0] = b1
        grad[1] = -r * b0
        if free_k:
            su = np.multiply(s, u, out=buf("su"))
            sw = s if w is None else np.multiply(s, w, out=buf("sw"))
            jtj[2] = pts.dot(su, d)
            jtj[3] = r * r * g0
            jtj[4] = -r * pts.sum(su)
            jtj[5] = pts.dot(sw, s)
            grad[2] = pts.dot(res, s)
        else:
            jtj[2] = r * r * g0
        if s_mat is not None:
            v = np.multiply(s, -2.0, out=s)
            v += 1.0
            v *= ru  # the residual times d²F/dx²
            h0, h1, h2 = pts.moments(v, t0, d)
            idx = PACKED[n_par]
            s_mat[idx[0][0]] = h2
            s_mat[idx[0][1]] = -r * h1 - b0
            s_mat[idx[1][1]] = r * r * h0
    else:
        p = np.exp(theta[0])
        q = theta[1]
        c = q / p
        e = np.multiply(pts.t, (-(p + q)).astype(dt), out=buf("e"))
        cap = pts.exp_cap
        # The cap must leave c e well below 1, or D = 1 + c e is wrong where it is cut: with
        # p near 0 (a late start, c in the billions) single precision's cap of 20 would be
        # too low.  Those few curves get a cap of their own (at the cost of some subnormal
        # products in their second derivatives).
        wide = np.log(np.maximum(c, 1.0)) + CAP_MARGIN
        if float(wide.max()) > cap:
            cap = np.minimum(np.maximum(wide, cap), MAX_EXP[pts.dtype.char]).astype(dt)
            np.maximum(e, -cap, out=e)
            np.minimum(e, cap, out=e)
        else:
            np.clip(e, -cap, cap, out=e)
        np.exp(e, out=e)
        inv_d = np.multiply(e, c.astype(dt), out=buf("inv_d"))
        inv_d += 1.0
        np.reciprocal(inv_d, out=inv_d)
        h = np.subtract(1.0, e, out=buf("h"))
        g = np.multiply(h, inv_d, out=buf("g"))
        res = np.multiply(g, kk.astype(dt), out=buf("res"))
        np.subtract(pts.y, res, out=res)
        b = np.multiply(e, inv_d, out=buf("b"))
        b *= inv_d  # e / D²
        if w is not None:
            res *= w
            b *= w
        rb = np.multiply(res, b, out=buf("rb"))
        bb = np.multiply(b, b, out=buf("bb"))
        bbh = np.multiply(bb, h, out=buf("bbh"))
        rss = pts.dot(res, res)
        c1 = 1.0 + c
        k2 = kk * kk
        # In (m, c): dF/dm = K (1 + c) t b and dF/dc = -K h b.
        jmm = k2 * c1 * c1 * pts.dot_t(bb, pts.t2)
        jmc = -k2 * c1 * pts.dot_t(bbh, pts.t)
        jcc = k2 * pts.dot(bbh, h)
        gm = kk * c1 * pts.dot_t(rb, pts.t)
        gc = -kk * pts.dot(rb, h)
        # d(m, c)/d(log p, q): rows log p and q, columns m and c.
        lam, lac, lqc = p, -c, 1.0 / p  # and dm/dq = 1
        idx = PACKED[n_par]
        jtj[idx[0][0]] = lam * lam * jmm + 2.0 * lam * lac * jmc + lac * lac * jcc
        jtj[idx[0][1]] = lam * jmm + (lam * lqc + lac) * jmc + lac * lqc * jcc
        jtj[idx[1][1]] = jmm + 2.0 * lqc * jmc + lqc * lqc * jcc
        grad[0] = lam * gm + lac * gc
        grad[1] = gm + lqc * gc
        if free_k:
            gb = np.multiply(g, b, out=buf("gb"))
            gw = g if w is None else np.multiply(g, w, out=buf("gw"))
            km = kk * c1 * pts.dot_t(gb, pts.t)
            kc = -kk * pts.dot(gb, h)
            jtj[idx[0][2]] = lam * km + lac * kc
            jtj[idx[1][2]] = km + lqc * kc
            jtj[idx[2][2]] = pts.dot(gw, g)
            grad[2] = pts.dot(res, g)
        if s_mat is not None:
            rho = np.multiply(rb, inv_d, out=rb)  # the residual times e / D³
            rho_e = np.multiply(rho, e, out=bb)
            rho_e2 = np.multiply(rho_e, e, out=e)
            smm = kk * c1 * (c * pts.dot_t(rho_e, pts.t2) - pts.dot_t(rho, pts.t2))
            smc = kk * (pts.dot_t(rho, pts.t) - (2.0 + c) * pts.dot_t(rho_e, pts.t))
            scc = 2.0 * kk * (pts.sum(rho_e) - pts.sum(rho_e2))
            # ... plus dF/dm ∇²m and dF/dc ∇²c: d²m/dlog p² = p, d²c/dlog p² = c, d²c/dlog p dq = -1/p.
            s_mat[idx[0][0]] = lam * lam * smm + 2.0 * lam * lac * smc + lac * lac * scc + gm * p + gc * c
            s_mat[idx[0][1]] = lam * smm + (lam * lqc + lac) * smc + lac * lqc * scc - gc / p
            s_mat[idx[1][1]] = smm + 2.0 * lqc * smc + lqc * lqc * scc
    hess = None
    if s_mat is not None:
        if free_k:
            idx = PACKED[3]
            s_mat[idx[0][2]] = grad[0] / kk
            s_mat[idx[1][2]] = grad[1] / kk
        hess = np.subtract(jtj, s_mat, out=s_mat)
    return rss, jtj, grad, hess


def _to_external(model: Model, theta: FloatArray, jtj: FloatArray) -> FloatArray:
    """``JᵀJ`` ``[curves x k x k]`` in the reported parameters: Bass's ``log p`` becomes ``p``.

    ``dF/dp = (dF/dlog p) / p``; ``theta`` is ``[curves x params]``, internal."""
    if model != "bass":
        return jtj
    out = jtj.copy()
    inv_p = np.exp(-theta[:, 0])
    out[:, 0, :] *= inv_p[:, None]
    out[:, :, 0] *= inv_p[:, None]
    return out


def _initial_line(pts: _Points, k: FloatArray) -> FloatArray:
    """Logistic ``(r, t0)`` ``[curves x 2]`` from a weighted straight line through the logit of ``y / K``."""
    kk = k.astype(pts.dtype)
    frac = pts.y / kk
    np.clip(frac, 0.5 / kk, 1.0 - 0.5 / kk, out=frac)
    one_minus = 1.0 - frac
    # Weighted by (f (1 - f))², the inverse of the logit's variance for errors of
    # constant size, so points near 0 or K count for little.
    w = frac * one_minus
    z = np.divide(frac, one_minus, out=frac)
    np.log(z, out=z)
    w *= w
    if pts.w is not None:
        w *= pts.w
    # A run of "none yet" says only that adoption had not begun by its last month, and a run
    # of "all adopted" that it had finished by its first: the other months of a run add no
    # slope, only weight towards a flat line.  (With every month counted, a practice whose
    # first sites came in month 34 started from a midpoint in month 63; its fit's is 36.)
    none = pts.y <= 0.0
    w[:-1][none[:-1] & none[1:]] = 0.0
    full = pts.y >= kk
    w[1:][full[1:] & full[:-1]] = 0.0
    wz = w * z
    sw, swt, swtt = pts.sum(w), pts.dot_t(w, pts.t), pts.dot_t(w, pts.t2)
    swz, swzt = pts.sum(wz), pts.dot_t(wz, pts.t)
    with np.errstate(divide="ignore", invalid="ignore"):
        nw = np.where(sw > 0, sw, 1.0)
        tm = swt / nw
        zm = swz / nw
        sxx = swtt - swt * tm
        sxz = swzt - swt * zm
        r = np.where(sxx > 1e-12 * np.maximum(swtt, 1e-300), sxz / sxx, 0.1)
    r = np.clip(np.nan_to_num(r, nan=0.1), 0.02, 5.0)
    return np.stack([r, tm - zm / r], axis=1)


def initial_guess(model: Model, t: FloatArray, y: FloatArray, mask: BoolArray, k: FloatArray) -> FloatArray:
    """Starting values from a weighted straight line through the logit of ``y / K``.

    The Bass start matches the logistic's slope and midpoint (a Bass curve
    with small ``p`` is close to a logistic with ``r = p + q``)."""
    t = np.asarray(t, dtype=np.float64)
    w = None if bool(mask.all()) else mask.astype(np.float64)
    t_all = np.broadcast_to(t, y.shape) if t.shape[0] != 1 else t
    pts = _Points(t_all, np.where(mask, y, 0.0), w, np.float64)
    start = _initial_line(pts, np.asarray(k, dtype=np.float64))
    return start if model == "logistic" else bass_from_logistic(start)


class BatchFit(NamedTuple):
    """Every curve of a batch fitted by one model."""

    params: FloatArray  # [curves x 2]: (r, t0) or (p, q)
    ceiling: FloatArray  # [curves]
    rss: FloatArray
    converged: BoolArray
    jtj: FloatArray  # [curves x k x k]: JᵀJ at the estimates, in (r, t0) or (p, q), then K


#: Batches at least this large get a rough single-precision pass first.
ROUGH_FROM = 64
ROUGH_TOL = 1e-5
ROUGH_ITER = 12
#: The finished curves are dropped from the arrays once fewer than this share are left.
COMPACT = 0.5
#: A Newton step this small (relative to each parameter) is taken as the last:
#: the error after it is of the order of its square.
NEWTON_LAST = 1e-6
#: The rough run takes its last Newton step too once the step is this small, so
#: the double-precision run starts where one pass (and that step) finishes most curves.
ROUGH_LAST = 1e-3


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
    workspace: Workspace | None = None,
) -> BatchFit:
    """Least-squares fit of every curve at once.

    ``t``: ``[curves x points]``, or one row ``[1 x points]`` shared by all;
    ``y``, ``mask``: ``[curves x points]`` (``mask`` marks real points).
    ``k``: the ceiling per curve (the upper bound when ``free_k``).

    Levenberg–Marquardt with Newton steps on the whole batch
    (:meth:`_Problem.run`).  Returns the estimates with ``JᵀJ`` at them, for
    the covariance (:func:`covariance_from`).  ``workspace``: working memory
    to reuse (one call's own; by default the fit's own).
    """
    n = y.shape[0]
    ws = Workspace() if workspace is None else workspace
    k = np.asarray(k, dtype=np.float64).copy()
    klo = np.zeros(n) if k_low is None else np.asarray(k_low, dtype=np.float64)
    t = np.asarray(t, dtype=np.float64)
    if t.shape[0] != 1 or n == 1:
        t = np.broadcast_to(t, y.shape)
    full = bool(mask.all())
    w = None if full else mask.astype(np.float64)
    y_full = y if full else np.where(mask, y, 0.0)
    pts = _Points(t, y_full, w, np.float64, ws)
    theta2 = _initial_line(pts, k) if theta0 is None else theta0.copy()
    if theta0 is None and model == "bass":
        theta2 = bass_from_logistic(theta2)
    theta = np.concatenate([theta2, k[:, None]], axis=1) if free_k else theta2
    # Bass's p is fitted as log p: it ranges over orders of magnitude, and a
    # step in p near 0 is badly scaled.  The minimum is the same point.
    log_first = model == "bass"
    if log_first:
        theta[:, 0] = np.log(np.maximum(theta[:, 0], 1e-300))
    lower = np.array([np.log(P_FLOOR), 0.0]) if log_first else np.array([1e-9, -np.inf])
    lo = np.concatenate([lower, [0.0]]) if free_k else lower
    problem = _Problem(model, k, klo, free_k, lo)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        th = problem.clamp(np.ascontiguousarray(theta.T), np.arange(n))
        if n >= ROUGH_FROM:
            # A rough pass in single precision (half the cost per point) brings every
            # curve close; the double-precision pass then only polishes, and alone decides
            # convergence, so the answers are those of a double-precision fit.
            rough_pts = _Points(t, y_full, w, np.float32, ws)
            rough = problem.run(
                th, rough_pts, tol=ROUGH_TOL, xtol=ROUGH_TOL, max_iter=ROUGH_ITER, last=ROUGH_LAST
            )[0]
            th = np.where(np.isfinite(rough), rough, th)
        th, rss, converged, jtj = problem.run(
            th, pts, tol=tol, xtol=xtol, max_iter=max_iter, last=NEWTON_LAST
        )
    theta = th.T.copy()
    jtj_full = _to_external(model, theta, unpack(jtj, theta.shape[1]))
    if log_first:
        theta[:, 0] = np.exp(theta[:, 0])
    kk = theta[:, 2] if free_k else k
    return BatchFit(theta[:, :2].copy(), kk.copy(), rss, converged, jtj_full)


def _reach(bound: FloatArray) -> FloatArray:
    """How near a parameter must come to a bound to count as on it: a billionth of the bound."""
    near: FloatArray = 1e-9 * np.abs(np.where(np.isfinite(bound), bound, 0.0))
    return near


class _Problem:
    """The bounds of one batch fit, and the Levenberg–Marquardt–Newton loop over it."""

    def __init__(self, model: Model, k: FloatArray, klo: FloatArray, free_k: bool, lo: FloatArray) -> None:
        self.model = model
        self.k, self.klo, self.free_k = k, klo, free_k
        self.lo = lo[:, None]
        self.lo_edge = (lo + _reach(lo))[:, None]

    def clamp(self, th: FloatArray, rows: NDArray[np.intp]) -> FloatArray:
        """``th`` ``[params x curves]`` kept within the bounds."""
        th = np.maximum(th, self.lo)
        if self.free_k:
            th[2] = np.clip(th[2], self.klo[rows], self.k[rows])
        return th

    def floor(self, rows: NDArray[np.intp]) -> tuple[FloatArray, FloatArray]:
        """Each parameter's lower bound for the curves ``rows`` (``[params x curves]``, or one
        column when every curve shares them), and the edge at which it counts as reached: a
        free ceiling's is the adoption already seen, curve by curve."""
        if not self.free_k:
            return self.lo, self.lo_edge
        lo = np.repeat(self.lo, rows.size, axis=1)
        lo[2] = self.klo[rows]
        return lo, lo + _reach(lo)

    def roof(self, rows: NDArray[np.intp]) -> tuple[FloatArray, FloatArray] | None:
        """The upper bounds for the curves ``rows``, as :meth:`floor` gives the lower ones, or
        None when no parameter has one: only a free ceiling does, the sites in scope."""
        if not self.free_k:
            return None
        hi = np.full((self.lo.shape[0], rows.size), np.inf)
        hi[2] = self.k[rows]
        return hi, hi - _reach(hi)

    def short_of_bounds(
        self,
        th: FloatArray,
        step: FloatArray,
        lo: FloatArray,
        edge: FloatArray,
        roof: tuple[FloatArray, FloatArray] | None = None,
    ) -> FloatArray:
        """``step`` shortened as a whole (its direction kept) where it would take a parameter
        that is clear of its lower bound past it: the curve lands on the bound.

        Clamping that parameter alone bends the step: along a narrow valley (Bass's
        ``log p`` and ``q`` move together as ``p`` heads for 0, or a free ceiling falls to
        the adoption seen) the bent step climbs out of it and fails, pass after pass.
        Landed on the bound, the parameter is held there from the next pass and the others
        are fitted alone.  ``lo``, ``edge``: :meth:`floor` for these curves; ``roof``:
        :meth:`roof`, the same for the upper bounds (a free ceiling heading for the sites in
        scope)."""
        room = th - lo
        over = (step < -room) & (th > edge)
        up = None
        if roof is not None:
            hi, hi_edge = roof
            room_up = hi - th
            up = (step > room_up) & (th < hi_edge)
            if not up.any():
                up = None
        if up is None and not over.any():
            return step
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(over, room / -np.where(over, step, -1.0), 1.0)
            if up is not None:
                share = np.minimum(share, np.where(up, room_up / np.where(up, step, 1.0), 1.0))
        out: FloatArray = step * share.min(axis=0)
        return out

    def run(
        self,
        theta: FloatArray,
        pts: _Points,
        *,
        tol: float,
        xtol: float,
        max_iter: int,
        last: float = 0.0,
    ) -> tuple[FloatArray, FloatArray, BoolArray, FloatArray]:
        """Iterate every curve from ``theta`` (internal parameters, ``[params x curves]``).

        Each pass evaluates every curve still being fitted (:func:`_pass`) and
        proposes a step from the Hessian of ½RSS where it is positive definite
        (Newton: quadratic convergence, so a handful of passes) and from ``JᵀJ``
        elsewhere (Gauss–Newton), damped Levenberg–Marquardt fashion; a curve
        keeps its step only where it lowered its sum of squares.  Curves that
        have converged drop out.  With ``last``, a curve whose Newton step is
        below ``last`` of its parameters (:data:`NEWTON_LAST`, or
        :data:`ROUGH_LAST` for the rough run) takes that step and stops
        without another pass (the error left is of the order of the step's
        square).  The small per-curve systems are always solved in double
        precision, whatever the precision of ``pts``.

        Returns ``(theta, rss, converged, jtj)``, ``jtj`` packed, from the
        last pass of each curve."""
        model, free_k = self.model, self.free_k
        n_par, n = theta.shape
        idx = PACKED[n_par]
        diag_rows = [idx[i][i] for i in range(n_par)]
        theta = theta.copy()
        active = np.arange(n)
        k_a = self.k
        converged = np.zeros(n, dtype=bool)
        rss = np.empty(n)
        jtj_out = np.full((n_par * (n_par + 1) // 2, n), np.nan)
        theta_a = theta.copy()
        lam_a = np.full(n, 1e-7)
        nu_a = np.full(n, 2.0)
        stalled_a = np.zeros(n, dtype=bool)
        live = np.ones(n, dtype=bool)  # columns still being fitted (finished ones wait to be dropped)
        n_live = n
        rss_a, jtj, g, hess = _pass(model, pts, theta_a, k_a, free_k, True)
        assert hess is not None
        lo_a, edge_a = self.floor(active)  # built again only when the arrays are compacted
        roof_a = self.roof(active)
        for _ in range(max_iter):
            diag = jtj[diag_rows]
            # At a lower bound, a gradient pointing out of the allowed region is no reason to go on.
            held = (theta_a <= edge_a) & (g < 0)
            if roof_a is not None:  # ... and so is one pointing above an upper bound
                held |= (theta_a >= roof_a[1]) & (g > 0)
            # Converged where the residuals are orthogonal to the Jacobian's columns
            # (MINPACK's gtol test), or the fit is exact.  A step that no longer
            # lowers the sum of squares stops the fit only where the gradient is
            # already at rounding level.
            cosine = np.abs(g) / np.sqrt(np.maximum(diag * rss_a, 1e-300))
            cosine[held] = 0.0
            worst = cosine.max(axis=0)
            exact = rss_a <= 1e-24 * np.maximum(1.0, k_a**2)
            good = (worst <= 1e3 * tol) | exact
            # Newton where the Hessian is positive definite, Gauss–Newton elsewhere.
            newton = _positive_definite(hess, n_par)
            base = np.where(newton, hess, jtj)
            any_held = bool(held.any())
            g_free = np.where(held, 0.0, g) if any_held else g
            step = _solve(_hold(base, held) if any_held else base, g_free)
            scale = np.abs(theta_a)
            # ... and where the step that would follow is below ``xtol`` of the
            # parameters: the gradient alone can be tiny along a badly determined
            # direction while the estimate is still moving.
            small = (np.abs(step) <= xtol * (scale + xtol)).all(axis=0)
            done = ((worst <= tol) & small) | exact | (stalled_a & good) | (lam_a > 1e14)
            finish = None
            if last:
                finish = newton & ~done & (np.abs(step) <= last * (scale + last)).all(axis=0)
                finish &= live
                done |= finish
            done &= live
            sel = np.flatnonzero(done)  # picked by position, once: cheaper than masks again and again
            if sel.size:
                fin = active[sel]
                th_fin = theta_a[:, sel]
                rs_fin = rss_a[sel]
                conv_fin = good[sel]
                fsel = np.flatnonzero(finish) if finish is not None else sel[:0]
                if fsel.size:
                    # The last Newton step, and the sum of squares it gives (to second order).
                    at = np.searchsorted(sel, fsel)  # the finishing curves among the finished
                    st = step[:, fsel]
                    th_fin[:, at] = self.clamp(th_fin[:, at] + st, fin[at])
                    rs_fin[at] = np.maximum(rs_fin[at] - np.einsum("ij,ij->j", g_free[:, fsel], st), 0.0)
                    conv_fin[at] = True
                theta[:, fin] = th_fin
                rss[fin] = rs_fin
                converged[fin] = conv_fin
                jtj_out[:, fin] = jtj[:, sel]
                live &= ~done
                n_live = int(live.sum())
                if not n_live:
                    break
            if n_live <= COMPACT * live.size:
                # Drop the finished curves from the arrays only once they are half of them:
                # copying the points and a score of per-curve arrays costs more than a pass or
                # two carrying the finished curves along.
                keep = live
                live = np.ones(n_live, dtype=bool)
                active = active[keep]
                theta_a, lam_a, nu_a = theta_a[:, keep], lam_a[keep], nu_a[keep]
                rss_a, stalled_a = rss_a[keep], stalled_a[keep]
                jtj, hess, g, g_free = jtj[:, keep], hess[:, keep], g[:, keep], g_free[:, keep]
                base, diag, held, step = base[:, keep], diag[:, keep], held[:, keep], step[:, keep]
                k_a = k_a[keep]
                pts = pts.take(keep)
                lo_a, edge_a = self.floor(active)
                roof_a = self.roof(active)
                any_held = bool(held.any())
            if lam_a.max() > 1e-6:
                # (Damping below a millionth changes a step by about as much, and a step is only
                # a trial: the undamped one stands, and saves a solve.)
                system = base.copy()
                system[diag_rows] += lam_a * (diag + 1e-12)
                step = _solve(_hold(system, held) if any_held else system, g_free)
            trial = self.clamp(theta_a + self.short_of_bounds(theta_a, step, lo_a, edge_a, roof_a), active)
            new_rss, new_jtj, new_g, new_hess = _pass(model, pts, trial, k_a, free_k, True)
            assert new_hess is not None
            better = np.isfinite(new_rss) & (new_rss <= rss_a)
            stalled_a = ~better | (rss_a - new_rss <= 1e-14 * rss_a)
            # Marquardt's damping, raised faster each time in a row a step fails (Nielsen).  A
            # failed step raises it to a hundredth of the diagonal at once: less damps too little
            # to change the step, and the curve fails again a pass or two later.  A step that
            # succeeds lowers it by a third only, so a hard curve does not fall straight back.
            lam_a = np.where(better, np.maximum(lam_a / 3.0, 1e-15), np.maximum(lam_a * nu_a, 1e-2))
            nu_a = np.where(better, 2.0, nu_a * 2.0)
            if better.all():
                theta_a, rss_a, jtj, hess, g = trial, new_rss, new_jtj, new_hess, new_g
            else:
                theta_a = np.where(better, trial, theta_a)
                rss_a = np.where(better, new_rss, rss_a)
                jtj = np.where(better, new_jtj, jtj)
                hess = np.where(better, new_hess, hess)
                g = np.where(better, new_g, g)
        else:
            theta[:, active[live]] = theta_a[:, live]
            rss[active[live]] = rss_a[live]
            jtj_out[:, active[live]] = jtj[:, live]
        return theta, rss, converged, jtj_out


def _hold(system: FloatArray, held: BoolArray) -> FloatArray:
    """Hold a parameter at its bound (``held`` ``[params x curves]``): its row and column of
    the packed ``system`` become those of the identity, so its step is zero."""
    n_par = held.shape[0]
    idx = PACKED[n_par]
    out = system.copy()
    for i in range(n_par):
        h = held[i]
        if not h.any():
            continue
        for j in range(n_par):
            out[idx[i][j]] = np.where(h, 1.0 if i == j else 0.0, out[idx[i][j]])
    return out


def covariance_from(jtj: FloatArray, rss: FloatArray, n_points: NDArray[Any]) -> FloatArray:
    """``curve_fit``'s ``pcov`` from ``JᵀJ`` ``[curves x k x k]`` at the estimates: ``s² (JᵀJ)⁻¹``.

    ``s² = RSS / (n - k)``; NaN where ``JᵀJ`` is singular."""
    n_par = jtj.shape[1]
    dof = n_points - n_par
    s2 = np.where(dof > 0, rss / np.maximum(dof, 1), np.nan)
    idx = np.arange(n_par)
    # Equilibrated first (unit diagonal): Bass's p and q differ by orders of magnitude, and
    # inverting JᵀJ as it stands would lose the small parameter's variance to rounding.
    diag = jtj[:, idx, idx]
    ok = np.asarray(np.isfinite(diag).all(axis=1) & (diag > 0).all(axis=1), dtype=bool)
    scale = np.where(ok[:, None], 1.0 / np.sqrt(np.where(ok[:, None], diag, 1.0)), 0.0)
    unit = jtj * scale[:, :, None] * scale[:, None, :]
    inv, det = _inverse(pack(unit), n_par)
    ok &= np.isfinite(det) & (np.abs(det) > 1e-14)
    out: FloatArray = unpack(inv, n_par) * (scale[:, :, None] * scale[:, None, :] * s2[:, None, None])
    out[~ok] = np.nan
    return out


def covariance(
    model: Model,
    t: FloatArray,
    mask: BoolArray,
    theta: FloatArray,
    k: FloatArray,
    rss: FloatArray,
    free_k: bool,
) -> FloatArray:
    """``curve_fit``'s ``pcov`` at ``theta`` (``(r, t0)`` or ``(p, q)``), ``JᵀJ`` worked out afresh.

    :func:`fit` returns ``JᵀJ`` from its last pass, so a forecast does not need
    this; it is the reference that shortcut is checked against."""
    th = np.concatenate([theta, k[:, None]], axis=1) if free_k else theta.copy()
    if model == "bass":
        th[:, 0] = np.log(th[:, 0])
    t = np.asarray(t, dtype=np.float64)
    if t.shape[0] != 1 or mask.shape[0] == 1:
        t = np.broadcast_to(t, mask.shape)
    w = None if bool(mask.all()) else mask.astype(np.float64)
    pts = _Points(t, np.zeros(mask.shape), w, np.float64)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        _, jtj, _, _ = _pass(model, pts, np.ascontiguousarray(th.T), k, free_k, False)
    return covariance_from(_to_external(model, th, unpack(jtj, th.shape[1])), rss, mask.sum(axis=1))


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
