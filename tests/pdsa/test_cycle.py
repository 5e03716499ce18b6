"""Logging a whole PDSA cycle, editing it without losing anyone's words, the next cycle, the bin."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from mobilise.pdsa.choices import Outcome, Stage
from mobilise.pdsa.models import TestOfChange
from tests.factories import OrganisationFactory

from .factories import ChangeIdeaFactory, TestOfChangeFactory

pytestmark = pytest.mark.django_db


def plan_data(idea: Any, **extra: Any) -> dict[str, Any]:
    return {
        "title": "Morning huddle on ward 3",
        "change_idea": str(idea.pk),
        "stage": "planned",
        "planned_start_day": "2",
        "planned_start_month": "3",
        "planned_start_year": "2026",
        "question": "Will a ten-minute huddle cut missed insulin doses?",
        "prediction": "Missed doses halve in the first week.",
        "version": "0",
        **extra,
    }


def url(name: str, cast: Any, **kwargs: Any) -> str:
    return reverse(f"pdsa:{name}", kwargs={"slug": cast.programme.slug, **kwargs})


def test_member_logs_a_full_cycle_and_finds_it_on_the_wall(cast: Any) -> None:
    idea = ChangeIdeaFactory(programme=cast.programme, title="Daily safety huddle")
    site = OrganisationFactory(name="Jarrow Community Hospital")
    cast.programme.partners.add(site)
    client = cast.client_for("member")

    response = client.post(
        url("create", cast),
        plan_data(
            idea, site=str(site.pk), team="Ward 3 nurses", scale="1 ward for 1 week", people=[cast.member.pk]
        ),
    )
    test = TestOfChange.objects.get()
    assert response.status_code == 302 and response["Location"] == url("detail", cast, pk=test.pk)

    done = plan_data(
        idea,
        site=str(site.pk),
        team="Ward 3 nurses",
        scale="1 ward for 1 week",
        stage="done",
        what_happened="Huddles ran on 5 of 7 mornings.",
        observations="Night staff asked to join the huddle too.",
        study="Missed doses fell from 6 to 2, better than predicted.",
        prediction_result="yes",
        outcome="next_cycle",
        act_notes="Try it on two wards.",
        done_on_day="9",
        done_on_month="3",
        done_on_year="2026",
        version="1",
        people=[cast.member.pk],
    )
    assert client.post(url("edit", cast, pk=test.pk), done).status_code == 302

    test.refresh_from_db()
    assert (test.stage, test.outcome, test.tested_on, test.version) == (
        Stage.DONE,
        Outcome.NEXT_CYCLE,
        date(2026, 3, 9),
        2,
    )
    assert test.history.count() >= 2 and test.history.first().history_user == cast.member
    page = client.get(url("detail", cast, pk=test.pk)).content.decode()
    for text in (
        "Huddles ran on 5 of 7 mornings.",
        "Night staff asked to join",
        "Missed doses fell from 6 to 2",
        "Try it on two wards.",
        "Jarrow Community Hospital",
        "Ward 3 nurses",
        "Test Member",
    ):
        assert text in page
    wall = client.get(url("wall", cast), {"q": "insulin"}).content.decode()
    assert "Morning huddle on ward 3" in wall and "1 test found" in wall


def test_the_form_explains_what_is_missing(cast: Any) -> None:
    response = cast.client_for("member").post(url("create", cast), {"stage": "planned", "version": "0"})
    page = response.content.decode()
    assert response.status_code == 200
    for message in (
        "Enter a name for the test",
        "Choose the change idea this test belongs to",
        "Enter the date the test starts",
    ):
        assert message in page
    assert not TestOfChange.objects.exists()


@pytest.mark.parametrize(
    "parts,message",
    [
        (
            {"planned_start_day": "31", "planned_start_month": "2", "planned_start_year": "2026"},
            "The date the test starts must be a real date",
        ),
        (
            {"planned_start_day": "3", "planned_start_month": "", "planned_start_year": "2026"},
            "The date the test starts must include a month",
        ),
        (
            {"done_on_day": "1", "done_on_month": "3", "done_on_year": "2026"},
            "The date the test was done must be the same as or after the start date",
        ),
        (
            {"done_on_day": "1", "done_on_month": "1", "done_on_year": "2099"},
            "The date the test was done must be today or in the past",
        ),
    ],
)
def test_dates_that_do_not_make_sense_are_refused(cast: Any, parts: dict[str, str], message: str) -> None:
    idea = ChangeIdeaFactory(programme=cast.programme)
    response = cast.client_for("member").post(url("create", cast), {**plan_data(idea), **parts})
    assert message in response.content.decode()
    assert not TestOfChange.objects.exists()


def test_a_change_idea_from_another_programme_cannot_be_chosen(cast: Any) -> None:
    theirs = ChangeIdeaFactory(programme=cast.other_programme)
    response = cast.client_for("member").post(url("create", cast), plan_data(theirs))
    assert "Choose the change idea this test belongs to" in response.content.decode()
    assert not TestOfChange.objects.exists()


def test_over_long_text_gets_a_clear_message(cast: Any) -> None:
    idea = ChangeIdeaFactory(programme=cast.programme)
    response = cast.client_for("member").post(url("create", cast), plan_data(idea, question="x" * 2001))
    assert "The question must be 2,000 characters or fewer" in response.content.decode()


def test_a_stale_save_is_refused_and_the_persons_text_kept(cast: Any) -> None:
    test = TestOfChangeFactory(programme=cast.programme, title="Reminder texts")
    first, second = cast.client_for("member"), cast.client_for("facilitator")
    first.post(
        url("edit", cast, pk=test.pk), plan_data(test.change_idea, title="Reminder texts (v2)", version="1")
    )
    response = second.post(
        url("edit", cast, pk=test.pk),
        plan_data(test.change_idea, observations="My careful notes", version="1"),
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else changed this test while you were editing" in page
    assert "My careful notes" in page and "Reminder texts (v2)" in page
    test.refresh_from_db()
    assert test.title == "Reminder texts (v2)" and test.observations == ""


def test_editing_a_test_someone_binned_keeps_the_text(cast: Any) -> None:
    test = TestOfChangeFactory(programme=cast.programme)
    cast.client_for("convenor").post(url("delete", cast, pk=test.pk))
    response = cast.client_for("member").post(
        url("edit", cast, pk=test.pk), plan_data(test.change_idea, observations="Notes to keep", version="1")
    )
    assert response.status_code == 409
    assert "moved this test to the bin" in response.content.decode()
    assert "Notes to keep" in response.content.decode()


def test_deleting_moves_the_test_to_the_bin_and_a_convenor_can_restore_it(cast: Any) -> None:
    test = TestOfChangeFactory(programme=cast.programme, title="Pharmacy callback")
    response = cast.client_for("member").post(url("delete", cast, pk=test.pk))
    assert response.status_code == 302
    assert "Pharmacy callback" not in cast.client_for("member").get(url("wall", cast)).content.decode()
    convenor = cast.client_for("convenor")
    bin_page = convenor.get(reverse("programmes:bin", kwargs={"slug": cast.programme.slug})).content.decode()
    assert "Test of change: Pharmacy callback" in bin_page
    convenor.post(
        reverse(
            "programmes:bin_restore",
            kwargs={"slug": cast.programme.slug, "kind": "test_of_change", "pk": test.pk},
        )
    )
    assert "Pharmacy callback" in cast.client_for("member").get(url("wall", cast)).content.decode()


def test_start_the_next_cycle_copies_the_plan_and_joins_the_ramp(cast: Any) -> None:
    site = OrganisationFactory(name="Hebburn Health Centre")
    cast.programme.partners.add(site)
    first = TestOfChangeFactory(
        programme=cast.programme,
        title="Huddle",
        site=site,
        team="Frailty team",
        scale="1 patient",
        study="It worked for one patient.",
    )
    first.people.set([cast.member])
    client = cast.client_for("member")
    form = client.get(url("next_cycle", cast, pk=first.pk)).content.decode()
    for text in (
        "Start the next cycle",
        "Will a morning huddle cut missed visits?",
        "Frailty team",
        "It worked for one patient.",
        first.change_idea.title,
    ):
        assert text in form

    response = client.post(
        url("next_cycle", cast, pk=first.pk),
        {
            "title": "Huddle, whole ward",
            "scale": "1 ward",
            "stage": "planned",
            "site": str(site.pk),
            "planned_start_day": "16",
            "planned_start_month": "3",
            "planned_start_year": "2026",
        },
    )
    second = TestOfChange.objects.exclude(pk=first.pk).get()
    assert response.status_code == 302
    assert second.previous_cycle == first and second.change_idea == first.change_idea


def test_a_cycle_of_a_ramp_keeps_its_change_idea(cast: Any) -> None:
    first = TestOfChangeFactory(programme=cast.programme)
    TestOfChangeFactory(programme=cast.programme, change_idea=first.change_idea, previous_cycle=first)
    other = ChangeIdeaFactory(programme=cast.programme)
    response = cast.client_for("member").post(url("edit", cast, pk=first.pk), plan_data(other, version="1"))
    assert "This test is one cycle of a ramp" in response.content.decode()
    first.refresh_from_db()
    assert first.change_idea != other


def test_viewers_see_the_test_but_no_edit_buttons(cast: Any) -> None:
    test = TestOfChangeFactory(programme=cast.programme)
    page = cast.client_for("viewer").get(url("detail", cast, pk=test.pk)).content.decode()
    assert test.title in page
    assert "Update this test" not in page and "Start the next cycle" not in page


def test_a_test_whose_change_idea_is_binned_is_not_found(cast: Any) -> None:
    test = TestOfChangeFactory(programme=cast.programme)
    test.change_idea.deleted_at = test.created_at
    test.change_idea.save()
    assert cast.client_for("member").get(url("detail", cast, pk=test.pk)).status_code == 404
