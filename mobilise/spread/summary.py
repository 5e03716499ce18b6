"""Plain dictionaries of engine results: what the command prints and the pages show.

The web pages and ``mobilise-spread`` both build their numbers here, so a CSV
given to the command gives the same figures as the page it came from.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

from .categories import CATEGORIES
from .curves import MODELS
from .forecast import (
    MIN_POINTS,
    PLAN_AHEAD,
    PLAN_BEHIND,
    PLAN_MET,
    PLAN_MISSED,
    PLAN_ON_TRACK,
    STATUS_CODES,
    STATUS_TEXT,
    Forecast,
)

if TYPE_CHECKING:
    from .funnel import Funnel

PLAN_WORDS = {PLAN_BEHIND: "behind plan", PLAN_ON_TRACK: "on track", PLAN_AHEAD: "ahead of plan"}
MILESTONE_WORDS = {**PLAN_WORDS, PLAN_MET: "met", PLAN_MISSED: "missed"}
FLAG_WORDS = {2: "better (beyond 99.8%)", 1: "better (beyond 95%)", 0: "within", -1: "worse (beyond 95%)"}
FLAG_WORDS[-2] = "worse (beyond 99.8%)"
PARAM_NAMES = {"logistic": ("rate", "midpoint"), "bass": ("innovation_p", "imitation_q")}


def num(x: float | np.floating[Any], digits: int = 10) -> float | None:
    """A JSON-friendly number: None for NaN or infinity, rounded to ``digits`` significant figures."""
    v = float(x)
    if not math.isfinite(v):
        return None
    if v == 0.0:
        return 0.0
    return float(f"{v:.{digits}g}")


#: Decimal places beyond which :func:`rounded` leaves a number to :func:`num` (10.0 ** 22 is the
#: largest power of ten a double holds exactly).
EXACT_POWERS = 22


def rounded(values: Any, digits: int = 10) -> list[Any]:
    """:func:`num` for a whole array at once (nested lists for a matrix).

    Each number is ``rint(v × 10ᵏ) / 10ᵏ``: one correctly rounded division gives the double
    nearest the decimal, so it prints as that decimal. It can differ from :func:`num` only in
    the last figure, and only where ``v`` lies within rounding error of a tie."""
    a = np.asarray(values, dtype=np.float64)
    out = np.full(a.shape, np.nan)
    finite = np.isfinite(a)
    out[finite & (a == 0.0)] = 0.0
    pick = finite & (a != 0.0)
    v = a[pick]
    k = digits - 1 - np.floor(np.log10(np.abs(v))).astype(np.int64)
    scale = 10.0 ** np.minimum(np.abs(k), EXACT_POWERS)
    with np.errstate(over="ignore"):  # (the branch not taken may overflow; it is not used)
        out[pick] = np.where(k >= 0, np.rint(v * scale) / scale, np.rint(v / scale) * scale)
    odd = np.flatnonzero(np.abs(k) > EXACT_POWERS)
    if odd.size:  # far from 1 (below 1e-13 or so): one at a time
        where = np.flatnonzero(pick.ravel())[odd]
        out.ravel()[where] = [num(x, digits) for x in a.ravel()[where].tolist()]
    boxed = out.astype(object)
    boxed[np.isnan(out)] = None
    listed: list[Any] = boxed.tolist()
    return listed


def curve_summaries(fc: Forecast, *, band: bool = True) -> list[dict[str, Any]]:
    """Everything about each curve of a batch, numbers rounded as :func:`num` rounds them."""
    n = int(fc.status.size)
    fits: dict[str, list[dict[str, Any] | None]] = {}
    for name in MODELS:
        mf = fc.fits[name]
        a, b = PARAM_NAMES[name]
        se = np.sqrt(np.clip(np.diagonal(mf.covariance, axis1=1, axis2=2), 0.0, None))
        columns = {
            a: rounded(mf.params[:, 0]),
            b: rounded(mf.params[:, 1]),
            f"{a}_se": rounded(se[:, 0]),
            f"{b}_se": rounded(se[:, 1]),
            "ceiling": rounded(mf.ceiling),
            "ceiling_se": rounded(se[:, 2]) if fc.free_ceiling else [None] * n,
            "rss": rounded(mf.rss),
            "aicc": rounded(mf.aicc),
        }
        keys = list(columns)
        rows = zip(*columns.values(), strict=True)
        fits[name] = [
            dict(zip(keys, row, strict=True)) if ok else None
            for ok, row in zip(mf.converged.tolist(), rows, strict=True)
        ]
    scope = rounded(fc.scope)
    reach = {
        key: [
            {"period": at, "earliest": early, "latest": late}
            for at, (early, late) in zip(rounded(when, 6), rounded(span, 6), strict=True)
        ]
        for key, when, span in (("reach_16", fc.t16, fc.t16_range), ("reach_50", fc.t50, fc.t50_range))
    }
    messages = {status: text.format(min_points=MIN_POINTS) for status, text in STATUS_TEXT.items()}
    plans = [PLAN_WORDS.get(c) for c in fc.plan.tolist()]
    milestones = (
        [[MILESTONE_WORDS.get(c) for c in row] for row in fc.plan_each.tolist()]
        if fc.plan_each.size
        else [[] for _ in range(n)]
    )
    if band:
        grid = rounded(fc.grid, 6)
        fitted, lower, upper = (rounded(m, 6) for m in (fc.fitted, fc.lower, fc.upper))
    out: list[dict[str, Any]] = []
    for i, (status_code, chosen) in enumerate(zip(fc.status.tolist(), fc.chosen.tolist(), strict=True)):
        status = STATUS_CODES[status_code]
        item: dict[str, Any] = {
            "status": status,
            "message": messages[status],
            "in_scope": scope[i],
            "model": None if chosen < 0 else MODELS[chosen],
        }
        if chosen < 0:
            out.append(item)
            continue
        item["fits"] = {name: fits[name][i] for name in MODELS}
        for key, reached in reach.items():
            item[key] = reached[i]
        item["plan"] = plans[i]
        item["milestones"] = milestones[i]
        if band:
            item["band"] = [
                {"period": t, "fitted": f, "lower": lo, "upper": hi}
                for t, f, lo, hi in zip(grid, fitted[i], lower[i], upper[i], strict=True)
            ]
        out.append(item)
    return out


def funnel_summary(result: Funnel, names: list[str]) -> dict[str, Any]:
    return {
        "kind": result.kind,
        "dispersion": result.dispersion,
        "target": num(result.target),
        "phi": num(result.phi),
        "tau2": num(result.tau2),
        "sites": [
            {
                "site": name,
                "value": num(result.value[j]),
                "z": num(result.z[j]),
                "lower95": num(result.lower95[j]),
                "upper95": num(result.upper95[j]),
                "lower998": num(result.lower998[j]),
                "upper998": num(result.upper998[j]),
                "flag": FLAG_WORDS[int(result.flag[j])],
            }
            for j, name in enumerate(names)
        ],
    }


def category_words(codes: list[int]) -> list[str]:
    return [CATEGORIES[c] for c in codes]
