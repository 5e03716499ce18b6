"""Who can be named in a survey: the programme's members and the people in its register."""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.db.models import Max

from mobilise.programmes.models import Membership

from ..models import FormalAuthority, Respondent, RosterEntry, Stakeholder, StakeholderKind, Survey


@dataclass(frozen=True)
class Candidate:
    key: str
    name: str
    organisation_name: str
    organisation_type: str
    formal_authority: bool | None
    user_id: int | None
    stakeholder_id: int | None


def candidates(survey: Survey) -> list[Candidate]:
    """Members, then people in the register who are not also members, each once."""
    found: list[Candidate] = []
    member_ids: set[int] = set()
    linked = {
        s.member_id: s
        for s in Stakeholder.objects.filter(programme_id=survey.programme_id, member__isnull=False)
    }
    memberships = (
        Membership.objects.filter(programme_id=survey.programme_id)
        .select_related("user", "organisation")
        .order_by("pk")
    )
    for m in memberships:
        member_ids.add(m.user_id)
        stakeholder = linked.get(m.user_id)
        found.append(
            Candidate(
                key=f"m{m.user_id}",
                name=m.user.display_name,
                organisation_name=m.organisation.name if m.organisation else "",
                organisation_type=m.organisation.type if m.organisation else "",
                formal_authority=(stakeholder.formal_authority != FormalAuthority.NONE)
                if stakeholder
                else None,
                user_id=m.user_id,
                stakeholder_id=stakeholder.pk if stakeholder else None,
            )
        )
    people = Stakeholder.objects.filter(
        programme_id=survey.programme_id, kind=StakeholderKind.PERSON
    ).order_by("pk")
    for s in people:
        if s.member_id in member_ids:
            continue
        found.append(
            Candidate(
                key=f"s{s.pk}",
                name=s.name,
                organisation_name=s.organisation_name,
                organisation_type=s.organisation_type,
                formal_authority=s.formal_authority != FormalAuthority.NONE,
                user_id=None,
                stakeholder_id=s.pk,
            )
        )
    return found


def lock_survey(survey: Survey) -> None:
    """Hold the survey's row until commit, so that roster entries, their numbers and analyses are
    added one writer at a time (two people sending a typed name at once would otherwise collide)."""
    list(Survey.all_objects.select_for_update().filter(pk=survey.pk).values_list("pk", flat=True))


def next_numbers(survey: Survey, count: int) -> list[int]:
    """Fresh pseudonym numbers, shuffled so that "Person 1" says nothing about order or name.

    Call with the roster locked (`lock_survey`)."""
    start = (survey.roster.aggregate(top=Max("number"))["top"] or 0) + 1
    numbers = list(range(start, start + count))
    random.SystemRandom().shuffle(numbers)
    return numbers


def roster_sync(survey: Survey) -> int:
    """Add anyone who has joined the programme or the register since; nobody is ever removed."""
    lock_survey(survey)
    known = set(survey.roster.values_list("key", flat=True))
    new = [c for c in candidates(survey) if c.key not in known]
    entries = RosterEntry.objects.bulk_create(
        [
            RosterEntry(
                survey=survey,
                key=c.key,
                number=number,
                name=c.name[:200],
                organisation_name=c.organisation_name,
                organisation_type=c.organisation_type,
                formal_authority=c.formal_authority,
                user_id=c.user_id,
                stakeholder_id=c.stakeholder_id,
            )
            for c, number in zip(new, next_numbers(survey, len(new)), strict=True)
        ]
    )
    saved = RosterEntry.objects.filter(survey=survey, key__in=[e.key for e in entries])
    Respondent.objects.bulk_create([Respondent(survey=survey, entry=e, user_id=e.user_id) for e in saved])
    return len(entries)
