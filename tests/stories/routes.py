"""Permission-matrix entries for the programme's story, stories, moderation and the share page."""

from __future__ import annotations

from typing import Any

from mobilise.stories import services
from mobilise.stories.models import ConsentUse, Story, StoryKind, StoryStatus

from .factories import (
    add_story,
    audience,
    narrative_version,
    oldest_narrative_history_id,
    open_share_page,
    write_narrative,
)


def _slug(cast: Any) -> dict[str, Any]:
    return {"slug": cast.programme.slug}


def _two_versions(cast: Any) -> dict[str, Any]:
    write_narrative(cast.programme, cast.convenor, self_text="I nursed my father at home.")
    write_narrative(cast.programme, cast.facilitator, self_text="I nursed my mother at home.")
    return {**_slug(cast), "history_id": oldest_narrative_history_id(cast.programme)}


def _narrative_data(cast: Any) -> dict[str, Any]:
    return {
        "self_text": "I care because my grandmother waited nine hours.",
        "us_text": "We all want people home sooner.",
        "now_text": "Winter is coming.",
        "reason": "",
        "version": narrative_version(cast.programme),
    }


def _audience(cast: Any) -> dict[str, Any]:
    return {**_slug(cast), "pk": audience(cast.programme).pk}


def _story(cast: Any) -> dict[str, Any]:
    return {**_slug(cast), "pk": add_story(cast.programme, cast.member).pk}


def _story_data(cast: Any) -> dict[str, Any]:
    return {
        "kind": StoryKind.STAFF,
        "title": "A night shift on the ward",
        "body": "We found beds by ringing round.",
        "teller": "",
        "consent_by": "The nurse who told it",
        "consent_use": ConsentUse.PROGRAMME,
        "consent_until": "",
        "component": "",
        "version": 0,
    }


def _story_edit_data(cast: Any) -> dict[str, Any]:
    story = Story.objects.filter(programme=cast.programme).first()
    return _story_data(cast) | {"version": story.version if story else 0}


def _waiting(cast: Any) -> dict[str, Any]:
    story = add_story(cast.programme, cast.member)
    Story.objects.filter(pk=story.pk).update(status=StoryStatus.WAITING, from_public_link=True)
    return {**_slug(cast), "pk": story.pk}


def _share_token(cast: Any) -> dict[str, Any]:
    return {"token": services.share_token(open_share_page(cast.programme, cast.convenor))}


ROUTES = {
    "stories:narrative": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
    "stories:narrative_edit": {
        "kwargs": _slug,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": _narrative_data,
    },
    "stories:narrative_history": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
    "stories:narrative_revision": {"kwargs": _two_versions, "methods": ["GET"], "perm": "view"},
    "stories:narrative_restore": {"kwargs": _two_versions, "methods": ["POST"], "perm": "edit"},
    "stories:audience_edit": {
        "kwargs": _audience,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": lambda cast: {
            "self_text": "",
            "us_text": "Clinicians share a duty.",
            "now_text": "",
            "version": 0,
        },
    },
    "stories:list": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
    "stories:create": {"kwargs": _slug, "methods": ["GET", "POST"], "perm": "edit", "post_data": _story_data},
    "stories:story": {"kwargs": _story, "methods": ["GET"], "perm": "view"},
    "stories:edit": {
        "kwargs": _story,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": _story_edit_data,
    },
    "stories:withdraw": {"kwargs": _story, "methods": ["GET", "POST"], "perm": "edit"},
    "stories:delete": {"kwargs": _story, "methods": ["POST"], "perm": "edit"},
    # "stage" is the matrix's name for convenors and facilitators, who read what is sent in.
    "stories:moderation": {"kwargs": _slug, "methods": ["GET"], "perm": "stage"},
    "stories:moderate": {
        "kwargs": _waiting,
        "methods": ["POST"],
        "perm": "stage",
        "post_data": lambda cast: {"decision": "accept"},
    },
    "stories:share_settings": {"kwargs": _slug, "methods": ["GET"], "perm": "stage"},
    "stories:share_change": {
        "kwargs": _slug,
        "methods": ["POST"],
        "perm": "stage",
        "post_data": lambda cast: {"action": "open"},
    },
    "stories:share": {"kwargs": _share_token, "methods": ["GET", "POST"], "perm": "token", "public": True},
}
