"""Permission-matrix entries for the programme, people, invitation and bin routes."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from mobilise.core.bin import BIN_REGISTRY, move_to_bin
from mobilise.programmes.invitations import invitation_token
from mobilise.programmes.models import Invitation, JoinLink, JoinRequest, Membership
from mobilise.programmes.roles import Role
from mobilise.workspace.models import Note
from tests.factories import OrganisationFactory, UserFactory


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


def _join_link(cast: Any) -> JoinLink:
    return JoinLink.objects.create(
        programme=cast.programme,
        token=f"shared-{JoinLink.objects.count()}-abcdefghijklmnopqrstuvwxyz",
        expires_at=timezone.now() + timedelta(days=30),
        created_by=cast.convenor,
    )


def _join_request(cast: Any) -> dict[str, Any]:
    asking = UserFactory()
    request = JoinRequest.objects.create(programme=cast.programme, link=_join_link(cast), user=asking)
    return {**_slug(cast), "pk": request.pk}


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
    "programmes:invitation": {
        "kwargs": lambda cast: {"token": invitation_token(_pending_invitation(cast).pk)},
        "methods": ["GET"],
        "perm": "token",
        "public": True,
    },
    "programmes:join": {
        "kwargs": lambda cast: {"token": _join_link(cast).token},
        "methods": ["GET", "POST"],
        "perm": "token",
        "public": True,
    },
    "programmes:invite_list": {
        "kwargs": _slug,
        "methods": ["GET", "POST"],
        "perm": "invite",
        "post_data": lambda cast: {
            "people": "email,name\nnew.partner@example.nhs.uk,Nia Partner",
            "role": Role.MEMBER,
        },
    },
    "programmes:invitations": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
    "programmes:invitations_remind": {"kwargs": _slug, "methods": ["POST"], "perm": "invite"},
    "programmes:invite_rule": {
        "kwargs": _slug,
        "methods": ["POST"],
        "perm": "manage",
        "post_data": lambda cast: {"members_may_invite": "on", "version": cast.programme.version},
    },
    "programmes:join_link_create": {
        "kwargs": _slug,
        "methods": ["POST"],
        "perm": "manage",
        "post_data": lambda cast: {"role": Role.MEMBER},
    },
    "programmes:join_link_revoke": {
        "kwargs": lambda cast: {**_slug(cast), "pk": _join_link(cast).pk},
        "methods": ["POST"],
        "perm": "manage",
    },
    "programmes:join_request_decide": {
        "kwargs": _join_request,
        "methods": ["POST"],
        "perm": "manage",
        "post_data": lambda cast: {"decision": "approve"},
    },
    "programmes:members": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
    "programmes:invite": {
        "kwargs": _slug,
        "methods": ["GET", "POST"],
        "perm": "invite",
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
