"""Each of NHS Digital's small-number rules, proved on thousands of generated tables.

Nothing here needs a database: the engine is plain Python and numpy.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mobilise.disclosure import (
    NHS,
    SMALLER_GROUPS,
    DisclosureError,
    Rules,
    differencing_refusal,
    free_text_shown,
    group_means,
    group_percentages,
    maximum,
    mean,
    median,
    merge_small_groups,
    minimum,
    percentage,
    protect_counts,
    protect_table,
    rounded_share,
    visible_comments,
)

MANY = settings(max_examples=1000, deadline=None)
thresholds = st.integers(8, 15)


@st.composite
def tables(draw: st.DrawFn, max_side: int = 6, max_value: int = 40) -> np.ndarray:
    rows = draw(st.integers(1, max_side))
    cols = draw(st.integers(1, max_side))
    # Mostly small numbers, so that hidden cells are common.
    return draw(
        hnp.arrays(np.int64, (rows, cols), elements=st.one_of(st.integers(0, 9), st.integers(0, max_value)))
    )


def _lines(matrix: np.ndarray) -> list[np.ndarray]:
    return [matrix[i, :] for i in range(matrix.shape[0])] + [matrix[:, j] for j in range(matrix.shape[1])]


def _true_matrix(table: np.ndarray) -> np.ndarray:
    r, c = table.shape
    out = np.zeros((r + 1, c + 1), dtype=np.int64)
    out[:r, :c] = table
    out[:r, c] = table.sum(axis=1)
    out[r, :c] = table.sum(axis=0)
    out[r, c] = table.sum()
    return out


@MANY
@given(table=tables(), threshold=thresholds)
def test_no_count_from_one_to_below_the_threshold_is_ever_shown(table: np.ndarray, threshold: int) -> None:
    shown = protect_table(table, Rules(threshold))
    values, hidden = shown.matrix_values, shown.matrix_hidden
    visible = values[~hidden]
    assert not ((visible > 0) & (visible < threshold)).any()
    # And every small true count, cell or total, is hidden.
    true = _true_matrix(table)
    assert hidden[(true > 0) & (true < threshold)].all()


@MANY
@given(table=tables())
def test_shown_counts_are_rounded_to_the_nearest_five(table: np.ndarray) -> None:
    shown = protect_table(table)
    assert (shown.values % 5 == 0).all()
    assert (np.abs(shown.values - table) <= 2).all()
    assert (shown.values[table % 5 == 0] == table[table % 5 == 0]).all()


@MANY
@given(table=tables())
def test_totals_are_added_up_from_the_rounded_cells(table: np.ndarray) -> None:
    shown = protect_table(table)
    assert (shown.row_totals == shown.values.sum(axis=1)).all()
    assert (shown.column_totals == shown.values.sum(axis=0)).all()
    assert shown.grand_total == int(shown.values.sum())


@MANY
@given(table=tables(), threshold=thresholds)
def test_no_row_or_column_has_exactly_one_hidden_entry(table: np.ndarray, threshold: int) -> None:
    shown = protect_table(table, Rules(threshold))
    true, hidden = _true_matrix(table), shown.matrix_hidden
    for line_true, line_hidden in zip(_lines(true), _lines(hidden), strict=True):
        n = int(line_hidden.sum())
        assert n != 1
        if n and not line_hidden[-1]:
            # What the shown total gives away is the hidden entries' sum: never a small group.
            assert int(line_true[:-1][line_hidden[:-1]].sum()) >= threshold


def _feasible_values(
    shown_matrix: np.ndarray, hidden: np.ndarray, top: int
) -> dict[tuple[int, int], set[int]]:
    """Everything a reader who sees the table could believe each hidden cell holds (rounded)."""
    r, c = shown_matrix.shape[0] - 1, shown_matrix.shape[1] - 1
    cells = [(i, j) for i in range(r) for j in range(c) if hidden[i, j]]
    options = range(0, top + 1, 5)
    found: dict[tuple[int, int], set[int]] = {cell: set() for cell in cells}
    for guess in itertools.product(options, repeat=len(cells)):
        trial = shown_matrix[:r, :c].copy()
        for (i, j), v in zip(cells, guess, strict=True):
            trial[i, j] = v
        full = _true_matrix(trial)
        if (full[~hidden] == shown_matrix[~hidden]).all():
            for cell, v in zip(cells, guess, strict=True):
                found[cell].add(v)
    return found


@settings(max_examples=300, deadline=None)
@given(table=tables(max_side=2, max_value=14))
def test_a_reader_solving_every_total_at_once_cannot_pin_down_a_small_cell(table: np.ndarray) -> None:
    shown = protect_table(table)
    hidden = shown.matrix_hidden
    if hidden[:-1, :-1].sum() > 4:
        return
    found = _feasible_values(shown.matrix_values, hidden, top=30)
    for (i, j), values in found.items():
        if shown.primary[i, j]:
            assert len(values) >= 2, (table.tolist(), (i, j), values)


@MANY
@given(counts=st.lists(st.integers(0, 30), min_size=1, max_size=12))
def test_a_single_list_of_counts_follows_the_same_rules(counts: list[int]) -> None:
    shown = protect_counts(counts)
    for n, value in zip(counts, shown.shown(), strict=True):
        if 0 < n < 8:
            assert value is None
        if value is not None:
            assert value % 5 == 0 and abs(value - n) <= 2
    assert int(shown.hidden.sum()) != 1 or shown.total_hidden
    if shown.shown_total() is not None:
        assert shown.total == int(shown.values.sum())
        assert shown.total == 0 or shown.total >= 8


@given(threshold=st.integers(-5, 7))
def test_the_threshold_can_never_be_lowered(threshold: int) -> None:
    with pytest.raises(DisclosureError):
        Rules(threshold)
    assert NHS.raised_to(threshold).threshold == 8


@given(threshold=st.integers(8, 50))
def test_the_threshold_can_be_raised(threshold: int) -> None:
    assert NHS.raised_to(threshold).threshold == threshold
    assert NHS.raised_to(threshold).is_small(threshold - 1)


@MANY
@given(values=st.lists(st.integers(1, 5), max_size=20), threshold=thresholds)
def test_means_and_medians_need_enough_people(values: list[int], threshold: int) -> None:
    rules = Rules(threshold)
    if len(values) < threshold:
        assert mean(values, rules) is None and median(values, rules) is None
    else:
        assert mean(values, rules) == pytest.approx(sum(values) / len(values))
        assert median(values, rules) == float(np.median(values))


@MANY
@given(part=st.integers(0, 60), rest=st.integers(0, 60), threshold=thresholds)
def test_a_percentage_is_given_only_when_no_count_behind_it_is_small(
    part: int, rest: int, threshold: int
) -> None:
    rules = Rules(threshold)
    whole = part + rest
    value = percentage(part, whole, rules)
    if whole < threshold or rules.is_small(part) or rules.is_small(rest):
        assert value is None
    else:
        assert value == pytest.approx(part / whole)
    vector = group_percentages([part], [whole], rules)[0]
    assert (value is None and np.isnan(vector)) or vector == pytest.approx(value)


@given(sums=st.lists(st.integers(0, 100), min_size=1, max_size=10), data=st.data())
def test_group_means_are_withheld_for_small_groups(sums: list[int], data: st.DataObject) -> None:
    counts = data.draw(st.lists(st.integers(0, 20), min_size=len(sums), max_size=len(sums)))
    means = group_means(sums, counts)
    for s, n, m in zip(sums, counts, means, strict=True):
        assert np.isnan(m) if n < 8 else m == pytest.approx(s / n)


def test_smallest_and_largest_answers_are_never_given() -> None:
    with pytest.raises(DisclosureError):
        minimum([1, 2, 3])
    with pytest.raises(DisclosureError):
        maximum([1, 2, 3])


@MANY
@given(people=st.integers(0, 200), others=st.lists(st.integers(0, 200), max_size=6), threshold=thresholds)
def test_a_view_close_to_another_is_refused(people: int, others: list[int], threshold: int) -> None:
    rules = Rules(threshold)
    reason = differencing_refusal(people, others, rules)
    close = any(0 < abs(people - other) < threshold for other in others)
    assert (reason is not None) == (close or 0 < people < threshold)
    if reason:
        assert str(threshold) in reason


@MANY
@given(
    comments=st.lists(st.text(min_size=1, max_size=20), max_size=15),
    answered=st.integers(0, 30),
    data=st.data(),
)
def test_comments_wait_for_enough_people_and_redacted_ones_never_show(
    comments: list[str], answered: int, data: st.DataObject
) -> None:
    keyed = list(enumerate(comments))
    redacted = data.draw(st.sets(st.integers(0, max(0, len(comments) - 1))))
    shown = visible_comments(keyed, answered, redacted)
    if not free_text_shown(answered):
        assert shown == []
    else:
        assert shown == [text for key, text in keyed if key not in redacted and text.strip()]


@MANY
@given(counts=st.dictionaries(st.sampled_from("ABCDEFG"), st.integers(0, 30)))
def test_merged_groups_are_never_small_unless_everyone_together_is(counts: dict[str, int]) -> None:
    labels = merge_small_groups(counts)
    merged: dict[str, int] = {}
    for label, n in counts.items():
        merged[labels[label]] = merged.get(labels[label], 0) + n
    if sum(counts.values()) >= 8:
        assert all(n == 0 or n >= 8 for n in merged.values())
    assert set(merged) <= set(counts) | {SMALLER_GROUPS}


def test_a_worked_example() -> None:
    shown = protect_table([[12, 3, 40], [9, 0, 33]])
    assert shown.shown_rows() == [[None, None, 40, 55], [10, 0, 35, 45], [None, None, 75, 100]]


@given(part=st.integers(0, 300), rest=st.integers(0, 300), threshold=st.integers(8, 20))
def test_a_share_for_showing_comes_from_the_rounded_counts(part: int, rest: int, threshold: int) -> None:
    rules = Rules(threshold)
    whole = part + rest
    shown = rounded_share(part, whole, rules)
    if percentage(part, whole, rules) is None:
        assert shown is None
    elif shown is not None:
        cells = protect_counts([part, rest], rules).shown()
        assert cells[0] is not None and cells[1] is not None
        assert shown == cells[0] / (cells[0] + cells[1])
        # Never the exact share unless the rounded counts happen to give it.
        assert shown == rules.round_one(part) / (rules.round_one(part) + rules.round_one(rest))
