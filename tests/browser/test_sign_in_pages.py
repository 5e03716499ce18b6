"""The sign-in pages (django-allauth's views in our NHS.UK templates), used the way people use them."""

from __future__ import annotations

import re
import time

import pytest
from django.core import mail

from .people import PASSWORD, person
from .steps import Journey, sign_in

pytestmark = pytest.mark.browser


def test_sign_in_page_offers_an_account_and_a_forgotten_password_link(journey: Journey) -> None:
    # Given someone arrives at the front door
    journey.open("/")
    # When they choose to sign in
    journey.follow("Sign in")
    # Then they see a plain sign-in page with a way to recover a password or create an account
    journey.see_heading("Sign in")
    journey.see("Forgotten your password?")
    journey.see("Create an account")


def test_wrong_password_says_what_went_wrong(journey: Journey) -> None:
    # Given someone with an account
    person("sam.nurse@example.nhs.uk", "Sam Nurse")
    # When they sign in with the wrong password
    journey.open("/accounts/login/")
    journey.fill("Email address", "sam.nurse@example.nhs.uk")
    journey.fill("Password", "not-the-right-password")
    journey.click("Sign in")
    # Then an error summary explains, and the page still passes the accessibility check
    journey.see("There is a problem")


def test_sign_up_asks_for_a_long_enough_password(journey: Journey) -> None:
    # Given someone new on the account page
    journey.open("/accounts/signup/")
    journey.see_heading("Create an account")
    # When they choose a short password
    journey.fill("Email address", "new.person@example.nhs.uk")
    journey.fill("Create a password", "short-pw")
    journey.fill("Type your password again", "short-pw")
    journey.click("Create account")
    # Then they are told how long it must be
    journey.see("There is a problem")
    journey.see("12 characters")


def test_forgotten_password_round_trip(journey: Journey) -> None:
    # Given someone who has forgotten their password
    person("lee.manager@example.nhs.uk", "Lee Manager")
    journey.open("/accounts/login/")
    journey.follow("Forgotten your password?")
    journey.see_heading("Reset your password")
    # When they ask for a link
    journey.fill("Email address", "lee.manager@example.nhs.uk")
    journey.click("Send me a reset link")
    journey.see_heading("Check your email")
    # And follow the link in the email to choose a new password
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+", mail.outbox[-1].body)
    assert link, mail.outbox[-1].body
    journey.open(link.group(0))
    journey.see_heading("Choose a new password")
    journey.fill("New password", "three quiet river stones")
    journey.fill("Type your new password again", "three quiet river stones")
    journey.click("Save new password")
    # Then they can sign in with it
    journey.see_heading("Your password has been changed")
    journey.click("Sign in", role="button")
    sign_in(journey, "lee.manager@example.nhs.uk", "three quiet river stones")
    journey.see_heading("Your programmes")


def test_signed_in_person_changes_password_and_visits_two_step_sign_in(journey: Journey) -> None:
    # Given someone signed in
    person("jo.gp@example.nhs.uk", "Dr Jo Patel")
    sign_in(journey, "jo.gp@example.nhs.uk", PASSWORD)
    # When they change their password
    journey.open("/accounts/password/change/")
    journey.see_heading("Change your password")
    journey.fill("Current password", PASSWORD)
    journey.fill("New password", "a brand new long password")
    journey.fill("Type your new password again", "a brand new long password")
    journey.click("Change password")
    journey.see("Your password has been changed")
    # And open two-step sign-in from the menu
    journey.follow("Two-step sign-in")
    # Then they see that it is off and how to set it up
    journey.see_heading("Two-step sign-in")
    journey.see("Set up an authenticator app")


def test_sign_out_asks_first_when_opened_as_a_page(journey: Journey) -> None:
    person("kim.admin@example.nhs.uk", "Kim Admin")
    sign_in(journey, "kim.admin@example.nhs.uk", PASSWORD)
    journey.open("/accounts/logout/")
    journey.see_heading("Sign out")
    journey.page.locator("main").get_by_role("button", name="Sign out").click()
    journey.page.wait_for_url(re.compile(r"/accounts/login/"))
    journey.check_page()
    journey.see("You have signed out.")


def current_totp_code(secret: str) -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_setting_up_two_step_sign_in_and_using_it(journey: Journey) -> None:
    # Given someone signed in who wants their account safer
    person("ria.lead@example.nhs.uk", "Ria Lead")
    sign_in(journey, "ria.lead@example.nhs.uk", PASSWORD)
    journey.open("/accounts/2fa/")
    # When they set up an authenticator app (confirming their password first)
    journey.click("Set up an authenticator app")
    journey.see_heading("Confirm it is you")
    journey.fill("Password", PASSWORD)
    journey.click("Continue")
    journey.see_heading("Set up an authenticator app")
    secret = journey.page.locator("#authenticator_secret").inner_text().strip()
    journey.fill("Code from the app", current_totp_code(secret))
    journey.click("Turn on two-step sign-in")
    # Then they are given recovery codes, and the settings page shows it is on
    journey.see_heading("Recovery codes")
    assert journey.page.locator(".mobilise-recovery-codes li").count() > 0
    journey.follow("Back to two-step sign-in")
    journey.see("You sign in with a code from your authenticator app.")
    # And next time they sign in they are asked for a code
    journey.click("Sign out")
    sign_in(journey, "ria.lead@example.nhs.uk", PASSWORD)
    journey.see_heading("Enter your code")
    journey.fill("Code", current_totp_code(secret))
    journey.click("Continue")
    journey.see_heading("Your programmes")
