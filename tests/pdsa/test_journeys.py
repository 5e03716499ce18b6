"""Browser journey: log a full PDSA cycle, then find it on the learning wall (axe-checked pages)."""

from __future__ import annotations

import pytest

from mobilise.pdsa.models import TestOfChange
from tests.browser.conftest import browser, journey  # noqa: F401  (the journey fixtures, reused)
from tests.browser.people import PASSWORD, convenor_with_programme
from tests.browser.steps import Journey, sign_in

from .factories import ChangeIdeaFactory

pytestmark = pytest.mark.browser


def test_logging_a_full_cycle_and_finding_it_on_the_learning_wall(journey: Journey) -> None:  # noqa: F811
    # Given a convenor whose programme has a change idea
    convenor, programme = convenor_with_programme()
    ChangeIdeaFactory(programme=programme, title="Daily safety huddle")
    sign_in(journey, convenor.email, PASSWORD)
    journey.open(f"/p/{programme.slug}/tests/")
    # When they log the plan of a test
    journey.follow("Log a test of change")
    journey.fill("Name of the test", "Huddle on ward 3")
    journey.select("Change idea", "Daily safety huddle")
    journey.fill("Scale (optional)", "1 ward for 1 week")
    journey.fill("What question will this test answer?", "Will a ten-minute huddle cut missed doses?")
    journey.fill("What do you predict will happen?", "Missed doses halve.")
    journey.click("Save the test")
    journey.see_heading("Huddle on ward 3")
    # And later record what happened, what they learnt and what they decided
    journey.follow("Update this test")
    journey.choose("Done")
    journey.fill("What happened?", "Huddles ran on five of seven mornings.")
    journey.fill(
        "What did the results show, compared with the prediction?",
        "Night staff were missing, so doses were still missed at night.",
    )
    journey.choose("Abandon: stop, and keep what we learnt")
    journey.click("Save the test")
    # Then anyone can find it on the learning wall, shown as learning
    journey.follow("The learning wall")
    journey.fill("Search what teams wrote", "night staff")
    journey.click("Show tests")
    journey.see("1 test found")
    journey.see("What we learnt:")
    journey.see("The team stopped this test.")
    assert TestOfChange.objects.get().outcome == "abandon"
