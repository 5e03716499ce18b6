"""Journeys through a programme: starting one, inviting partners, and keeping the shared purpose."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from mobilise.programmes.models import Programme

from .people import PASSWORD, convenor_with_programme, person
from .steps import Journey, sign_in, sign_out

pytestmark = pytest.mark.browser


def test_someone_new_creates_an_account_and_starts_a_programme(journey: Journey) -> None:
    # Given someone new arrives at the front door
    journey.open("/")
    journey.see_heading("Lead large-scale change together")
    # When they create an account
    journey.follow("Create an account")
    journey.fill("Email address", "priya.lead@example.nhs.uk")
    journey.fill("Your name", "Priya Lead")
    journey.fill("Your job or role", "Head of midwifery")
    journey.fill("Create a password", "maternity vision six boroughs")
    journey.fill("Type your password again", "maternity vision six boroughs")
    journey.click("Create account")
    journey.see_heading("Your programmes")
    # And confirm their email address from the link they were sent
    link = re.search(r"https?://\S+(/accounts/confirm-email/\S+/)", mail.outbox[-1].body)
    assert link, mail.outbox[-1].body
    journey.open(link.group(1))
    journey.see_heading("Confirm your email address")
    journey.click("Confirm")
    # And start a programme
    journey.click("Start a new programme", role="link")
    journey.see_heading("Start a new programme")
    journey.fill("Programme name", "A five-year vision for maternity")
    journey.fill("The change challenge", "Safer, kinder maternity care across six boroughs.")
    journey.click("Create programme")
    # Then they are in the new programme's workspace
    journey.see("Programme created")
    assert Programme.objects.get(name="A five-year vision for maternity").memberships.count() == 1
    # And after signing out and back in, the programme is on their list
    sign_out(journey)
    sign_in(journey, "priya.lead@example.nhs.uk", "maternity vision six boroughs")
    journey.see_heading("Your programmes")
    journey.see("A five-year vision for maternity")


def test_convenor_invites_a_partner_who_accepts(journey: Journey) -> None:
    # Given a convenor with a programme, and a partner who already has an account
    convenor, programme = convenor_with_programme()
    person("dev.council@example.gov.uk", "Dev Councillor")
    sign_in(journey, convenor.email, PASSWORD)
    # When the convenor invites the partner
    journey.open(f"/p/{programme.slug}/people/")
    journey.click("Invite one person", role="link")
    journey.fill("Email address", "dev.council@example.gov.uk")
    journey.select("Role", "Member")
    journey.click("Send invitation")
    journey.see("Invitation sent to dev.council@example.gov.uk")
    link = re.search(r"https?://\S+(/invitations/\S+/)", mail.outbox[-1].body)
    assert link, mail.outbox[-1].body
    sign_out(journey)
    # And the partner follows the link, reads what it is about, signs in and accepts
    journey.open(link.group(1))
    journey.see_heading(f"Join {programme.name}")
    journey.click("I already have an account: sign in", role="link")
    journey.see_heading("Sign in")
    sign_in(journey, "dev.council@example.gov.uk", PASSWORD)
    journey.see_heading(f"Join {programme.name}")
    journey.click("Accept and join")
    # Then they are in the programme
    journey.see(f"Welcome to {programme.name}")
    assert programme.memberships.filter(user__email="dev.council@example.gov.uk").exists()


def test_editing_the_shared_purpose_and_restoring_an_older_version(journey: Journey) -> None:
    # Given a convenor with a programme
    convenor, programme = convenor_with_programme()
    sign_in(journey, convenor.email, PASSWORD)
    journey.open(f"/p/{programme.slug}/purpose/")
    # When they write the shared purpose, then change it
    journey.click("Write the shared purpose", role="link")
    journey.fill("Our shared purpose", "Adults with complex needs get joined-up care in Hebburn.")
    journey.click("Save the shared purpose")
    journey.see("joined-up care in Hebburn")
    journey.click("Edit the shared purpose", role="link")
    journey.fill("Our shared purpose", "Adults with complex needs get joined-up care close to home.")
    journey.fill("What changed and why (optional)", "Widened after the Jarrow workshop")
    journey.click("Save the shared purpose")
    journey.see("close to home")
    # And restore the first version from the history
    journey.follow("See every version of the shared purpose")
    journey.see_heading("Every version of the shared purpose")
    journey.click_on(journey.page.get_by_role("link", name=re.compile(r"^View")).last)
    journey.see_heading("The shared purpose on")
    journey.click("Restore this version")
    # Then the first text is the shared purpose again, and both versions stay in the history
    journey.see("joined-up care in Hebburn")
    journey.follow("See every version of the shared purpose")
    assert journey.page.get_by_role("link", name=re.compile(r"^View")).count() == 3
