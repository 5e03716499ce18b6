"""Getting a programme's people, invitations and binned items, or 404: views never query models."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404

from mobilise.accounts.models import Organisation, OrganisationType
from mobilise.core.bin import BIN_REGISTRY

from .models import Invitation, InvitationBatch, JoinLink, JoinRequest, Membership, Programme, RequestStatus


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


def get_join_link_or_404(programme: Programme, pk: int) -> JoinLink:
    found: JoinLink = get_object_or_404(JoinLink, programme=programme, pk=pk)
    return found


def get_join_link_from_token_or_404(token: str) -> JoinLink:
    """The join link a shared address names (the random token is the permission), or 404."""
    found: JoinLink | None = JoinLink.objects.filter(token=token).select_related("programme").first()
    if found is None:
        raise Http404("This join link is not valid")
    return found


def get_waiting_request_or_404(programme: Programme, pk: int) -> JoinRequest:
    found: JoinRequest = get_object_or_404(
        JoinRequest.objects.select_related("user"), programme=programme, pk=pk, status=RequestStatus.WAITING
    )
    return found


PER_PAGE = 100


def _page(queryset: Any, number: str | None) -> Page[Any]:
    return Paginator(queryset, PER_PAGE).get_page(number)


def people_page(programme: Programme, page_number: str | None = None) -> dict[str, Any]:
    """Everything the people page shows, in a fixed number of queries however many people there are.

    Members come a hundred to a page; waiting invitations have a page of their own."""
    members = programme.memberships.select_related("user", "organisation").order_by(
        "role", "user__full_name", "user__email", "pk"
    )
    partners = list(programme.partners.all())
    batches = list(
        InvitationBatch.objects.filter(programme=programme).exclude(status="sent").order_by("-created_at")[:5]
    )
    return {
        "page": _page(members, page_number),
        "invitation_count": _waiting(programme).count(),
        "batches": batches,
        "partners": partners,
        "by_organisation": members_by_organisation(programme, partners),
        "join_links": [link for link in programme.join_links.all() if link.is_usable()],
        "join_requests": list(
            programme.join_requests.filter(status=RequestStatus.WAITING).select_related("user")
        ),
    }


def _waiting(programme: Programme) -> Any:
    return programme.invitations.filter(accepted_at=None, withdrawn_at=None)


def invitations_page(programme: Programme, page_number: str | None = None) -> Page[Any]:
    """Invitations nobody has answered yet, a hundred to a page, by name."""
    return _page(
        _waiting(programme).select_related("organisation").order_by("full_name", "email", "pk"), page_number
    )


@dataclass(frozen=True)
class OrganisationCount:
    name: str
    kind: str
    members: int
    partner: bool


def members_by_organisation(programme: Programme, partners: list[Organisation]) -> list[OrganisationCount]:
    """Members counted by the organisation they joined for, in one query: every partner first, even
    those nobody has joined from (so a convenor sees who is missing), then the others by size."""
    counts = (
        programme.memberships.order_by()
        .values("organisation_id", "organisation__name", "organisation__type")
        .annotate(members=Count("pk"))
    )
    found = {row["organisation_id"]: row for row in counts}
    labels = dict(OrganisationType.choices)
    rows = [
        OrganisationCount(
            org.name, org.get_type_display(), found.pop(org.pk, {}).get("members", 0), partner=True
        )
        for org in sorted(partners, key=lambda org: org.name.casefold())
    ]
    unnamed = found.pop(None, None)
    others = sorted(found.values(), key=lambda row: (-row["members"], row["organisation__name"].casefold()))
    rows += [
        OrganisationCount(row["organisation__name"], labels[row["organisation__type"]], row["members"], False)
        for row in others
    ]
    if unnamed:
        rows.append(OrganisationCount("No organisation given", "", unnamed["members"], partner=False))
    return rows
