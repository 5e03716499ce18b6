"""The single-series API: a thin wrapper that runs a batch of one."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, cast

import numpy as np

from .batch import OVERDISPERSION_THRESHOLD, analyse_batch
from .types import FloatArray, SeriesLike, SeriesResult


def _row(values: SeriesLike | None, name: str) -> FloatArray | None:
    if values is None:
        return None
    try:
        arr = np.array(cast(Any, values), dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be numbers (or None for missing)") from None
    if arr.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional")
    return arr[None, :]


def analyse(
    values: SeriesLike,
    *,
    chart: str = "xmr",
    denominators: SeriesLike | None = None,
    rebase_at: Iterable[int] = (),
    baseline: int | None = None,
    improvement: str = "increase",
    target: float | None = None,
    screen_outliers: bool = True,
    rule_length: int = 7,
    two_of_three_beyond_limits: bool = False,
    overdispersion_threshold: float = OVERDISPERSION_THRESHOLD,
) -> SeriesResult:
    """Analyse one series; ``values`` in time order, None/NaN for missing.

    ``rebase_at`` lists the 0-based indices at which new phases start.  Every
    point of ``values`` belongs to the series, trailing missing values too.
    Other arguments as :func:`mobilise.spc.analyse_batch`.
    """
    row = _row(values, "values")
    assert row is not None
    n = row.shape[1]
    rebase = np.zeros((1, n), dtype=bool)
    for i in rebase_at:
        if isinstance(i, bool) or not isinstance(i, int | np.integer) or not 0 <= i < n:
            raise ValueError(f"rebase_at indices must be whole numbers from 0 to {n - 1}")
        rebase[0, i] = True
    improvements: Sequence[str] = [improvement]
    result = analyse_batch(
        row,
        chart=chart,
        denominators=_row(denominators, "denominators"),
        lengths=np.array([n]),
        rebase=rebase,
        baseline=baseline,
        improvement=improvements,
        target=None if target is None else [target],
        screen_outliers=screen_outliers,
        rule_length=rule_length,
        two_of_three_beyond_limits=two_of_three_beyond_limits,
        overdispersion_threshold=overdispersion_threshold,
    )
    return result.series(0)
