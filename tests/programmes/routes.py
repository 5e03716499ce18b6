"""Permission-matrix entries for the programme, people, invitation and bin routes."""

from __future__ import annotations

from typing import Any

from mobilise.core.bin import BIN_REGISTRY, move_to_bin
from mobilise.programmes.invitations import invitation_token
from mobilise.programmes.models import Invitation, Membership
from mobilise.programmes.roles import Role
from mobilise.workspace.models import Note
from tests.factories import OrganisationFactory


def _slug(cast: Any) -> dict[str, Any]:
    return {"slug": cast.programme.slug}


def _pending_invitation(cast: Any) -> Invitation:
    return Invitation.objects.create(
        programme=cast.programme, email="invitee@example.nhs.uk", role=Role.MEMBER, invited_by=cast.convenor
    )


def _member_of(cast: Any) -> dict[str, Any]:
    membership = Membership.objects.get(programme=cast.programme, user=cast.member)
    return {**_slug(cast), "pk": membership.pk}


def _binned_note(cast: Any) -> dict[str, Any]:
    note = Note.objects.create(programme=cast.programme, component="purpose", title="An old note")
    move_to_bin(note, by=cast.member)
    kind = next((k for k, model in BIN_REGISTRY.items() if model is Note), "note")
    return {**_slug(cast), "kind": kind, "pk": note.pk}


ROUTES: dict[str, dict[str, Any]] = {
    "programmes:list": {"kwargs": lambda cast: {}, "methods": ["GET"], "perm": "signed_in"},
    "programmes:create": {
        "kwargs": lambda cast: {},
        "methods": ["GET", "POST"],
        "perm": "signed_in",
        "post_data": lambda cast: {
            "name": "Safer care in early-adopter practices",
            "challenge": "Make care safer in 13 GP practices.",
        },
    },
    "programmes:accept": {
        "kwargs": lambda cast: {"token": invitation_token(_pending_invitation(cast).pk)},
        "methods": ["GET", "POST"],
        "perm": "token",
    },
    "programmes:members": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
    "programmes:invite": {
        "kwargs": _slug,
        "methods": ["GET", "POST"],
        "perm": "manage",
        "post_data": lambda cast: {"email": "new.partner@example.nhs.uk", "role": Role.MEMBER},
    },
    "programmes:invitation_withdraw": {
        "kwargs": lambda cast: {**_slug(cast), "pk": _pending_invitation(cast).pk},
        "methods": ["POST"],
        "perm": "manage",
    },
    "programmes:member_role": {
        "kwargs": _member_of,
        "methods": ["GET", "POST"],
        "perm": "manage",
        "post_data": lambda cast: {"role": Role.VIEWER},
    },
    "programmes:member_remove": {"kwargs": _member_of, "methods": ["POST"], "perm": "manage"},
    "programmes:partner_add": {
        "kwargs": _slug,
        "methods": ["POST"],
        "perm": "manage",
        "post_data": lambda cast: {"organisation": OrganisationFactory().pk},
    },
    "programmes:bin": {"kwargs": _slug, "methods": ["GET"], "perm": "edit"},
    "programmes:bin_restore": {"kwargs": _binned_note, "methods": ["POST"], "perm": "restore"},
}
