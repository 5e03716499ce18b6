"""What the wheel, the component pages and the stage page show, ready for the templates.

Each read runs a fixed number of queries however many notes or members a programme has.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Count, Max, OuterRef, QuerySet, Subquery

from mobilise.programmes.models import Outcome, Programme, Stage

from .components import AROUND, COMPONENTS, STAGE_ADVICE, STAGE_FOCUS
from .models import ComponentState, Note, NoteKind, Status

Words = Callable[[str], str]

# A shape beside every status, so it never rests on colour alone.
STATUS_SYMBOLS = {
    Status.NOT_STARTED: "○",
    Status.EXPLORING: "◐",
    Status.IN_PLACE: "●",
    Status.NEEDS_ATTENTION: "▲",
}
UNTOUCHED_TEXT = "Nobody has looked at this yet"


@dataclass
class ComponentSummary:
    key: str
    name: str
    status: str = Status.NOT_STARTED
    counts: dict[str, int] = field(default_factory=dict)
    last_updated: datetime | None = None

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    @property
    def status_symbol(self) -> str:
        return STATUS_SYMBOLS[Status(self.status)]

    @property
    def notes(self) -> int:
        return self.counts.get(NoteKind.NOTE, 0)

    @property
    def decisions(self) -> int:
        return self.counts.get(NoteKind.DECISION, 0)

    @property
    def evidence(self) -> int:
        return self.counts.get(NoteKind.EVIDENCE, 0)

    @property
    def untouched(self) -> bool:
        return self.status == Status.NOT_STARTED and not any(self.counts.values())

    @property
    def description(self) -> str:
        """One line for the wheel segment's title, read out by screen readers."""
        if self.untouched:
            return f"{self.name}: {UNTOUCHED_TEXT.lower()}"
        written = plural(self.notes, "note") + ", " + plural(self.decisions, "decision")
        return f"{self.name}: {self.status_label.lower()}; {written}, {self.evidence} evidence"


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summarise(
    states: Iterable[tuple[str, str, datetime]],
    tallies: Iterable[tuple[str, str, int, datetime]],
    words: Words,
) -> list[ComponentSummary]:
    """Pure: build the eight summaries from (component, status, updated) and note tallies."""
    summaries = {c.key: ComponentSummary(c.key, words(c.key)) for c in COMPONENTS}
    for key, status, updated in states:
        if key in summaries:
            summaries[key].status = status
            summaries[key].last_updated = _later(summaries[key].last_updated, updated)
    for key, kind, count, updated in tallies:
        if key in summaries:
            summaries[key].counts[kind] = count
            summaries[key].last_updated = _later(summaries[key].last_updated, updated)
    return [summaries[c.key] for c in COMPONENTS]


def _later(a: datetime | None, b: datetime | None) -> datetime | None:
    return max(x for x in (a, b) if x is not None) if (a or b) else None


def component_summaries(programme: Programme, words: Words) -> list[ComponentSummary]:
    states = ComponentState.objects.filter(programme=programme).values_list(
        "component", "status", "updated_at"
    )
    tallies = (
        Note.objects.filter(programme=programme)
        .order_by()
        .values("component", "kind")
        .annotate(n=Count("id"), last=Max("updated_at"))
        .values_list("component", "kind", "n", "last")
    )
    return summarise(states, tallies, words)


# The shared purpose app registers how to read its statement (AppConfig.ready()); none until it does.
PURPOSE_READERS: list[Callable[[Programme], str]] = []


def register_purpose_reader(reader: Callable[[Programme], str]) -> None:
    PURPOSE_READERS[:] = [reader]


def purpose_statement(programme: Programme) -> str:
    return "".join(reader(programme) for reader in PURPOSE_READERS)


def component_state(programme: Programme, component: str) -> ComponentState | None:
    return (
        ComponentState.objects.filter(programme=programme, component=component)
        .select_related("updated_by")
        .first()
    )


def purpose_headline(statement: str | None) -> str | None:
    """The first line of the shared purpose statement, or None if it is not written yet."""
    for line in (statement or "").splitlines():
        if line.strip():
            return line.strip()
    return None


@dataclass(frozen=True)
class NoteGroup:
    kind: str
    heading: str
    empty_text: str
    notes: list[Note]


GROUP_HEADINGS = {
    NoteKind.NOTE: ("Notes", "No notes yet."),
    NoteKind.DECISION: ("Decisions", "No decisions recorded yet."),
    NoteKind.EVIDENCE: ("Evidence", "No evidence added yet."),
}


def notes_for_component(programme: Programme, component: str) -> QuerySet[Note]:
    """Live notes, newest first, with their author and whoever changed them last, in one query."""
    history = Note.history.model.objects.filter(id=OuterRef("pk")).order_by("-history_id")
    return (
        Note.objects.filter(programme=programme, component=component)
        .select_related("author")
        .annotate(
            last_editor=Subquery(history.values("history_user__full_name")[:1]),
            last_editor_email=Subquery(history.values("history_user__email")[:1]),
        )
        .order_by("-created_at")
    )


def group_notes(notes: Iterable[Note]) -> list[NoteGroup]:
    by_kind: dict[str, list[Note]] = {kind: [] for kind in NoteKind.values}
    for note in notes:
        by_kind.setdefault(note.kind, []).append(note)
    return [NoteGroup(kind, *GROUP_HEADINGS[NoteKind(kind)], by_kind[kind]) for kind in NoteKind.values]


# The large-scale change cycle, in plain words.
STAGE_EXPLAINED = {
    Stage.FRAME: "Frame, and reframe, the issue: agree what the problem is, why it matters and "
    "the story that will bring people with you.",
    Stage.ENGAGE: "Engage people: bring in staff, patients, carers and partners so they shape the "
    "change and want to act on it.",
    Stage.CHANGE: "Make changes: many small tests of change, run by many people, learning as you go.",
    Stage.ATTRACT: "Attract more people: share what is working, refresh the story and welcome new "
    "supporters. Then go round again.",
}
OUTCOMES_EXPLAINED = {
    Outcome.NORM: "The change is becoming the normal way of doing things.",
    Outcome.PLATEAU: "Progress has levelled off. Reframing the issue or bringing in new people can "
    "restart it.",
    Outcome.OUT_OF_ENERGY: "People are tired and the work is slowing. Look after the energy of the "
    "people leading it, and reconnect with the shared purpose.",
}


@dataclass(frozen=True)
class StageStep:
    value: str
    label: str
    explained: str
    current: bool


@dataclass(frozen=True)
class StagePicture:
    stage: str
    stage_label: str
    cycle_round: int
    outcome: str
    outcome_label: str
    outcome_explained: str
    note: str
    advice: str
    focus: list[tuple[str, str]]
    steps: list[StageStep]


def stage_picture(programme: Any, words: Words) -> StagePicture:
    stage = programme.stage if programme.stage in Stage.values else Stage.FRAME
    outcome = programme.outcome if programme.outcome in Outcome.values else ""
    return StagePicture(
        stage=stage,
        stage_label=str(Stage(stage).label),
        cycle_round=programme.cycle_round,
        outcome=outcome,
        outcome_label=str(Outcome(outcome).label),
        outcome_explained=OUTCOMES_EXPLAINED.get(Outcome(outcome), ""),
        note=programme.stage_note,
        advice=STAGE_ADVICE[stage],
        focus=[(key, words(key)) for key in STAGE_FOCUS[stage]],
        steps=[StageStep(s.value, str(s.label), STAGE_EXPLAINED[s], s.value == stage) for s in Stage],
    )


def wheel_labels(words: Words) -> list[tuple[str, str]]:
    return [(c.key, words(c.key)) for c in AROUND]
