"""The learning wall runs the same, small number of queries whether there are 20 tests or 200."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mobilise.pdsa.choices import Outcome
from mobilise.programmes.roles import Role
from tests.factories import MembershipFactory, OrganisationFactory, ProgrammeFactory

from .factories import ChangeIdeaFactory, TestOfChangeFactory

pytestmark = pytest.mark.django_db
MAX_QUERIES = 16


def add_tests(programme: Any, count: int, people: list[Any]) -> None:
    rng = random.Random(count)
    ideas = [ChangeIdeaFactory(programme=programme) for _ in range(5)]
    sites = [OrganisationFactory() for _ in range(4)]
    programme.partners.add(*sites)
    for n in range(count):
        test = TestOfChangeFactory(
            programme=programme,
            change_idea=rng.choice(ideas),
            site=rng.choice(sites),
            team=rng.choice(["Ward 3", "Reception"]),
            outcome=rng.choice(list(Outcome)),
            planned_start=date(2026, 1, 1) + timedelta(days=n % 90),
            observations="Patients asked for a phone call.",
        )
        test.people.set(people)


def count_queries(client: Any, url: str, params: dict[str, Any]) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


SEARCH = {"q": "phone", "outcome": "abandon", "team": "Ward 3", "date_from": "2026-01-10", "page": "2"}


@pytest.mark.parametrize("params", [{}, SEARCH], ids=["first page", "search"])
def test_the_programme_wall_does_not_grow_with_the_data(cast: Any, params: dict[str, Any]) -> None:
    url = reverse("pdsa:wall", kwargs={"slug": cast.programme.slug})
    client = cast.client_for("member")
    add_tests(cast.programme, 20, [cast.member])
    small = count_queries(client, url, params)
    add_tests(cast.programme, 180, [cast.member, cast.viewer])
    large = count_queries(client, url, params)
    assert small == large <= MAX_QUERIES


def test_the_cross_programme_wall_does_not_grow_with_the_data(cast: Any) -> None:
    client = cast.client_for("facilitator")
    url = reverse("pdsa:my_wall")
    add_tests(cast.programme, 20, [cast.member])
    small = count_queries(client, url, {"q": "phone"})
    for _ in range(3):
        programme = ProgrammeFactory()
        MembershipFactory(programme=programme, user=cast.facilitator, role=Role.FACILITATOR)
        add_tests(programme, 60, [cast.facilitator])
    large = count_queries(client, url, {"q": "phone"})
    assert small == large <= MAX_QUERIES
