"""The grid presenter on its own: pairs, states and the summary, without a database."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from mobilise.workspace.grid import (
    PAIR_COUNT,
    PairState,
    StateWords,
    build_grid,
    canonical_pair,
    pair_state,
    summary,
)


@dataclass
class Entry:
    first: str
    second: str
    relationship: str = "tension"
    status: str = "open"


def test_there_are_28_pairs_of_eight_components():
    assert PAIR_COUNT == 28


def test_a_pair_is_the_same_whichever_way_round():
    assert canonical_pair("system_drivers", "purpose") == ("purpose", "system_drivers")
    assert canonical_pair("purpose", "system_drivers") == ("purpose", "system_drivers")


@pytest.mark.parametrize(("a", "b"), [("purpose", "purpose"), ("purpose", "nonsense"), ("", "spread")])
def test_a_component_with_itself_or_an_unknown_one_is_not_a_pair(a, b):
    with pytest.raises(ValueError):
        canonical_pair(a, b)


def test_an_open_tension_wins_the_cell_over_anything_calmer():
    entries = [
        Entry("purpose", "spread", "reinforcing"),
        Entry("purpose", "spread", "tension", "settled"),
        Entry("purpose", "spread", "tension", "open"),
    ]
    assert pair_state(entries) == PairState.OPEN
    assert pair_state(entries[:2]) == PairState.SETTLED
    assert pair_state([]) == PairState.NOT_CONSIDERED


def test_a_reinforcing_pair_ignores_its_status():
    assert pair_state([Entry("purpose", "spread", "reinforcing", "open")]) == PairState.REINFORCING


def test_the_grid_counts_pairs_not_entries_and_lists_open_tensions():
    entries = [
        Entry("purpose", "system_drivers", "tension", "open"),
        Entry("system_drivers", "purpose", "tension", "addressed"),
        Entry("engagement", "system_drivers", "tension", "open"),
        Entry("leadership", "spread", "reinforcing"),
    ]
    grid = build_grid(entries)
    assert grid.considered == 3
    assert len(grid.open_tensions) == 2
    assert summary(grid) == "2 tensions are still open. Would it help to agree what to do about them?"


def test_both_halves_of_the_grid_show_the_same_pair_and_the_diagonal_is_blank():
    grid = build_grid([Entry("leadership", "measurement", "tension", "addressed")])
    cells = {(c.row, c.column): c for row in grid.rows for c in row.cells}
    assert cells[("leadership", "measurement")].state == PairState.ADDRESSED
    assert cells[("measurement", "leadership")].state == PairState.ADDRESSED
    assert cells[("measurement", "leadership")].pair == ("leadership", "measurement")
    assert cells[("leadership", "leadership")].is_self
    assert len(grid.rows) == 8 and all(len(row.cells) == 8 for row in grid.rows)


def test_one_open_tension_is_singular_and_uses_the_audiences_word():
    grid = build_grid([Entry("purpose", "delivery")])
    assert summary(grid, "pull") == "One pull is still open. Would it help to agree what to do about it?"


def test_every_state_has_a_symbol_and_words_so_colour_is_never_needed():
    words = StateWords()
    symbols = {words.symbol(state) for state in PairState}
    assert len(symbols) == len(PairState)
    assert words.label(PairState.OPEN) == "Open tension"
    assert words.label(PairState.SETTLED) == "Tension settled"
    assert StateWords("pull").label(PairState.ADDRESSED) == "Pull being addressed"


def test_the_list_of_entries_follows_the_catalogue_order():
    grid = build_grid([Entry("engagement", "system_drivers"), Entry("purpose", "leadership")])
    pairs = [(e.first, e.second) for e in grid.entries]
    assert pairs == [("purpose", "leadership"), ("engagement", "system_drivers")]
