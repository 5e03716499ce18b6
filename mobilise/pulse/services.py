"""Setting up pulses, opening waves, sending links, recording answers as counts, redacting comments."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import F, Q

from mobilise.core.bin import move_to_bin
from mobilise.core.concurrency import lock_for_edit
from mobilise.core.history import save_as
from mobilise.programmes.models import Programme

from .links import new_token, token_hmac
from .models import (
    AGREE_FROM,
    MAX_QUESTIONS,
    ORG_TYPES,
    ROLE_GROUPS,
    SCALE,
    AnswerTally,
    Comment,
    Invitation,
    Kind,
    PeopleTally,
    Pulse,
    Quadrant,
    Question,
    Theme,
    Wave,
)
from .starter import STARTER


class LinkUsed(Exception):
    """The link has already been used to answer."""


class WaveClosed(Exception):
    """The wave is not open for answers today."""


@transaction.atomic
def pulse_create(
    *,
    programme: Programme,
    name: str,
    cadence: int,
    threshold: int,
    user: Any,
    asked: Iterable[str] | None = None,
) -> Pulse:
    pulse = Pulse(programme=programme, name=name, cadence=cadence, threshold=threshold, created_by=user)
    pulse.full_clean()
    save_as(pulse, by=user)
    chosen = set(asked) if asked is not None else None
    Question.objects.bulk_create(
        Question(
            pulse=pulse,
            key=key,
            theme=theme,
            kind=kind,
            text=text,
            position=i,
            asked_by_default=(key in chosen) if chosen is not None else default,
        )
        for i, (key, theme, kind, text, default) in enumerate(STARTER)
    )
    return pulse


@transaction.atomic
def pulse_edit(*, pulse: Pulse, data: Mapping[str, Any], user: Any) -> Pulse:
    current = lock_for_edit(pulse, data.get("version"))
    current.name = data["name"]
    current.cadence = data["cadence"]
    current.threshold = max(current.threshold, int(data["threshold"]))  # raised, never lowered
    current.full_clean()
    save_as(current, by=user)
    return current


@transaction.atomic
def question_add(*, pulse: Pulse, text: str, kind: str, user: Any) -> Question:
    position = (pulse.questions.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    question = Question(
        pulse=pulse, key=f"own-{position}", text=text, kind=kind, theme=Theme.OTHER, position=position
    )
    question.full_clean()
    save_as(question, by=user)
    return question


def pulse_delete(*, pulse: Pulse, user: Any) -> None:
    move_to_bin(pulse, by=user)


def recipients(programme: Programme) -> list[str]:
    """Everyone in the programme, and every register stakeholder who is a member, once each."""
    emails = {
        email.strip().lower()
        for email in programme.memberships.values_list("user__email", flat=True)
        if email and email.strip()
    }
    return sorted(emails)


@dataclass(frozen=True)
class Sent:
    wave: Wave
    links: dict[str, str]  # email -> token (only in memory, for the emails being sent)


def _bulk_tallies(wave: Wave, questions: list[Question]) -> None:
    org_types = [value for value, _ in ORG_TYPES]
    roles = [value for value, _ in ROLE_GROUPS]
    AnswerTally.objects.bulk_create(
        AnswerTally(wave=wave, question=q, org_type=o, role_group=r, value=v)
        for q in questions
        if q.kind == Kind.SCALE
        for o in org_types
        for r in roles
        for v in SCALE
    )
    PeopleTally.objects.bulk_create(
        PeopleTally(wave=wave, org_type=o, role_group=r, quadrant=quadrant)
        for o in org_types
        for r in roles
        for quadrant in Quadrant.values
    )


@transaction.atomic
def wave_open(
    *,
    pulse: Pulse,
    questions: list[Question],
    opens_on: date,
    closes_on: date,
    user: Any,
    emails: list[str] | None = None,
    link_url: Any = None,
    version: int | None = None,
) -> Sent:
    """Open the next wave with these questions, invite everyone, and email each a single-use link."""
    if not questions:
        raise ValidationError("Choose at least one question to ask")
    if len(questions) > MAX_QUESTIONS:
        raise ValidationError(f"Ask {MAX_QUESTIONS} questions or fewer, so it takes under two minutes")
    if closes_on < opens_on:
        raise ValidationError("The closing date must be on or after the opening date")
    # Sending a wave moves the pulse's version on, so a second tab's "send" is refused, not sent twice.
    locked = lock_for_edit(pulse, version)
    save_as(locked, by=user, reason="wave sent")
    number = (locked.waves.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    people = emails if emails is not None else recipients(pulse.programme)
    wave = Wave(pulse=locked, number=number, opens_on=opens_on, closes_on=closes_on, created_by=user)
    wave.invited = len(people)
    save_as(wave, by=user)
    wave.questions.set(questions)
    _bulk_tallies(wave, questions)
    links = {email: new_token() for email in people}
    Invitation.objects.bulk_create(
        Invitation(wave=wave, email=email, token_hmac=token_hmac(token)) for email, token in links.items()
    )
    if link_url is not None:
        _email(pulse, wave, links, link_url, reminder=False)
    return Sent(wave, links)


def next_dates(pulse: Pulse, today: date) -> tuple[date, date]:
    """The next wave's opening and closing dates on the pulse's cadence (open for a week)."""
    last = pulse.waves.order_by("-number").first()
    opens = max(today, last.opens_on + timedelta(days=pulse.cadence)) if last else today
    return opens, opens + timedelta(days=7)


def _email(pulse: Pulse, wave: Wave, links: Mapping[str, str], link_url: Any, *, reminder: bool) -> None:
    subject = ("Reminder: " if reminder else "") + f"{pulse.name}: two minutes on how the change feels"
    messages = []
    for email, token in links.items():
        body = "\n".join(
            [
                "How much energy do you have for this change? Are you part of it? Can you act?",
                "",
                f"This short pulse for {pulse.programme.name} takes under two minutes. Your answers are",
                "anonymous: they are kept only as counts, and small groups are never shown.",
                "",
                f"Answer here: {link_url(token)}",
                "",
                f"The link works once and closes on {wave.closes_on:%d %B %Y}."
                + (" It replaces the link we sent before." if reminder else ""),
            ]
        )
        messages.append((subject, body, None, [email]))
    send_mass_mail(messages, fail_silently=False)


@transaction.atomic
def wave_remind(*, wave: Wave, user: Any, link_url: Any) -> int:
    """Send a fresh link to everyone who has not answered (the earlier link stops working)."""
    from django.utils import timezone

    pending = list(Invitation.objects.select_for_update().filter(wave=wave, used=False))
    links: dict[str, str] = {}
    for invitation in pending:
        token = new_token()
        invitation.token_hmac = token_hmac(token)
        links[invitation.email] = token
    Invitation.objects.bulk_update(pending, ["token_hmac"])
    wave.reminded_at = timezone.now()
    save_as(wave, by=user, reason="reminder sent")
    if links:
        _email(wave.pulse, wave, links, link_url, reminder=True)
    return len(links)


def invitation_for(token: str) -> Invitation | None:
    found: Invitation | None = (
        Invitation.objects.select_related("wave__pulse__programme")
        .filter(token_hmac=token_hmac(token), wave__pulse__deleted_at__isnull=True)
        .first()
    )
    return found


def _quadrant(scores: Mapping[str, int]) -> int:
    belong, valued = scores.get("belonging"), scores.get("valued")
    if belong is None or valued is None:
        return Quadrant.UNKNOWN
    high_b, high_v = belong >= AGREE_FROM, valued >= AGREE_FROM
    if high_b and high_v:
        return Quadrant.INCLUSION
    if high_b:
        return Quadrant.ASSIMILATION
    if high_v:
        return Quadrant.DIFFERENTIATION
    return Quadrant.EXCLUSION


@transaction.atomic
def answer_submit(
    *,
    invitation: Invitation,
    scores: Mapping[int, int],
    texts: Mapping[int, str],
    org_type: str,
    role_group: str,
    today: date,
) -> None:
    """Record one person's answers as counts, once. The invitation row is locked first, so a replayed
    or concurrent post waits, then finds the link used and records nothing."""
    current = Invitation.objects.select_for_update().select_related("wave").get(pk=invitation.pk)
    if current.used:
        raise LinkUsed
    wave = current.wave
    if not (wave.opens_on <= today <= wave.closes_on):
        raise WaveClosed
    if org_type not in dict(ORG_TYPES) or role_group not in dict(ROLE_GROUPS):
        raise ValidationError("Choose an organisation type and role group from the list")
    current.used = True
    current.save(update_fields=["used"])
    questions = {q.pk: q for q in wave.questions.all()}
    kept = {pk: int(v) for pk, v in scores.items() if pk in questions and int(v) in SCALE}
    if kept:
        match = Q()
        for pk, value in sorted(kept.items()):
            match |= Q(question_id=pk, value=value)
        AnswerTally.objects.filter(match, wave=wave, org_type=org_type, role_group=role_group).update(
            count=F("count") + 1
        )
    by_key = {questions[pk].key: v for pk, v in kept.items()}
    PeopleTally.objects.filter(
        wave=wave, org_type=org_type, role_group=role_group, quadrant=_quadrant(by_key)
    ).update(count=F("count") + 1)
    Comment.objects.bulk_create(
        Comment(wave=wave, question=questions[pk], text=text.strip()[:2000])
        for pk, text in sorted(texts.items())
        if pk in questions and text.strip()
    )
    Wave.objects.filter(pk=wave.pk).update(answered=F("answered") + 1)


@transaction.atomic
def comment_redact(*, comment: Comment, user: Any, redacted: bool = True) -> Comment:
    current = Comment.objects.select_for_update().get(pk=comment.pk)
    current.redacted = redacted
    save_as(current, by=user, reason="redacted" if redacted else "shown again")
    return current
