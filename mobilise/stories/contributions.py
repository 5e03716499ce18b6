"""What stories add to lower apps' pages; registered in `StoriesConfig.ready()`."""

from __future__ import annotations

from typing import Any

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
