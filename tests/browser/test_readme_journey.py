"""The README's quick start, followed word for word: the demo is loaded the way `make demo` loads
it, the README's sign-in works, and it lands on the three demo programmes; from there a newcomer
reaches the network diagnosis and the survey results. At 1280 and 320 px, axe on every page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management import call_command

from mobilise.demo.seed import DEMO_SLUGS
from mobilise.programmes.models import Programme

from .pictures import drawn_for_this_width, words_fit_and_stand_apart
from .steps import Journey, sign_in

pytestmark = pytest.mark.browser

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_sign_in() -> tuple[str, str]:
    """The demo sign-in as the README's quick start gives it."""
    found = re.search(r"email `([^`]+)`, password `([^`]+)`", README.read_text(encoding="utf-8"))
    assert found, "README.md should give the demo sign-in as: email `…`, password `…`"
    return found.group(1), found.group(2)


def readme_roles() -> dict[str, str]:
    """The README's table of demo people: address to the role column."""
    rows = re.findall(
        r"^\| ([^|]+?) \| [^|]+ \| `([^`]+@[^`]+)` \|$", README.read_text(encoding="utf-8"), re.M
    )
    return {email: role for role, email in rows}


@pytest.mark.parametrize("width", [1280, 320])
def test_the_readme_sign_in_leads_to_the_network_diagnosis(journey: Journey, width: int) -> None:
    journey.page.set_viewport_size({"width": width, "height": 900})
    # Given the demo, loaded as `make demo` loads it
    call_command("seed_demo", verbosity=0)
    email, password = readme_sign_in()
    assert readme_roles()[email] == "convenor (all three programmes)"
    # When someone opens the address `make run` serves and signs in with the README's details
    journey.open("/")
    journey.follow("Sign in")
    sign_in(journey, email, password)
    # Then they land on their programmes: all three demo programmes, as the README says
    journey.see_heading("Your programmes")
    demo = Programme.objects.filter(slug__in=DEMO_SLUGS)
    assert demo.count() == 3
    for programme in demo:
        journey.see(programme.name)
    # When they go to the neighbourhood teams' relationship survey, as a newcomer would, by links
    journey.follow("Integrated neighbourhood teams in Hebburn and Jarrow", exact=False)
    journey.follow("Stakeholders")
    journey.follow("Relationship surveys")
    journey.follow("Who we turn to (spring round)")
    journey.follow("See the diagnosis, the network and suggested introductions")
    # Then the survey results show a diagnosis in plain words, with names for the convenor
    journey.see_heading("The network, with names")
    journey.see("Diagnosis")
    assert journey.page.locator(".nhsuk-card--feature h3").inner_text().strip()
    # And the what-if chart is the one drawn for this screen, with a key, every word inside it and apart
    journey.see("What if a new practice spread through this network?")
    picture = drawn_for_this_width(journey, width)
    words_fit_and_stand_apart(picture)
    assert journey.page.get_by_role("list", name="Key to the chart").get_by_role("listitem").count() >= 2
    journey.see("People who have taken it up after each round")
    # And the network without names (what every member sees) is there too
    journey.follow("the network without names")
    journey.see_heading("The network without names")
    journey.see("Diagnosis")
