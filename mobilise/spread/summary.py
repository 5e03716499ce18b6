"""Plain dictionaries of engine results: what the command prints and the pages show.

The web pages and ``mobilise-spread`` both build their numbers here, so a CSV
given to the command gives the same figures as the page it came from.
"""

from __future__ import annotations

import math
from typing import Any

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
    STATUS_TEXT,
    Forecast,
)
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


def curve_summary(fc: Forecast, i: int, *, band: bool = True) -> dict[str, Any]:
    """Everything about curve ``i`` of a batch."""
    status = fc.status_name(i)
    out: dict[str, Any] = {
        "status": status,
        "message": STATUS_TEXT[status].format(min_points=MIN_POINTS),
        "in_scope": num(fc.scope[i]),
    }
    model = fc.model_name(i)
    out["model"] = model
    if model is None:
        return out
    fits: dict[str, Any] = {}
    for name in MODELS:
        mf = fc.fits[name]
        if not mf.converged[i]:
            fits[name] = None
            continue
        a, b = PARAM_NAMES[name]
        se = np.sqrt(np.clip(np.diag(mf.covariance[i]), 0.0, None))
        fits[name] = {
            a: num(mf.params[i, 0]),
            b: num(mf.params[i, 1]),
            f"{a}_se": num(se[0]),
            f"{b}_se": num(se[1]),
            "ceiling": num(mf.ceiling[i]),
            "ceiling_se": num(se[2]) if fc.free_ceiling else None,
            "rss": num(mf.rss[i]),
            "aicc": num(mf.aicc[i]),
        }
    out["fits"] = fits
    out["reach_16"] = {"period": num(fc.t16[i], 6), "earliest": num(fc.t16_range[i, 0], 6)}
    out["reach_16"]["latest"] = num(fc.t16_range[i, 1], 6)
    out["reach_50"] = {"period": num(fc.t50[i], 6), "earliest": num(fc.t50_range[i, 0], 6)}
    out["reach_50"]["latest"] = num(fc.t50_range[i, 1], 6)
    out["plan"] = PLAN_WORDS.get(int(fc.plan[i]))
    out["milestones"] = [MILESTONE_WORDS.get(int(c)) for c in fc.plan_each[i]] if fc.plan_each.size else []
    if band:
        out["band"] = [
            {"period": num(t, 6), "fitted": num(f, 6), "lower": num(lo, 6), "upper": num(hi, 6)}
            for t, f, lo, hi in zip(
                fc.grid.tolist(),
                fc.fitted[i].tolist(),
                fc.lower[i].tolist(),
                fc.upper[i].tolist(),
                strict=True,
            )
        ]
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
