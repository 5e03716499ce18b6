"""Permission-matrix entries for the alignment grid and the audience vocabulary."""

from __future__ import annotations

from typing import Any

from mobilise.workspace.models import AlignmentEntry, Audience


def _slug(cast: Any) -> dict[str, Any]:
    return {"slug": cast.programme.slug}


def _pair(cast: Any) -> dict[str, Any]:
    return {"slug": cast.programme.slug, "first": "purpose", "second": "system_drivers"}


def _entry(cast: Any) -> dict[str, Any]:
    entry = AlignmentEntry.objects.create(
        programme=cast.programme,
        first="purpose",
        second="system_drivers",
        relationship="tension",
        description="Goodwill versus paying for activity.",
        created_by=cast.member,
    )
    return {"slug": cast.programme.slug, "pk": entry.pk}


def _audience(cast: Any) -> Audience:
    return Audience.objects.create(programme=cast.programme, name="Clinicians")


def _entry_data(cast: Any) -> dict[str, Any]:
    return {
        "relationship": "tension",
        "description": "Targets pull against goodwill.",
        "action": "Agree targets with front-line staff.",
        "status": "open",
        "version": "1",
    }


ROUTES: dict[str, dict[str, Any]] = {
    "workspace:alignment": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
    "workspace:alignment_pair": {"kwargs": _pair, "methods": ["GET"], "perm": "view"},
    "workspace:alignment_create": {
        "kwargs": _pair,
        "methods": ["POST"],
        "perm": "edit",
        "post_data": _entry_data,
    },
    "workspace:alignment_edit": {
        "kwargs": _entry,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": _entry_data,
    },
    "workspace:alignment_delete": {"kwargs": _entry, "methods": ["GET", "POST"], "perm": "edit"},
    "workspace:vocabulary": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
    "workspace:vocabulary_choose": {
        "kwargs": _slug,
        "methods": ["POST"],
        "perm": "view",
        "post_data": lambda cast: {"audience": str(_audience(cast).pk)},
    },
    "workspace:audience_create": {
        "kwargs": _slug,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": lambda cast: {"name": "Board"},
    },
    "workspace:audience_edit": {
        "kwargs": lambda cast: {"slug": cast.programme.slug, "pk": _audience(cast).pk},
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": lambda cast: {"name": "Clinicians", "term_leadership": "Who leads the change"},
    },
    "workspace:audience_delete": {
        "kwargs": lambda cast: {"slug": cast.programme.slug, "pk": _audience(cast).pk},
        "methods": ["GET", "POST"],
        "perm": "edit",
    },
}
