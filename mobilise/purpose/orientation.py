"""The orientation page for anyone joining (and the handover for anyone leaving): what the
programme is for, where it has got to, who leads what, open tensions, recent decisions and where
to start. Higher apps add sections (the delivery app's "who leads what", for one) through
`register_orientation_section`, so this app never imports them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mobilise.programmes.models import Programme
from mobilise.programmes.roles import Role
from mobilise.workspace.models import AlignmentEntry, Note, NoteKind, Relationship, TensionStatus

from .models import PartnerVoice, SharedPurpose


@dataclass(frozen=True)
class Section:
    """A heading and lines of plain text (each line may carry a link)."""

    heading: str
    lines: list[tuple[str, str]]  # (text, url or "")


SectionSource = Callable[[Programme], Section | None]
_SOURCES: list[tuple[int, SectionSource]] = []


def register_orientation_section(order: int, source: SectionSource) -> None:
    """Add a section to every programme's orientation page (called from a higher app's ready())."""
    _SOURCES.append((order, source))
    _SOURCES.sort(key=lambda pair: pair[0])


def extra_sections(programme: Programme) -> list[Section]:
    return [s for _, source in _SOURCES if (s := source(programme)) is not None]


RECENT = 8


def orientation(programme: Programme) -> dict[str, Any]:
    """Everything the page shows, in a fixed number of queries however big the programme is."""
    purpose = SharedPurpose.objects.filter(programme=programme).first()
    leaders = list(
        programme.memberships.filter(role__in=[Role.CONVENOR, Role.FACILITATOR])
        .select_related("user", "organisation")
        .order_by("role", "user__full_name", "user__email")
    )
    partner_leads = list(
        PartnerVoice.objects.filter(programme=programme, lead__isnull=False)
        .select_related("lead", "organisation")
        .order_by("organisation__name")
    )
    tensions = list(
        AlignmentEntry.objects.filter(
            programme=programme, relationship=Relationship.TENSION, status=TensionStatus.OPEN
        ).order_by("-created_at")[:RECENT]
    )
    decisions = list(
        Note.objects.filter(programme=programme, kind=NoteKind.DECISION)
        .select_related("author")
        .order_by("-created_at")[:RECENT]
    )
    endorsements = list(
        PartnerVoice.objects.filter(programme=programme)
        .exclude(endorsement="")
        .select_related("organisation")
        .order_by("-updated_at")[:RECENT]
    )
    return {
        "purpose": purpose,
        "leaders": leaders,
        "partner_leads": partner_leads,
        "tensions": tensions,
        "decisions": decisions,
        "endorsements": endorsements,
        "member_count": programme.memberships.count(),
        "sections": extra_sections(programme),
    }
