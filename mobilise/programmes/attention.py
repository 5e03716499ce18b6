"""What needs attention in each programme, for the 'Your programmes' page.

Facilitators support several programmes; this gathers, in a fixed number of queries however
many programmes there are, the things an improvement lead would want to be nudged about.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, OuterRef

from mobilise.accounts.models import User

from .models import Invitation, Membership, Programme


@dataclass
class ProgrammeSummary:
    programme: Programme
    role: str
    members: int
    attention: list[str] = field(default_factory=list)


# What needs attention, for many programmes at once: programme id → sentences, in a fixed number
# of queries. Higher apps register theirs from AppConfig.ready(); lower `order` is shown first.
AttentionSource = Callable[[list[int]], dict[int, list[str]]]
SOURCES: list[tuple[int, AttentionSource]] = []


def register_attention(order: int, source: AttentionSource) -> None:
    if all(existing is not source for _, existing in SOURCES):
        SOURCES.append((order, source))
        SOURCES.sort(key=lambda pair: pair[0])


def _names(names: list[str]) -> str:
    """ "A", "A and B", "A, B and C"; past three, the rest are "the other partners", never a count."""
    if len(names) > 3:
        return f"{', '.join(names[:3])} and the other partners"
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _invitations(ids: list[int]) -> dict[int, list[str]]:
    """Invite, don't count: partners nobody has joined from, then a reminder for open invitations."""
    partners = Programme.partners.through.objects.filter(programme_id__in=ids)
    missing = (
        partners.exclude(
            Exists(
                Membership.objects.filter(
                    programme_id=OuterRef("programme_id"), organisation_id=OuterRef("organisation_id")
                )
            )
        )
        .exclude(
            Exists(
                Invitation.objects.filter(
                    programme_id=OuterRef("programme_id"),
                    organisation_id=OuterRef("organisation_id"),
                    accepted_at=None,
                    withdrawn_at=None,
                )
            )
        )
        .order_by("organisation__name")
        .values_list("programme_id", "organisation__name")
    )
    absent: dict[int, list[str]] = {}
    for pid, name in missing:
        absent.setdefault(pid, []).append(name)
    waiting = set(
        Invitation.objects.filter(programme_id__in=ids, accepted_at=None, withdrawn_at=None)
        .values_list("programme_id", flat=True)
        .distinct()
    )
    found: dict[int, list[str]] = {}
    for pid, names in absent.items():
        found.setdefault(pid, []).append(
            f"Would it help to invite people from {_names(names)}? "
            f"{'It is a partner' if len(names) == 1 else 'They are partners'}, but nobody from "
            f"{'it' if len(names) == 1 else 'them'} has joined yet."
        )
    for pid in waiting:
        found.setdefault(pid, []).append(
            "Would it help to send a reminder? Some of the people invited have not joined yet."
        )
    return found


# Invitations are the programme's own, so they come last, after every other app's nudges.
register_attention(1000, _invitations)


def programme_summaries(user: User | AnonymousUser) -> list[ProgrammeSummary]:
    if not isinstance(user, User):
        return []
    memberships = list(
        Membership.objects.filter(user=user)
        .select_related("programme")
        .annotate(member_count=Count("programme__memberships", distinct=True))
        .order_by("programme__name")
    )
    ids = [m.programme_id for m in memberships]
    found = [source(ids) for _, source in SOURCES]
    return [
        ProgrammeSummary(
            m.programme,
            m.get_role_display(),
            m.member_count,
            [sentence for notes in found for sentence in notes.get(m.programme_id, [])],
        )
        for m in memberships
    ]
