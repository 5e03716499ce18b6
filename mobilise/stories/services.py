"""Writes for the programme's story and for stories: every save is a revision, and no one's edit is lost."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any, NamedTuple

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone

from mobilise.core.bin import move_to_bin
from mobilise.core.concurrency import EditConflict, lock_for_edit
from mobilise.core.history import save_as
from mobilise.core.jinja2env import uk_date
from mobilise.programmes.models import Programme
from mobilise.workspace.models import Audience

from .models import NARRATIVE_FIELDS, AudienceNarrative, Narrative, ShareLink, Story, StoryStatus

SHARE_SALT = "mobilise.stories.share-link"
# How many stories one sender may send through a programme's page in an hour, and the page in a day.
PER_SENDER_PER_HOUR = 5
PER_PROGRAMME_PER_DAY = 200


class NarrativeSaved(NamedTuple):
    narrative: Narrative | AudienceNarrative
    changed: bool


class RevisionNotFound(Exception):
    """No revision with that id belongs to this programme's story."""


class TooMany(Exception):
    """The share page has had too many stories from this sender (or in all) for now."""


def _unchanged(obj: Any, fields: Mapping[str, str]) -> bool:
    return all(getattr(obj, name) == fields[name] for name in NARRATIVE_FIELDS)


def _apply(obj: Any, fields: Mapping[str, str], *, user: Any, reason: str) -> None:
    for name in NARRATIVE_FIELDS:
        setattr(obj, name, fields[name])
    obj.updated_by = user
    save_as(obj, by=user, reason=reason)


@transaction.atomic
def narrative_update(
    *,
    programme: Programme,
    data: Mapping[str, str],
    expected_version: int | None,
    user: Any,
    reason: str = "",
) -> NarrativeSaved:
    """Save the three parts as a new revision, or refuse with `EditConflict` if someone saved first.

    `expected_version` is 0 when the person started from a story nobody had written yet.
    """
    fields = {name: data.get(name, "") for name in NARRATIVE_FIELDS}
    # Lock the programme row so two people writing the first version cannot both create one.
    locked = Programme.objects.select_for_update().only("pk", "stage").get(pk=programme.pk)
    existing = Narrative.objects.filter(programme=programme).first()
    if existing is None:
        narrative = Narrative(programme=programme)
        if all(not value.strip() for value in fields.values()):
            return NarrativeSaved(narrative, changed=False)
    else:
        if expected_version == 0:
            raise EditConflict(existing)
        narrative = lock_for_edit(existing, expected_version)
        # Saving the same words again still counts as a refresh when the stage has moved on.
        if _unchanged(narrative, fields) and narrative.stage_when_written == locked.stage:
            return NarrativeSaved(existing, changed=False)
    narrative.stage_when_written = locked.stage
    _apply(narrative, fields, user=user, reason=reason.strip())
    return NarrativeSaved(narrative, changed=True)


@transaction.atomic
def narrative_restore(*, programme: Programme, history_id: int, user: Any) -> NarrativeSaved:
    """Copy an earlier revision into the story as a new revision; the history is never rewritten."""
    revision = Narrative.history.filter(programme_id=programme.pk, history_id=history_id).first()
    existing = Narrative.objects.filter(programme=programme).first()
    if revision is None or existing is None:
        raise RevisionNotFound(history_id)
    narrative = lock_for_edit(existing, None)
    fields = {name: getattr(revision, name) for name in NARRATIVE_FIELDS}
    if _unchanged(narrative, fields):
        return NarrativeSaved(existing, changed=False)
    reason = f"Restored the version from {uk_date(revision.history_date, with_time=True)}"
    _apply(narrative, fields, user=user, reason=reason)
    return NarrativeSaved(narrative, changed=True)


@transaction.atomic
def audience_narrative_update(
    *,
    programme: Programme,
    audience: Audience,
    data: Mapping[str, str],
    expected_version: int | None,
    user: Any,
) -> NarrativeSaved:
    fields = {name: data.get(name, "") for name in NARRATIVE_FIELDS}
    Programme.objects.select_for_update().only("pk").get(pk=programme.pk)
    existing = AudienceNarrative.objects.filter(programme=programme, audience=audience).first()
    if existing is None:
        version: AudienceNarrative = AudienceNarrative(programme=programme, audience=audience)
        if all(not value.strip() for value in fields.values()):
            return NarrativeSaved(version, changed=False)
    else:
        if expected_version == 0:
            raise EditConflict(existing)
        version = lock_for_edit(existing, expected_version)
        if _unchanged(version, fields):
            return NarrativeSaved(existing, changed=False)
    _apply(version, fields, user=user, reason="")
    return NarrativeSaved(version, changed=True)


# Stories -------------------------------------------------------------------------------------

STORY_FIELDS = ("kind", "title", "body", "teller", "anonymised", "consent_by", "consent_use", "consent_until")


def _set_story_fields(story: Story, data: Mapping[str, Any]) -> None:
    for name in STORY_FIELDS:
        setattr(story, name, data[name])
    story.component = data.get("component") or ""
    if story.anonymised:
        story.teller = ""


@transaction.atomic
def story_create(*, programme: Programme, data: Mapping[str, Any], user: Any) -> Story:
    story = Story(programme=programme, created_by=user, status=StoryStatus.ACCEPTED)
    _set_story_fields(story, data)
    save_as(story, by=user)
    story.measures.set(data.get("measures") or [])
    story.tests_of_change.set(data.get("tests_of_change") or [])
    return story


@transaction.atomic
def story_update(*, story: Story, data: Mapping[str, Any], expected_version: int | None, user: Any) -> Story:
    story = lock_for_edit(story, expected_version)
    _set_story_fields(story, data)
    save_as(story, by=user)
    story.measures.set(data.get("measures") or [])
    story.tests_of_change.set(data.get("tests_of_change") or [])
    return story


@transaction.atomic
def story_withdraw(*, story: Story, user: Any) -> Story:
    """Consent withdrawn: the words go from the story and from its history, so it is shown nowhere."""
    story = lock_for_edit(story, None)
    story.withdrawn_at = timezone.now()
    story.title = "Withdrawn story"
    story.body = ""
    story.teller = ""
    story.consent_by = ""
    save_as(story, by=user, reason="Consent withdrawn")
    story.measures.clear()
    story.tests_of_change.clear()
    Story.history.filter(id=story.pk).update(title="Withdrawn story", body="", teller="", consent_by="")
    return story


@transaction.atomic
def story_moderate(*, story: Story, accept: bool, user: Any) -> Story:
    story = lock_for_edit(story, None)
    story.status = StoryStatus.ACCEPTED if accept else StoryStatus.DECLINED
    save_as(story, by=user, reason="Accepted from the share page" if accept else "Not used")
    return story


def story_bin(*, story: Story, user: Any) -> None:
    move_to_bin(story, by=user)


# The public share page -----------------------------------------------------------------------


def share_token(link: ShareLink) -> str:
    return signing.dumps([link.pk, link.nonce], salt=SHARE_SALT)


def link_for_token(token: str) -> ShareLink | None:
    """The open share page a token names, or None for a bad, old or closed link."""
    try:
        pk, nonce = signing.loads(token, salt=SHARE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    found: ShareLink | None = (
        ShareLink.objects.select_related("programme").filter(pk=pk, nonce=nonce, is_open=True).first()
    )
    return found


@transaction.atomic
def share_link_open(*, programme: Programme, user: Any, new_address: bool = False) -> ShareLink:
    link = ShareLink.objects.select_for_update().filter(programme=programme).first()
    if link is None:
        link = ShareLink(programme=programme, nonce=secrets.token_hex(8))
    elif new_address:
        link.nonce = secrets.token_hex(8)
    link.is_open = True
    link.opened_by = user
    link.save()
    return link


@transaction.atomic
def share_link_close(*, programme: Programme) -> None:
    ShareLink.objects.filter(programme=programme).update(is_open=False)


def sender_key(address: str, day: date) -> str:
    raw = f"{settings.SECRET_KEY}|{address}|{day.isoformat()}".encode()
    return hashlib.sha256(raw).hexdigest()


@transaction.atomic
def public_story_submit(
    *, link: ShareLink, data: Mapping[str, Any], address: str, consent_use: str, consent_until: date | None
) -> Story:
    """A story from someone without an account: it waits for a convenor or facilitator to read it."""
    programme = Programme.objects.select_for_update().only("pk").get(pk=link.programme_id)
    now = timezone.now()
    key = sender_key(address, now.date())
    recent = Story.all_objects.filter(programme=programme, from_public_link=True)
    if recent.filter(sender_key=key, created_at__gte=now - timedelta(hours=1)).count() >= PER_SENDER_PER_HOUR:
        raise TooMany
    if recent.filter(created_at__gte=now - timedelta(days=1)).count() >= PER_PROGRAMME_PER_DAY:
        raise TooMany
    anonymised = bool(data.get("anonymised"))
    story = Story(
        programme=programme,
        kind=data["kind"],
        title=data["title"],
        body=data["body"],
        teller="" if anonymised else data.get("teller", ""),
        anonymised=anonymised,
        consent_by="The person who told it"
        if anonymised
        else (data.get("teller") or "The person who told it"),
        consent_use=consent_use,
        consent_until=consent_until,
        status=StoryStatus.WAITING,
        from_public_link=True,
        sender_key=key,
    )
    save_as(story, by=None, reason="Sent through the share page")
    return story
