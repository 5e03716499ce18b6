"""Browser journey: building a driver diagram with the keyboard alone, every page checked by axe."""

from __future__ import annotations

import re

import pytest

from mobilise.improvement.models import ChangeIdea, Driver
from tests.browser.conftest import browser, journey  # noqa: F401  (the journey fixtures)
from tests.browser.people import PASSWORD, convenor_with_programme
from tests.browser.steps import Journey, sign_in
from tests.improvement.factories import small_diagram

pytestmark = pytest.mark.browser


def press(steps: Journey, name: str, role: str = "link") -> None:
    """Tab to a link or button (focus) and press Enter: no mouse, no dragging."""
    target = steps.page.get_by_role(role, name=re.compile(re.escape(name))).first  # type: ignore[arg-type]
    target.focus()
    with steps.page.expect_navigation():
        steps.page.keyboard.press("Enter")
    steps.check_page()


def type_into(steps: Journey, label: str, words: str) -> None:
    steps.page.get_by_label(label, exact=True).focus()
    steps.page.keyboard.type(words)


def test_building_a_driver_diagram_with_the_keyboard_only(journey: Journey) -> None:  # noqa: F811
    # Given a convenor on their programme's improvement page
    convenor, programme = convenor_with_programme()
    sign_in(journey, convenor.email, PASSWORD)
    journey.open(f"/p/{programme.slug}/improvement/")
    # When they start a diagram and give it an aim
    press(journey, "Start a driver diagram")
    type_into(journey, "Name of the diagram", "Fewer falls at home")
    type_into(journey, "What will we improve?", "Fewer older people fall at home")
    press(journey, "Create the diagram", role="button")
    # And add two primary drivers in a row, typing each name and pressing Enter
    press(journey, "Add a primary driver")
    for name in ("Strength and balance", "Safer homes"):
        assert journey.page.evaluate("document.activeElement.name") == "title"  # focus is in the name field
        journey.page.keyboard.type(name)
        with journey.page.expect_navigation():
            journey.page.keyboard.press("Enter")
        journey.check_page()
    press(journey, "Back to the diagram")
    # And a secondary driver and a change idea
    press(journey, "Add a secondary driver under Strength and balance")
    type_into(journey, "Name of the driver", "Exercise classes")
    press(journey, "Save and go back to the diagram", role="button")
    press(journey, "Add a change idea under Exercise classes")
    type_into(journey, "Change idea", "Chair-based exercise at the library")
    press(journey, "Add the change idea", role="button")
    # And reorder the primary drivers and move the secondary driver, with buttons and a list
    press(journey, "Move up Safer homes", role="button")
    press(journey, "Move Exercise classes")
    journey.page.get_by_label("Where should it go?").select_option(label="Under Safer homes")
    press(journey, "Move it", role="button")
    # Then the diagram has the new shape, in the picture and in the outline
    primaries = list(Driver.objects.filter(parent=None).values_list("title", flat=True))
    assert primaries == ["Safer homes", "Strength and balance"]
    assert Driver.objects.get(title="Exercise classes").parent.title == "Safer homes"
    assert ChangeIdea.objects.get().drivers.get().title == "Exercise classes"
    journey.see("Moved “Exercise classes”.")
    assert journey.page.locator("svg#driver-diagram").count() == 1


def test_writing_the_theory_of_change_and_reading_its_history(journey: Journey) -> None:  # noqa: F811
    # Given a convenor with a driver diagram
    convenor, programme = convenor_with_programme()
    sign_in(journey, convenor.email, PASSWORD)
    diagram = small_diagram(programme)
    # When they add a statement to the theory of change
    journey.open(f"/p/{programme.slug}/improvement/theory/")
    press(journey, "Add to “Plus”")
    type_into(journey, "The statement", "Small tests of change led by front-line teams")
    type_into(journey, "What are we assuming? (optional)", "Teams get an hour a week to test")
    journey.page.get_by_label("Fewer falls at home", exact=True).check()
    press(journey, "Save", role="button")
    # Then it is in the chain, the paragraph and the history
    journey.see("Plus small tests of change led by front-line teams.")
    press(journey, "Every change to the theory")
    journey.see("Added “Small tests of change led by front-line teams”")
    press(journey, "View")
    journey.see_heading("As it was on")
    # And the diagram's other pages read well too
    for path in (
        f"diagrams/{diagram.diagram.pk}/",
        f"diagrams/{diagram.diagram.pk}/history/",
        f"ideas/{diagram.shared_idea.pk}/",
        f"drivers/{diagram.primary.pk}/delete/",
        f"ideas/{diagram.idea.pk}/move/",
        f"drivers/{diagram.secondary.pk}/move/",
    ):
        journey.open(f"/p/{programme.slug}/improvement/{path}")
