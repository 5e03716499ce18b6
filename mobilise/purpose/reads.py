"""Reading the shared purpose and its revisions, always within one programme."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from mobilise.programmes.models import Membership, Programme

from .models import PartnerVoice, SharedPurpose


def get_purpose(programme: Programme) -> SharedPurpose | None:
    """The programme's purpose, or None while nobody has written it."""
    return SharedPurpose.objects.select_related("updated_by").filter(programme=programme).first()


def revisions_newest_first(programme: Programme) -> list[Any]:
    """Every saved revision with who saved it, in one query."""
    return list(
        SharedPurpose.history.filter(programme_id=programme.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )


def revision_count(programme: Programme) -> int:
    return int(SharedPurpose.history.filter(programme_id=programme.pk).count())


def get_revision_or_404(programme: Programme, history_id: int) -> Any:
    """A revision of this programme's purpose; an unknown or other-programme id is a 404."""
    revision = (
        SharedPurpose.history.filter(programme_id=programme.pk, history_id=history_id)
        .select_related("history_user")
        .first()
    )
    if revision is None:
        raise Http404("No such version of the shared purpose")
    return revision


def partner_voices(programme: Programme) -> list[PartnerVoice]:
    """Every partner organisation of the programme with its page (blank if none yet), by name:
    the same place and weight for a patient group as for a trust."""
    saved = {
        v.organisation_id: v
        for v in PartnerVoice.objects.filter(programme=programme).select_related("lead", "organisation")
    }
    return [
        saved.get(org.pk) or PartnerVoice(programme=programme, organisation=org)
        for org in programme.partners.order_by("name")
    ]


def get_partner_or_404(programme: Programme, organisation_id: int) -> tuple[Any, PartnerVoice]:
    """A partner organisation of this programme and its page (unsaved and blank if none yet)."""
    organisation = programme.partners.filter(pk=organisation_id).first()
    if organisation is None:
        raise Http404("That organisation is not a partner in this programme")
    voice = (
        PartnerVoice.objects.select_related("lead")
        .filter(programme=programme, organisation=organisation)
        .first()
    )
    return organisation, voice or PartnerVoice(programme=programme, organisation=organisation)


def partner_people(programme: Programme, organisation: Any) -> list[Membership]:
    return list(
        Membership.objects.filter(programme=programme, organisation=organisation)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )
