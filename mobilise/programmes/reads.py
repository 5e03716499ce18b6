"""Getting a programme's people, invitations and binned items, or 404: views never query models."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404

from mobilise.core.bin import BIN_REGISTRY

from .models import Invitation, Membership, Programme


def programmes_for(user: Any) -> Any:
    """The programmes this person belongs to (a queryset, so callers can order or narrow it)."""
    return Programme.objects.for_user(user)


def get_membership_or_404(programme: Programme, pk: int) -> Membership:
    found: Membership = get_object_or_404(
        Membership.objects.select_related("user"), programme=programme, pk=pk
    )
    return found


def get_pending_invitation_or_404(programme: Programme, pk: int) -> Invitation:
    """An invitation of this programme that nobody has accepted yet."""
    found: Invitation = get_object_or_404(Invitation, programme=programme, pk=pk, accepted_at=None)
    return found


def get_invitation_from_link_or_404(invitation_id: int | None) -> Invitation:
    """The invitation a signed link names (the signature is the permission), or 404."""
    found: Invitation | None = (
        Invitation.objects.filter(pk=invitation_id).select_related("programme", "invited_by").first()
        if invitation_id
        else None
    )
    if found is None:
        raise Http404("This invitation link is not valid or has expired")
    return found


def get_binned_or_404(programme: Programme, kind: str, pk: int) -> Any:
    """Something of this programme's that is in the bin and can still be restored."""
    model = BIN_REGISTRY.get(kind)
    if model is None:
        raise Http404("Nothing of that kind is in the bin")
    return get_object_or_404(model.all_objects.restorable(), programme=programme, pk=pk)
