"""Permission-matrix entries for the shared purpose's routes."""

from __future__ import annotations

from typing import Any

from tests.factories import OrganisationFactory

from .factories import current_version, oldest_history_id, write_purpose


def _slug(cast: Any) -> dict[str, Any]:
    return {"slug": cast.programme.slug}


def _with_two_versions(cast: Any) -> dict[str, Any]:
    """A purpose with an earlier version to look at or restore; returns the earlier one's id."""
    write_purpose(cast.programme, cast.convenor, statement="Join up care for adults.")
    write_purpose(cast.programme, cast.facilitator, statement="Join up care for adults and carers.")
    return {"slug": cast.programme.slug, "history_id": oldest_history_id(cast.programme)}


def _partner(cast: Any) -> dict[str, Any]:
    organisation = OrganisationFactory(name="Carers Together", type="voluntary")
    cast.programme.partners.add(organisation)
    return {"slug": cast.programme.slug, "organisation_id": organisation.pk}


def _edit_data(cast: Any) -> dict[str, Any]:
    return {
        "statement": "Adults with complex needs get joined-up care close to home.",
        "why_it_matters": "People tell their story once.",
        "who_for": "",
        "values": "",
        "what_good_looks_like": "",
        "reason": "First draft from the workshop",
        "version": current_version(cast.programme),
    }


ROUTES = {
    "purpose:detail": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
    "purpose:edit": {"kwargs": _slug, "methods": ["GET", "POST"], "perm": "edit", "post_data": _edit_data},
    "purpose:history": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
    "purpose:revision": {"kwargs": _with_two_versions, "methods": ["GET"], "perm": "view"},
    "purpose:restore": {"kwargs": _with_two_versions, "methods": ["POST"], "perm": "edit"},
    "purpose:orientation": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
    "purpose:partner": {"kwargs": _partner, "methods": ["GET"], "perm": "view"},
    "purpose:partner_edit": {
        "kwargs": _partner,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": lambda cast: {"why_joined": "To be heard.", "endorsement": "reservations", "version": 1},
    },
}
