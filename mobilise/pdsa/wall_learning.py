"""Learning from outside tests of change that belongs on the learning wall (huddles, debriefs…).

Higher apps register a source from their AppConfig.ready(); the wall shows what they return and
never imports them. A source gets the programme and answers in one query.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from mobilise.programmes.models import Programme


@dataclass(frozen=True)
class WallLearning:
    kind: str
    title: str
    when: date
    learnt: str
    url: str


LearningSource = Callable[[Programme], list[WallLearning]]
SOURCES: list[LearningSource] = []
SHOWN = 5


def register_wall_learning(source: LearningSource) -> None:
    if source not in SOURCES:
        SOURCES.append(source)


def wall_learning(programme: Programme) -> list[WallLearning]:
    found = [item for source in SOURCES for item in source(programme)]
    return sorted(found, key=lambda item: item.when, reverse=True)[:SHOWN]
