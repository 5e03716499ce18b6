"""Reads and writes for audiences, their words, and which audience each member has chosen."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import Prefetch, QuerySet

from mobilise.core.bin import move_to_bin
from mobilise.core.concurrency import lock_for_edit
from mobilise.core.history import delete_as, save_as
from mobilise.programmes.models import Programme

from .models import Audience, AudienceChoice, Term
from .vocabulary import DEFAULTS


def audiences(*, programme: Programme) -> QuerySet[Audience]:
    """The programme's live audiences with their words, in two queries however many there are."""
    return Audience.objects.filter(programme=programme).prefetch_related(
        Prefetch("terms", queryset=Term.objects.order_by("pk"))
    )


def audience_chosen(*, programme: Programme, user: Any) -> Audience | None:
    choice = (
        AudienceChoice.objects.filter(programme=programme, user=user, audience__deleted_at=None)
        .select_related("audience")
        .first()
    )
    return choice.audience if choice else None


@transaction.atomic
def audience_create(*, programme: Programme, name: str, by: Any) -> Audience:
    audience = Audience(programme=programme, name=name)
    audience.full_clean()
    save_as(audience, by=by)
    return audience


@transaction.atomic
def audience_update(
    *, audience: Audience, name: str, terms: Mapping[str, str], by: Any, expected_version: int | None = None
) -> Audience:
    """Rename the audience and set its words; a blank or plain-English word removes the override.

    Raises `EditConflict` (holding their version) if someone saved since `expected_version`.
    """
    audience = lock_for_edit(audience, expected_version)
    audience.name = name
    audience.full_clean()
    save_as(audience, by=by)
    existing = {term.key: term for term in Term.objects.select_for_update().filter(audience=audience)}
    for key, text in terms.items():
        if key not in DEFAULTS:
            raise ValueError(f"Unknown term {key!r}")
        text = text.strip()
        term = existing.get(key)
        if not text or text == DEFAULTS[key]:
            if term is not None:
                delete_as(term, by=by)
            continue
        if term is None:
            term = Term(audience=audience, key=key)
        elif term.text == text:
            continue
        term.text = text
        term.full_clean()
        save_as(term, by=by)
    return audience


@transaction.atomic
def audience_delete(*, audience: Audience, by: Any) -> None:
    """Move the audience to the bin; members who chose it see plain English until it is restored."""
    move_to_bin(audience, by=by)


@transaction.atomic
def audience_choose(*, programme: Programme, user: Any, audience: Audience | None) -> None:
    """Show the workspace to this member in the audience's words, or in plain English if None."""
    if audience is None:
        AudienceChoice.objects.filter(programme=programme, user=user).delete()
        return
    if audience.programme_id != programme.pk or audience.in_bin:
        raise ValueError("That audience is not part of this programme")
    AudienceChoice.objects.update_or_create(programme=programme, user=user, defaults={"audience": audience})
