"""Permission-matrix entries for the wheel, component pages, notes, stage and recent changes."""

from __future__ import annotations

from typing import Any

from .factories import NoteFactory


def _slug(cast: Any) -> dict[str, Any]:
    return {"slug": cast.programme.slug}


def _note(cast: Any) -> dict[str, Any]:
    return {"slug": cast.programme.slug, "pk": NoteFactory(programme=cast.programme).pk}


ROUTES: dict[str, dict[str, Any]] = {
    "workspace:home": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
    "workspace:activity": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
    "workspace:component": {
        "kwargs": lambda cast: {"slug": cast.programme.slug, "component": "leadership"},
        "methods": ["GET"],
        "perm": "view",
    },
    "workspace:component_status": {
        "kwargs": lambda cast: {"slug": cast.programme.slug, "component": "leadership"},
        "methods": ["POST"],
        "perm": "edit",
        "post_data": lambda cast: {"status": "exploring", "version": "0"},
    },
    "workspace:note_create": {
        "kwargs": lambda cast: {"slug": cast.programme.slug, "component": "measurement"},
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": lambda cast: {"kind": "decision", "title": "Use one dashboard", "body": ""},
    },
    "workspace:note_edit": {
        "kwargs": _note,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": lambda cast: {"kind": "note", "title": "A better title", "body": "", "version": "1"},
    },
    "workspace:note_delete": {"kwargs": _note, "methods": ["GET", "POST"], "perm": "edit"},
    "workspace:stage": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
    "workspace:stage_set": {
        "kwargs": _slug,
        "methods": ["POST"],
        "perm": "stage",
        "post_data": lambda cast: {"stage": "engage", "cycle_round": "2", "outcome": "", "note": ""},
    },
}
