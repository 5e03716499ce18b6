"""Rogers' adopter categories from the time each site adopted.

A site's category comes from the share of the sites in scope that had adopted
strictly before it: under 2.5% innovators, under 16% early adopters, under 50%
early majority, under 84% late majority, the rest laggards.  Sites adopting on
the same date share a category, so the order sites are listed in never matters.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

CATEGORIES = ("innovators", "early adopters", "early majority", "late majority", "laggards", "not yet")
NOT_YET = 5
#: Upper edges of the shares adopted before a site, per category.
EDGES = np.array([0.025, 0.16, 0.5, 0.84])


def adopter_categories(adoption_times: ArrayLike, in_scope: int | None = None) -> NDArray[np.int64]:
    """Category code per site (index into ``CATEGORIES``); NaN times are "not yet".

    ``in_scope`` defaults to the number of sites given."""
    times = np.asarray(adoption_times, dtype=np.float64).ravel()
    n = times.size if in_scope is None else int(in_scope)
    out = np.full(times.size, NOT_YET, dtype=np.int64)
    seen = np.isfinite(times)
    if n <= 0 or not seen.any():
        return out
    ordered = np.sort(times[seen])
    before = np.searchsorted(ordered, times[seen], side="left")
    out[seen] = np.searchsorted(EDGES, before / n, side="right")
    return out
