"""The learning wall: every test, newest first; filters and search; stopped tests shown as learning."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from mobilise.pdsa.choices import Outcome, PredictionResult
from mobilise.pdsa.wall import wall_counts
from tests.factories import OrganisationFactory

from .factories import ChangeIdeaFactory, TestOfChangeFactory

pytestmark = pytest.mark.django_db


def wall(cast: Any, who: str = "viewer", **params: Any) -> str:
    url = reverse("pdsa:wall", kwargs={"slug": cast.programme.slug})
    response = cast.client_for(who).get(url, params)
    assert response.status_code == 200
    return str(response.content.decode())


def test_abandoned_tests_are_shown_as_learning_not_failure(cast: Any) -> None:
    TestOfChangeFactory(
        programme=cast.programme,
        title="Group clinic for carers",
        outcome=Outcome.ABANDON,
        study="Carers could not leave the person they care for at 2pm.",
    )
    TestOfChangeFactory(
        programme=cast.programme,
        title="Pharmacy phone call",
        prediction_result=PredictionResult.NOT_AS_PREDICTED,
        study="Calls took twice as long.",
    )
    page = wall(cast)
    assert "Group clinic for carers" in page and "Pharmacy phone call" in page
    assert page.count("What we learnt:") == 2
    assert "Carers could not leave the person they care for at 2pm." in page
    assert "The team stopped this test. What they found saves the next team" in page
    assert "did not go as predicted, which is how the team learnt this" in page
    assert "nhsuk-tag--red" not in page and "failed" not in page.lower()


def test_the_wall_is_newest_first_and_in_pages_of_25(cast: Any) -> None:
    idea = ChangeIdeaFactory(programme=cast.programme)
    for n in range(30):
        TestOfChangeFactory(
            programme=cast.programme,
            change_idea=idea,
            title=f"Trial {n:02d}",
            planned_start=date(2026, 1, 1) + timedelta(days=n),
        )
    first = wall(cast)
    assert first.index("Trial 29") < first.index("Trial 05")
    assert "Trial 04" not in first and "Older tests" in first and "Page 2 of 2" in first
    second = wall(cast, page=2)
    assert "Trial 04" in second and "Trial 00" in second and "Trial 29" not in second


def test_filters_narrow_the_wall(cast: Any) -> None:
    huddles = ChangeIdeaFactory(programme=cast.programme, title="Huddles")
    texts = ChangeIdeaFactory(programme=cast.programme, title="Text reminders")
    oak = OrganisationFactory(name="Oak Lane Surgery")
    cast.programme.partners.add(oak)
    TestOfChangeFactory(
        programme=cast.programme,
        change_idea=huddles,
        title="Ward huddle",
        site=oak,
        team="Ward 3",
        outcome=Outcome.ADOPT,
        planned_start=date(2026, 1, 10),
    )
    TestOfChangeFactory(
        programme=cast.programme,
        change_idea=texts,
        title="SMS on Mondays",
        team="Reception",
        outcome=Outcome.ABANDON,
        planned_start=date(2026, 2, 10),
        observations="Older patients preferred a phone call.",
    )
    TestOfChangeFactory(
        programme=cast.programme, change_idea=texts, title="SMS with a link", planned_start=date(2026, 3, 10)
    )

    def titles(**params: Any) -> set[str]:
        page = wall(cast, **params)
        return {t for t in ("Ward huddle", "SMS on Mondays", "SMS with a link") if t in page}

    assert titles(change_idea=texts.pk) == {"SMS on Mondays", "SMS with a link"}
    assert titles(site=oak.pk) == {"Ward huddle"}
    assert titles(team="Reception") == {"SMS on Mondays"}
    assert titles(outcome="abandon") == {"SMS on Mondays"}
    assert titles(outcome="undecided") == {"SMS with a link"}
    assert titles(date_from="2026-02-01", date_to="2026-02-28") == {"SMS on Mondays"}
    assert titles(q="phone OLDER") == {"SMS on Mondays"}
    assert titles(q="phone ward") == set()
    assert "2 tests found" in wall(cast, change_idea=texts.pk)


def test_a_filter_that_makes_no_sense_is_explained_and_ignored(cast: Any) -> None:
    TestOfChangeFactory(programme=cast.programme, title="Ward huddle")
    theirs = ChangeIdeaFactory(programme=cast.other_programme)
    page = wall(cast, change_idea=theirs.pk, date_from="31/02/2026")
    assert "Choose a change idea from the list" in page
    assert "The start date must be a real date" in page
    assert "Ward huddle" in page


def test_the_wall_leaves_out_binned_tests_and_tests_of_binned_change_ideas(cast: Any) -> None:
    kept = TestOfChangeFactory(programme=cast.programme, title="Kept test")
    binned = TestOfChangeFactory(programme=cast.programme, title="Binned test")
    binned.deleted_at = timezone.now()
    binned.save()
    orphan = TestOfChangeFactory(programme=cast.programme, title="Idea in the bin")
    orphan.change_idea.deleted_at = timezone.now()
    orphan.change_idea.save()
    TestOfChangeFactory(programme=cast.other_programme, title="Another programme's test")
    page = wall(cast)
    assert kept.title in page
    for hidden in ("Binned test", "Idea in the bin", "Another programme's test"):
        assert hidden not in page


def test_counts_show_the_scale_of_experimentation(cast: Any) -> None:
    today = date(2026, 3, 15)
    ideas = [ChangeIdeaFactory(programme=cast.programme) for _ in range(4)]
    sites = [OrganisationFactory() for _ in range(2)]
    a = TestOfChangeFactory(
        programme=cast.programme,
        change_idea=ideas[0],
        site=sites[0],
        planned_start=date(2026, 3, 2),
        people_count=5,
    )
    b = TestOfChangeFactory(
        programme=cast.programme,
        change_idea=ideas[0],
        site=sites[1],
        planned_start=date(2026, 2, 2),
        done_on=date(2026, 3, 31),
        people_count=3,
    )
    TestOfChangeFactory(programme=cast.programme, change_idea=ideas[1], planned_start=date(2026, 1, 2))
    a.people.set([cast.member, cast.viewer])
    b.people.set([cast.member, cast.facilitator])
    counts = wall_counts([cast.programme.pk], today=today)
    assert (counts.tests, counts.this_month, counts.sites) == (3, 2, 2)
    assert (counts.people_named, counts.people_counted) == (3, 8)
    assert (counts.ideas_tested, counts.ideas_total, counts.ideas_share) == (2, 4, 50)


def test_the_wall_shows_the_counts_in_words(cast: Any) -> None:
    TestOfChangeFactory(programme=cast.programme, planned_start=timezone.localdate(), people_count=4)
    page = wall(cast)
    assert "tests this month" not in page and "test this month" in page
    assert "100%</span> of change ideas tested (1 of 1)" in page
    assert "Teams also counted 4 people taking part" in page


def test_a_viewer_cannot_see_the_log_button_but_a_member_can(cast: Any) -> None:
    assert "Log a test of change" not in wall(cast, "viewer")
    assert "Log a test of change" in wall(cast, "member")


def test_people_named_counts_members_on_live_tests_only_however_many_members(cast: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from mobilise.accounts.models import User
    from mobilise.programmes.models import Membership
    from tests.factories import UserFactory

    crowd = User.objects.bulk_create(User(email=f"crowd{n}@example.nhs.uk") for n in range(300))
    Membership.objects.bulk_create(Membership(programme=cast.programme, user=u) for u in crowd)
    live = TestOfChangeFactory(programme=cast.programme)
    live.people.set([cast.member, crowd[0], UserFactory()])  # the last is no member: not counted
    binned = TestOfChangeFactory(programme=cast.programme)
    binned.people.set([crowd[1]])
    binned.deleted_at = timezone.now()
    binned.save()
    in_binned_idea = TestOfChangeFactory(programme=cast.programme)
    in_binned_idea.people.set([crowd[2]])
    in_binned_idea.change_idea.deleted_at = timezone.now()
    in_binned_idea.change_idea.save()
    with CaptureQueriesContext(connection) as queries:
        counts = wall_counts([cast.programme.pk])
    assert counts.people_named == 2
    assert len(queries) == 3
