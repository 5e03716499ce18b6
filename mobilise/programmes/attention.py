"""What needs attention in each programme, for the 'Your programmes' page.

Facilitators support several programmes; this gathers, in a fixed number of queries however
many programmes there are, the things an improvement lead would want to be nudged about.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db.models import Count
from django.utils import timezone

from .models import Invitation, Membership, Programme

# A purpose nobody has revisited for this long is worth a nudge: the story needs refreshing.
STALE_PURPOSE_DAYS = 120


@dataclass
class ProgrammeSummary:
    programme: Programme
    role: str
    members: int
    attention: list[str] = field(default_factory=list)


def programme_summaries(user: Any) -> list[ProgrammeSummary]:
    from mobilise.purpose.models import SharedPurpose
    from mobilise.workspace.components import KEYS
    from mobilise.workspace.models import AlignmentEntry, ComponentState, Note, Status

    memberships = list(
        Membership.objects.filter(user=user)
        .select_related("programme")
        .annotate(member_count=Count("programme__memberships", distinct=True))
        .order_by("programme__name")
    )
    ids = [m.programme_id for m in memberships]
    touched: dict[int, set[str]] = {pid: set() for pid in ids}
    for pid, comp in Note.objects.filter(programme_id__in=ids).values_list("programme_id", "component"):
        touched[pid].add(comp)
    needs: dict[int, int] = {pid: 0 for pid in ids}
    for pid, comp, status in ComponentState.objects.filter(programme_id__in=ids).values_list(
        "programme_id", "component", "status"
    ):
        if status != Status.NOT_STARTED:
            touched[pid].add(comp)
        if status == Status.NEEDS_ATTENTION:
            needs[pid] += 1
    tensions = dict(
        AlignmentEntry.objects.filter(programme_id__in=ids, relationship="tension", status="open")
        .values_list("programme_id")
        .annotate(n=Count("id"))
        .values_list("programme_id", "n")
    )
    purposes = {p.programme_id: p for p in SharedPurpose.objects.filter(programme_id__in=ids)}
    pending = dict(
        Invitation.objects.filter(programme_id__in=ids, accepted_at=None, withdrawn_at=None)
        .values_list("programme_id")
        .annotate(n=Count("id"))
        .values_list("programme_id", "n")
    )
    stale_before = timezone.now() - timedelta(days=STALE_PURPOSE_DAYS)

    summaries = []
    for m in memberships:
        pid = m.programme_id
        notes: list[str] = []
        purpose = purposes.get(pid)
        if purpose is None or purpose.is_empty:
            notes.append("The shared purpose has not been written yet")
        elif purpose.updated_at < stale_before:
            notes.append(f"The shared purpose has not been refreshed for over {STALE_PURPOSE_DAYS} days")
        untouched = len([k for k in KEYS if k not in touched[pid]])
        if untouched:
            notes.append(f"{untouched} of 8 components not yet touched")
        if needs[pid]:
            notes.append(f"{needs[pid]} component{'s' if needs[pid] > 1 else ''} marked as needing attention")
        if tensions.get(pid):
            n = tensions[pid]
            notes.append(f"{n} open tension{'s' if n > 1 else ''} between components")
        if pending.get(pid):
            n = pending[pid]
            notes.append(f"{n} invitation{'s' if n > 1 else ''} not yet accepted")
        summaries.append(ProgrammeSummary(m.programme, m.get_role_display(), m.member_count, notes))
    return summaries
