"""Making, copying and revoking an API token, axe on every page, at a desktop and a phone width."""

from __future__ import annotations

import pytest

from .people import PASSWORD, convenor_with_programme
from .steps import Journey, sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 320], ids=lambda w: f"{w}px")
def test_a_token_is_made_shown_once_and_revoked(journey: Journey, width: int) -> None:
    journey.page.set_viewport_size({"width": width, "height": 900})
    convenor, programme = convenor_with_programme()
    sign_in(journey, convenor.email, PASSWORD)
    journey.open("/profile/")
    journey.check_page()
    journey.follow("API tokens")
    journey.see_heading("API tokens")
    journey.check_page()
    journey.click("Make token")  # nothing filled in: the errors say what to do
    journey.see("Enter what the token is for")
    journey.check_page()
    journey.fill("What is it for?", "Monthly A&E upload")
    journey.choose(programme.name)
    journey.choose("Read and change data (as far as your role allows)")
    journey.click("Make token")
    journey.see("Copy your new token now")
    journey.check_page()
    secret = journey.page.get_by_test_id("new-token").inner_text()
    assert secret.startswith("mob_")
    journey.open("/account/api-tokens/")
    assert secret not in journey.page.content()
    journey.check_page()
    journey.click("Revoke Monthly A&E upload")
    journey.see("has been revoked")
    journey.check_page()
