"""From the dates sites adopted to a cumulative adoption curve."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray


def cumulative_adopted(adoption_times: ArrayLike, grid: ArrayLike) -> NDArray[np.float64]:
    """Sites adopted by each time of ``grid`` (NaN adoption times never count)."""
    times = np.asarray(adoption_times, dtype=np.float64).ravel()
    times = np.sort(times[np.isfinite(times)])
    return np.searchsorted(times, np.asarray(grid, dtype=np.float64), side="right").astype(np.float64)
