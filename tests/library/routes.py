"""Permission-matrix entries for search, sharing, copying and similar work."""

from __future__ import annotations

from typing import Any

from .helpers import MeasureFactory, entry_for, small_diagram


def _slug(cast: Any) -> dict[str, Any]:
    return {"slug": cast.programme.slug}


def _own_entry(cast: Any) -> dict[str, Any]:
    measure = MeasureFactory(programme=cast.programme, name="Falls per 1,000 bed days")
    return {**_slug(cast), "pk": entry_for(measure).pk}


def _private_item(cast: Any) -> dict[str, Any]:
    """An unshared item of the cast's programme: its members may open it, outsiders may not."""
    return {"pk": entry_for(MeasureFactory(programme=cast.programme, name="Waiting times")).pk}


def _copyable(cast: Any) -> dict[str, Any]:
    diagram = small_diagram(cast.programme).diagram
    return {**_slug(cast), "pk": entry_for(diagram).pk}


ROUTES = {
    "library:search": {"kwargs": lambda cast: {}, "methods": ["GET"], "perm": "signed_in"},
    "library:examples": {"kwargs": lambda cast: {}, "methods": ["GET"], "perm": "signed_in"},
    "library:item": {"kwargs": _private_item, "methods": ["GET"], "perm": "view"},
    "library:programme": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
    "library:contactable": {
        "kwargs": _slug,
        "methods": ["POST"],
        "perm": "view",
        "post_data": lambda cast: {"contactable": "yes"},
    },
    "library:share": {
        "kwargs": _own_entry,
        "methods": ["POST"],
        "perm": "edit",
        "post_data": lambda cast: {"share": "yes"},
    },
    "library:similar": {"kwargs": _own_entry, "methods": ["GET"], "perm": "view"},
    "library:copy": {"kwargs": _copyable, "methods": ["GET", "POST"], "perm": "edit"},
}
