"""Means, medians and percentages: given only for enough people, and never a smallest or largest answer."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .rules import NHS, DisclosureError, Rules
from .tables import protect_counts
from .types import FloatArray, IntArray


def mean(values: Sequence[float] | FloatArray, rules: Rules = NHS) -> float | None:
    data = np.asarray(values, dtype=np.float64)
    return float(data.mean()) if rules.enough(int(data.size)) else None


def median(values: Sequence[float] | FloatArray, rules: Rules = NHS) -> float | None:
    data = np.asarray(values, dtype=np.float64)
    return float(np.median(data)) if rules.enough(int(data.size)) else None


def percentage(part: int, whole: int, rules: Rules = NHS) -> float | None:
    """`part` out of `whole` as a fraction, or None when fewer than the threshold answered, or when
    the part or the rest is itself a small count (the percentage would give that count away)."""
    if not rules.enough(whole) or part < 0 or part > whole:
        return None
    if rules.is_small(part) or rules.is_small(whole - part):
        return None
    return part / whole


def rounded_share(part: int, whole: int, rules: Rules = NHS) -> float | None:
    """`part` out of `whole` as the small-number rule shows it: withheld as `percentage` is, and
    otherwise worked out from the rounded counts (the part and the rest, each rounded to the base),
    so the figure never gives the exact count behind it away."""
    if percentage(part, whole, rules) is None:
        return None
    protected = protect_counts([part, whole - part], rules)
    shown_part, shown_rest = protected.shown()
    if shown_part is None or shown_rest is None or not shown_part + shown_rest:
        return None
    return shown_part / (shown_part + shown_rest)


def group_means(
    sums: Sequence[float] | FloatArray, counts: Sequence[int] | IntArray, rules: Rules = NHS
) -> FloatArray:
    """Many groups at once: each group's mean, NaN where the group has fewer than the threshold."""
    s = np.asarray(sums, dtype=np.float64)
    n = np.asarray(counts, dtype=np.int64)
    out: FloatArray = np.full(s.shape, np.nan)
    ok = n >= rules.threshold
    out[ok] = s[ok] / n[ok]
    return out


def group_percentages(
    parts: Sequence[int] | IntArray, wholes: Sequence[int] | IntArray, rules: Rules = NHS
) -> FloatArray:
    """Many groups at once: `percentage` for each, NaN where it is withheld."""
    p = np.asarray(parts, dtype=np.int64)
    w = np.asarray(wholes, dtype=np.int64)
    out: FloatArray = np.full(p.shape, np.nan)
    ok = (w >= rules.threshold) & ~rules.small(p) & ~rules.small(w - p) & (p >= 0) & (p <= w)
    out[ok] = p[ok] / w[ok]
    return out


def minimum(values: Sequence[float]) -> float:
    raise DisclosureError("the smallest answer is never shown: it is one person's answer")


def maximum(values: Sequence[float]) -> float:
    raise DisclosureError("the largest answer is never shown: it is one person's answer")
