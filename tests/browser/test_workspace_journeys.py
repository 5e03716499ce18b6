"""Journeys through the workspace: naming a tension between components, and speaking an audience's words."""

from __future__ import annotations

import re

import pytest

from mobilise.workspace.models import AlignmentEntry

from .people import PASSWORD, convenor_with_programme
from .steps import Journey, sign_in

pytestmark = pytest.mark.browser


def test_recording_a_tension_in_the_alignment_grid(journey: Journey) -> None:
    # Given a convenor in their programme's alignment grid
    convenor, programme = convenor_with_programme()
    sign_in(journey, convenor.email, PASSWORD)
    journey.open(f"/p/{programme.slug}/alignment/")
    # When they open the pair "shared purpose and system drivers"
    journey.click_on(
        journey.page.get_by_role(
            "link", name=re.compile(r"shared purpose and system drivers", re.IGNORECASE)
        ).first
    )
    # And record that the two pull apart, and what the team will do
    journey.choose("They pull apart")
    journey.fill(
        "How do they interact?",
        "Staff join for the purpose, but the block contract rewards activity, not outcomes.",
    )
    journey.fill("What will we do about it? (optional)", "Take it to the commissioners' board in May.")
    journey.choose("Open")
    journey.click("Add entry")
    # Then the tension is listed for the pair, and saved for the whole team
    journey.see("the block contract rewards activity")
    entry = AlignmentEntry.objects.get(programme=programme)
    assert entry.is_open_tension
    # And the grid shows it
    journey.open(f"/p/{programme.slug}/alignment/")
    journey.see("the block contract rewards activity")


def test_switching_the_workspace_to_an_audiences_words(journey: Journey) -> None:
    # Given a convenor on the words page of their programme
    convenor, programme = convenor_with_programme()
    sign_in(journey, convenor.email, PASSWORD)
    journey.open(f"/p/{programme.slug}/words/")
    journey.see("You are seeing plain English")
    # When they add an audience, write its word for the shared purpose, and choose it
    journey.click("Add an audience", role="link")
    journey.fill("Name of the audience", "Practice nurses")
    journey.click("Continue")
    journey.see_heading("Change the words for Practice nurses")
    journey.fill("Our shared purpose", "Why we are doing this")
    journey.click("Save words")
    journey.choose("Practice nurses")
    journey.click("Use these words")
    # Then the programme's menu speaks their words
    journey.see("You are now seeing the workspace in the words for Practice nurses")
    menu = journey.page.get_by_role("navigation", name=re.compile("menu", re.IGNORECASE)).last
    assert "Why we are doing this" in menu.inner_text()
