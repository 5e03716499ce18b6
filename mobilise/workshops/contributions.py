"""What the sessions add to the programme home: the next session and a way in."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from mobilise.programmes.models import Programme
from mobilise.workspace.panels import Panel

from .models import Session


def home_panel(programme: Programme, user: Any) -> Panel:
    upcoming = (
        Session.objects.filter(programme=programme, held_on__gte=timezone.localdate())
        .order_by("held_on", "pk")
        .first()
    )
    return Panel("workshops/home_panel.jinja", {"next_session": upcoming})
