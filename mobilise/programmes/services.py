"""Writes for programmes, members and invitations."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from mobilise.accounts.models import Organisation
from mobilise.core.concurrency import lock_for_edit
from mobilise.core.history import delete_as, save_as

from .bulk import Person
from .emails import accept_link, invitation_email
from .invitations import invitation_token
from .models import (
    BatchStatus,
    Invitation,
    InvitationBatch,
    JoinLink,
    JoinRequest,
    Membership,
    Programme,
    RequestStatus,
)
from .roles import Role

# What a new programme starts with besides its convenor (the purpose app's audience word sets,
# for one). Higher apps register from AppConfig.ready(); each runs inside the creating transaction.
ProgrammeStarter = Callable[[Programme, Any], None]
STARTERS: list[ProgrammeStarter] = []


def register_programme_starter(starter: ProgrammeStarter) -> None:
    if starter not in STARTERS:
        STARTERS.append(starter)


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
    for starter in STARTERS:
        starter(programme, created_by)
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
    full_name: str = "",
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
        full_name=full_name,
        sent_at=timezone.now(),
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
    _fill_in_details(user, full_name=invitation.full_name, job_title=invitation.job_title)
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


def _fill_in_details(user: Any, *, full_name: str, job_title: str) -> None:
    """What the inviter wrote fills gaps in the person's own details, never replaces them."""
    changed: list[str] = []
    if full_name and not user.full_name:
        user.full_name, changed = full_name, [*changed, "full_name"]
    if job_title and not user.job_title:
        user.job_title, changed = job_title, [*changed, "job_title"]
    if changed:
        user.save(update_fields=changed)


# Inviting many people ---------------------------------------------------------------------------


@transaction.atomic
def invitations_bulk_create(
    *, programme: Programme, people: list[Person], invited_by: Any, message: str, base_url: str
) -> InvitationBatch:
    """Record a checked list as one batch and queue it for the background worker to send."""
    from .tasks import send_invitation_batch

    batch = InvitationBatch.objects.create(
        programme=programme, created_by=invited_by, total=len(people), message=message, base_url=base_url
    )
    Invitation.objects.bulk_create(
        [
            Invitation(
                programme=programme,
                email=p.email,
                full_name=p.name,
                job_title=p.job_title,
                role=p.role,
                organisation=p.organisation,
                organisation_name=p.organisation_name,
                message=message,
                invited_by=invited_by,
                batch=batch,
            )
            for p in people
        ],
        batch_size=500,
    )
    known = {p.organisation.pk for p in people if p.organisation is not None}
    if known:
        programme.partners.add(*known)
    # The database queue commits the task with this transaction: the worker never sees half a list.
    send_invitation_batch.enqueue(batch.pk)
    return batch


@transaction.atomic
def invitations_remind(*, programme: Programme, reminded_by: Any, base_url: str) -> InvitationBatch | None:
    """Queue a reminder to everyone whose invitation is still unanswered after a few days.

    Each invitation is reminded at most MAX_REMINDERS times and not more than once every
    REMIND_AFTER_DAYS; returns None when nobody is due one."""
    from .tasks import send_invitation_batch

    now = timezone.now()
    gap = timedelta(days=settings.REMIND_AFTER_DAYS)
    due = list(
        Invitation.objects.select_for_update()
        .filter(
            programme=programme,
            accepted_at=None,
            withdrawn_at=None,
            sent_at__lte=now - gap,
            reminders__lt=settings.MAX_REMINDERS,
        )
        .exclude(reminded_at__gt=now - gap)
        .values_list("pk", flat=True)
    )
    if not due:
        return None
    batch = InvitationBatch.objects.create(
        programme=programme, created_by=reminded_by, total=len(due), is_reminder=True, base_url=base_url
    )
    # Marked now, so a second click finds nobody due and sends nothing twice.
    Invitation.objects.filter(pk__in=due).update(reminded_at=now, remind_batch=batch)
    send_invitation_batch.enqueue(batch.pk)
    return batch


def invitation_batch_send(*, batch_id: int) -> int:
    """Send a batch's emails in chunks over one connection; returns how many went this time.

    Claimed first (queued to sending), so a task delivered twice sends once. Each chunk is marked
    sent as it goes, so a worker restarted mid-way carries on where it stopped."""
    claimed = InvitationBatch.objects.filter(pk=batch_id, status=BatchStatus.QUEUED).update(
        status=BatchStatus.SENDING
    )
    if not claimed:
        return 0
    batch = InvitationBatch.objects.select_related("programme").get(pk=batch_id)
    programme = batch.programme
    size: int = settings.EMAIL_BATCH_SIZE
    sent = 0
    if batch.is_reminder:
        pending = Invitation.objects.filter(remind_batch=batch, accepted_at=None, withdrawn_at=None)
    else:
        pending = Invitation.objects.filter(batch=batch, sent_at=None, withdrawn_at=None)
    pending = pending.select_related("invited_by").order_by("pk")
    with mail.get_connection() as connection:
        # Each sent chunk drops out of `pending` (sent_at set, or remind_batch cleared).
        while chunk := list(pending[:size]):
            messages_ = [
                invitation_email(
                    invitation=inv,
                    programme=programme,
                    inviter=inv.invited_by,
                    message=inv.message,
                    link=accept_link(batch.base_url, inv.pk),
                    reminder=batch.is_reminder,
                )
                for inv in chunk
            ]
            connection.send_messages(messages_)
            ids = [inv.pk for inv in chunk]
            now = timezone.now()
            if batch.is_reminder:
                Invitation.objects.filter(pk__in=ids).update(reminders=F("reminders") + 1, remind_batch=None)
            else:
                Invitation.objects.filter(pk__in=ids).update(sent_at=now)
            sent += len(chunk)
            InvitationBatch.objects.filter(pk=batch.pk).update(sent=F("sent") + len(chunk))
    InvitationBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.SENT)
    return sent


# Who may invite, join links and requests to join ------------------------------------------------


@transaction.atomic
def programme_set_invite_rule(
    *, programme: Programme, members_may_invite: bool, changed_by: Any, expected_version: int | None
) -> Programme:
    """Let members invite people too, or not; raises EditConflict if the setting changed meanwhile."""
    current = lock_for_edit(programme, expected_version)
    current.members_may_invite = members_may_invite
    save_as(current, by=changed_by)
    return current


@transaction.atomic
def join_link_create(*, programme: Programme, role: str, created_by: Any) -> JoinLink:
    if role not in (Role.MEMBER, Role.VIEWER):
        raise ValidationError("A join link can let people in as members or viewers only")
    link = JoinLink(
        programme=programme,
        token=secrets.token_urlsafe(32),
        role=role,
        created_by=created_by,
        expires_at=timezone.now() + timedelta(days=settings.JOIN_LINK_DAYS),
    )
    save_as(link, by=created_by)
    return link


@transaction.atomic
def join_link_revoke(*, link: JoinLink, revoked_by: Any) -> None:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        save_as(link, by=revoked_by)


class JoinProblem(Exception):
    """Someone cannot ask to join through this link; the message says why."""


@transaction.atomic
def join_request_create(*, link: JoinLink, user: Any, reason: str) -> JoinRequest:
    """Ask to join; a convenor decides. Asking twice keeps the first request."""
    link = JoinLink.objects.select_for_update().select_related("programme").get(pk=link.pk)
    if not link.is_usable():
        raise JoinProblem("This link has expired or been switched off. Ask the convenor for a new one.")
    programme = link.programme
    if programme.memberships.filter(user=user).exists():
        raise JoinProblem(f"You are already a member of {programme.name}.")
    existing = JoinRequest.objects.filter(
        programme=programme, user=user, status=RequestStatus.WAITING
    ).first()
    if existing is not None:
        return existing
    request = JoinRequest(programme=programme, link=link, user=user, reason=reason)
    save_as(request, by=user)
    return request


@transaction.atomic
def join_request_decide(*, request: JoinRequest, approve: bool, decided_by: Any) -> JoinRequest:
    current = (
        JoinRequest.objects.select_for_update(of=("self",)).select_related("link", "user").get(pk=request.pk)
    )
    if current.status != RequestStatus.WAITING:
        return current
    current.status = RequestStatus.APPROVED if approve else RequestStatus.DECLINED
    current.decided_by = decided_by
    current.decided_at = timezone.now()
    save_as(current, by=decided_by)
    if approve:
        role = current.link.role if current.link else Role.MEMBER
        organisation = current.user.organisations.order_by("pk").first()
        Membership.objects.get_or_create(
            programme_id=current.programme_id,
            user=current.user,
            defaults={"role": role, "organisation": organisation},
        )
    return current
