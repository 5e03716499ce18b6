"""What the Change Model workspace adds to lower apps' pages; registered in `WorkspaceConfig.ready()`.

Nudges invite rather than count, and follow the stage the team is at: a programme still framing
its issue is not asked about spread. "Would it help to…?" leaves the team to decide.
"""

from __future__ import annotations

from mobilise.programmes.models import Programme, Stage

from .components import BY_KEY, KEYS, STAGE_FOCUS
from .models import AlignmentEntry, ComponentState, Note, Status

STAGE_WHILE: dict[str, str] = {
    Stage.FRAME: "while framing the issue",
    Stage.ENGAGE: "while engaging people",
    Stage.CHANGE: "while making changes",
    Stage.ATTRACT: "while attracting more people",
}


def names(keys: list[str]) -> str:
    """'A', 'A and B', 'A, B and C' in the wheel's order."""
    labels = [BY_KEY[k].name for k in KEYS if k in keys]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def stage_nudges(stage: str, untouched: list[str], needing: list[str], tensions: list[str]) -> list[str]:
    """The sentences for one programme; `tensions` are the open ones as 'A and B'."""
    found = []
    quiet = [k for k in STAGE_FOCUS.get(stage, ()) if k in untouched]
    if quiet:
        one = len(quiet) == 1
        found.append(
            f"Would it help to look at {names(quiet)} next? Nobody has written about "
            f"{'it' if one else 'them'} yet, and {'it usually matters' if one else 'they usually matter'} "
            f"most {STAGE_WHILE.get(stage, 'at this stage')}."
        )
    if needing:
        found.append(
            f"Would it help to talk through {names(needing)} together? "
            f"The team marked {'it' if len(needing) == 1 else 'them'} as needing attention."
        )
    if len(tensions) == 1:
        found.append(f"Would it help to agree what to do about the open tension between {tensions[0]}?")
    elif tensions:
        found.append(f"Would it help to agree what to do about the {len(tensions)} open tensions?")
    return found


def workspace_attention(ids: list[int]) -> dict[int, list[str]]:
    """For the programme list: invitations to look at what matters at this stage (4 queries)."""
    stages = dict(Programme.objects.filter(pk__in=ids).values_list("pk", "stage"))
    touched: dict[int, set[str]] = {pid: set() for pid in ids}
    for pid, comp in Note.objects.filter(programme_id__in=ids).values_list("programme_id", "component"):
        touched[pid].add(comp)
    needing: dict[int, list[str]] = {pid: [] for pid in ids}
    for pid, comp, status in ComponentState.objects.filter(programme_id__in=ids).values_list(
        "programme_id", "component", "status"
    ):
        if status != Status.NOT_STARTED:
            touched[pid].add(comp)
        if status == Status.NEEDS_ATTENTION:
            needing[pid].append(comp)
    tensions: dict[int, list[str]] = {pid: [] for pid in ids}
    for entry in AlignmentEntry.objects.filter(programme_id__in=ids, relationship="tension", status="open"):
        tensions[entry.programme_id].append(str(entry))
    return {
        pid: stage_nudges(
            stages.get(pid, Stage.FRAME),
            [k for k in KEYS if k not in touched[pid]],
            needing[pid],
            tensions[pid],
        )
        for pid in ids
    }
