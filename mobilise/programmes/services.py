"""Writes for programmes, members and invitations."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from mobilise.accounts.models import Organisation
from mobilise.core.concurrency import lock_for_edit
from mobilise.core.history import delete_as, save_as

from .invitations import invitation_token
from .models import Invitation, Membership, Programme
from .roles import Role


@transaction.atomic
def programme_create(
    *, name: str, challenge: str, created_by: Any, organisation: Organisation | None = None
) -> Programme:
    programme = Programme(name=name, challenge=challenge, created_by=created_by)
    save_as(programme, by=created_by)
    Membership.objects.create(
        programme=programme, user=created_by, role=Role.CONVENOR, organisation=organisation
    )
    if organisation is not None:
        programme.partners.add(organisation)
    return programme


@transaction.atomic
def partner_add(*, programme: Programme, organisation: Organisation) -> None:
    programme.partners.add(organisation)


@transaction.atomic
def invitation_create(
    *,
    programme: Programme,
    email: str,
    role: str,
    invited_by: Any,
    organisation: Organisation | None = None,
    message: str = "",
    accept_url_builder: Any,
) -> Invitation:
    email = email.strip().lower()
    if programme.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError({"email": "This person is already a member of the programme"})
    Invitation.objects.filter(programme=programme, email=email, accepted_at=None, withdrawn_at=None).update(
        withdrawn_at=timezone.now()
    )
    invitation = Invitation.objects.create(
        programme=programme,
        email=email,
        role=role,
        invited_by=invited_by,
        organisation=organisation,
        message=message,
    )
    if organisation is not None:
        programme.partners.add(organisation)
    link = accept_url_builder(invitation_token(invitation.pk))
    inviter = getattr(invited_by, "display_name", "A colleague")
    body = [
        f"{inviter} has invited you to join “{programme.name}” on Mobilise.",
        "",
        f"The change challenge: {programme.challenge}",
    ]
    if message:
        body += ["", "Their message:", message]
    body += ["", f"Accept the invitation: {link}", "", "The link works for 14 days."]
    # Sent inside the transaction: if the email cannot be sent, no half-made invitation is left.
    send_mail(
        subject=f"Join {programme.name} on Mobilise",
        message="\n".join(body),
        from_email=None,
        recipient_list=[email],
    )
    return invitation


class InvitationProblem(Exception):
    """The invitation cannot be accepted; the message says why in plain English."""


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: Any) -> Membership:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.withdrawn_at is not None:
        raise InvitationProblem("This invitation has been withdrawn. Ask the convenor for a new one.")
    if invitation.accepted_at is not None:
        if invitation.accepted_by_id == user.pk:
            return Membership.objects.get(programme=invitation.programme, user=user)
        raise InvitationProblem("This invitation has already been used.")
    if invitation.email.lower() != user.email.lower():
        raise InvitationProblem(
            f"This invitation was sent to {invitation.email}. Sign in with that address to accept it."
        )
    membership, _ = Membership.objects.get_or_create(
        programme=invitation.programme,
        user=user,
        defaults={"role": invitation.role, "organisation": invitation.organisation},
    )
    if invitation.organisation is not None:
        user.organisations.add(invitation.organisation)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def _check_not_last_convenor(membership: Membership) -> None:
    if membership.role != Role.CONVENOR:
        return
    others = membership.programme.memberships.filter(role=Role.CONVENOR).exclude(pk=membership.pk)
    if not others.exists():
        raise ValidationError("A programme needs at least one convenor. Make someone else a convenor first.")


@transaction.atomic
def membership_change_role(
    *, membership: Membership, role: str, changed_by: Any, expected_version: int | None = None
) -> Membership:
    """Change someone's role, or raise `EditConflict` if their role changed since `expected_version`."""
    if role not in Role.values:
        raise ValidationError("Choose a role")
    membership = lock_for_edit(membership, expected_version)
    if role != Role.CONVENOR:
        _check_not_last_convenor(membership)
    membership.role = role
    save_as(membership, by=changed_by)
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, removed_by: Any) -> None:
    _check_not_last_convenor(membership)
    delete_as(membership, by=removed_by)


@transaction.atomic
def invitation_withdraw(*, invitation: Invitation) -> None:
    invitation.withdrawn_at = timezone.now()
    invitation.save(update_fields=["withdrawn_at"])
