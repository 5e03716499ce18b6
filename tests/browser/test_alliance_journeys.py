"""Journeys for an alliance, not a steering group: a convenor invites a hundred people from a
spreadsheet, sends a relationship survey to everyone in one step, a partner records where it
differs on the shared purpose, and a newcomer finds the welcome page. At 1280 and 320 px, axe clean."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from django.core import mail
from django.test import Client
from openpyxl import Workbook
from playwright.sync_api import expect

from mobilise.accounts.models import Organisation
from mobilise.programmes.models import Invitation, Membership
from mobilise.programmes.roles import Role
from tests.engagement.helpers import make_survey
from tests.purpose.factories import write_purpose

from .people import PASSWORD, convenor_with_programme
from .steps import Journey, sign_in

pytestmark = pytest.mark.browser

WIDTHS = [1280, 320]


# The list spreads a hundred people over three partners; a fourth partner has nobody on it.
PARTNERS = [
    ("Carers Together", "voluntary"),
    ("Northfield Hospital", "nhs_trust"),
    ("Jarrow Patient Voice", "patient_group"),
]
MISSING_PARTNER = ("South Tyneside Council", "local_authority")
JOINING_PASSWORD = "harbour lantern okra tide"


def _leader(i: int) -> tuple[str, str, str]:
    return f"leader{i}@example.org", f"Leader {i:03}", PARTNERS[i % len(PARTNERS)][0]


def _spreadsheet(folder: Path, count: int) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["email", "name", "organisation", "role", "job title"])
    for i in range(count):
        email, name, organisation = _leader(i)
        sheet.append([email, name, organisation, "member", "Volunteer"])
    path = folder / "alliance.xlsx"
    book.save(path)
    return path


def _link_in_invitation_email(email: str) -> str:
    """The path of the link in the invitation email sent to this address (as the person would click it)."""
    [body] = [m.body for m in mail.outbox if m.to == [email] and m.subject.startswith("Join ")]
    found = re.search(r"https?://[^/\s]+(/invitations/\S+/)", body)
    assert found, f"No invitation link in the email to {email}:\n{body}"
    return found.group(1)


def _join_in_the_browser(journey: Journey, programme_name: str, email: str, name: str) -> None:
    journey.open(_link_in_invitation_email(email))
    journey.see_heading(f"Join {programme_name}")
    journey.click("Create an account", role="link")
    journey.fill("Email address", email)
    journey.fill("Your name", name)
    journey.fill("Your job or role", "Partnership lead")
    journey.fill("Create a password", JOINING_PASSWORD)
    journey.fill("Type your password again", JOINING_PASSWORD)
    journey.click("Create account")
    journey.click("Accept and join")
    journey.see(f"Welcome to {programme_name}")
    journey.click("Sign out")


def _join_by_email_link(email: str, name: str, number: int) -> None:
    """Someone else's computer: their own address, their own link, the same pages as a browser sends."""
    client = Client(
        REMOTE_ADDR=f"10.9.{number // 200}.{number % 200 + 1}"
    )  # sign-ups are limited per address
    preview = client.get(_link_in_invitation_email(email))
    assert preview.status_code == 200 and f"An invitation for {name}" in preview.content.decode()
    signup = re.search(r'href="([^"]*/accounts/signup/[^"]*)"', preview.content.decode())
    assert signup, "The invitation page should offer to create an account"
    signup_url = html.unescape(signup.group(1))
    assert client.get(signup_url).status_code == 200
    made = client.post(
        signup_url,
        {
            "email": email,
            "full_name": name,
            "job_title": "Partnership lead",
            "password1": JOINING_PASSWORD,
            "password2": JOINING_PASSWORD,
        },
    )
    assert made.status_code == 302, f"Sign-up for {email} was refused"
    accepted = client.post(made["Location"])
    assert accepted.status_code == 302, f"{email} could not accept the invitation"


@pytest.mark.parametrize("width", WIDTHS)
def test_a_convenor_invites_a_hundred_then_surveys_them_all_and_a_partner_has_its_say(
    journey: Journey, tmp_path: Path, width: int
) -> None:
    journey.page.set_viewport_size({"width": width, "height": 900})
    # Given a convenor with a programme and four partners, one of which is on nobody's list
    convenor, programme = convenor_with_programme()
    partners = {
        name: Organisation.objects.create(name=name, type=kind) for name, kind in [*PARTNERS, MISSING_PARTNER]
    }
    carers = partners["Carers Together"]
    programme.partners.add(*partners.values())
    write_purpose(programme, convenor, statement="Adults with complex needs stay well at home.")
    sign_in(journey, convenor.email, PASSWORD)
    # When they invite a hundred people from a spreadsheet
    journey.open(f"/p/{programme.slug}/people/")
    journey.follow("Invite a list of people")
    journey.page.get_by_label("Or upload a spreadsheet (CSV or Excel .xlsx)").set_input_files(
        str(_spreadsheet(tmp_path, 100))
    )
    journey.fill("Why you are inviting them (optional, goes in every email)", "We need a hundred leaders.")
    journey.click("Check the list and send")
    # Then all hundred are invited, each by name
    journey.see("100 invitations on the way")
    assert Invitation.objects.filter(programme=programme).count() == 100
    assert sum(1 for m in mail.outbox if m.body.startswith("Dear Leader")) == 100
    journey.click("Sign out")

    # When three of them join from their emails in the browser, and the other 97 from their own
    for i in range(3):
        email, name, _ = _leader(i)
        _join_in_the_browser(journey, programme.name, email, name)
    for i in range(3, 100):
        email, name, _ = _leader(i)
        _join_by_email_link(email, name, i)
    # Then all hundred are members, under their own names and with the organisation from the list
    joined = {
        m.user.email: (m.user.full_name, m.organisation.name if m.organisation else None, m.role)
        for m in Membership.objects.filter(programme=programme)
        .exclude(user=convenor)
        .select_related("user", "organisation")
    }
    assert joined == {_leader(i)[0]: (_leader(i)[1], _leader(i)[2], Role.MEMBER) for i in range(100)}
    # And the people page shows the convenor which partner nobody has joined from
    sign_in(journey, convenor.email, PASSWORD)
    journey.open(f"/p/{programme.slug}/people/")
    journey.see("Members by organisation")
    journey.see("Nobody has joined yet from 1 partner organisation: South Tyneside Council.")
    by_organisation = journey.page.get_by_role("table", name="Members by organisation")
    for organisation, count in [
        ("Carers Together", 34),
        ("Northfield Hospital", 33),
        ("Jarrow Patient Voice", 33),
    ]:
        row = by_organisation.get_by_role("row").filter(has_text=organisation)
        expect(row.get_by_role("cell").last).to_have_text(str(count))

    # When the convenor sends a relationship survey in one step
    survey = make_survey(programme, convenor, title="Who we turn to")
    mail.outbox.clear()
    journey.open(f"/p/{programme.slug}/relationships/{survey.pk}/")
    journey.click("Email the survey to everyone")
    # Then everyone has their own link by email
    journey.see("The survey is on its way to 101 people by email")
    assert len(mail.outbox) == 101

    # When the voluntary partner records where it differs and whether it endorses the purpose
    journey.open(f"/p/{programme.slug}/partners/{carers.pk}/edit/")
    journey.fill("Why we joined", "Carers hold the whole picture.")
    journey.fill("Where we see the shared purpose differently", "Carers' own health belongs in it too.")
    journey.choose("We endorse it, with reservations")
    journey.click("Save Carers Together's page")
    journey.see("Carers hold the whole picture.")
    # Then the difference is shown beside the purpose, not buried
    journey.open(f"/p/{programme.slug}/purpose/")
    journey.see("Carers' own health belongs in it too.")
    journey.see("We endorse it, with reservations")
    # And a newcomer's welcome page brings it together
    journey.open(f"/p/{programme.slug}/welcome/")
    journey.see_heading(f"Welcome to {programme.name}")
    journey.see("Carers Together on the shared purpose")


@pytest.mark.parametrize("width", WIDTHS)
def test_an_invited_person_reads_the_invitation_then_signs_up_with_name_and_role(
    journey: Journey, width: int
) -> None:
    journey.page.set_viewport_size({"width": width, "height": 900})
    convenor, programme = convenor_with_programme()
    sign_in(journey, convenor.email, PASSWORD)
    journey.open(f"/p/{programme.slug}/people/invite/list/")
    journey.fill("Paste the list", "email,name\nnia.new@example.org,Nia New")
    journey.click("Check the list and send")
    link = next(m for m in mail.outbox if m.to == ["nia.new@example.org"]).body
    path = link[link.index("/invitations/") :].split()[0]
    journey.click("Sign out")
    # The invitation says what, by whom and why, before any sign-in
    journey.open(path)
    journey.see_heading(f"Join {programme.name}")
    journey.see("Amira Khan invited you to take part as a member")
    journey.click("Create an account", role="link")
    journey.fill("Email address", "nia.new@example.org")
    journey.fill("Your name", "Nia New")
    journey.fill("Your job or role", "Patient partner")
    journey.fill("Create a password", "harbour lantern okra tide")
    journey.fill("Type your password again", "harbour lantern okra tide")
    journey.click("Create account")
    journey.see_heading(f"Join {programme.name}")
    journey.click("Accept and join")
    journey.see(f"Welcome to {programme.name}")
    assert programme.memberships.filter(user__full_name="Nia New", user__job_title="Patient partner").exists()
