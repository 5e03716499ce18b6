"""What the shared purpose adds to lower apps' pages; registered in `PurposeConfig.ready()`."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from mobilise.programmes.models import Programme
from mobilise.workspace.activity import Change, Words, history_rows, who
from mobilise.workspace.panels import Panel

from .models import SharedPurpose

# A purpose nobody has revisited for this long is worth a nudge: the story needs refreshing.
STALE_PURPOSE_DAYS = 120


def purpose_attention(ids: list[int]) -> dict[int, list[str]]:
    """For the programme list: a purpose not written yet, or not refreshed for months (one query)."""
    purposes = {p.programme_id: p for p in SharedPurpose.objects.filter(programme_id__in=ids)}
    stale_before = timezone.now() - timedelta(days=STALE_PURPOSE_DAYS)
    notes: dict[int, list[str]] = {}
    for pid in ids:
        purpose = purposes.get(pid)
        if purpose is None or purpose.is_empty:
            notes[pid] = ["Would it help to start the shared purpose? Nobody has written it yet."]
        elif purpose.updated_at < stale_before:
            notes[pid] = [
                f"Would it help to look at the shared purpose together again? "
                f"It was last refreshed over {STALE_PURPOSE_DAYS} days ago."
            ]
    return notes


def purpose_statement(programme: Programme) -> str:
    """The statement for the workspace's pages, or "" while nobody has written it."""
    statement = SharedPurpose.objects.filter(programme=programme).values_list("statement", flat=True).first()
    return statement or ""


def purpose_changes(programme: Programme, words: Words) -> list[Change]:
    """The purpose's revisions for the programme's recent changes."""
    link = reverse("purpose:detail", kwargs={"slug": programme.slug})
    return [
        Change(
            row.history_date,
            who(row),
            "started the shared purpose" if row.history_type == "+" else "edited the shared purpose",
            link=link,
        )
        for row in history_rows(SharedPurpose, programme_id=programme.pk)
    ]


def orientation_panel(programme: Programme, user: Any) -> Panel:
    """A pointer on the programme home to the welcome page, for newcomers and handovers."""
    return Panel("purpose/orientation_panel.jinja", {"programme": programme})
