"""The issue's "done when", in a real browser with axe on every page: a convenor runs two pulse waves
across partner organisations, people answer on a phone (320 px), results show trends with SPC, a
small group is suppressed, and a fall in energy puts a prompt on the programme home."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.utils import timezone

from mobilise.programmes.roles import Role
from mobilise.pulse.models import Pulse
from tests.browser.people import PASSWORD, convenor_with_programme, person
from tests.browser.steps import Journey, sign_in
from tests.factories import MembershipFactory

from .helpers import answer_all, open_wave

pytestmark = pytest.mark.browser
PHONE = {"width": 320, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def _links() -> list[str]:
    found = []
    for message in mail.outbox:
        link = re.search(r"https?://[^/\s]+(/pulse/[^/\s]+/)", message.body)
        assert link, message.body
        found.append(link.group(1))
    return found


def _answer_on_a_phone(journey: Journey, path: str, score: str, org: str) -> None:
    journey.page.set_viewport_size(PHONE)
    journey.open(path)
    page = journey.page
    for text in ("I have the physical energy", "I feel hopeful", "This change connects"):
        page.get_by_role("group", name=re.compile(text)).get_by_label(score, exact=True).check()
    journey.select("What kind of organisation do you work in?", org)
    journey.click("Send my answers")
    journey.see_heading("Thank you")
    journey.page.set_viewport_size(DESKTOP)


def _post_rest(paths: list[str], score: int, org: str) -> None:
    tokens = [p.split("/")[2] for p in paths]
    answer_all(tokens, score, org=org, role="clinical")


def test_a_convenor_runs_two_waves_and_a_fall_in_energy_prompts_action(journey: Journey) -> None:
    convenor, programme = convenor_with_programme()
    member = person("sam.member@example.nhs.uk", "Sam Member")
    MembershipFactory(programme=programme, user=member, role=Role.MEMBER)
    for i in range(10):
        MembershipFactory(
            programme=programme, user=person(f"partner{i}@example.org", f"Partner {i}"), role=Role.MEMBER
        )
    # Given a convenor who sets up a pulse
    sign_in(journey, convenor.email, PASSWORD)
    journey.open(f"/p/{programme.slug}/pulse/")
    journey.follow("Set up a pulse")
    journey.fill("Name", "Monthly energy pulse")
    journey.click("Set up the pulse")
    journey.see_heading("Send and manage")
    pulse = Pulse.objects.get(programme=programme)
    # (and the months before this: six steady waves)
    for _ in range(6):
        _, tokens = open_wave(pulse, 10)
        answer_all(tokens, 4, org="nhs_trust", role="clinical")
    # When they send a wave to everyone in the programme
    mail.outbox.clear()
    journey.follow("Send the next wave")
    today = timezone.localdate().isoformat()
    journey.fill("Opens on", today)
    journey.click("Send the wave")
    journey.see("on its way to 12 people")
    links = _links()
    assert len(links) == 12
    # Then people answer on their phones, across partner organisations
    _answer_on_a_phone(journey, links[0], "Agree", "NHS trust")
    _answer_on_a_phone(journey, links[1], "Strongly agree", "GP practice")
    # And a link works once
    journey.page.set_viewport_size(PHONE)
    journey.page.goto(links[0])
    journey.check_page()
    journey.see_heading("This link has already been used")
    journey.page.set_viewport_size(DESKTOP)
    _post_rest(links[2:10], 4, "nhs_trust")
    # And the convenor can watch the response rate, which refreshes itself while on screen
    journey.open(f"/p/{programme.slug}/pulse/{pulse.pk}/manage/")
    journey.follow("Watch the response rate of wave 1")
    journey.check_page()
    journey.see_heading("How many have answered wave 1")
    journey.see("have answered: 10 of")
    # When the second wave goes out and energy has fallen
    mail.outbox.clear()
    journey.open(f"/p/{programme.slug}/pulse/{pulse.pk}/manage/")
    journey.follow("Send the next wave")
    journey.fill("Opens on", today)
    journey.click("Send the wave")
    links = _links()
    _answer_on_a_phone(journey, links[0], "Strongly disagree", "GP practice")
    _post_rest(links[1:10], 1, "nhs_trust")
    # Then a member sees the trend, with the fall marked as real, not noise
    journey.page.context.clear_cookies()
    sign_in(journey, member.email, PASSWORD)
    journey.open(f"/p/{programme.slug}/pulse/{pulse.pk}/")
    journey.see_heading("Monthly energy pulse")
    journey.see("A real fall, not just noise")
    assert journey.page.get_by_text("Real fall").count() >= 1
    # And the two GP practice answers are never shown as a group
    journey.select("Organisation type", "GP practice")
    journey.click("Show")
    journey.see("Fewer than 8 people are in this group")
    # And the programme home prompts action, linked to the components that help
    journey.open(f"/p/{programme.slug}/")
    journey.see("Energy has fallen")
    journey.follow("Refresh the story of why this matters", exact=False)
