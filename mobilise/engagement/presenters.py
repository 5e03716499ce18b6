"""What the register pages show: the power and influence map and the critical-mass tracker."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from mobilise.accounts.models import OrganisationType
from mobilise.programmes.models import Membership, Programme
from mobilise.programmes.roles import Role

from .models import ACTIVE_LEVELS, FormalAuthority, InformalInfluence, Stakeholder, StakeholderKind
from .models.register import AUTHORITY_PLAIN, INFLUENCE_PLAIN

NOT_RECORDED = "Not recorded"
# Who counts as an active change leader besides the register: people doing the work here.
LEADING_ROLES = (Role.CONVENOR, Role.MEMBER)

# What each corner of the map suggests, in the programme's own terms (a prompt, never a rule).
MAP_PROMPTS = {
    ("high", "high"): "Formal authority and the ear of colleagues: involve them in shaping the change.",
    ("none", "high"): "Informal influencers: people others listen to. Invite them to lead with you.",
    ("high", "low"): "They can give permission. Keep them well informed and ask for it.",
}


@dataclass(frozen=True)
class MapCell:
    authority: str
    influence: str
    stakeholders: list[Stakeholder]
    prompt: str


@dataclass(frozen=True)
class MapRow:
    authority: str
    label: str
    cells: list[MapCell]


# Row headings read as phrases: "No formal authority", never "None formal authority".
AUTHORITY_ROW_LABELS = {
    FormalAuthority.NONE.value: "No formal authority",
    FormalAuthority.SOME.value: "Some formal authority",
    FormalAuthority.HIGH.value: "High formal authority",
}


def power_map(stakeholders: list[Stakeholder]) -> list[MapRow]:
    """A 3 × 3 grid: formal authority (high first) down, informal influence (low to high) across."""
    by_cell: dict[tuple[str, str], list[Stakeholder]] = {}
    for s in stakeholders:
        by_cell.setdefault((s.formal_authority, s.informal_influence), []).append(s)
    return [
        MapRow(
            authority.value,
            AUTHORITY_ROW_LABELS[authority.value],
            [
                MapCell(
                    authority.value,
                    influence.value,
                    by_cell.get((authority.value, influence.value), []),
                    MAP_PROMPTS.get((authority.value, influence.value), ""),
                )
                for influence in InformalInfluence
            ],
        )
        for authority in reversed(FormalAuthority)
    ]


@dataclass(frozen=True)
class TypeCount:
    label: str
    count: int


@dataclass(frozen=True)
class CriticalMass:
    goal: int
    from_register: int
    from_members: int
    by_type: list[TypeCount]

    @property
    def total(self) -> int:
        return self.from_register + self.from_members

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.total / self.goal)) if self.goal else 0

    @property
    def still_needed(self) -> int:
        return max(0, self.goal - self.total)


def _type_label(value: str | None) -> str:
    return OrganisationType(value).label if value in OrganisationType.values else NOT_RECORDED


def critical_mass(programme: Programme, goal: int) -> CriticalMass:
    """Active change leaders: people in the register engaged WITH or BY, plus convenors and members.

    Someone who is both in the register and a member (linked by `member`) counts once, as a member.
    """
    memberships = list(
        Membership.objects.filter(programme=programme, role__in=LEADING_ROLES).values_list(
            "user_id", "organisation__type"
        )
    )
    member_ids = {user_id for user_id, _ in memberships}
    people = Stakeholder.objects.filter(
        programme=programme, kind=StakeholderKind.PERSON, engagement_current__in=ACTIVE_LEVELS
    ).values_list("member_id", "organisation_type")
    from_register = [org_type for member_id, org_type in people if member_id not in member_ids]
    types = Counter(_type_label(t) for t in from_register)
    types.update(_type_label(t) for _, t in memberships)
    order = {label: i for i, label in enumerate([*OrganisationType.labels, NOT_RECORDED])}
    by_type = sorted((TypeCount(label, n) for label, n in types.items()), key=lambda t: order[t.label])
    return CriticalMass(goal, len(from_register), len(memberships), by_type)


def engagement_gap(stakeholder: Any) -> int:
    """How many steps up the ladder from where they are now to where the team wants them."""
    ladder = ["to", "for", "with", "by"]
    return ladder.index(stakeholder.engagement_desired) - ladder.index(stakeholder.engagement_current)


@dataclass(frozen=True)
class Change:
    when: Any
    who: str
    summary: list[str]


TRACKED = (
    "name",
    "kind",
    "role",
    "organisation_name",
    "organisation_type",
    "formal_authority",
    "informal_influence",
    "engagement_current",
    "engagement_desired",
    "stance",
    "interest",
    "owner",
    "member",
    "last_contact",
    "notes",
)
TEXT_ONLY = ("interest", "notes", "owner", "member")


PLAIN_FIELDS = {
    "formal_authority": ("Say through their position", AUTHORITY_PLAIN),
    "informal_influence": ("Influence with colleagues", INFLUENCE_PLAIN),
}


def _field_label(name: str) -> str:
    if name in PLAIN_FIELDS:
        return PLAIN_FIELDS[name][0]
    label = str(getattr(Stakeholder._meta.get_field(name), "verbose_name", name))
    return label[:1].upper() + label[1:]


def _show(record: Any, name: str) -> str:
    if name in PLAIN_FIELDS:
        return PLAIN_FIELDS[name][1].get(getattr(record, name), "blank")
    display = getattr(record, f"get_{name}_display", None)
    value = display() if display else getattr(record, name)
    return str(value) if value not in (None, "") else "blank"


def stakeholder_changes(records: list[Any], *, show_stance: bool = True) -> list[Change]:
    """Each revision, newest first, with what changed compared with the one before.

    Without `show_stance`, changes of stance are left out (and a revision that changed nothing
    else reads as saved with no changes)."""
    tracked = TRACKED if show_stance else tuple(f for f in TRACKED if f != "stance")
    rows = []
    for i, record in enumerate(records):
        older = records[i + 1] if i + 1 < len(records) else None
        who = record.history_user.display_name if record.history_user else "Someone no longer on Mobilise"
        if older is None:
            summary = ["Added to the register"]
        else:
            delta = record.diff_against(older, included_fields=list(tracked))
            summary = [
                f"{_field_label(c.field)} changed"
                if c.field in TEXT_ONLY
                else f"{_field_label(c.field)}: {_show(older, c.field)} → {_show(record, c.field)}"
                for c in delta.changes
            ]
            if bool(record.deleted_at) != bool(older.deleted_at):
                summary.append("Moved to the bin" if record.deleted_at else "Restored from the bin")
            summary = summary or ["Saved with no changes"]
        rows.append(Change(record.history_date, who, summary))
    return rows
