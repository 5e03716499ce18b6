"""Privacy rules for network data shown to people who may not see names."""

from __future__ import annotations

SMALL_COUNT = 8
SUPPRESSED = "fewer than 8"


def count_text(n: int, *, named: bool) -> str:
    """An aggregated count, or "fewer than 8" for 1 to 7 when the viewer may not see names."""
    if not named and 0 < n < SMALL_COUNT:
        return SUPPRESSED
    return f"{n:,}"


def is_suppressed(n: int, *, named: bool) -> bool:
    return not named and 0 < n < SMALL_COUNT
