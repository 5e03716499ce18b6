"""Review rounds: what a review sees, frozen when it closes; comparing two; when one is due.

A snapshot is plain JSON so a closed review reads the same years later, whatever has changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count

from mobilise.measurement.analysis import analyse_series
from mobilise.measurement.presenters import summary_rows
from mobilise.measurement.reads import measures_in, series_inputs
from mobilise.programmes.models import Programme
from mobilise.workspace.components import COMPONENTS
from mobilise.workspace.models import AlignmentEntry, ComponentState, Relationship, Status, TensionStatus

from .models import Action, ActionStatus, PromptDismissal, Review, ReviewStatus, Risk, RiskStatus

DUE_AFTER_DAYS = 90
MAX_LISTED = 50

# The ten principles of large-scale change, as prompts to reflect on (never scored).
PRINCIPLES = (
    "Are we still moving towards a new vision, not just fixing the old system?",
    "Do people relate to the themes we picked, in their own words?",
    "Are many small cycles of change running, or are we waiting for one big one?",
    "Does the way we talk about this draw in people who think differently from us?",
    "Are we letting the change look different in different places?",
    "When did we last refresh the story, and who new has joined?",
    "Where has something emerged that we did not plan, and did we make room for it?",
    "How many people are leading this now, compared with the last review?",
    "What mindsets have shifted, and which have not?",
    "How is the energy of the people leading this, and what would sustain it?",
)


def snapshot(programme: Programme, threshold: int, *, with_measures: bool = True) -> dict[str, Any]:
    """What the programme looks like now, for a review to keep."""
    statuses = dict(ComponentState.objects.filter(programme=programme).values_list("component", "status"))
    labels = dict(Status.choices)
    tensions = [
        str(entry) + f": {entry.description[:200]}"
        for entry in AlignmentEntry.objects.filter(
            programme=programme, relationship=Relationship.TENSION, status=TensionStatus.OPEN
        )[:MAX_LISTED]
    ]
    counts = dict(
        Action.objects.filter(programme=programme).order_by().values_list("status").annotate(n=Count("id"))
    )
    stuck = list(
        Action.objects.filter(programme=programme, status=ActionStatus.STUCK).values_list(
            "title", "in_the_way"
        )[:MAX_LISTED]
    )
    risks = list(
        Risk.objects.filter(programme=programme, status=RiskStatus.OPEN, score__gte=threshold)
        .order_by("-score", "pk")
        .values_list("title", "score")[:MAX_LISTED]
    )
    measures = list(measures_in(programme)) if with_measures else []
    rows = summary_rows(measures, analyse_series(series_inputs(measures))) if measures else []
    return {
        "components": {c.key: labels[statuses.get(c.key, Status.NOT_STARTED)] for c in COMPONENTS},
        "tensions": tensions,
        "actions": {s: counts.get(s, 0) for s in ActionStatus.values},
        "stuck": [[title, why] for title, why in stuck],
        "risks": [[title, score] for title, score in risks],
        "measures": [[row.measure.name, row.meaning, row.assurance or ""] for row in rows[:MAX_LISTED]],
        # Each measure's variation icon, by id, so a later prompt can tell which ones changed signal.
        "signals": {str(row.measure.pk): row.variation_icon or "" for row in rows[:MAX_LISTED]},
        "stage": programme.get_stage_display(),
    }


def live_picture(programme: Programme, threshold: int) -> dict[str, Any]:
    """What an open review shows: the same picture, without the measures (taken when it closes)."""
    return {**snapshot(programme, threshold, with_measures=False), "measures": None}


@dataclass
class CompareRow:
    label: str
    first: str
    second: str

    @property
    def changed(self) -> bool:
        return self.first != self.second


def compare(first: Review, second: Review) -> list[CompareRow]:
    """Side by side, line by line: each component's status, action counts, the stage."""
    a, b = first.snapshot or {}, second.snapshot or {}
    rows = [CompareRow("Stage of the change cycle", a.get("stage", ""), b.get("stage", ""))]
    for c in COMPONENTS:
        rows.append(
            CompareRow(c.name, a.get("components", {}).get(c.key, ""), b.get("components", {}).get(c.key, ""))
        )
    for status in ActionStatus:
        rows.append(
            CompareRow(
                f"Actions {status.label.lower()}",
                str(a.get("actions", {}).get(status.value, 0)),
                str(b.get("actions", {}).get(status.value, 0)),
            )
        )
    rows.append(CompareRow("Open tensions", str(len(a.get("tensions", []))), str(len(b.get("tensions", [])))))
    rows.append(
        CompareRow(
            "Risks at or above the threshold", str(len(a.get("risks", []))), str(len(b.get("risks", [])))
        )
    )
    return rows


SEVERAL_SIGNALS = 2  # how many measures must have changed signal for a review to be suggested


@dataclass(frozen=True)
class Prompt:
    """One reason a review would help now. `key` names this reason for this last review, so a
    person who dismisses it is not asked again for the same reason."""

    key: str
    text: str


def signals_changed(before: dict[str, str], now: dict[str, str]) -> list[str]:
    """Measures (by id) whose variation icon differs between two pictures; unknown icons don't count."""
    return sorted(pk for pk, icon in now.items() if icon and before.get(pk) and before[pk] != icon)


def prompts_for(
    *,
    last: Review | None,
    stage: str,
    today: date,
    icons_now: dict[str, str],
    dismissed: set[str] | frozenset[str] = frozenset(),
) -> list[Prompt]:
    """Why a review would help, given the last closed review: never before there is one, and
    each reason at most once per person (a dismissed key stays dismissed)."""
    if last is None:
        return []
    found: list[Prompt] = []
    picture = last.snapshot or {}
    if today - last.held_on > timedelta(days=DUE_AFTER_DAYS):
        found.append(
            Prompt(
                f"days:{last.pk}",
                f"It is over {DUE_AFTER_DAYS} days since the last review on {last.held_on:%d %B %Y}.",
            )
        )
    if picture.get("stage") not in (None, stage):
        found.append(
            Prompt(
                f"stage:{last.pk}:{stage}",
                "The programme has moved to a new stage of the change cycle since the last review.",
            )
        )
    changed = signals_changed(picture.get("signals") or {}, icons_now)
    if len(changed) >= SEVERAL_SIGNALS:
        found.append(
            Prompt(
                f"signals:{last.pk}",
                f"{len(changed)} measures are showing a different signal from the one they showed at the "
                "last review.",
            )
        )
    return [p for p in found if p.key not in dismissed]


def last_closed(programme: Programme) -> Review | None:
    return (
        Review.objects.filter(programme=programme, status=ReviewStatus.CLOSED)
        .order_by("-held_on", "-pk")
        .first()
    )


def icons_now(programme: Programme, last: Review | None) -> dict[str, str]:
    """Each measure's variation icon today, only for the measures the last review kept an icon for
    (so a programme whose last review saw no measures pays nothing for the SPC step)."""
    kept = (last.snapshot or {}).get("signals") if last else None
    if not kept:
        return {}
    wanted = [int(pk) for pk, icon in kept.items() if icon and pk.isdigit()][:MAX_LISTED]
    measures = list(measures_in(programme).filter(pk__in=wanted))
    if not measures:
        return {}
    return {str(a.key): a.variation_icon or "" for a in analyse_series(series_inputs(measures))}


def review_prompts(programme: Programme, today: date, user: Any = None) -> list[Prompt]:
    """The reasons to suggest a review to this person now (none they have dismissed)."""
    last = last_closed(programme)
    if last is None:
        return []
    dismissed: set[str] = set()
    if user is not None and getattr(user, "pk", None):
        dismissed = set(
            PromptDismissal.objects.filter(programme=programme, user=user).values_list("key", flat=True)
        )
    return prompts_for(
        last=last,
        stage=programme.get_stage_display(),
        today=today,
        icons_now=icons_now(programme, last),
        dismissed=dismissed,
    )


def review_due(programme: Programme, today: date) -> str:
    """Why a review would help now, in a sentence, or "" (never a nag: only when it is needed)."""
    return " ".join(p.text for p in review_prompts(programme, today))
