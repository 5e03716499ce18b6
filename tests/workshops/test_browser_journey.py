"""The issue's "done when", in a real browser with axe on every page: a facilitator runs a three-session
series, feedback comes from phones (320 px wide), an action is carried to the next session, and the
convenor publishes a board paper read as HTML and as PDF (drawn to an image to check it)."""

from __future__ import annotations

import re

import pypdfium2 as pdfium
import pytest
from playwright.sync_api import Locator

from mobilise.programmes.roles import Role
from mobilise.workshops.models import Feedback, Session
from tests.browser.conftest import browser, journey  # noqa: F401  (the journey fixtures, reused)
from tests.browser.people import PASSWORD, convenor_with_programme
from tests.browser.steps import Journey, sign_in
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.browser
PHONES = 8


def answer_on_a_phone(room: Journey, url: str, score: int, *, check: bool) -> None:
    """A phone that has never been here: its own browser context, no sign-in, 320 px wide."""
    context = room.page.context.browser.new_context(  # type: ignore[union-attr]
        base_url=room.base_url, locale="en-GB", viewport={"width": 320, "height": 640}
    )
    try:
        phone = Journey(context.new_page(), room.base_url)
        phone.open(url) if check else phone.page.goto(url)
        phone.see("Your answers are anonymous")
        for name, value in (("pace", 3), ("usefulness", 4), ("facilitation", 5), ("recommend", score)):
            phone.page.locator(f'input[name="{name}"][value="{value}"]').check()
        phone.fill("One thing to change (optional)", f"Suggestion {score}")
        if check:
            phone.click("Send my answers")
        else:
            with phone.page.expect_navigation():
                phone.page.get_by_role("button", name="Send my answers").click()
        phone.see("Thank you")
    finally:
        context.close()


def test_a_three_session_series_with_phone_feedback_and_a_published_board_paper(
    journey: Journey,  # noqa: F811
) -> None:
    convenor, programme = convenor_with_programme()
    facilitator = UserFactory(email="priya.facilitator@example.nhs.uk", full_name="Priya Raman")
    MembershipFactory(programme=programme, user=facilitator, role=Role.FACILITATOR)
    journey.page.set_viewport_size({"width": 1280, "height": 900})

    # The facilitator plans three workshops from the themes
    sign_in(journey, facilitator.email, PASSWORD)
    journey.open(f"/p/{programme.slug}/sessions/")
    journey.follow("Plan a series of workshops")
    journey.fill("Name of the series", "Workshops with the alliance")
    for theme in (
        "A clear vision and shared purpose",
        "Engaging people through a story worth telling",
        "Better decisions with data",
    ):
        journey.choose(theme)
    for part, value in (("day", "2"), ("month", "3"), ("year", "2026")):
        journey.page.fill(f'input[name="first_on_{part}"]', value)
    journey.fill("Weeks between sessions", "4")
    journey.click("Plan the series")
    journey.see("3 sessions planned")
    first, second, _third = Session.objects.filter(programme=programme).order_by("held_on")

    # In the first session an action is agreed
    journey.open(f"/p/{programme.slug}/sessions/{first.pk}/")
    journey.fill("What will be done", "Ask the council's housing lead to join")
    journey.click("Add the action")
    feedback_url = journey.page.locator(".workshops-link a").inner_text().removeprefix(journey.base_url)

    # Eight phones in the room answer; the first one's pages are checked with axe at 320 px
    for i in range(PHONES):
        answer_on_a_phone(journey, feedback_url, 10 if i < 6 else 5, check=i == 0)
    assert Feedback.objects.filter(session=first).count() == PHONES

    # The feedback now shows, with its net-recommend score
    journey.open(f"/p/{programme.slug}/sessions/{first.pk}/")
    journey.see("About 10 answers")
    journey.see("Suggestion 5")

    # The next session's agenda starts with the unfinished action, and it can be ticked off there
    journey.open(f"/p/{programme.slug}/sessions/{second.pk}/")
    journey.see("Carried over from earlier sessions")
    journey.click("Mark as done", exact=False)
    assert not journey.page.get_by_text("Carried over from earlier sessions").count()

    # The convenor writes the covering note and publishes the board paper
    journey.click("Sign out")
    sign_in(journey, convenor.email, PASSWORD)
    journey.open(f"/p/{programme.slug}/board/")
    journey.follow("Read the next paper as it stands")
    journey.follow("Write the covering note")
    journey.fill("Covering note", "The alliance has met three times. Partners are turning up.")
    journey.fill("The board is asked to", "Note the progress")
    journey.click("Save the covering note")
    journey.follow("Publish this paper")
    journey.click("Publish version 1")
    journey.see("Version 1, published")
    journey.see("Partners are turning up")

    # A board member reads it on a small screen too
    journey.page.set_viewport_size({"width": 320, "height": 640})
    journey.open(journey.path())
    journey.page.set_viewport_size({"width": 1280, "height": 900})

    # And as PDF: a real document, drawn to an image with text on it
    pdf_url = journey.page.get_by_role("link", name="Download as PDF").get_attribute("href")
    response = journey.page.request.get(pdf_url or "")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    document = pdfium.PdfDocument(response.body())
    assert 1 <= len(document) <= 4
    image = document[0].render(scale=1).to_pil().convert("L")
    assert image.point(lambda px: 255 if px < 128 else 0).histogram()[255] > 2000
    text = " ".join(document[0].get_textpage().get_text_range().split())
    assert "Partners are turning up" in text
    document.close()


def button(room: Journey, action: str, title: str) -> Locator:
    """A button whose name ends with the (visually hidden) title it acts on."""
    return room.page.get_by_role("button", name=re.compile(rf"^{action}\s+{re.escape(title)}$"))


def test_a_facilitator_tailors_the_themes_before_planning(journey: Journey) -> None:  # noqa: F811
    _convenor, programme = convenor_with_programme()
    facilitator = UserFactory(email="priya.facilitator@example.nhs.uk", full_name="Priya Raman")
    MembershipFactory(programme=programme, user=facilitator, role=Role.FACILITATOR)
    journey.page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(journey, facilitator.email, PASSWORD)

    # Given the programme's six starter themes
    journey.open(f"/p/{programme.slug}/sessions/")
    journey.follow("the programme's workshop themes")
    journey.see_heading("Workshop themes")
    journey.see("Better decisions with data")

    # When the facilitator renames one, moves it to the top and retires another
    journey.follow("Change Better decisions with data")
    journey.fill("Name of the theme", "Reading our data together")
    journey.click("Save the theme")
    journey.see("Theme saved")
    for _ in range(3):
        journey.click_on(button(journey, "Move up", "Reading our data together"))
    journey.click_on(button(journey, "Archive", "Understanding value"))
    journey.see("Archived themes")
    first = journey.page.locator(".workshops-themes h2").first.inner_text()
    assert "Reading our data together" in first

    # And the page reads on a phone
    journey.page.set_viewport_size({"width": 320, "height": 640})
    journey.open(journey.path())
    journey.page.set_viewport_size({"width": 1280, "height": 900})

    # Then planning offers the renamed theme and not the archived one
    journey.open(f"/p/{programme.slug}/sessions/series/new/")
    assert journey.page.get_by_label("Reading our data together", exact=True).count() == 1
    assert journey.page.get_by_label("Understanding value", exact=True).count() == 0
