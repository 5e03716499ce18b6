"""Sending a relationship survey to everyone on its roster by email, each with their own link.

One click queues the whole roster; the background worker sends in chunks over one connection.
Members, and people in the register with an email address, get their links by email; people
without one are counted, and their links can be exported for handing out.
Reminders go only to people who have not answered, after a few days, at most a few times."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from ..models import Respondent, Survey
from ..reads import email_of, with_email
from .answering import link_token
from .roster import lock_survey, roster_sync

ASK = "ask"
REMIND = "remind"


@dataclass(frozen=True)
class Queued:
    emails: int
    without_email: int


@transaction.atomic
def survey_send_to_roster(*, survey: Survey, user: Any, base_url: str) -> Queued:
    """Queue an email with their own link to everyone on the roster not yet asked by email."""
    from ..tasks import send_survey_emails

    if not survey.is_open_on():
        raise ValidationError("The survey is not open, so it cannot be sent. Check its dates first.")
    roster_sync(survey)
    lock_survey(survey)  # a second click waits, then finds everyone already queued
    waiting = survey.respondents.filter(emailed_at=None, outbox="", submitted_at=None)
    count = waiting.filter(with_email()).update(outbox=ASK)
    without = survey.respondents.filter(submitted_at=None).exclude(with_email()).count()
    if count:
        send_survey_emails.enqueue(survey.pk, base_url, getattr(user, "display_name", ""))
    return Queued(count, without)


@transaction.atomic
def survey_remind(*, survey: Survey, user: Any, base_url: str) -> int:
    """Queue a reminder for people emailed a while ago who have not sent their answers."""
    from ..tasks import send_survey_emails

    if not survey.is_open_on():
        raise ValidationError("The survey has closed, so there is nothing to remind people about.")
    lock_survey(survey)
    gap = timezone.now() - timedelta(days=settings.REMIND_AFTER_DAYS)
    count = (
        survey.respondents.filter(
            submitted_at=None, outbox="", emailed_at__lte=gap, reminders__lt=settings.MAX_REMINDERS
        )
        .exclude(reminded_at__gt=gap)
        .filter(with_email())
        .update(outbox=REMIND)
    )
    if count:
        send_survey_emails.enqueue(survey.pk, base_url, getattr(user, "display_name", ""))
    return count


def _email(respondent: Respondent, survey: Survey, link: str, sender: str, reminder: bool) -> EmailMessage:
    name = respondent.entry.name
    who = sender or "The convenor"
    opening = (
        f"A reminder: {who} asked you to answer “{survey.title}” and it is still open."
        if reminder
        else f"{who} asks you to answer a short survey, “{survey.title}”, for {survey.programme.name}."
    )
    body = [
        f"Dear {name},",
        "",
        opening,
        "",
        "It asks who you go to for advice and help, so the programme can see how people are connected "
        "and where introductions would help. It takes about five minutes.",
    ]
    if survey.introduction:
        body += ["", survey.introduction]
    body += [
        "",
        f"Your own link (please do not pass it on): {link}",
        "",
        f"It works once, until {survey.closes_on:%-d %B %Y}.",
    ]
    subject = f"{'Reminder: ' if reminder else ''}{survey.title}"
    return EmailMessage(subject=subject, body="\n".join(body), to=[email_of(respondent)])


def survey_emails_send(*, survey_id: int, base_url: str, sender: str) -> int:
    """Send whatever is in the survey's outbox, a chunk at a time; returns how many went.

    Each chunk leaves the outbox as it is sent, so a repeated or restarted task never sends twice."""
    survey = Survey.objects.select_related("programme").get(pk=survey_id)
    size: int = settings.EMAIL_BATCH_SIZE
    sent = 0
    pending = (
        Respondent.objects.filter(survey=survey)
        .exclude(outbox="")
        .select_related("entry__user", "entry__stakeholder")
        .order_by("pk")
    )
    with mail.get_connection() as connection:
        while chunk := list(pending[:size]):
            with transaction.atomic():
                # Claim the chunk: only rows still in the outbox are ours to send.
                claimed = list(
                    Respondent.objects.select_for_update()
                    .filter(pk__in=[r.pk for r in chunk])
                    .exclude(outbox="")
                    .values_list("pk", "outbox")
                )
                kinds = dict(claimed)
                Respondent.objects.filter(pk__in=kinds).update(outbox="")
            now = timezone.now()
            messages = []
            for r in chunk:
                if r.pk not in kinds:
                    continue
                path = reverse("engagement:survey_link", kwargs={"token": link_token(r)})
                messages.append(_email(r, survey, base_url.rstrip("/") + path, sender, kinds[r.pk] == REMIND))
            connection.send_messages(messages)
            asked = [pk for pk, kind in kinds.items() if kind == ASK]
            reminded = [pk for pk, kind in kinds.items() if kind == REMIND]
            Respondent.objects.filter(pk__in=asked).update(emailed_at=now)
            Respondent.objects.filter(pk__in=reminded).update(reminded_at=now, reminders=F("reminders") + 1)
            sent += len(messages)
    return sent
