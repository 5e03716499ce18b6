"""Writing the programme's story and stories in tests, through the services."""

from __future__ import annotations

from typing import Any

from mobilise.stories import services
from mobilise.stories.models import NARRATIVE_FIELDS, ConsentUse, Narrative, ShareLink, Story, StoryKind
from mobilise.workspace.models import Audience


def narrative_version(programme: Any) -> int:
    narrative = Narrative.objects.filter(programme=programme).first()
    return narrative.version if narrative else 0


def write_narrative(programme: Any, user: Any, reason: str = "", **fields: str) -> Narrative:
    existing = Narrative.objects.filter(programme=programme).first()
    data = {name: getattr(existing, name) if existing else "" for name in NARRATIVE_FIELDS} | fields
    saved = services.narrative_update(
        programme=programme,
        data=data,
        expected_version=narrative_version(programme),
        user=user,
        reason=reason,
    )
    assert isinstance(saved.narrative, Narrative)
    return saved.narrative


def oldest_narrative_history_id(programme: Any) -> int:
    return int(Narrative.history.filter(programme_id=programme.pk).earliest().history_id)


def add_story(programme: Any, user: Any, **overrides: Any) -> Story:
    data = {
        "kind": StoryKind.PATIENT,
        "title": "Seen at home after my fall",
        "body": "The frailty team came the same afternoon, so I did not have to go to hospital.",
        "teller": "Mrs Patel",
        "anonymised": False,
        "consent_by": "Mrs Patel",
        "consent_use": ConsentUse.PROGRAMME,
        "consent_until": None,
        "component": "",
    } | overrides
    return services.story_create(programme=programme, data=data, user=user)


def open_share_page(programme: Any, user: Any) -> ShareLink:
    return services.share_link_open(programme=programme, user=user)


def audience(programme: Any, name: str = "Clinicians") -> Audience:
    return Audience.objects.create(programme=programme, name=name)
