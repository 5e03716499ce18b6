"""The words of invitation and reminder emails, in one place."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from .invitations import invitation_token
from .models import Invitation, Programme


def accept_link(base_url: str, invitation_id: int) -> str:
    return base_url.rstrip("/") + reverse("programmes:invitation", args=[invitation_token(invitation_id)])


def invitation_email(
    *,
    invitation: Invitation,
    programme: Programme,
    inviter: Any,
    message: str,
    link: str,
    reminder: bool = False,
) -> EmailMessage:
    who = getattr(inviter, "display_name", "") or "A colleague"
    greeting = f"Dear {invitation.full_name}," if invitation.full_name else "Hello,"
    if reminder:
        opening = (
            f"A reminder: {who} invited you to join “{programme.name}” on Mobilise, "
            "and the invitation is still open."
        )
    else:
        opening = f"{who} has invited you to join “{programme.name}” on Mobilise."
    body = [greeting, "", opening, "", f"What the programme wants to change: {programme.challenge}"]
    if message:
        body += ["", f"{who} wrote:", message]
    days = settings.INVITATION_MAX_AGE_DAYS
    body += [
        "",
        f"See what you are invited to, and accept: {link}",
        "",
        f"The link works for {days} days from when it was first sent. If you were not expecting this, "
        "you can ignore it.",
    ]
    subject = f"{'Reminder: ' if reminder else ''}Join {programme.name} on Mobilise"
    return EmailMessage(subject=subject, body="\n".join(body), to=[invitation.email])
