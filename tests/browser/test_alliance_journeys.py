"""Journeys for an alliance, not a steering group: a convenor invites a hundred people from a
spreadsheet, sends a relationship survey to everyone in one step, a partner records where it
differs on the shared purpose, and a newcomer finds the welcome page. At 1280 and 320 px, axe clean."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core import mail
from openpyxl import Workbook

from mobilise.accounts.models import Organisation
from mobilise.programmes.models import Invitation, Membership
from mobilise.programmes.roles import Role
from tests.engagement.helpers import make_survey
from tests.purpose.factories import write_purpose

from .people import PASSWORD, convenor_with_programme
from .steps import Journey, sign_in

pytestmark = pytest.mark.browser

WIDTHS = [1280, 320]


def _spreadsheet(folder: Path, count: int) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["email", "name", "organisation", "role", "job title"])
    for i in range(count):
        sheet.append([f"leader{i}@example.org", f"Leader {i:03}", "Carers Together", "member", "Volunteer"])
    path = folder / "alliance.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize("width", WIDTHS)
def test_a_convenor_invites_a_hundred_then_surveys_them_all_and_a_partner_has_its_say(
    journey: Journey, tmp_path: Path, width: int
) -> None:
    journey.page.set_viewport_size({"width": width, "height": 900})
    # Given a convenor with a programme and a voluntary partner
    convenor, programme = convenor_with_programme()
    carers = Organisation.objects.create(name="Carers Together", type="voluntary")
    programme.partners.add(carers)
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

    # Given they have all joined, when the convenor sends a relationship survey in one step
    for invitation in Invitation.objects.filter(programme=programme):
        user = type(convenor).objects.create_user(invitation.email, full_name=invitation.full_name)
        Membership.objects.create(programme=programme, user=user, role=Role.MEMBER, organisation=carers)
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
