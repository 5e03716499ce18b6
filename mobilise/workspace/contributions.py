"""What the Change Model workspace adds to lower apps' pages; registered in `WorkspaceConfig.ready()`."""

from __future__ import annotations

from django.db.models import Count

from .components import KEYS
from .models import AlignmentEntry, ComponentState, Note, Status


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def workspace_attention(ids: list[int]) -> dict[int, list[str]]:
    """For the programme list: untouched components, ones needing attention, open tensions (3 queries)."""
    touched: dict[int, set[str]] = {pid: set() for pid in ids}
    for pid, comp in Note.objects.filter(programme_id__in=ids).values_list("programme_id", "component"):
        touched[pid].add(comp)
    needs: dict[int, int] = dict.fromkeys(ids, 0)
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
    notes: dict[int, list[str]] = {}
    for pid in ids:
        found = []
        untouched = len([k for k in KEYS if k not in touched[pid]])
        if untouched:
            found.append(f"{untouched} of 8 components not yet touched")
        if needs[pid]:
            found.append(f"{_plural(needs[pid], 'component', 'components')} marked as needing attention")
        if tensions.get(pid):
            found.append(f"{_plural(tensions[pid], 'open tension', 'open tensions')} between components")
        notes[pid] = found
    return notes
