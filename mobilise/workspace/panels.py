"""Panels other apps add to the programme home and to a component's page.

A higher app (delivery, pulse, spread, stories…) registers a source from its AppConfig.ready();
the workspace renders whatever the sources return and never imports those apps. A source gets the
programme, the person looking and, on a component page, the component key; it returns None to
show nothing. Each source must answer in a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from mobilise.programmes.models import Programme


@dataclass(frozen=True)
class Panel:
    """A template (in the contributing app's jinja2 folder) and what it needs to render."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)


HomeSource = Callable[[Programme, Any], Panel | None]
ComponentSource = Callable[[Programme, Any, str], Panel | None]

HOME: list[tuple[int, HomeSource]] = []
COMPONENT: list[tuple[int, ComponentSource]] = []


@dataclass(frozen=True)
class HomeColumn:
    """An extra column in the home's table of the eight components: a heading and a text per key."""

    heading: str
    cells: Callable[[Programme], dict[str, str]]


COLUMNS: list[tuple[int, HomeColumn]] = []


def register_home_column(order: int, column: HomeColumn) -> None:
    if all(existing.heading != column.heading for _, existing in COLUMNS):
        COLUMNS.append((order, column))
        COLUMNS.sort(key=lambda pair: pair[0])


def home_columns(programme: Programme) -> list[tuple[str, dict[str, str]]]:
    """(heading, text by component key) for each registered column; each answers in fixed queries."""
    return [(column.heading, column.cells(programme)) for _, column in COLUMNS]


def register_home_panel(order: int, source: HomeSource) -> None:
    if all(existing is not source for _, existing in HOME):
        HOME.append((order, source))
        HOME.sort(key=lambda pair: pair[0])


def register_component_panel(order: int, source: ComponentSource) -> None:
    if all(existing is not source for _, existing in COMPONENT):
        COMPONENT.append((order, source))
        COMPONENT.sort(key=lambda pair: pair[0])


def home_panels(programme: Programme, user: Any) -> list[Panel]:
    return [panel for _, source in HOME if (panel := source(programme, user)) is not None]


def component_panels(programme: Programme, user: Any, component: str) -> list[Panel]:
    return [panel for _, source in COMPONENT if (panel := source(programme, user, component)) is not None]


# Panels on one piece of work's page (a change idea, a driver diagram, a story): the source gets
# the programme, the person, the kind of work (the library's kind names: "change_idea",
# "driver_diagram", "story") and the row's id.
ItemSource = Callable[[Programme, Any, str, int], Panel | None]
ITEM: list[tuple[int, ItemSource]] = []


def register_item_panel(order: int, source: ItemSource) -> None:
    if all(existing is not source for _, existing in ITEM):
        ITEM.append((order, source))
        ITEM.sort(key=lambda pair: pair[0])


def item_panels(programme: Programme, user: Any, kind: str, object_id: int) -> list[Panel]:
    return [panel for _, source in ITEM if (panel := source(programme, user, kind, object_id)) is not None]
