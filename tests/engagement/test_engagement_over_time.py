"""Engagement over time (read from history) and the critical-mass tracker."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.urls import reverse

from mobilise.engagement.models import CriticalMassGoal, Stakeholder
from mobilise.engagement.movement import counts_by_month, engagement_by_month
from mobilise.engagement.services.register import StakeholderData, stakeholder_bin, stakeholder_update
from mobilise.programmes.models import Membership
from tests.factories import OrganisationFactory

from .factories import StakeholderFactory

LONDON = ZoneInfo("Europe/London")


def _at(stakeholder: Stakeholder, when: datetime) -> None:
    """Back-date the latest history record, as if the change had happened then."""
    latest = stakeholder.history.order_by("-history_id").first()
    type(latest).objects.filter(pk=latest.pk).update(history_date=when)


def _set_level(stakeholder: Stakeholder, level: str, user: Any) -> Stakeholder:
    data = StakeholderData(name=stakeholder.name, kind=stakeholder.kind, engagement_current=level)
    return stakeholder_update(stakeholder=stakeholder, data=data, user=user, expected_version=None)


def test_counts_come_from_each_stakeholders_state_at_month_end(cast: Any) -> None:
    ada = StakeholderFactory(programme=cast.programme, name="Ada", engagement_current="to")
    _at(ada, datetime(2026, 1, 10, tzinfo=LONDON))
    ben = StakeholderFactory(programme=cast.programme, name="Ben", engagement_current="for")
    _at(ben, datetime(2026, 1, 20, tzinfo=LONDON))
    ada = _set_level(ada, "with", cast.member)
    _at(ada, datetime(2026, 2, 5, tzinfo=LONDON))
    ada = _set_level(ada, "by", cast.member)
    _at(ada, datetime(2026, 3, 31, 23, 30, tzinfo=LONDON))  # just before the end of March
    stakeholder_bin(stakeholder=Stakeholder.objects.get(name="Ben"), user=cast.member)
    _at(Stakeholder.all_objects.get(name="Ben"), datetime(2026, 3, 2, tzinfo=LONDON))

    months = engagement_by_month(cast.programme, today=date(2026, 4, 15))

    assert [m.label for m in months] == ["Jan 2026", "Feb 2026", "Mar 2026", "Apr 2026"]
    assert [m.counts for m in months] == [
        {"to": 1, "for": 1, "with": 0, "by": 0},
        {"to": 0, "for": 1, "with": 1, "by": 0},
        {"to": 0, "for": 0, "with": 0, "by": 1},  # Ben went to the bin in March
        {"to": 0, "for": 0, "with": 0, "by": 1},
    ]


def test_an_empty_history_gives_no_months() -> None:
    assert counts_by_month([], today=date(2026, 1, 1)) == []


def test_the_page_shows_a_chart_and_a_table_of_the_same_numbers(cast: Any, as_viewer: Any) -> None:
    StakeholderFactory(programme=cast.programme, engagement_current="with")
    page = as_viewer.get(
        reverse("engagement:movement", kwargs={"slug": cast.programme.slug})
    ).content.decode()
    assert '<svg viewBox="0 0 640 300" role="img"' in page
    assert '<title id="chart-wide-title">' in page
    # and a second picture drawn for phones, which the stylesheet shows on narrow screens
    assert '<svg viewBox="0 0 320 220" role="img"' in page
    assert '<title id="chart-narrow-title">' in page
    assert (
        '<caption class="nhsuk-table__caption">Stakeholders at each level of engagement, by month end' in page
    )


def test_critical_mass_counts_people_engaged_with_or_by_and_contributors_once_each(
    cast: Any, as_viewer: Any
) -> None:
    trust = OrganisationFactory(type="nhs_trust")
    Membership.objects.filter(programme=cast.programme, user=cast.member).update(organisation=trust)
    StakeholderFactory(programme=cast.programme, engagement_current="with", organisation_type="voluntary")
    StakeholderFactory(programme=cast.programme, engagement_current="by", organisation_type="voluntary")
    StakeholderFactory(programme=cast.programme, engagement_current="for", organisation_type="voluntary")
    StakeholderFactory(programme=cast.programme, kind="group", engagement_current="by")
    StakeholderFactory(
        programme=cast.programme, engagement_current="with", member=cast.member
    )  # counted once

    page = as_viewer.get(
        reverse("engagement:critical_mass", kwargs={"slug": cast.programme.slug})
    ).content.decode()

    # 2 voluntary-sector people + the convenor and member (facilitators and viewers are not counted)
    assert "4 of 100 active change leaders" in page
    assert "96 more to reach the goal" in page
    assert '<th scope="row">Voluntary and community</th><td class="nhsuk-table__cell--numeric">2</td>' in page
    assert '<th scope="row">NHS trust</th><td class="nhsuk-table__cell--numeric">1</td>' in page
    assert '<th scope="row">Not recorded</th><td class="nhsuk-table__cell--numeric">1</td>' in page
    assert "Change the goal" not in page


def test_a_convenor_changes_the_goal(cast: Any, as_convenor: Any) -> None:
    url = reverse("engagement:critical_mass_goal", kwargs={"slug": cast.programme.slug})
    response = as_convenor.post(url, {"goal": "250", "version": "0"}, follow=True)
    assert "of 250 active change leaders" in response.content.decode()
    assert CriticalMassGoal.objects.get().goal == 250


def test_a_goal_of_zero_is_refused_with_a_message(cast: Any, as_convenor: Any) -> None:
    url = reverse("engagement:critical_mass_goal", kwargs={"slug": cast.programme.slug})
    response = as_convenor.post(url, {"goal": "0", "version": "0"})
    assert "The goal must be 1 or more" in response.content.decode()
    assert not CriticalMassGoal.objects.exists()


def test_two_convenors_changing_the_goal_at_once_do_not_overwrite_each_other(
    cast: Any, as_convenor: Any
) -> None:
    url = reverse("engagement:critical_mass_goal", kwargs={"slug": cast.programme.slug})
    as_convenor.post(url, {"goal": "120", "version": "0"})
    response = as_convenor.post(url, {"goal": "80", "version": "0"})
    assert response.status_code == 409
    assert "Someone else changed the goal to 120" in response.content.decode()
    assert CriticalMassGoal.objects.get().goal == 120
