"""The invitations nudge invites; it never counts ("3 of 10 invited" reads like a checklist)."""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse

from mobilise.programmes.attention import programme_summaries
from mobilise.programmes.models import Invitation
from tests.conftest import Cast
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


def _nudges(cast: Cast) -> list[str]:
    summary = next(s for s in programme_summaries(cast.convenor) if s.programme == cast.programme)
    return [n for n in summary.attention if "invite" in n.lower() or "reminder" in n.lower()]


def test_partners_nobody_has_joined_from_are_named_as_an_invitation(cast: Cast) -> None:
    council = OrganisationFactory(name="Riverside Council")
    hospice = OrganisationFactory(name="Hilltop Hospice")
    trust = OrganisationFactory(name="Valley Trust")
    cast.programme.partners.add(council, hospice, trust)
    MembershipFactory(programme=cast.programme, user=UserFactory(), organisation=trust)

    nudges = _nudges(cast)
    assert nudges == [
        "Would it help to invite people from Hilltop Hospice and Riverside Council? "
        "They are partners, but nobody from them has joined yet."
    ]


def test_a_partner_with_an_open_invitation_gets_a_reminder_nudge_instead(cast: Cast) -> None:
    council = OrganisationFactory(name="Riverside Council")
    cast.programme.partners.add(council)
    Invitation.objects.create(
        programme=cast.programme,
        email="lead@riverside.example",
        organisation=council,
        invited_by=cast.convenor,
    )
    assert _nudges(cast) == [
        "Would it help to send a reminder? Some of the people invited have not joined yet."
    ]


def test_many_partners_are_named_without_a_count(cast: Cast) -> None:
    cast.programme.partners.add(*(OrganisationFactory(name=f"Partner {c}") for c in "ABCDEFG"))
    for _ in range(5):
        Invitation.objects.create(programme=cast.programme, email=f"{_}@x.example", invited_by=cast.convenor)
    nudges = _nudges(cast)
    assert nudges[0].startswith(
        "Would it help to invite people from Partner A, Partner B, Partner C and the other"
    )
    for nudge in nudges:
        assert not re.search(r"\d", nudge.replace("Partner ", "")), nudge


def test_a_programme_where_everyone_has_joined_is_not_nudged(cast: Cast) -> None:
    trust = OrganisationFactory(name="Valley Trust")
    cast.programme.partners.add(trust)
    MembershipFactory(programme=cast.programme, user=UserFactory(), organisation=trust)
    assert _nudges(cast) == []


def test_the_programmes_page_shows_the_nudge_in_a_fixed_number_of_queries(
    cast: Cast, as_convenor: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(6):
        programme = MembershipFactory(user=cast.convenor, role="convenor").programme
        programme.partners.add(OrganisationFactory(name=f"Borough {n}"))
        Invitation.objects.create(programme=programme, email=f"p{n}@x.example", invited_by=cast.convenor)
    with django_assert_max_num_queries(25):
        page = as_convenor.get(reverse("programmes:list")).content.decode()
    assert "Would it help to invite people from Borough 5?" in page
    assert "not yet accepted" not in page
