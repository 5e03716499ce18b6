"""Getting sessions and their parts inside a programme (or 404), and what their pages show."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse

from mobilise.accounts.models import Organisation
from mobilise.pdsa.models import TestOfChange
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import Role
from mobilise.purpose.models import SharedPurpose
from mobilise.workspace.models import AlignmentEntry, Note, Relationship

from .models import Action, Evaluation, EvaluationAnswer, Feedback, Series, Session, Theme, ValueCase
from .results import Answer, Summary, shown_only, summarise


def get_theme_or_404(programme: Programme, pk: int) -> Theme:
    found: Theme = get_object_or_404(Theme, programme=programme, pk=pk)
    return found


def themes_in(programme: Programme) -> tuple[list[Theme], list[Theme]]:
    """The programme's themes in planning order, and apart from them the archived ones."""
    themes = list(Theme.objects.filter(programme=programme))
    return [t for t in themes if not t.archived], [t for t in themes if t.archived]


def get_series_or_404(programme: Programme, pk: int) -> Series:
    found: Series = get_object_or_404(Series, programme=programme, pk=pk)
    return found


def get_session_or_404(programme: Programme, pk: int, *, include_binned: bool = False) -> Session:
    manager: Any = Session.all_objects if include_binned else Session.objects
    found: Session = get_object_or_404(
        manager.select_related("series", "facilitator", "programme", "planned_from"),
        programme=programme,
        pk=pk,
    )
    return found


def get_action_or_404(session: Session, pk: int) -> Action:
    found: Action = get_object_or_404(Action, session=session, programme_id=session.programme_id, pk=pk)
    return found


def get_evaluation_or_404(programme: Programme, pk: int) -> Evaluation:
    found: Evaluation = get_object_or_404(Evaluation, programme=programme, pk=pk)
    return found


def session_for_token(token: str) -> Session | None:
    """The live session a feedback link belongs to, or None (a bad, renewed or binned link)."""
    if not token:
        return None
    found: Session | None = Session.objects.select_related("programme").filter(feedback_token=token).first()
    return found


def evaluation_for_token(token: str) -> Evaluation | None:
    found: Evaluation | None = (
        Evaluation.objects.select_related("programme").filter(token=token).first() if token else None
    )
    return found


def _answers(rows: Iterable[tuple[int, int, int, int, int]]) -> dict[int, list[Answer]]:
    grouped: dict[int, list[Answer]] = defaultdict(list)
    for key, pace, usefulness, facilitation, recommend in rows:
        grouped[key].append(Answer(pace, usefulness, facilitation, recommend))
    return grouped


def answers_by_session(session_ids: Sequence[int]) -> dict[int, list[Answer]]:
    return _answers(
        Feedback.objects.filter(session_id__in=session_ids).values_list(
            "session_id", "pace", "usefulness", "facilitation", "recommend"
        )
    )


def session_summary(session: Session) -> Summary:
    return summarise(session.title, answers_by_session([session.pk]).get(session.pk, []))


def changes_suggested(session: Session, summary: Summary) -> list[str]:
    """The 'one thing to change' answers, only once enough people answered, in a fixed order that
    is not the order they were sent (so the last phone in the room cannot be matched to its words)."""
    if not summary.shown:
        return []
    texts = [t for t in Feedback.objects.filter(session=session).values_list("change", flat=True) if t]
    return sorted(texts, key=str.casefold)


@dataclass(frozen=True)
class Carried:
    action: Action
    from_session: Session


def carried_over(session: Session) -> list[Carried]:
    """Actions not yet done from earlier sessions of the same series: the start of this agenda."""
    if session.series_id is None:
        return []
    earlier = Action.objects.filter(
        session__series_id=session.series_id,
        session__deleted_at__isnull=True,
        done_on__isnull=True,
    ).filter(
        Q(session__held_on__lt=session.held_on)
        | Q(session__held_on=session.held_on, session__pk__lt=session.pk)
    )
    return [
        Carried(a, a.session) for a in earlier.select_related("session").order_by("session__held_on", "pk")
    ]


def missing_partners(session: Session, came: Sequence[Organisation]) -> list[Organisation]:
    came_ids = {o.pk for o in came}
    return [o for o in session.programme.partners.order_by("name") if o.pk not in came_ids]


@dataclass(frozen=True)
class Outcome:
    kind: str
    text: str
    url: str


OutcomeSource = Callable[[Session], list[Outcome]]
# What other apps made on the day of a session (actions from delivery, once it exists), registered
# from their AppConfig.ready() or added here; each source answers in one query.
OUTCOME_SOURCES: list[OutcomeSource] = []


def register_session_outcomes(source: OutcomeSource) -> None:
    if source not in OUTCOME_SOURCES:
        OUTCOME_SOURCES.append(source)


def _purpose(session: Session) -> list[Outcome]:
    revisions = SharedPurpose.history.filter(
        programme_id=session.programme_id, history_date__date=session.held_on
    ).order_by("history_date")
    url = reverse("purpose:detail", kwargs={"slug": session.programme.slug})
    return [
        Outcome("Purpose revision", r.history_change_reason or "The shared purpose was revised", url)
        for r in revisions
    ]


def _notes(session: Session) -> list[Outcome]:
    notes = Note.objects.filter(programme_id=session.programme_id, created_at__date=session.held_on)
    return [
        Outcome(
            n.get_kind_display(),
            n.title,
            reverse("workspace:component", kwargs={"slug": session.programme.slug, "component": n.component}),
        )
        for n in notes.order_by("created_at")
    ]


def _tensions(session: Session) -> list[Outcome]:
    entries = AlignmentEntry.objects.filter(
        programme_id=session.programme_id,
        relationship=Relationship.TENSION,
        created_at__date=session.held_on,
    )
    url = reverse("workspace:alignment", kwargs={"slug": session.programme.slug})
    return [Outcome("Tension", str(e), url) for e in entries.order_by("created_at")]


def _tests(session: Session) -> list[Outcome]:
    tests = TestOfChange.objects.filter(programme_id=session.programme_id, created_at__date=session.held_on)
    return [
        Outcome(
            "Test of change",
            t.title,
            reverse("pdsa:detail", kwargs={"slug": session.programme.slug, "pk": t.pk}),
        )
        for t in tests.order_by("created_at")
    ]


def outcomes(session: Session) -> list[Outcome]:
    """Purpose revisions, notes, tensions and tests of change made on the day of the session."""
    found: list[Outcome] = []
    for source in (_purpose, _notes, _tensions, _tests, *OUTCOME_SOURCES):
        found += source(session)
    return found


@dataclass(frozen=True)
class SeriesRow:
    series: Series | None
    sessions: list[Session]
    summaries: list[Summary]
    overall: Summary


def series_rows(sessions: Sequence[Session], answers: dict[int, list[Answer]]) -> list[SeriesRow]:
    """Sessions grouped by series (small spaces last), each with its feedback and the series' total."""
    groups: dict[int | None, list[Session]] = defaultdict(list)
    for s in sessions:
        groups[s.series_id].append(s)
    rows = []
    for key, members in sorted(groups.items(), key=lambda kv: (kv[0] is None, -(kv[0] or 0))):
        summaries = [summarise(s.title, answers.get(s.pk, [])) for s in members]
        everything = shown_only(answers.get(s.pk, []) for s in members)
        series = members[0].series if key is not None else None
        rows.append(SeriesRow(series, members, summaries, summarise("The whole series", everything)))
    return rows


def programme_sessions(programme: Programme) -> list[Session]:
    return list(
        Session.objects.filter(programme=programme)
        .filter(Q(series__isnull=True) | Q(series__deleted_at__isnull=True))
        .select_related("series", "facilitator")
        .order_by("held_on", "pk")
    )


@dataclass(frozen=True)
class ProgrammeBlock:
    programme: Programme
    rows: list[SeriesRow]
    summary: Summary
    open_actions: int
    next_session: Session | None


@dataclass(frozen=True)
class FacilitatorPage:
    blocks: list[ProgrammeBlock]
    overall: Summary
    per_programme: list[Summary]


def facilitator_page(user: Any, today: date) -> FacilitatorPage:
    """Every series in the programmes this person facilitates or convenes, in four queries."""
    programmes = list(
        Programme.objects.filter(
            memberships__user=user, memberships__role__in=[Role.FACILITATOR, Role.CONVENOR]
        ).order_by("name")
    )
    ids = [p.pk for p in programmes]
    sessions = list(
        Session.objects.filter(programme_id__in=ids)
        .filter(Q(series__isnull=True) | Q(series__deleted_at__isnull=True))
        .select_related("series")
        .order_by("held_on", "pk")
    )
    answers = _answers(
        Feedback.objects.filter(session__in=[s.pk for s in sessions]).values_list(
            "session_id", "pace", "usefulness", "facilitation", "recommend"
        )
    )
    open_counts: dict[int, int] = defaultdict(int)
    for programme_id in Action.objects.filter(
        programme_id__in=ids, done_on__isnull=True, session__deleted_at__isnull=True
    ).values_list("programme_id", flat=True):
        open_counts[programme_id] += 1
    by_programme: dict[int, list[Session]] = defaultdict(list)
    for s in sessions:
        by_programme[s.programme_id].append(s)
    blocks, mine = [], []
    for p in programmes:
        members = by_programme.get(p.pk, [])
        everything = shown_only(answers.get(s.pk, []) for s in members)
        mine += shown_only(answers.get(s.pk, []) for s in members if s.facilitator_id == user.pk)
        upcoming = [s for s in members if s.held_on >= today]
        blocks.append(
            ProgrammeBlock(
                programme=p,
                rows=series_rows(members, answers),
                summary=summarise(p.name, everything),
                open_actions=open_counts[p.pk],
                next_session=upcoming[0] if upcoming else None,
            )
        )
    return FacilitatorPage(
        blocks=blocks,
        overall=summarise("Every session you facilitated", mine),
        per_programme=[b.summary for b in blocks],
    )


@dataclass(frozen=True)
class EvaluationResult:
    evaluation: Evaluation
    answers: int
    shown: bool
    slower: list[tuple[str, int]]  # (choice, percentage)
    helped: list[str]
    hindered: list[str]


def evaluation_result(evaluation: Evaluation) -> EvaluationResult:
    from .models import Slower
    from .results import THRESHOLD

    rows = list(
        EvaluationAnswer.objects.filter(evaluation=evaluation).values_list("slower", "helped", "hindered")
    )
    n = len(rows)
    if n < THRESHOLD:
        return EvaluationResult(evaluation, n, False, [], [], [])
    counts = {choice: 0 for choice in Slower.values}
    for slower, _, _ in rows:
        counts[slower] += 1
    return EvaluationResult(
        evaluation,
        n,
        True,
        [(Slower(c).label, round(100 * counts[c] / n)) for c in Slower.values],
        sorted((h for _, h, _ in rows if h), key=str.casefold),
        sorted((h for _, _, h in rows if h), key=str.casefold),
    )


def evaluations_in(programme: Programme) -> list[Evaluation]:
    return list(Evaluation.objects.filter(programme=programme))


def get_value_case_or_404(programme: Programme, pk: int) -> ValueCase:
    found: ValueCase = get_object_or_404(
        ValueCase.objects.select_related("programme"), programme=programme, pk=pk
    )
    return found


def value_cases_in(programme: Programme) -> list[ValueCase]:
    return list(ValueCase.objects.filter(programme=programme).prefetch_related("measures"))
