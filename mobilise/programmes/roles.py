"""Who may do what in a programme, declared in one place.

Roles are held per programme. Predicates take (user, programme) and are combined with
`rules`; views ask for a permission name, never for a role directly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db import models
from rules.permissions import add_perm
from rules.predicates import Predicate

if TYPE_CHECKING:
    from .models import Programme


class Role(models.TextChoices):
    CONVENOR = "convenor", "Convenor"
    FACILITATOR = "facilitator", "Facilitator"
    MEMBER = "member", "Member"
    VIEWER = "viewer", "Viewer"


ROLE_DESCRIPTIONS = {
    Role.CONVENOR: "Leads the programme: invites people, changes roles and restores deleted work.",
    Role.FACILITATOR: "Supports the team, often across programmes; edits everything and invites people.",
    Role.MEMBER: "Takes part: writes notes, records decisions and edits the shared purpose.",
    Role.VIEWER: "Can read everything in the programme but not change it.",
}


# Checks, registered by higher apps, for programmes open to every signed-in person read-only
# (worked examples: the library marks them). A non-member of such a programme is a viewer.
OPEN_TO_READ: list[Callable[[Programme], bool]] = []


def register_open_to_read(check: Callable[[Programme], bool]) -> None:
    if check not in OPEN_TO_READ:
        OPEN_TO_READ.append(check)


def role_of(user: Any, programme: Programme | None) -> str | None:
    """The user's role in the programme, read once per request and cached on the object."""
    if programme is None or not getattr(user, "is_authenticated", False):
        return None
    cache: dict[int, str | None] = programme.__dict__.setdefault("_role_cache", {})
    if user.pk not in cache:
        membership = programme.memberships.filter(user=user).only("role").first()
        if membership is not None:
            cache[user.pk] = membership.role
        else:
            cache[user.pk] = Role.VIEWER if any(check(programme) for check in OPEN_TO_READ) else None
    return cache[user.pk]


def _has_role(*roles: str) -> Predicate:
    def has_role(user: Any, programme: Programme | None) -> bool:
        return role_of(user, programme) in roles

    return Predicate(has_role, name=f"has_role({','.join(roles)})")


is_convenor = _has_role(Role.CONVENOR)
is_facilitator = _has_role(Role.FACILITATOR)
is_contributor = _has_role(Role.CONVENOR, Role.FACILITATOR, Role.MEMBER)
is_member = _has_role(Role.CONVENOR, Role.FACILITATOR, Role.MEMBER, Role.VIEWER)


@Predicate
def members_may_invite(user: Any, programme: Programme | None) -> bool:
    return bool(
        programme is not None and programme.members_may_invite and role_of(user, programme) == Role.MEMBER
    )


VIEW = "programmes.view"
EDIT = "programmes.edit"
MANAGE_PEOPLE = "programmes.manage_people"
# Inviting people: convenors and facilitators always; members when a convenor allows it.
INVITE = "programmes.invite"
RESTORE = "programmes.restore"
SET_STAGE = "programmes.set_stage"

# Relationships: named network data (who named whom, who is a broker) is for convenors and
# facilitators only; every member sees the anonymised structure. Only convenors run surveys.
VIEW_NAMED = "engagement.view_named"
RUN_SURVEYS = "engagement.run_surveys"
SET_GOAL = "engagement.set_goal"
# A stakeholder's stance (sceptic, opponent...) is a judgement that can wound or be used as a
# weapon: convenors and facilitators see and set it; others see what the person cares about.
SEE_STANCE = "engagement.see_stance"
# Workshop themes are the facilitator's toolkit for the programme: convenors and facilitators
# add, change, reorder and retire them; every contributor plans sessions from them.
EDIT_THEMES = "workshops.edit_themes"
# Energy pulses: convenors and facilitators set them up, send waves and see the comments queue.
RUN_PULSES = "pulse.run"
# Stories sent in through the share page: convenors and facilitators read, publish and close them.
MODERATE_STORIES = "stories.moderate"
# A board paper speaks for the programme to its board: only the convenor publishes one.
PUBLISH_BOARD_PAPER = "boardpaper.publish"

add_perm(VIEW, is_member)
add_perm(EDIT, is_contributor)
add_perm(MANAGE_PEOPLE, is_convenor)
add_perm(INVITE, is_convenor | is_facilitator | members_may_invite)
add_perm(RESTORE, is_convenor)
add_perm(SET_STAGE, is_convenor | is_facilitator)
add_perm(VIEW_NAMED, is_convenor | is_facilitator)
add_perm(RUN_SURVEYS, is_convenor)
add_perm(SET_GOAL, is_convenor)
add_perm(SEE_STANCE, is_convenor | is_facilitator)
add_perm(EDIT_THEMES, is_convenor | is_facilitator)
add_perm(RUN_PULSES, is_convenor | is_facilitator)
add_perm(MODERATE_STORIES, is_convenor | is_facilitator)
add_perm(PUBLISH_BOARD_PAPER, is_convenor)
