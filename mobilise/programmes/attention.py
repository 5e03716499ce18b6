"""What needs attention in each programme, for the 'Your programmes' page.

Facilitators support several programmes; this gathers, in a fixed number of queries however
many programmes there are, the things an improvement lead would want to be nudged about.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count

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


def _pending_invitations(ids: list[int]) -> dict[int, list[str]]:
    pending = (
        Invitation.objects.filter(programme_id__in=ids, accepted_at=None, withdrawn_at=None)
        .values_list("programme_id")
        .annotate(n=Count("id"))
        .values_list("programme_id", "n")
    )
    return {pid: [f"{n} invitation{'s' if n > 1 else ''} not yet accepted"] for pid, n in pending}


# Invitations are the programme's own, so they come last, after every other app's nudges.
register_attention(1000, _pending_invitations)


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
