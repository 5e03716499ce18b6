"""The alignment grid as a picture: a staircase with each pair of components once.

Component names sit on the diagonal; the square below and to the left of a name, in the column of
another name, is that pair. It scales to the width it is given, so it fits a phone and a desktop
alike; every square is a link with its pair and state in words, and the page lists the same pairs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from .grid import Grid, PairState, StateWords
from .wheel import wrap_label

CELL = 40
GAP = 3
LABEL_WIDTH = 138
FONT = 15

# Fill and symbol colour per state; the symbol carries the meaning too, so colour is never alone.
COLOURS: dict[PairState, tuple[str, str]] = {
    PairState.NOT_CONSIDERED: ("#f0f4f5", "#4c6272"),
    PairState.REINFORCING: ("#005eb8", "#ffffff"),
    PairState.OPEN: ("#d5281b", "#ffffff"),
    PairState.ADDRESSED: ("#ffeb3b", "#212b32"),
    PairState.SETTLED: ("#007f3b", "#ffffff"),
}


@dataclass(frozen=True)
class Square:
    first: str
    second: str
    state: PairState
    x: float
    y: float


def squares(grid: Grid) -> list[Square]:
    """One square per pair: row i holds the pairs of component i with each earlier component."""
    found = []
    for i, row in enumerate(grid.rows):
        for j, cell in enumerate(row.cells[:i]):
            found.append(Square(grid.keys[j], row.key, cell.state, j * CELL, i * CELL))
    return found


def grid_svg(
    grid: Grid,
    *,
    name: Callable[[str], str],
    states: StateWords,
    pair_url: Callable[[str, str], str],
) -> Markup:
    count = len(grid.keys)
    width = (count - 1) * CELL + LABEL_WIDTH + GAP
    height = count * CELL
    parts = [
        f'<svg class="mobilise-grid-picture" viewBox="0 0 {width} {height}" role="group" '
        f'aria-labelledby="grid-picture-title" xmlns="http://www.w3.org/2000/svg">',
        '<title id="grid-picture-title">How each pair of components relates: one square per pair</title>',
    ]
    for i, key in enumerate(grid.keys):
        lines = wrap_label(name(key), width=15, max_lines=2)
        x = i * CELL + GAP
        top = i * CELL + CELL / 2 - (len(lines) - 1) * (FONT + 2) / 2 + FONT / 3
        tspans = "".join(
            f'<tspan x="{x}" y="{top + n * (FONT + 2):.1f}">{escape(line)}</tspan>'
            for n, line in enumerate(lines)
        )
        parts.append(f'<text font-size="{FONT}" aria-hidden="true">{tspans}</text>')
    for sq in squares(grid):
        fill, ink = COLOURS[sq.state]
        label = f"{name(sq.first)} and {name(sq.second)}: {states.label(sq.state)}"
        parts.append(
            f'<a href="{escape(pair_url(sq.first, sq.second))}" aria-label="{escape(label)}">'
            f"<title>{escape(label)}</title>"
            f'<rect x="{sq.x + 1}" y="{sq.y + 1}" width="{CELL - 2}" height="{CELL - 2}" rx="3" '
            f'fill="{fill}" stroke="#768692" stroke-width="0.5"/>'
            f'<text x="{sq.x + CELL / 2}" y="{sq.y + CELL / 2 + 7}" text-anchor="middle" font-size="20" '
            f'font-weight="700" fill="{ink}" aria-hidden="true">{escape(states.symbol(sq.state))}</text></a>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
