"""The people page counts members by organisation, so a convenor sees which partners nobody has
joined from yet."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mobilise.programmes.reads import members_by_organisation
from tests.conftest import Cast
from tests.factories import MembershipFactory, OrganisationFactory


def test_the_people_page_names_the_partners_nobody_has_joined_from(cast: Cast, as_member: Client) -> None:
    hospital = OrganisationFactory(name="Northfield Hospital")
    carers = OrganisationFactory(name="Carers Together", type="voluntary")
    council = OrganisationFactory(name="South Tyneside Council", type="local_authority")
    cast.programme.partners.add(hospital, carers, council)
    for _ in range(3):
        MembershipFactory(programme=cast.programme, organisation=hospital)
    MembershipFactory(programme=cast.programme, organisation=carers)
    MembershipFactory(programme=cast.programme, organisation=OrganisationFactory(name="Jarrow Pharmacy"))

    page = as_member.get(reverse("programmes:members", kwargs={"slug": cast.programme.slug})).content.decode()

    assert "Members by organisation" in page
    assert "Nobody has joined yet from 1 partner organisation: South Tyneside Council." in page
    rows = members_by_organisation(cast.programme, list(cast.programme.partners.all()))
    assert [(r.name, r.members) for r in rows] == [
        ("Carers Together", 1),
        ("Northfield Hospital", 3),
        ("South Tyneside Council", 0),
        ("Jarrow Pharmacy", 1),
        ("No organisation given", 4),  # the cast joined without one
    ]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    plan=st.lists(st.tuples(st.booleans(), st.integers(min_value=0, max_value=4)), min_size=0, max_size=6),
    unnamed=st.integers(min_value=0, max_value=3),
)
def test_every_member_is_counted_once_and_every_partner_is_listed(
    cast: Cast, plan: list[tuple[bool, int]], unnamed: int
) -> None:
    programme = cast.programme
    programme.partners.clear()
    the_cast = [cast.convenor, cast.facilitator, cast.member, cast.viewer]
    programme.memberships.exclude(user__in=the_cast).delete()
    expected: dict[str, int] = {}
    partner_names = set()
    for index, (is_partner, members) in enumerate(plan):
        org = OrganisationFactory(name=f"Org {index:02}")
        if is_partner:
            programme.partners.add(org)
            partner_names.add(org.name)
        for _ in range(members):
            MembershipFactory(programme=programme, organisation=org)
        if members or is_partner:
            expected[org.name] = members
    for _ in range(unnamed):
        MembershipFactory(programme=programme, organisation=None)
    expected["No organisation given"] = unnamed + 4

    rows: Any = members_by_organisation(programme, list(programme.partners.all()))

    assert {r.name: r.members for r in rows} == expected
    assert sum(r.members for r in rows) == programme.memberships.count()
    assert [r.name for r in rows if r.partner] == sorted(partner_names)
    assert all(r.partner for r in rows[: len(partner_names)])
