"""Writes for the shared purpose: every save is a revision, and no one's edit is lost."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from django.db import transaction

from mobilise.core.concurrency import EditConflict, lock_for_edit
from mobilise.core.history import save_as
from mobilise.core.jinja2env import uk_date
from mobilise.programmes.models import Programme

from .models import PARTNER_FIELDS, PURPOSE_FIELDS, PartnerVoice, SharedPurpose


class PurposeSaved(NamedTuple):
    purpose: SharedPurpose
    changed: bool


class RevisionNotFound(Exception):
    """No revision with that id belongs to this programme's purpose."""


def _apply(purpose: SharedPurpose, fields: Mapping[str, str], *, user: Any, reason: str) -> None:
    for name in PURPOSE_FIELDS:
        setattr(purpose, name, fields[name])
    purpose.updated_by = user
    save_as(purpose, by=user, reason=reason)


def _unchanged(purpose: SharedPurpose, fields: Mapping[str, str]) -> bool:
    return all(getattr(purpose, name) == fields[name] for name in PURPOSE_FIELDS)


@transaction.atomic
def purpose_update(
    *,
    programme: Programme,
    data: Mapping[str, str],
    expected_version: int | None,
    user: Any,
    reason: str = "",
) -> PurposeSaved:
    """Save the five fields as a new revision, or refuse with `EditConflict` if someone saved first.

    `expected_version` is 0 when the person started from a purpose nobody had written yet.
    """
    fields = {name: data.get(name, "") for name in PURPOSE_FIELDS}
    # Lock the programme row so two people writing the first version cannot both create one.
    Programme.objects.select_for_update().only("pk").get(pk=programme.pk)
    existing = SharedPurpose.objects.filter(programme=programme).first()
    if existing is None:
        purpose = SharedPurpose(programme=programme)
        if all(not value.strip() for value in fields.values()):
            return PurposeSaved(purpose, changed=False)
    else:
        if expected_version == 0:
            raise EditConflict(existing)
        purpose = lock_for_edit(existing, expected_version)
        if _unchanged(purpose, fields):
            return PurposeSaved(existing, changed=False)
    _apply(purpose, fields, user=user, reason=reason.strip())
    return PurposeSaved(purpose, changed=True)


@transaction.atomic
def purpose_restore(*, programme: Programme, history_id: int, user: Any) -> PurposeSaved:
    """Copy an earlier revision into the purpose as a new revision; the history is never rewritten."""
    revision = SharedPurpose.history.filter(programme_id=programme.pk, history_id=history_id).first()
    existing = SharedPurpose.objects.filter(programme=programme).first()
    if revision is None or existing is None:
        raise RevisionNotFound(history_id)
    # Restoring is a deliberate choice of text, so it does not need the version the person saw.
    purpose = lock_for_edit(existing, None)
    fields = {name: getattr(revision, name) for name in PURPOSE_FIELDS}
    if _unchanged(purpose, fields):
        return PurposeSaved(existing, changed=False)
    reason = f"Restored the version from {uk_date(revision.history_date, with_time=True)}"
    _apply(purpose, fields, user=user, reason=reason)
    return PurposeSaved(purpose, changed=True)


@transaction.atomic
def partner_voice_save(
    *,
    programme: Programme,
    organisation: Any,
    data: Mapping[str, Any],
    expected_version: int | None,
    user: Any,
) -> PartnerVoice:
    """Save a partner's page; raises EditConflict if someone saved it since `expected_version`.

    An endorsement is recorded against the purpose as it stands now, so after a later change to
    the purpose the page says the endorsement was of an earlier version."""
    voice, _ = PartnerVoice.objects.get_or_create(programme=programme, organisation=organisation)
    current = lock_for_edit(voice, expected_version)
    for name in PARTNER_FIELDS:
        setattr(current, name, data.get(name, "") or "")
    current.lead = data.get("lead")
    current.endorsement = data.get("endorsement", "") or ""
    purpose = SharedPurpose.objects.filter(programme=programme).only("version").first()
    # The form asks where they stand on the purpose as it is now: saving answers for this version.
    current.endorsed_purpose_version = purpose.version if purpose and current.endorsement else None
    current.updated_by = user
    save_as(current, by=user)
    return current
