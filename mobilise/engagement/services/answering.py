"""Saving a respondent's answers as they go, and sending them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..answering import offered_ids
from ..models import Question, Respondent, RosterEntry, Survey, Tie
from .roster import lock_survey, next_numbers, roster_sync

LINK_SALT = "mobilise.engagement.survey-link"
MAX_TYPED_NAMES = 20
MAX_NAME = 200


class AlreadySent(Exception):
    """A single-use link whose answers have already been sent."""


def link_token(respondent: Respondent) -> str:
    return signing.dumps([respondent.pk, respondent.link_nonce], salt=LINK_SALT)


def respondent_for_token(token: str) -> Respondent | None:
    """The respondent a link belongs to, or None for a bad, revoked or binned-survey link."""
    try:
        pk, nonce = signing.loads(token, salt=LINK_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    found: Respondent | None = (
        Respondent.objects.select_related("survey", "entry")
        .filter(pk=pk, link_nonce=nonce, survey__deleted_at__isnull=True)
        .first()
    )
    return found


@transaction.atomic
def respondent_join(*, survey: Survey, user: Any) -> Respondent | None:
    """Bring the roster up to date (they may have joined the programme since) and find them on it."""
    roster_sync(survey)
    found: Respondent | None = (
        Respondent.objects.filter(survey=survey, user_id=user.pk).select_related("survey", "entry").first()
    )
    return found


def check_open(survey: Survey) -> None:
    if not survey.is_open_on():
        raise ValidationError("This survey is not open for answers")


@transaction.atomic
def answer_consent(*, respondent: Respondent, via_link: bool) -> Respondent:
    current = Respondent.objects.select_for_update().select_related("survey", "entry").get(pk=respondent.pk)
    check_open(current.survey)
    if via_link and current.submitted_at is not None:
        raise AlreadySent
    now = timezone.now()
    current.consented_at = current.consented_at or now
    current.started_at = current.started_at or now
    current.step = max(current.step, 1)
    current.save(update_fields=["consented_at", "started_at", "step"])
    return current


def _typed_entries(survey: Survey, names: Iterable[str], me: RosterEntry) -> list[RosterEntry]:
    """Roster entries for names typed in: an existing person with that name, or someone new."""
    cleaned: dict[str, str] = {}
    for raw in names:
        name = " ".join(raw.split())
        if name:
            if len(name) > MAX_NAME:
                raise ValidationError(f"Each name must be {MAX_NAME} characters or fewer")
            cleaned.setdefault(name.casefold(), name)
    if len(cleaned) > MAX_TYPED_NAMES:
        raise ValidationError(f"Add {MAX_TYPED_NAMES} names or fewer at a time")
    if not cleaned:
        return []
    lock_survey(survey)
    existing = {e.name.casefold(): e for e in survey.roster.all().only("pk", "name", "key")}
    found = [existing[k] for k in cleaned if k in existing]
    missing = [name for k, name in cleaned.items() if k not in existing]
    if missing:
        RosterEntry.objects.bulk_create(
            [
                RosterEntry(survey=survey, key=f"t{number}", number=number, name=name, typed_in=True)
                for name, number in zip(missing, next_numbers(survey, len(missing)), strict=True)
            ]
        )
        found += list(survey.roster.filter(typed_in=True, name__in=missing))
    return [e for e in found if e.pk != me.pk]


@transaction.atomic
def answer_save(
    *, respondent: Respondent, question: Question, chosen: set[int], typed_names: list[str], via_link: bool
) -> int:
    """Replace this respondent's answer to one question; returns how many people they have named.

    Only the published roster and names this respondent typed in may be chosen. The respondent's
    row is locked first, so a replayed or doubled post waits and then changes nothing.
    """
    current = Respondent.objects.select_for_update().select_related("survey", "entry").get(pk=respondent.pk)
    survey, me = current.survey, current.entry
    check_open(survey)
    if via_link and current.submitted_at is not None:
        raise AlreadySent
    valid = set(chosen) & offered_ids(survey, me)
    valid |= {e.pk for e in _typed_entries(survey, typed_names, me)}
    existing = Tie.objects.filter(survey=survey, question=question, source=me)
    existing.exclude(target_id__in=valid).delete()
    have = set(existing.values_list("target_id", flat=True))
    Tie.objects.bulk_create(
        [Tie(survey=survey, question=question, source=me, target_id=pk) for pk in sorted(valid - have)]
    )
    current.started_at = current.started_at or timezone.now()
    current.step = max(current.step, question.position + 1)
    current.save(update_fields=["started_at", "step"])
    respondent.started_at, respondent.step = current.started_at, current.step
    return len(valid)


@transaction.atomic
def answer_send(*, respondent: Respondent, via_link: bool) -> Respondent:
    """Mark the answers as sent. A link can send once; a signed-in person may send again to update."""
    current = Respondent.objects.select_for_update().select_related("survey").get(pk=respondent.pk)
    check_open(current.survey)
    if via_link and current.submitted_at is not None:
        raise AlreadySent
    current.submitted_at = timezone.now()
    current.used_link = current.used_link or via_link
    current.save(update_fields=["submitted_at", "used_link"])
    return current
