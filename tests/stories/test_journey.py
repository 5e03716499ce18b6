"""Browser journey for issue 13: the programme's story, a story from a phone without an account,
moderation, and finding and copying a similar driver diagram shared by another programme."""

from __future__ import annotations

import re

import pytest

from mobilise.improvement.models import DriverDiagram
from mobilise.programmes.models import Programme, Stage
from mobilise.programmes.roles import Role
from mobilise.stories.models import Story, StoryStatus
from tests.browser.conftest import browser, journey  # noqa: F401  (the journey fixtures, reused)
from tests.browser.people import PASSWORD, convenor_with_programme, person
from tests.browser.steps import Journey, sign_in, sign_out
from tests.factories import MembershipFactory, ProgrammeFactory
from tests.library.helpers import shared, small_diagram

pytestmark = pytest.mark.browser

WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 320, "height": 640}


def test_story_share_moderate_and_copy_a_similar_diagram(journey: Journey) -> None:  # noqa: F811
    # Given a programme with a member, and another programme that shared its driver diagram
    convenor, programme = convenor_with_programme()
    member = person("sam.member@example.nhs.uk", "Sam Member")
    MembershipFactory(programme=programme, user=member, role=Role.MEMBER)
    elsewhere = ProgrammeFactory(name="Falls prevention in Gateshead")
    shared(small_diagram(elsewhere).diagram)
    journey.page.set_viewport_size(WIDE)

    # When the member writes the programme's story
    sign_in(journey, member.email, PASSWORD)
    journey.open(f"/p/{programme.slug}/")
    journey.follow("Write the programme's story")
    journey.fill("A story of self: why I care", "My nan waited nine hours on a trolley.")
    journey.fill("A story of us: what we share", "We all want people home sooner.")
    journey.fill("A story of now: why act now", "Winter starts in ten weeks.")
    journey.click("Save the story")
    journey.see("The story has been saved.")
    # And the programme moves on, so the home page asks gently for a refresh, which they give
    Programme.objects.filter(pk=programme.pk).update(stage=Stage.CHANGE)
    journey.open(f"/p/{programme.slug}/")
    journey.see("moved on to a new stage")
    journey.follow("Refresh the story")
    journey.fill("A story of now: why act now", "We are testing changes now: join a test this month.")
    journey.click("Save the story")
    journey.see("join a test this month")
    sign_out(journey)

    # And the convenor opens the share page
    sign_in(journey, convenor.email, PASSWORD)
    journey.open(f"/p/{programme.slug}/stories/share-page/")
    journey.click("Open the page")
    link = journey.page.get_by_test_id("share-url").inner_text().strip()
    sign_out(journey)

    # And a patient shares a story from a phone, without an account
    journey.page.set_viewport_size(PHONE)
    journey.open(link)
    journey.choose("The team, and other NHS teams on Mobilise who are working on similar things")
    journey.choose("For 1 year")
    journey.choose("I agree that the team may read my story and use it as I have chosen above")
    journey.click("Continue")
    journey.choose("My experience as a patient")
    journey.fill("Give it a short title", "The nurse who sat down")
    journey.fill("Your story or idea", "She sat with me and asked what mattered. I went home that day.")
    journey.choose("Do not show my name with my story")
    journey.page.wait_for_timeout(3200)  # a person takes a few seconds; the spam check expects that
    journey.click("Send")
    journey.see_heading("Thank you: your story has been sent")
    assert Story.objects.get(title="The nurse who sat down").status == StoryStatus.WAITING

    # Then the convenor accepts it and it appears with the programme's stories
    journey.page.set_viewport_size(WIDE)
    sign_in(journey, convenor.email, PASSWORD)
    journey.open(f"/p/{programme.slug}/stories/waiting/")
    journey.click("Accept “The nurse who sat down”")
    journey.open(f"/p/{programme.slug}/stories/")
    journey.see("The nurse who sat down")
    journey.see("told by Anonymous")

    # And as facilitator they find the similar change idea another programme shared, and copy its diagram
    MembershipFactory(
        programme=programme, user=person("fay.facilitator@example.nhs.uk", "Fay"), role=Role.FACILITATOR
    )
    sign_out(journey)
    sign_in(journey, "fay.facilitator@example.nhs.uk", PASSWORD)
    journey.open("/search/")
    journey.fill("Search for", "falls at home")
    journey.click("Search")
    journey.see("Falls prevention in Gateshead")
    copy_link = journey.page.get_by_role("link", name=re.compile(r"^Copy to .*Fewer falls at home"))
    if not copy_link.count():
        journey.page.screenshot(path="/tmp/stories_journey_search.png", full_page=True)
    journey.click_on(copy_link.first)
    journey.click(f"Copy to {programme.name}")
    journey.see("has been copied from Falls prevention in Gateshead")
    assert DriverDiagram.objects.filter(programme=programme, title="Fewer falls at home").exists()


def test_a_facilitator_meets_similar_work_on_their_change_idea(journey: Journey) -> None:  # noqa: F811
    # Given another programme that shared a falls idea, with a facilitator there who is contactable
    from mobilise.library.services import contactable_set
    from tests.improvement.factories import DiagramFactory, IdeaFactory

    convenor, programme = convenor_with_programme()
    elsewhere = ProgrammeFactory(name="Falls prevention in Gateshead")
    gemma = person("gemma@gateshead.example.nhs.uk", "Gemma Gateshead")
    MembershipFactory(programme=elsewhere, user=gemma, role=Role.FACILITATOR)
    contactable_set(programme=elsewhere, user=gemma, contactable=True)
    theirs = DiagramFactory(programme=elsewhere, title="Fewer falls in Gateshead")
    shared(IdeaFactory(diagram=theirs, title="Falls huddle at the start of each shift"))
    mine = IdeaFactory(
        diagram=DiagramFactory(programme=programme, title="Fewer falls"), title="Morning falls huddle"
    )
    journey.page.set_viewport_size(WIDE)

    # When the convenor opens their own change idea
    sign_in(journey, convenor.email, PASSWORD)
    journey.open(f"/p/{programme.slug}/improvement/ideas/{mine.pk}/")
    # Then the page suggests the shared idea and who to talk to
    journey.see("You're working on that too?")
    journey.see("Falls huddle at the start of each shift")
    journey.see("gemma@gateshead.example.nhs.uk")
    journey.follow("More similar work elsewhere", exact=False)
    journey.see_heading("You're working on that too?")
    # And the programme's menu leads to its stories and its shared library
    journey.follow("Stories")
    journey.follow("Shared library")
    journey.see_heading("Sharing with other programmes")
