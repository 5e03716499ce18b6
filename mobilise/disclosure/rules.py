"""The rules every aggregate of people's answers follows before anyone reads it.

NHS Digital's small-number rule: a count from 1 to 7 is never shown; every other count is rounded
to the nearest 5; totals are added up from the rounded cells; a mean, median or percentage is given
only for 8 or more people; the smallest and largest answers are never given. A programme may ask for
a higher threshold, never a lower one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .types import IntArray

NHS_THRESHOLD = 8
NHS_ROUNDING = 5


class DisclosureError(ValueError):
    """A request the rules refuse outright (a lowered threshold, a minimum or maximum)."""


@dataclass(frozen=True)
class Rules:
    """The threshold (smallest group shown) and the rounding base for counts."""

    threshold: int = NHS_THRESHOLD
    rounding: int = NHS_ROUNDING

    def __post_init__(self) -> None:
        if self.threshold < NHS_THRESHOLD:
            raise DisclosureError(
                f"the threshold can be raised above {NHS_THRESHOLD} but never lowered "
                f"(asked for {self.threshold})"
            )
        if self.rounding < NHS_ROUNDING:
            raise DisclosureError(f"counts are rounded to at least the nearest {NHS_ROUNDING}")

    def raised_to(self, threshold: int) -> Rules:
        """These rules with a higher threshold; asking for a lower one keeps the current threshold."""
        return Rules(max(self.threshold, threshold), self.rounding)

    def is_small(self, n: int) -> bool:
        """A count that must not be shown: 1 up to one below the threshold."""
        return 0 < n < self.threshold

    def small(self, counts: IntArray) -> np.ndarray:
        return (counts > 0) & (counts < self.threshold)

    def round(self, counts: IntArray) -> IntArray:
        """Counts rounded to the nearest multiple of the rounding base (halves go up)."""
        base = self.rounding
        out: IntArray = ((np.asarray(counts, dtype=np.int64) + base // 2) // base) * base
        return out

    def round_one(self, n: int) -> int:
        return ((n + self.rounding // 2) // self.rounding) * self.rounding

    def enough(self, n: int) -> bool:
        """Enough people for a mean, median, percentage or any free text to be given."""
        return n >= self.threshold


NHS = Rules()
