"""A facilitator's learning wall across every programme they support, and only those."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from mobilise.programmes.roles import Role
from tests.factories import MembershipFactory, ProgrammeFactory, UserFactory

from .factories import TestOfChangeFactory

pytestmark = pytest.mark.django_db


def test_a_facilitator_sees_tests_from_all_their_programmes_and_no_others(cast: Any) -> None:
    second = ProgrammeFactory(name="Maternity across six boroughs")
    MembershipFactory(programme=second, user=cast.facilitator, role=Role.FACILITATOR)
    TestOfChangeFactory(programme=cast.programme, title="Frailty huddle")
    TestOfChangeFactory(programme=second, title="Antenatal text reminders")
    TestOfChangeFactory(programme=cast.other_programme, title="Someone else's secret test")

    page = cast.client_for("facilitator").get(reverse("pdsa:my_wall")).content.decode()
    assert "Frailty huddle" in page and "Antenatal text reminders" in page
    assert "Maternity across six boroughs" in page
    assert "Someone else's secret test" not in page
    assert "2 programmes you belong to" in page


def test_the_cross_programme_wall_filters_by_programme(cast: Any) -> None:
    second = ProgrammeFactory(name="Maternity")
    MembershipFactory(programme=second, user=cast.facilitator, role=Role.FACILITATOR)
    TestOfChangeFactory(programme=cast.programme, title="Frailty huddle")
    TestOfChangeFactory(programme=second, title="Antenatal text reminders")
    client = cast.client_for("facilitator")

    page = client.get(reverse("pdsa:my_wall"), {"programme": second.pk}).content.decode()
    assert "Antenatal text reminders" in page and "Frailty huddle" not in page

    tampered = client.get(reverse("pdsa:my_wall"), {"programme": cast.other_programme.pk}).content.decode()
    assert "Choose a programme from the list" in tampered


def test_someone_in_no_programme_sees_an_empty_wall(cast: Any) -> None:
    client = cast.client_for("member")
    client.force_login(UserFactory())
    page = client.get(reverse("pdsa:my_wall")).content.decode()
    assert "No tests of change yet in your programmes." in page
