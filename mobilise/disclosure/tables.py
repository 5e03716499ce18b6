"""Tables of counts made safe to show: small cells hidden, the rest rounded, totals from rounded cells,
and more cells hidden wherever a hidden one could be worked back from its row or column total.

The table is held with its totals as one (rows + 1) x (columns + 1) matrix: the last column holds
row totals, the last row column totals, the corner the grand total. Every row and every column of
that matrix is then a "line" whose last entry is the sum of the others, and one rule covers them all:

* a line has no hidden entry, or at least two; and
* when its total is shown, the hidden entries in it hold at least `threshold` people between them,
  so what the total gives away (their rounded sum) never points at a small group.

Each pass fixes every line that breaks the rule at once (numpy, no Python loop over cells) by hiding
its smallest shown non-zero entry, else its total, else a zero; passes repeat until nothing changes.
A 1,000-by-1,000 table takes a few passes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .rules import NHS, DisclosureError, Rules
from .types import BoolArray, IntArray

_NONE = np.iinfo(np.int64).max


@dataclass(frozen=True)
class ProtectedTable:
    """A table as it may be shown. Hidden entries are True in the masks; their values must not be read."""

    values: IntArray  # rounded cells
    hidden: BoolArray
    row_totals: IntArray  # from the rounded cells
    row_totals_hidden: BoolArray
    column_totals: IntArray
    column_totals_hidden: BoolArray
    grand_total: int
    grand_total_hidden: bool
    primary: BoolArray  # the whole (rows + 1) x (columns + 1) matrix: hidden for being small
    threshold: int

    @property
    def matrix_hidden(self) -> BoolArray:
        out: BoolArray = np.zeros((self.values.shape[0] + 1, self.values.shape[1] + 1), dtype=bool)
        out[:-1, :-1] = self.hidden
        out[:-1, -1] = self.row_totals_hidden
        out[-1, :-1] = self.column_totals_hidden
        out[-1, -1] = self.grand_total_hidden
        return out

    @property
    def matrix_values(self) -> IntArray:
        r, c = self.values.shape
        out: IntArray = np.zeros((r + 1, c + 1), dtype=np.int64)
        out[:-1, :-1] = self.values
        out[:-1, -1] = self.row_totals
        out[-1, :-1] = self.column_totals
        out[-1, -1] = self.grand_total
        return out

    def cell(self, row: int, column: int) -> int | None:
        return None if self.hidden[row, column] else int(self.values[row, column])

    def row_total(self, row: int) -> int | None:
        return None if self.row_totals_hidden[row] else int(self.row_totals[row])

    def column_total(self, column: int) -> int | None:
        return None if self.column_totals_hidden[column] else int(self.column_totals[column])

    def total(self) -> int | None:
        return None if self.grand_total_hidden else self.grand_total

    def shown_rows(self) -> list[list[int | None]]:
        """Each row's cells then its total, None where hidden; the last row holds the column totals."""
        values, hidden = self.matrix_values, self.matrix_hidden
        return [
            [None if h else int(v) for v, h in zip(vrow, hrow, strict=True)]
            for vrow, hrow in zip(values.tolist(), hidden.tolist(), strict=True)
        ]


def _as_counts(counts: IntArray | Sequence[Sequence[int]]) -> IntArray:
    table = np.asarray(counts, dtype=np.int64)
    if table.ndim != 2:
        raise DisclosureError("a table of counts needs rows and columns")
    if table.size and int(table.min()) < 0:
        raise DisclosureError("a count cannot be negative")
    return table


def protect_table(counts: IntArray | Sequence[Sequence[int]], rules: Rules = NHS) -> ProtectedTable:
    """Apply every counting rule to a two-way table of counts of people."""
    table = _as_counts(counts)
    r, c = table.shape
    true: IntArray = np.zeros((r + 1, c + 1), dtype=np.int64)
    true[:r, :c] = table
    true[:r, c] = table.sum(axis=1)
    true[r, :c] = table.sum(axis=0)
    true[r, c] = table.sum()
    rounded = rules.round(table)
    shown: IntArray = np.zeros_like(true)
    shown[:r, :c] = rounded
    shown[:r, c] = rounded.sum(axis=1)
    shown[r, :c] = rounded.sum(axis=0)
    shown[r, c] = rounded.sum()

    # Small, or shown as less than the threshold once rounded (a total added up from rounded cells
    # can fall below it though more people are behind it; so can a rounded cell under a raised threshold).
    primary = (true > 0) & ((true < rules.threshold) | (shown < rules.threshold))
    hidden = primary.copy()
    if primary.any():
        _secondary(true, hidden, rules.threshold)
    return ProtectedTable(
        values=shown[:r, :c],
        hidden=hidden[:r, :c],
        row_totals=shown[:r, c],
        row_totals_hidden=hidden[:r, c],
        column_totals=shown[r, :c],
        column_totals_hidden=hidden[r, :c],
        grand_total=int(shown[r, c]),
        grand_total_hidden=bool(hidden[r, c]),
        primary=primary,
        threshold=rules.threshold,
    )


def _fix_rows(true: IntArray, hidden: BoolArray, threshold: int) -> bool:
    """One pass over the matrix rows (transpose both to pass over columns); True if anything changed."""
    parts, parts_hidden, total_hidden = true[:, :-1], hidden[:, :-1], hidden[:, -1]
    n_hidden = parts_hidden.sum(axis=1) + total_hidden
    hidden_people = np.where(parts_hidden, parts, 0).sum(axis=1)
    broken = (n_hidden == 1) | ((n_hidden >= 2) & ~total_hidden & (hidden_people < threshold))
    if not broken.any():
        return False
    rows = np.flatnonzero(broken)
    sub_parts, sub_hidden = parts[rows], parts_hidden[rows]
    candidates = np.where(sub_hidden | (sub_parts == 0), _NONE, sub_parts)
    smallest = candidates.argmin(axis=1)
    has_nonzero = candidates[np.arange(rows.size), smallest] != _NONE
    zeros = ~sub_hidden & (sub_parts == 0)
    first_zero = zeros.argmax(axis=1)
    has_zero = zeros[np.arange(rows.size), first_zero]

    pick_part = has_nonzero
    hidden[rows[pick_part], smallest[pick_part]] = True
    pick_total = ~has_nonzero & ~total_hidden[rows]
    hidden[rows[pick_total], -1] = True
    pick_zero = ~has_nonzero & ~pick_total & has_zero
    hidden[rows[pick_zero], first_zero[pick_zero]] = True
    return bool((pick_part | pick_total | pick_zero).any())


def _secondary(true: IntArray, hidden: BoolArray, threshold: int) -> None:
    """Hide more entries until no hidden entry can be worked out from a line's total."""
    true_t, hidden_t = true.T, hidden.T  # views: a column pass writes into `hidden`
    changed = True
    while changed:
        changed = _fix_rows(true, hidden, threshold)
        changed = _fix_rows(true_t, hidden_t, threshold) or changed


@dataclass(frozen=True)
class ProtectedCounts:
    """A list of counts (one per group or answer) and their total, as they may be shown."""

    values: IntArray
    hidden: BoolArray
    total: int
    total_hidden: bool

    def shown(self) -> list[int | None]:
        return [
            None if h else int(v) for v, h in zip(self.values.tolist(), self.hidden.tolist(), strict=True)
        ]

    def shown_total(self) -> int | None:
        return None if self.total_hidden else self.total


def protect_counts(counts: IntArray | Sequence[int], rules: Rules = NHS) -> ProtectedCounts:
    """One list of counts with its total: the one-row table."""
    row = np.asarray(counts, dtype=np.int64).reshape(1, -1)
    table = protect_table(row, rules)
    return ProtectedCounts(
        values=table.values[0],
        hidden=table.hidden[0],
        total=table.grand_total,
        total_hidden=table.grand_total_hidden,
    )
