"""Recent changes: who changed what, and when, across a programme.

Reads the django-simple-history tables, one query per table, and merges them in Python. Each
row is compared with the row before it (fetched in the same query) to tell a move to the bin
or a restore from an ordinary edit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Model, OuterRef, QuerySet, Subquery
from django.urls import reverse

from mobilise.programmes.models import Membership, Outcome, Programme, Stage

from .models import AlignmentEntry, Audience, ComponentState, Note, NoteKind, Relationship, Status

Words = Callable[[str], str]
FEED_LENGTH = 50
KIND_WITH_ARTICLE = {NoteKind.NOTE: "a note", NoteKind.DECISION: "a decision", NoteKind.EVIDENCE: "evidence"}


@dataclass(frozen=True)
class Change:
    when: datetime
    who: str
    action: str
    detail: str = ""
    link: str = ""

    @property
    def sentence(self) -> str:
        return f"{self.who} {self.action}"


def history_rows(
    model: type[Model], *, previous: tuple[str, ...] = (), related: tuple[str, ...] = (), **filters: Any
) -> QuerySet[Any]:
    """The newest history rows, each annotated with chosen fields of the row before it."""
    historical = model.history.model  # type: ignore[attr-defined]
    before = historical.objects.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id")).order_by(
        "-history_id"
    )
    annotations = {f"prev_{name}": Subquery(before.values(name)[:1]) for name in previous}
    annotations["prev_exists"] = Subquery(before.values("history_id")[:1])
    rows: QuerySet[Any] = (
        historical.objects.filter(**filters)
        .select_related("history_user", *related)
        .annotate(**annotations)
        .order_by("-history_id")[:FEED_LENGTH]
    )
    return rows


def who(row: Any) -> str:
    user = row.history_user
    return user.display_name if user is not None else "Someone"


def _bin_move(row: Any) -> str | None:
    """'binned' or 'restored' when this change moved the item into or out of the bin."""
    if row.history_type != "~" or row.prev_exists is None:
        return None
    if row.deleted_at is not None and row.prev_deleted_at is None:
        return "binned"
    if row.deleted_at is None and row.prev_deleted_at is not None:
        return "restored"
    return None


def _verb(row: Any, added: str, thing: str, where: str) -> str:
    move = _bin_move(row)
    if row.history_type == "+":
        return f"{added} {thing}{where}"
    if row.history_type == "-":
        return f"deleted {thing}{where} for good"
    if move == "binned":
        return f"moved {thing}{where} to the bin"
    if move == "restored":
        return f"restored {thing}{where} from the bin"
    return f"edited {thing}{where}"


def _note_changes(programme: Programme, words: Words) -> list[Change]:
    changes = []
    for row in history_rows(Note, previous=("deleted_at",), programme_id=programme.pk):
        kind = KIND_WITH_ARTICLE.get(row.kind, "a note")
        where = words(row.component)
        if row.history_type == "+":
            action = f"added {kind} to {where}"
        else:
            action = _verb(row, "added", kind, f" in {where}")
        link = reverse("workspace:component", kwargs={"slug": programme.slug, "component": row.component})
        changes.append(Change(row.history_date, who(row), action, f"“{row.title}”", link))
    return changes


def _status_changes(programme: Programme, words: Words) -> list[Change]:
    changes = []
    for row in history_rows(ComponentState, programme_id=programme.pk):
        status = str(Status(row.status).label).lower() if row.status in Status.values else row.status
        link = reverse("workspace:component", kwargs={"slug": programme.slug, "component": row.component})
        changes.append(
            Change(
                row.history_date,
                who(row),
                f"set the status of {words(row.component)} to “{status}”",
                link=link,
            )
        )
    return changes


def _alignment_changes(programme: Programme, words: Words) -> list[Change]:
    changes = []
    link = reverse("workspace:alignment", kwargs={"slug": programme.slug})
    for row in history_rows(AlignmentEntry, previous=("deleted_at",), programme_id=programme.pk):
        pair = f"how {words(row.first)} and {words(row.second)} work together"
        detail = str(Relationship(row.relationship).label) if row.relationship in Relationship.values else ""
        changes.append(Change(row.history_date, who(row), _verb(row, "described", pair, ""), detail, link))
    return changes


def _audience_changes(programme: Programme, words: Words) -> list[Change]:
    changes = []
    link = reverse("workspace:vocabulary", kwargs={"slug": programme.slug})
    for row in history_rows(Audience, previous=("deleted_at",), programme_id=programme.pk):
        thing = f"the words for “{row.name}”"
        changes.append(Change(row.history_date, who(row), _verb(row, "added", thing, ""), link=link))
    return changes


def _programme_changes(programme: Programme, words: Words) -> list[Change]:
    changes = []
    stage_link = reverse("workspace:stage", kwargs={"slug": programme.slug})
    for row in history_rows(Programme, previous=("stage", "cycle_round", "outcome"), id=programme.pk):
        if row.history_type == "+":
            action, link = "created the programme", reverse("workspace:home", kwargs={"slug": programme.slug})
        elif row.prev_exists is not None and row.outcome != row.prev_outcome and row.outcome:
            action, link = f"marked the programme as “{Outcome(row.outcome).label.lower()}”", stage_link
        elif row.prev_exists is not None and (row.stage, row.cycle_round) != (
            row.prev_stage,
            row.prev_cycle_round,
        ):
            stage = Stage(row.stage).label.lower() if row.stage in Stage.values else row.stage
            action, link = f"moved the programme on to “{stage}” (round {row.cycle_round})", stage_link
        else:
            action, link = "updated the programme's details", stage_link
        changes.append(Change(row.history_date, who(row), action, link=link))
    return changes


def _membership_changes(programme: Programme, words: Words) -> list[Change]:
    changes = []
    link = reverse("programmes:members", kwargs={"slug": programme.slug})
    for row in history_rows(Membership, related=("user",), programme_id=programme.pk):
        person = row.user.display_name if row.user is not None else "someone"
        role = row.get_role_display().lower()
        if row.history_type == "+":
            own = row.history_user_id is not None and row.history_user_id == row.user_id
            action = f"joined as a {role}" if own else f"added {person} as a {role}"
        elif row.history_type == "-":
            action = f"removed {person} from the programme"
        else:
            action = f"made {person} a {role}"
        changes.append(Change(row.history_date, who(row), action, link=link))
    return changes


ChangeSource = Callable[[Programme, Words], list[Change]]

# Higher apps add their history here from AppConfig.ready(), so the feed never imports them.
SOURCES: list[ChangeSource] = [
    _note_changes,
    _status_changes,
    _alignment_changes,
    _audience_changes,
    _programme_changes,
    _membership_changes,
]


def register_change_source(source: ChangeSource) -> None:
    if source not in SOURCES:
        SOURCES.append(source)


def recent_changes(programme: Programme, words: Words) -> list[Change]:
    """The newest changes across the programme, newest first (one query per history table)."""
    changes = [change for source in SOURCES for change in source(programme, words)]
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes[:FEED_LENGTH]
