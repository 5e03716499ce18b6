"""Disclosure control for aggregates of people's answers (pure Python and numpy, no Django).

Every page, export and console command that shows what groups of people said asks here first::

    from mobilise.disclosure import NHS, protect_table, percentage

    shown = protect_table([[12, 3], [40, 9]])      # small cells hidden, others rounded to 5
    shown.cell(0, 1)                                # None: hidden
    percentage(30, 41)                              # fraction, or None when it would give a count away
    rounded_share(30, 41)                           # the same from rounded counts (30 of 40), for showing
"""

from .groups import (
    SMALLER_GROUPS,
    differencing_refusal,
    free_text_shown,
    merge_small_groups,
    visible_comments,
)
from .rules import NHS, NHS_ROUNDING, NHS_THRESHOLD, DisclosureError, Rules
from .stats import (
    group_means,
    group_percentages,
    maximum,
    mean,
    median,
    minimum,
    percentage,
    rounded_share,
)
from .tables import ProtectedCounts, ProtectedTable, protect_counts, protect_table

__all__ = [
    "NHS",
    "NHS_ROUNDING",
    "NHS_THRESHOLD",
    "SMALLER_GROUPS",
    "DisclosureError",
    "ProtectedCounts",
    "ProtectedTable",
    "Rules",
    "differencing_refusal",
    "free_text_shown",
    "group_means",
    "group_percentages",
    "maximum",
    "mean",
    "median",
    "merge_small_groups",
    "minimum",
    "percentage",
    "protect_counts",
    "protect_table",
    "rounded_share",
    "visible_comments",
]
