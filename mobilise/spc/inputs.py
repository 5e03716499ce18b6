"""Checking and normalising the arguments of the batch API.

Everything here turns caller-friendly arguments (scalars, lists, ``None``)
into arrays of a fixed shape and dtype, and raises ``ValueError`` with a plain
message for anything the engine cannot analyse.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

import numpy as np
from numpy.typing import ArrayLike

from .types import (
    CHART_TYPES,
    IMPROVEMENT_CODES,
    BatchLike,
    BoolArray,
    CodeArray,
    FloatArray,
    IntArray,
    PerSeries,
)

#: Stand-in for "no fixed baseline": larger than any series length.
NO_BASELINE = np.iinfo(np.int64).max


def as_matrix(values: BatchLike, name: str) -> FloatArray:
    """A 2-D float64 array; ``None`` becomes NaN, infinities are refused."""
    try:
        arr = np.array(cast(Any, values), dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be numbers (or None/NaN for missing): {exc}") from None
    if arr.ndim != 2:
        raise ValueError(f"{name} must be 2-D [series x points], got {arr.ndim}-D")
    if np.isinf(arr).any():
        raise ValueError(f"{name} contains an infinite value")
    return arr


def check_chart(chart: str) -> str:
    if chart not in CHART_TYPES:
        raise ValueError(f"chart must be one of {', '.join(CHART_TYPES)}; got {chart!r}")
    return chart


def as_lengths(lengths: ArrayLike | None, present: BoolArray) -> IntArray:
    """Series lengths; by default each row ends at its last present entry."""
    n_series, n_points = present.shape
    if lengths is None:
        if n_points == 0:
            return np.zeros(n_series, dtype=np.int64)
        last = n_points - np.argmax(present[:, ::-1], axis=1)
        return np.where(present.any(axis=1), last, 0).astype(np.int64)
    arr = np.asarray(lengths)
    if arr.shape != (n_series,) or not np.issubdtype(arr.dtype, np.integer):
        raise ValueError(f"lengths must be {n_series} integers")
    if (arr < 0).any() or (arr > n_points).any():
        raise ValueError(f"lengths must be between 0 and {n_points}")
    return arr.astype(np.int64)


def as_rebase(rebase: ArrayLike | None, shape: tuple[int, int]) -> BoolArray:
    """Boolean ``[series x points]`` mask, True where a new phase starts."""
    if rebase is None:
        return np.zeros(shape, dtype=bool)
    arr = np.asarray(rebase)
    if arr.dtype != bool:
        if not np.issubdtype(arr.dtype, np.number) or not np.isin(arr, (0, 1)).all():
            raise ValueError("rebase must be booleans (or 0/1) marking where new phases start")
        arr = arr.astype(bool)
    if arr.ndim == 1 and arr.shape[0] == shape[1]:
        arr = np.broadcast_to(arr, shape)
    if arr.shape != shape:
        raise ValueError(f"rebase must have shape {shape} (or {shape[1]},)")
    return np.ascontiguousarray(arr)


def as_baseline(baseline: int | PerSeries | None, n_series: int) -> IntArray:
    """Per-series fixed-baseline length (NO_BASELINE where limits use every point)."""
    if baseline is None:
        return np.full(n_series, NO_BASELINE, dtype=np.int64)
    if isinstance(baseline, bool):
        raise ValueError("baseline must be a whole number of points")
    if isinstance(baseline, int | np.integer):
        items: Sequence[Any] = [int(baseline)] * n_series
    else:
        items = list(np.asarray(cast(Any, baseline), dtype=object).ravel())
        if len(items) != n_series:
            raise ValueError(f"baseline must be one number or {n_series} (None for no baseline)")
    out = np.empty(n_series, dtype=np.int64)
    for i, b in enumerate(items):
        if b is None:
            out[i] = NO_BASELINE
            continue
        if isinstance(b, bool) or not isinstance(b, int | np.integer):
            raise ValueError("baseline must be a whole number of points")
        if b < 2:
            raise ValueError("baseline must be at least 2 points (one moving range)")
        out[i] = b
    return out


def as_improvement(improvement: str | Sequence[str], n_series: int) -> CodeArray:
    """Improvement direction as 1 (increase), -1 (decrease) or 0 (neither)."""
    items = [improvement] * n_series if isinstance(improvement, str) else list(improvement)
    if len(items) != n_series:
        raise ValueError(f"improvement must be one direction or {n_series}")
    codes = np.empty(n_series, dtype=np.int8)
    for i, d in enumerate(items):
        try:
            codes[i] = IMPROVEMENT_CODES[d]
        except (KeyError, TypeError):
            raise ValueError(f"improvement must be 'increase', 'decrease' or 'neither'; got {d!r}") from None
    return codes


def as_target(target: float | PerSeries | None, n_series: int) -> FloatArray:
    """Per-series target, NaN where a series has none."""
    if target is None:
        return np.full(n_series, np.nan)
    try:
        arr = np.array(cast(Any, target), dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError("target must be a number, or one number (or None) per series") from None
    if arr.ndim == 0:
        arr = np.full(n_series, float(arr))
    if arr.shape != (n_series,):
        raise ValueError(f"target must be one number or {n_series}")
    if np.isinf(arr).any():
        raise ValueError("target must be finite")
    return arr


def check_rule_length(rule_length: int) -> int:
    if isinstance(rule_length, bool) or not isinstance(rule_length, int | np.integer):
        raise ValueError("rule_length must be a whole number")
    if rule_length < 2:
        raise ValueError("rule_length must be at least 2")
    return int(rule_length)
