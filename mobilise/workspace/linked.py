"""What the team has actually built for a component elsewhere in Mobilise.

The component page shows this so the team sees the component's real state, not a tick: a
methodology with three driver diagrams and 40 tests of change speaks for itself. Other apps
register what they show here from their AppConfig.ready(); the workspace never imports them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mobilise.programmes.models import Programme


@dataclass(frozen=True)
class LinkedWork:
    text: str
    url: str | None


def plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


LinkedSource = Callable[[Programme], list[LinkedWork]]

# What other apps show on a component's page, by component key; they register from AppConfig.ready().
SOURCES: dict[str, list[LinkedSource]] = {}


def register_linked_work(component: str, source: LinkedSource) -> None:
    sources = SOURCES.setdefault(component, [])
    if source not in sources:
        sources.append(source)


def linked_work(programme: Programme, component: str) -> list[LinkedWork]:
    return [item for source in SOURCES.get(component, []) for item in source(programme)]
