"""Sections other apps add to a programme's board paper (risks, agreements, energy, sessions…).

The board paper app sits near the top of the layers, so apps below it cannot import it; they
register a source here from their AppConfig.ready() instead, and the board paper reads them all.
A source gets the programme and returns a `BoardSection` (plain words and a table, so the paper
can keep it unchanged once published, and offer its table as CSV) or None to add nothing. Each
source must answer in a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from mobilise.programmes.models import Programme


@dataclass(frozen=True)
class BoardTable:
    caption: str
    headings: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]


@dataclass(frozen=True)
class BoardSection:
    """`component` ties the section to one of the eight components ("" for the whole programme)."""

    key: str
    title: str
    intro: str = ""
    items: list[str] = field(default_factory=list)
    table: BoardTable | None = None
    component: str = ""

    def as_data(self) -> dict[str, Any]:
        table = self.table
        return {
            "key": self.key,
            "title": self.title,
            "intro": self.intro,
            "items": list(self.items),
            "component": self.component,
            "table": None
            if table is None
            else {
                "caption": table.caption,
                "headings": list(table.headings),
                "rows": [list(r) for r in table.rows],
            },
        }


BoardSource = Callable[[Programme], BoardSection | None]
SOURCES: list[tuple[int, BoardSource]] = []


def register_board_section(order: int, source: BoardSource) -> None:
    if all(existing is not source for _, existing in SOURCES):
        SOURCES.append((order, source))
        SOURCES.sort(key=lambda pair: pair[0])


def board_sections(programme: Programme) -> list[BoardSection]:
    return [section for _, source in SOURCES if (section := source(programme)) is not None]
