"""The alignment grid as plain data: eight components by eight, one state per pair.

Pure presentation: takes alignment entries (anything with first, second, relationship and
status) and works out what each cell shows. No database, no templates.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Protocol

from .components import KEYS
from .models import Relationship, TensionStatus

PAIR_COUNT = len(KEYS) * (len(KEYS) - 1) // 2


class EntryLike(Protocol):
    first: str
    second: str
    relationship: str
    status: str


class PairState(IntEnum):
    """What a pair's cell shows; a higher value is more pressing and wins the cell."""

    NOT_CONSIDERED = 0
    REINFORCING = 1
    SETTLED = 2
    ADDRESSED = 3
    OPEN = 4


@dataclass(frozen=True)
class StateLook:
    symbol: str
    label: str  # "{tension}" is replaced with the audience's word for tension


# Every state has a symbol and words, so nothing depends on colour.
LOOKS: dict[PairState, StateLook] = {
    PairState.NOT_CONSIDERED: StateLook("·", "Not yet considered"),
    PairState.REINFORCING: StateLook("+", "Reinforcing"),
    PairState.OPEN: StateLook("!", "Open {tension}"),
    PairState.ADDRESSED: StateLook("~", "{tension} being addressed"),
    PairState.SETTLED: StateLook("✓", "{tension} settled"),
}

LEGEND_ORDER: tuple[PairState, ...] = (
    PairState.REINFORCING,
    PairState.OPEN,
    PairState.ADDRESSED,
    PairState.SETTLED,
    PairState.NOT_CONSIDERED,
)


def state_label(state: PairState, tension_word: str = "tension") -> str:
    text = LOOKS[state].label.format(tension=tension_word)
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class StateWords:
    """Symbols and words for pair states, in the audience's word for tension."""

    tension_word: str = "tension"
    legend: tuple[PairState, ...] = LEGEND_ORDER

    def label(self, state: PairState) -> str:
        return state_label(state, self.tension_word)

    def symbol(self, state: PairState) -> str:
        return LOOKS[state].symbol

    def of(self, entry: EntryLike) -> PairState:
        return entry_state(entry)


def canonical_pair(a: str, b: str) -> tuple[str, str]:
    """The pair in catalogue order; ValueError for an unknown component or the same one twice."""
    if a not in KEYS or b not in KEYS or a == b:
        raise ValueError(f"Not a pair of different components: {a!r}, {b!r}")
    return (a, b) if KEYS.index(a) < KEYS.index(b) else (b, a)


def entry_state(entry: EntryLike) -> PairState:
    if entry.relationship == Relationship.REINFORCING:
        return PairState.REINFORCING
    return {
        TensionStatus.OPEN: PairState.OPEN,
        TensionStatus.ADDRESSED: PairState.ADDRESSED,
        TensionStatus.SETTLED: PairState.SETTLED,
    }.get(TensionStatus(entry.status), PairState.OPEN)


def pair_state(entries: Iterable[EntryLike]) -> PairState:
    return max((entry_state(e) for e in entries), default=PairState.NOT_CONSIDERED)


@dataclass(frozen=True)
class Cell:
    row: str
    column: str
    state: PairState
    count: int

    @property
    def is_self(self) -> bool:
        return self.row == self.column

    @property
    def pair(self) -> tuple[str, str]:
        return canonical_pair(self.row, self.column)


@dataclass(frozen=True)
class Row:
    key: str
    cells: tuple[Cell, ...]


@dataclass
class Grid:
    keys: tuple[str, ...]
    rows: tuple[Row, ...]
    considered: int
    pairs: int = PAIR_COUNT
    open_tensions: list[EntryLike] = field(default_factory=list)
    entries: list[EntryLike] = field(default_factory=list)


def sort_entries(entries: Iterable[EntryLike]) -> list[EntryLike]:
    """Entries in catalogue order of their pair; within a pair, the order given is kept."""
    return sorted(entries, key=lambda e: (KEYS.index(e.first), KEYS.index(e.second)))


def build_grid(entries: Sequence[EntryLike]) -> Grid:
    by_pair: dict[tuple[str, str], list[EntryLike]] = {}
    for entry in entries:
        by_pair.setdefault(canonical_pair(entry.first, entry.second), []).append(entry)

    def cell(row: str, column: str) -> Cell:
        if row == column:
            return Cell(row, column, PairState.NOT_CONSIDERED, 0)
        pair_entries = by_pair.get(canonical_pair(row, column), [])
        return Cell(row, column, pair_state(pair_entries), len(pair_entries))

    ordered = sort_entries(entries)
    return Grid(
        keys=KEYS,
        rows=tuple(Row(r, tuple(cell(r, c) for c in KEYS)) for r in KEYS),
        considered=len(by_pair),
        open_tensions=[e for e in ordered if entry_state(e) == PairState.OPEN],
        entries=ordered,
    )


def summary(grid: Grid, tension_word: str = "tension") -> str:
    """Where the team is, as an invitation rather than a tally of pairs considered."""
    count = len(grid.open_tensions)
    if count == 1:
        return f"One {tension_word} is still open. Would it help to agree what to do about it?"
    if count:
        return f"{count} {tension_word}s are still open. Would it help to agree what to do about them?"
    if not grid.considered:
        return "Nothing recorded yet. Would it help to start with a pair the team often argues about?"
    return f"No open {tension_word}s. Would it help to look at a pair the team has not talked about yet?"
