"""Browser journeys through the relationships part, with an accessibility check on every page."""

from __future__ import annotations

import pytest

from mobilise.engagement.models import Survey
from mobilise.programmes.models import Membership
from mobilise.programmes.roles import Role
from tests.browser.people import PASSWORD, convenor_with_programme, person
from tests.browser.steps import Journey, sign_in, sign_out

from .factories import StakeholderFactory
from .helpers import answer

pytestmark = pytest.mark.browser


def _pick(journey: Journey, question: str, answer: str) -> None:
    journey.page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()


def test_mapping_a_stakeholder_and_moving_them_with_the_keyboard(journey: Journey) -> None:
    # Given a convenor in their programme's register
    convenor, programme = convenor_with_programme()
    sign_in(journey, convenor.email, PASSWORD)
    journey.open(f"/p/{programme.slug}/stakeholders/")
    # When they add a ward sister whom colleagues listen to, but who holds no formal authority
    journey.click("Add a stakeholder", role="link")
    journey.fill("Name", "Sister Grace Okafor")
    _pick(journey, "Who is this?", "A person")
    _pick(journey, "How much say do they have through their position?", "No formal role in the programme")
    _pick(
        journey,
        "How much do colleagues listen to them?",
        "Many colleagues look to them and follow their lead",
    )
    _pick(journey, "How engaged are they now?", "FOR: change is done for them")
    _pick(journey, "How engaged do we want them to be?", "BY: they lead the change themselves")
    _pick(journey, "Where do they stand on the change?", "Supporter")
    journey.click("Add to the register")
    journey.see_heading("Sister Grace Okafor")
    # Then the map shows her among the informal influencers, and she can be moved without dragging
    journey.follow("Power and influence map")
    journey.see("Sister Grace Okafor")
    journey.page.get_by_role("link", name="Move Sister Grace Okafor").first.focus()
    with journey.page.expect_navigation():
        journey.page.keyboard.press("Enter")
    journey.check_page()
    _pick(journey, "How much say do they have through their position?", "Some say through their position")
    journey.click("Move them")
    journey.see("Sister Grace Okafor moved on the map.")
    journey.follow("Engagement over time")
    journey.follow("Critical mass")


def test_running_a_relationship_survey_and_seeing_the_network(journey: Journey) -> None:
    # Given a convenor, a member and a register of people across partner organisations
    convenor, programme = convenor_with_programme()
    member = person("sam.member@example.nhs.uk", "Sam Patel")
    Membership.objects.create(programme=programme, user=member, role=Role.MEMBER)
    for i in range(10):
        StakeholderFactory(
            programme=programme,
            name=f"Colleague {i}",
            organisation_type="voluntary",
            formal_authority="high" if i < 2 else "none",
        )
    sign_in(journey, convenor.email, PASSWORD)
    # When the convenor creates a survey with the suggested questions
    journey.open(f"/p/{programme.slug}/relationships/")
    journey.click("Create a survey", role="link")
    journey.fill("Title", "Advice network")
    journey.click("Create the survey")
    # And answers it themselves, naming two colleagues
    journey.click("Answer the survey", role="link")
    journey.choose("I have read this and agree to take part")
    journey.click("Start")
    journey.choose("Colleague 1")
    journey.choose("Colleague 2")
    journey.click("Save and continue")
    journey.choose("Colleague 3")
    journey.click("Save and continue")
    journey.see_heading("Check your answers")
    journey.click("Send my answers")
    journey.see_heading("Your answers have been sent")
    # And everyone else has answered too
    survey = Survey.objects.get()
    roster = list(survey.roster.order_by("pk"))
    for i, entry in enumerate(roster):
        if entry.user_id != convenor.pk:
            answer(survey, entry, roster[(i + 1) % len(roster)], roster[(i + 3) % len(roster)])
    # Then the analysis runs and shows a diagnosis, the drawing and the table
    journey.open(f"/p/{programme.slug}/relationships/{survey.pk}/")
    journey.click("Analyse the answers")
    journey.see("The analysis has finished")
    journey.follow("See the results")
    journey.see("What we saw")
    assert journey.page.locator("[data-network] canvas").count() > 0  # cytoscape drew it
    journey.see("Colleague 3")
    # And a member sees the same network without names
    sign_out(journey)
    sign_in(journey, member.email, PASSWORD)
    journey.open(f"/p/{programme.slug}/relationships/{survey.pk}/picture/")
    journey.see_heading("The network without names")
    assert "Colleague" not in journey.page.locator("main").inner_text()
