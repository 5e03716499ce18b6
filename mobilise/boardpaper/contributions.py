"""What the board paper adds to the programme home: the latest version and the draft."""

from __future__ import annotations

from typing import Any

from mobilise.programmes.models import Programme
from mobilise.workspace.panels import Panel

from .models import Paper


def home_panel(programme: Programme, user: Any) -> Panel:
    latest = Paper.objects.filter(programme=programme).only("number", "published_at", "programme_id").first()
    return Panel("boardpaper/home_panel.jinja", {"latest": latest})
