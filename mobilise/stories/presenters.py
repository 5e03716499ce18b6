"""How the programme's story and stories are shown."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone

from mobilise.programmes.models import Programme, Stage

# A story nobody has revisited for this long needs refreshing to attract new supporters.
REFRESH_AFTER_DAYS = 90

LABELS = {
    "self_text": "Why I care",
    "us_text": "What we share",
    "now_text": "Why act now",
}


@dataclass(frozen=True)
class Section:
    label: str
    text: str


def sections(narrative: Any) -> list[Section]:
    if narrative is None:
        return []
    return [Section(label, getattr(narrative, name) or "") for name, label in LABELS.items()]


def refresh_reason(programme: Programme, narrative: Any) -> str:
    """A gentle reason to refresh the story, or "" when it is fresh."""
    if narrative is None or narrative.pk is None or narrative.is_empty:
        return ""
    written = narrative.stage_when_written
    if written and written != programme.stage:
        stage = Stage(programme.stage).label.lower()
        return f"The programme has moved on to a new stage ({stage}) since the story was last written."
    if narrative.updated_at < timezone.now() - timedelta(days=REFRESH_AFTER_DAYS):
        return (
            f"The story has not been refreshed for over {REFRESH_AFTER_DAYS} days. "
            "A fresh telling helps bring new people in."
        )
    return ""
