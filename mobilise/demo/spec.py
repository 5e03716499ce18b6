"""The shape of the demo content: plain, frozen records the seeder turns into rows.

Content modules describe each programme with these records; people are referred to by a short
key (the part of their email address before the @) and dates by how many days ago they happened.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DEMO_DOMAIN = "demo.mobilise.localhost"
DEMO_PASSWORD = "change-together-2026"


def demo_email(key: str) -> str:
    return f"{key}@{DEMO_DOMAIN}"


@dataclass(frozen=True)
class Person:
    key: str
    full_name: str
    job_title: str

    @property
    def email(self) -> str:
        return demo_email(self.key)


@dataclass(frozen=True)
class Org:
    key: str
    name: str
    type: str
    ods_code: str = ""


@dataclass(frozen=True)
class Member:
    person: str
    role: str
    org: str | None
    days_ago: int


@dataclass(frozen=True)
class PurposeRevision:
    days_ago: int
    author: str
    reason: str
    statement: str
    why_it_matters: str = ""
    who_for: str = ""
    values: str = ""
    what_good_looks_like: str = ""


@dataclass(frozen=True)
class StageStep:
    stage: str
    cycle_round: int
    note: str
    days_ago: int
    author: str


@dataclass(frozen=True)
class StatusChange:
    status: str
    days_ago: int
    author: str


@dataclass(frozen=True)
class NoteSpec:
    component: str
    kind: str
    days_ago: int
    author: str
    title: str
    body: str


@dataclass(frozen=True)
class AlignmentSpec:
    first: str
    second: str
    relationship: str
    status: str
    days_ago: int
    author: str
    description: str
    action: str = ""


@dataclass(frozen=True)
class AudienceSpec:
    name: str
    days_ago: int
    author: str
    terms: dict[str, str]
    chosen_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class InvitationSpec:
    email_key: str
    role: str
    org: str | None
    days_ago: int
    invited_by: str
    message: str = ""


@dataclass(frozen=True)
class ProgrammeSpec:
    slug: str
    name: str
    challenge: str
    convenor_org: str
    started_days_ago: int
    orgs: tuple[Org, ...]
    members: tuple[Member, ...]
    purpose: tuple[PurposeRevision, ...]
    stages: tuple[StageStep, ...]
    statuses: dict[str, tuple[StatusChange, ...]]
    notes: tuple[NoteSpec, ...]
    alignments: tuple[AlignmentSpec, ...]
    audiences: tuple[AudienceSpec, ...] = ()
    invitations: tuple[InvitationSpec, ...] = field(default=())
