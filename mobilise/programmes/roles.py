"""Who may do what in a programme, declared in one place.

Roles are held per programme. Predicates take (user, programme) and are combined with
`rules`; views ask for a permission name, never for a role directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import rules
from django.db import models

if TYPE_CHECKING:
    from .models import Programme


class Role(models.TextChoices):
    CONVENOR = "convenor", "Convenor"
    FACILITATOR = "facilitator", "Facilitator"
    MEMBER = "member", "Member"
    VIEWER = "viewer", "Viewer"


ROLE_DESCRIPTIONS = {
    Role.CONVENOR: "Leads the programme: invites people, changes roles and restores deleted work.",
    Role.FACILITATOR: "Supports the team, often across several programmes; can edit everything.",
    Role.MEMBER: "Takes part: writes notes, records decisions and edits the shared purpose.",
    Role.VIEWER: "Can read everything in the programme but not change it.",
}


def role_of(user: Any, programme: Programme | None) -> str | None:
    """The user's role in the programme, read once per request and cached on the object."""
    if programme is None or not getattr(user, "is_authenticated", False):
        return None
    cache: dict[int, str | None] = programme.__dict__.setdefault("_role_cache", {})
    if user.pk not in cache:
        membership = programme.memberships.filter(user=user).only("role").first()
        cache[user.pk] = membership.role if membership else None
    return cache[user.pk]


def _has_role(*roles: str) -> Any:
    @rules.predicate(name=f"has_role({','.join(roles)})")
    def predicate(user: Any, programme: Programme | None) -> bool:
        return role_of(user, programme) in roles

    return predicate


is_convenor = _has_role(Role.CONVENOR)
is_facilitator = _has_role(Role.FACILITATOR)
is_contributor = _has_role(Role.CONVENOR, Role.FACILITATOR, Role.MEMBER)
is_member = _has_role(Role.CONVENOR, Role.FACILITATOR, Role.MEMBER, Role.VIEWER)

VIEW = "programmes.view"
EDIT = "programmes.edit"
MANAGE_PEOPLE = "programmes.manage_people"
RESTORE = "programmes.restore"
SET_STAGE = "programmes.set_stage"

rules.add_perm(VIEW, is_member)
rules.add_perm(EDIT, is_contributor)
rules.add_perm(MANAGE_PEOPLE, is_convenor)
rules.add_perm(RESTORE, is_convenor)
rules.add_perm(SET_STAGE, is_convenor | is_facilitator)
