"""The shape of the demo's improvement work: measures, driver diagrams, tests of change, stakeholders.

Like `spec.py`, these are frozen records; people are keys, dates are days ago, and things refer
to each other by short keys (a change idea names its secondary drivers, a test its change idea).
"""

from __future__ import annotations

from dataclasses import dataclass, field

WINTER = -1  # an annotation index meaning "the latest January"


@dataclass(frozen=True)
class Pattern:
    """How a measure's numbers behave: a steady level with noise, optionally shifting part-way.

    For p charts `level`/`after` are proportions (0 to 1) and `size` is the typical denominator.
    """

    level: float
    spread: float
    after: float | None = None
    shift_at: int | None = None
    size: int = 0
    decimals: int = 1


@dataclass(frozen=True)
class MeasureSpec:
    key: str
    name: str
    definition: str
    type: str
    unit: str
    improvement: str
    frequency: str
    chart: str
    component: str
    data_owner: str
    author: str
    points: int
    pattern: Pattern
    target: float | None = None
    phase_reason: str = ""
    # (index of the period, text); an index of WINTER puts it on the latest January in the series,
    # since the series ends today and a fixed index would land a winter note in any month.
    annotations: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class PrimarySpec:
    title: str
    secondaries: tuple[tuple[str, str], ...]  # (key, title)


@dataclass(frozen=True)
class IdeaSpec:
    key: str
    title: str
    drivers: tuple[str, ...]
    description: str = ""
    measures: tuple[str, ...] = ()


@dataclass(frozen=True)
class TheorySpec:
    step: str
    text: str
    assumptions: str = ""
    evidence: str = ""


@dataclass(frozen=True)
class DiagramSpec:
    title: str
    author: str
    days_ago: int
    aim_what: str
    aim_for_whom: str
    aim_how_much: str
    aim_by_days_ahead: int
    measure: str
    primaries: tuple[PrimarySpec, ...]
    ideas: tuple[IdeaSpec, ...]
    theory: tuple[TheorySpec, ...] = ()


@dataclass(frozen=True)
class TestSpec:
    key: str
    idea: str
    site: str
    team: str
    title: str
    author: str
    days_ago: int
    outcome: str = ""
    stage: str = "done"
    scale: str = ""
    people_count: int | None = None
    prediction_result: str = ""
    previous: str = ""
    question: str = ""
    prediction: str = ""
    plan: str = ""
    data_to_collect: str = ""
    what_happened: str = ""
    observations: str = ""
    study: str = ""
    act_notes: str = ""
    people: tuple[str, ...] = ()


@dataclass(frozen=True)
class StakeholderSpec:
    name: str
    role: str
    organisation_name: str
    organisation_type: str
    formal_authority: str
    informal_influence: str
    stance: str
    owner: str
    # Engagement over time, oldest first: (level, days ago). The last is where they are now.
    journey: tuple[tuple[str, int], ...]
    desired: str = "with"
    kind: str = "person"
    interest: str = ""
    member: str = ""


@dataclass(frozen=True)
class WorkSpec:
    """Everything beyond the workspace notes for one programme."""

    measures: tuple[MeasureSpec, ...] = ()
    diagram: DiagramSpec | None = None
    tests: tuple[TestSpec, ...] = ()
    stakeholders: tuple[StakeholderSpec, ...] = field(default=())
