"""What stories add to lower apps' pages; registered in `StoriesConfig.ready()`."""

from __future__ import annotations

from typing import Any

from mobilise.library import reads as library_reads
from mobilise.library.registry import SEARCHABLE
from mobilise.library.search import similar
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT, role_of
from mobilise.workspace.panels import Panel

from .models import Narrative, Story, StoryStatus
from .presenters import refresh_reason

MODERATORS = ("convenor", "facilitator")


def story_panel(programme: Programme, user: Any) -> Panel | None:
    """On the programme home: the story's first lines, a gentle prompt to refresh it, waiting stories."""
    narrative = Narrative.objects.filter(programme=programme).first()

    waiting = 0
    if role_of(user, programme) in MODERATORS:
        waiting = Story.objects.filter(
            programme=programme, status=StoryStatus.WAITING, withdrawn_at__isnull=True
        ).count()
    return Panel(
        "stories/home_panel.jinja",
        {
            "programme": programme,
            "narrative": narrative,
            "is_empty": narrative is None or narrative.is_empty,
            "refresh": refresh_reason(programme, narrative),
            "can_edit": user.has_perm(EDIT, programme),
            "waiting": waiting,
        },
    )


SUGGESTIONS = 3


def similar_work_panel(programme: Programme, user: Any, kind: str, object_id: int) -> Panel | None:
    """On a change idea, a driver diagram or a story: shared work in other programmes about the same
    thing, and who there chose to be contacted. Nothing is shown when there is nothing to suggest."""
    entry = library_reads.entry_of(programme, kind, object_id)
    if entry is None:
        return None
    hits = similar(entry, user, limit=SUGGESTIONS)
    if not hits:
        return None
    return Panel(
        "library/partials/similar_panel.jinja",
        {
            "programme": programme,
            "entry": entry,
            "hits": hits,
            "people": library_reads.contactable_people({hit.programme_id for hit in hits}),
            "labels": {key: searchable.label for key, searchable in SEARCHABLE.items()},
        },
    )
