"""What delivery pages show: risk bands, the heat map, who leads what, agreements with their answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from mobilise.accounts.models import Organisation
from mobilise.workspace.components import COMPONENTS
from mobilise.workspace.models import Note

from .models import Agreement, ComponentLeads, Confirmation, PartnerLead


@dataclass(frozen=True)
class Band:
    key: str
    label: str
    colour: str  # fill in the heat map; each cell also carries its score and band in words


# The usual NHS 5×5 bands (National Patient Safety Agency matrix).
LOW = Band("low", "Low", "#cce2d8")
MODERATE = Band("moderate", "Moderate", "#fff7bf")
HIGH = Band("high", "High", "#ffdc8e")
EXTREME = Band("extreme", "Extreme", "#f6d7d2")
BANDS = (LOW, MODERATE, HIGH, EXTREME)


def band(score: int) -> Band:
    """1–3 low, 4–6 moderate, 8–12 high, 15–25 extreme."""
    if not 1 <= score <= 25:
        raise ValueError(f"A 5×5 score runs from 1 to 25, not {score}")
    if score <= 3:
        return LOW
    if score <= 6:
        return MODERATE
    if score <= 12:
        return HIGH
    return EXTREME


@dataclass(frozen=True)
class Cell:
    likelihood: int
    impact: int
    count: int
    x: int
    y: int

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def band(self) -> Band:
        return band(self.score)


CELL = 64
LEFT = 90
TOP = 10


def heat_map(grid: dict[tuple[int, int], int]) -> list[Cell]:
    """25 cells: impact across (1→5), likelihood up (5 at the top)."""
    return [
        Cell(
            likelihood,
            impact,
            grid.get((likelihood, impact), 0),
            LEFT + (impact - 1) * CELL,
            TOP + (5 - likelihood) * CELL,
        )
        for likelihood in range(5, 0, -1)
        for impact in range(1, 6)
    ]


@dataclass
class LeadRow:
    key: str
    name: str
    leads: list[Any]
    former: list[Any]
    working_group: str
    version: int


def lead_rows(by_component: dict[str, ComponentLeads], member_ids: set[int]) -> list[LeadRow]:
    rows = []
    for component in COMPONENTS:
        found = by_component.get(component.key)
        people = list(found.leads.all()) if found else []
        rows.append(
            LeadRow(
                key=component.key,
                name=component.name,
                leads=[p for p in people if p.pk in member_ids],
                former=[p for p in people if p.pk not in member_ids],
                working_group=found.working_group if found else "",
                version=found.version if found else 0,
            )
        )
    return rows


def lead_names(people: list[Any]) -> str:
    names = [str(p.display_name) for p in people]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


@dataclass
class PartnerRow:
    organisation: Organisation
    lead: Any
    version: int


def partner_rows(partners: list[Organisation], leads: dict[int, PartnerLead]) -> list[PartnerRow]:
    return [
        PartnerRow(
            p, leads[p.pk].lead if p.pk in leads else None, leads[p.pk].version if p.pk in leads else 0
        )
        for p in partners
    ]


@dataclass
class Answer:
    organisation: Organisation
    state: str
    label: str
    concern: str
    can_answer: bool


@dataclass
class Entry:
    """One line of the agreements register: an agreement, or a decision written as a note."""

    when: date
    title: str
    agreement: Agreement | None = None
    note: Note | None = None
    answers: list[Answer] = field(default_factory=list)

    @property
    def confirmed(self) -> int:
        return sum(1 for a in self.answers if a.state == Confirmation.CONFIRMED)

    @property
    def concerns(self) -> int:
        return sum(1 for a in self.answers if a.state == Confirmation.CONCERNS)


def answers_for(agreement: Agreement, partners: list[Organisation], may_answer: set[int]) -> list[Answer]:
    given = {c.organisation_id: c for c in agreement.confirmations.all()}
    answers = []
    for partner in partners:
        found = given.get(partner.pk)
        state = found.state if found else Confirmation.PENDING
        answers.append(
            Answer(
                partner,
                state,
                Confirmation(state).label,
                found.concern if found else "",
                partner.pk in may_answer,
            )
        )
    return answers


def register(
    agreements: list[Agreement], notes: list[Note], partners: list[Organisation], may_answer: set[int]
) -> list[Entry]:
    """Agreements and decision notes in one list, newest first."""
    entries = [
        Entry(a.decided_on, a.title, agreement=a, answers=answers_for(a, partners, may_answer))
        for a in agreements
    ]
    entries += [Entry(n.created_at.date(), n.title, note=n) for n in notes]
    entries.sort(key=lambda e: (e.when, e.agreement.pk if e.agreement else 0), reverse=True)
    return entries


STATUS_TAG = {
    "planned": "nhsuk-tag--grey",
    "doing": "nhsuk-tag--blue",
    "stuck": "nhsuk-tag--orange",
    "done": "nhsuk-tag--green",
    "dropped": "nhsuk-tag--white",
}
PULL_TAG = {"with": "nhsuk-tag--green", "mixed": "nhsuk-tag--yellow", "against": "nhsuk-tag--red"}


@dataclass(frozen=True)
class Mark:
    number: int
    x: float
    above: bool
    reached: bool
    milestone: Any


TIMELINE_LEFT, TIMELINE_WIDTH = 20.0, 600.0


def timeline(milestones: list[Any], today: date) -> tuple[list[Mark], float | None]:
    """Where each milestone sits on a line from the first date to the last, and where today falls."""
    if not milestones:
        return [], None
    first = min([m.due_on for m in milestones] + [today])
    last = max([m.due_on for m in milestones] + [today])
    span = max((last - first).days, 1)

    def x(when: date) -> float:
        return float(round(TIMELINE_LEFT + TIMELINE_WIDTH * (when - first).days / span, 1))

    marks = [
        Mark(i, x(m.due_on), i % 2 == 1, m.reached_on is not None, m)
        for i, m in enumerate(milestones, start=1)
    ]
    return marks, x(today)
