"""Sending a wave's links by email on the background queue, a chunk at a time.

Opening a wave (or asking for a reminder) only marks each invitation for the outbox; the worker then
makes each person's link as it emails it, keeping only the link's HMAC. A chunk's links are stored
and its emails sent in one transaction, so a failed send leaves the chunk in the outbox for the next
try, and a repeated or restarted task never sends a chunk twice. The manage page shows the progress.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import mail
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse

from .links import new_token, token_hmac
from .models import Invitation, Wave

ASK = "ask"
REMIND = "remind"


def link_url(base_url: str, token: str) -> str:
    return base_url.rstrip("/") + reverse("pulse:answer", kwargs={"token": token})


def wave_message(wave: Wave, email: str, url: str, *, reminder: bool) -> EmailMessage:
    pulse = wave.pulse
    subject = ("Reminder: " if reminder else "") + f"{pulse.name}: two minutes on how the change feels"
    body = "\n".join(
        [
            "How much energy do you have for this change? Are you part of it? Can you act?",
            "",
            f"This short pulse for {pulse.programme.name} takes under two minutes. Your answers are",
            "anonymous: they are kept only as counts, and small groups are never shown.",
            "",
            f"Answer here: {url}",
            "",
            f"The link works once and closes on {wave.closes_on:%d %B %Y}."
            + (" It replaces the link we sent before." if reminder else ""),
        ]
    )
    return EmailMessage(subject=subject, body=body, to=[email])


def queue_wave_emails(wave: Wave, base_url: str) -> None:
    """Hand the wave's outbox to the background worker."""
    from .tasks import send_wave_emails

    send_wave_emails.enqueue(wave.pk, base_url)


def wave_emails_send(*, wave_id: int, base_url: str) -> int:
    """Send whatever is in the wave's outbox; returns how many emails went."""
    wave = Wave.objects.select_related("pulse__programme").get(pk=wave_id)
    size: int = settings.EMAIL_BATCH_SIZE
    sent = 0
    with mail.get_connection() as connection:
        while True:
            with transaction.atomic():
                chunk = list(
                    Invitation.objects.select_for_update()
                    .filter(wave=wave)
                    .exclude(outbox="")
                    .order_by("pk")[:size]
                )
                if not chunk:
                    return sent
                messages = []
                for invitation in chunk:
                    # Someone who answered after a reminder was asked for needs no new link.
                    if not invitation.used:
                        token = new_token()
                        invitation.token_hmac = token_hmac(token)
                        messages.append(
                            wave_message(
                                wave,
                                invitation.email,
                                link_url(base_url, token),
                                reminder=invitation.outbox == REMIND,
                            )
                        )
                    invitation.outbox = ""
                Invitation.objects.bulk_update(chunk, ["token_hmac", "outbox"])
                connection.send_messages(messages)
                sent += len(messages)


@dataclass(frozen=True)
class Sending:
    """How far the worker has got with a wave's emails."""

    waiting: int
    total: int

    @property
    def done(self) -> int:
        return self.total - self.waiting

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


def sending_of(wave_ids: list[int]) -> dict[int, Sending]:
    """For each wave still sending: how many emails are waiting, out of how many invited. One query."""
    rows = (
        Invitation.objects.filter(wave_id__in=wave_ids)
        .values("wave_id")
        .annotate(waiting=Count("pk", filter=~Q(outbox="")), total=Count("pk"))
        .filter(waiting__gt=0)
        .order_by()
    )
    return {row["wave_id"]: Sending(row["waiting"], row["total"]) for row in rows}
