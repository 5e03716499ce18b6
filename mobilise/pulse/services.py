"""Setting up pulses, opening waves, sending links, recording answers as counts, redacting comments."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F, Q

from mobilise.core.bin import move_to_bin
from mobilise.core.concurrency import lock_for_edit
from mobilise.core.history import save_as
from mobilise.programmes.models import Programme

from . import sending
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
    """Everyone in the programme, and every register stakeholder with an email address (with or
    without an account), once each."""
    from mobilise.engagement.reads import stakeholders_with_email

    members = programme.memberships.values_list("user__email", flat=True)
    register = stakeholders_with_email(programme).values_list("email", flat=True)
    emails = {email.strip().lower() for email in [*members, *register] if email and email.strip()}
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
    base_url: str | None = None,
    version: int | None = None,
) -> Sent:
    """Open the next wave with these questions and invite everyone.

    With `base_url` the links are made and emailed by the background worker (`sending`), and `Sent`
    holds none; without it (demo data, benchmarks) the links are made here and returned."""
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
    if base_url is not None:
        # Until the worker emails it, each invitation holds the HMAC of a token nobody has.
        Invitation.objects.bulk_create(
            Invitation(wave=wave, email=email, token_hmac=token_hmac(new_token()), outbox=sending.ASK)
            for email in people
        )
        if people:
            sending.queue_wave_emails(wave, base_url)
        return Sent(wave, {})
    links = {email: new_token() for email in people}
    Invitation.objects.bulk_create(
        Invitation(wave=wave, email=email, token_hmac=token_hmac(token)) for email, token in links.items()
    )
    return Sent(wave, links)


def next_dates(pulse: Pulse, today: date) -> tuple[date, date]:
    """The next wave's opening and closing dates on the pulse's cadence (open for a week)."""
    last = pulse.waves.order_by("-number").first()
    opens = max(today, last.opens_on + timedelta(days=pulse.cadence)) if last else today
    return opens, opens + timedelta(days=7)


@transaction.atomic
def wave_remind(*, wave: Wave, user: Any, base_url: str) -> int:
    """Queue a fresh link for everyone who has not answered (the earlier link stops working once the
    reminder goes); a second click while they are queued adds nobody."""
    from django.utils import timezone

    count = Invitation.objects.filter(wave=wave, used=False, outbox="").update(outbox=sending.REMIND)
    wave.reminded_at = timezone.now()
    save_as(wave, by=user, reason="reminder sent")
    if count:
        sending.queue_wave_emails(wave, base_url)
    return count


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


# A wave's questions are fixed when it is sent, so each server process reads them once per wave.
# Keyed by id and creation time, so a wave id reused after a deletion (SQLite) is never mistaken.
_WAVE_QUESTIONS: dict[tuple[int, Any], dict[int, Question]] = {}
_WAVE_QUESTIONS_KEPT = 256


def wave_questions(wave: Wave) -> dict[int, Question]:
    """The wave's questions by id, in order (kept per process: a sent wave's questions never change)."""
    key = (wave.pk, wave.created_at)
    found = _WAVE_QUESTIONS.get(key)
    if found is None:
        found = {q.pk: q for q in Question.objects.filter(waves=wave.pk).order_by("position", "pk")}
        if len(_WAVE_QUESTIONS) >= _WAVE_QUESTIONS_KEPT:
            _WAVE_QUESTIONS.clear()
        _WAVE_QUESTIONS[key] = found
    return found


def answer_submit(
    *,
    invitation: Invitation,
    scores: Mapping[int, int],
    texts: Mapping[int, str],
    org_type: str,
    role_group: str,
    today: date,
) -> None:
    """Record one person's answers as counts, once: the link is marked used by a conditional update,
    so of a replayed or concurrent pair one finds it already used and records nothing (the second
    waits on the row lock, then sees `used`).

    This is the busiest write, and every answer adds to the same few count rows, so those rows are
    locked for as short a time as possible: on PostgreSQL everything is one statement (one round
    trip, its own transaction); elsewhere the counts are the last writes before the commit."""
    if org_type not in dict(ORG_TYPES) or role_group not in dict(ROLE_GROUPS):
        raise ValidationError("Choose an organisation type and role group from the list")
    wave = invitation.wave
    if not (wave.opens_on <= today <= wave.closes_on):
        raise WaveClosed
    questions = wave_questions(wave)
    kept = sorted((pk, int(v)) for pk, v in scores.items() if pk in questions and int(v) in SCALE)
    quadrant = _quadrant({questions[pk].key: v for pk, v in kept})
    comments = [
        (pk, text.strip()[:2000]) for pk, text in sorted(texts.items()) if pk in questions and text.strip()
    ]
    if connection.vendor == "postgresql":
        recorded = _record_in_one_statement(
            invitation.pk, wave.pk, kept, comments, org_type, role_group, quadrant
        )
    else:
        recorded = _record(invitation.pk, wave.pk, kept, comments, org_type, role_group, quadrant)
    if not recorded:
        raise LinkUsed


@transaction.atomic
def _record_in_one_statement(
    invitation_id: int,
    wave_id: int,
    kept: list[tuple[int, int]],
    comments: list[tuple[int, str]],
    org_type: str,
    role_group: str,
    quadrant: int,
) -> bool:
    """Mark the link used; then every count and comment in one statement, just before the commit."""
    if not Invitation.objects.filter(pk=invitation_id, used=False).update(used=True):
        return False
    parts = [
        "WITH people AS (UPDATE pulse_peopletally SET count = count + 1"
        " WHERE wave_id = %s AND org_type = %s AND role_group = %s AND quadrant = %s)"
    ]
    params: list[Any] = [wave_id, org_type, role_group, quadrant]
    if kept:
        pairs = ", ".join(["(%s, %s)"] * len(kept))
        parts.append(
            ", answers AS (UPDATE pulse_answertally SET count = count + 1 WHERE wave_id = %s"
            f" AND org_type = %s AND role_group = %s AND (question_id, value) IN ({pairs}))"
        )
        params += [wave_id, org_type, role_group, *[x for pair in kept for x in pair]]
    if comments:
        rows = ", ".join(["(%s, %s, %s, false)"] * len(comments))
        parts.append(
            f", words AS (INSERT INTO pulse_comment (wave_id, question_id, text, redacted) VALUES {rows})"
        )
        params += [x for pk, text in comments for x in (wave_id, pk, text)]
    parts.append(" UPDATE pulse_wave SET answered = answered + 1 WHERE id = %s")
    params.append(wave_id)
    with connection.cursor() as cursor:
        cursor.execute("".join(parts), params)
    return True


@transaction.atomic
def _record(
    invitation_id: int,
    wave_id: int,
    kept: list[tuple[int, int]],
    comments: list[tuple[int, str]],
    org_type: str,
    role_group: str,
    quadrant: int,
) -> bool:
    if not Invitation.objects.filter(pk=invitation_id, used=False).update(used=True):
        return False
    Comment.objects.bulk_create(Comment(wave_id=wave_id, question_id=pk, text=text) for pk, text in comments)
    if kept:
        match = Q()
        for pk, value in kept:
            match |= Q(question_id=pk, value=value)
        AnswerTally.objects.filter(match, wave_id=wave_id, org_type=org_type, role_group=role_group).update(
            count=F("count") + 1
        )
    PeopleTally.objects.filter(
        wave_id=wave_id, org_type=org_type, role_group=role_group, quadrant=quadrant
    ).update(count=F("count") + 1)
    Wave.objects.filter(pk=wave_id).update(answered=F("answered") + 1)
    return True


@transaction.atomic
def comment_redact(*, comment: Comment, user: Any, redacted: bool = True) -> Comment:
    current = Comment.objects.select_for_update().get(pk=comment.pk)
    current.redacted = redacted
    save_as(current, by=user, reason="redacted" if redacted else "shown again")
    return current
