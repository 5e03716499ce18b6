"""Sending a relationship survey to its whole roster by email in one step, reminders, the link
export, and the live response rate by organisation (organisations with fewer than 8 asked merged)."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from typing import Any

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mobilise.engagement.models import Respondent
from mobilise.programmes.models import Membership
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

from .factories import StakeholderFactory
from .helpers import make_survey


def _url(name: str, cast: Any, survey: Any) -> str:
    return reverse(f"engagement:{name}", kwargs={"slug": cast.programme.slug, "pk": survey.pk})


def test_one_click_emails_everyone_their_own_link_and_a_second_click_sends_nothing_more(
    cast: Any, as_convenor: Any
) -> None:
    StakeholderFactory(programme=cast.programme, name="Pat No-Email", kind="person")
    survey = make_survey(cast.programme, cast.convenor, title="Who we go to for advice")
    as_convenor.post(_url("survey_send", cast, survey))
    members = set(Membership.objects.filter(programme=cast.programme).values_list("user__email", flat=True))
    assert {m.to[0] for m in mail.outbox} == members
    links = {re.search(r"http://testserver(/s/\S+/)", m.body).group(1) for m in mail.outbox}
    assert len(links) == len(members)
    to_member = next(m for m in mail.outbox if m.to == ["member@example.nhs.uk"])
    assert to_member.body.startswith("Dear Test Member,") and "Test Convenor asks you" in to_member.body
    # The link works without signing in.
    member_link = re.search(r"http://testserver(/s/\S+/)", to_member.body).group(1)
    assert Client().get(member_link).status_code == 200

    page = as_convenor.get(_url("survey_detail", cast, survey)).content.decode()
    assert f"{len(members)} of {len(members) + 1} people have been emailed" in page
    assert "1 person has no email address" in page
    as_convenor.post(_url("survey_send", cast, survey))
    assert len(mail.outbox) == len(members)


def test_reminders_go_only_to_people_who_have_not_answered(cast: Any, as_convenor: Any) -> None:
    survey = make_survey(cast.programme, cast.convenor)
    as_convenor.post(_url("survey_send", cast, survey))
    Respondent.objects.filter(survey=survey, user=cast.member).update(submitted_at=timezone.now())
    mail.outbox.clear()
    as_convenor.post(_url("survey_remind", cast, survey))
    assert mail.outbox == []  # too soon after the first email
    Respondent.objects.filter(survey=survey).update(emailed_at=timezone.now() - timedelta(days=4))
    as_convenor.post(_url("survey_remind", cast, survey))
    as_convenor.post(_url("survey_remind", cast, survey))
    reminded = {m.to[0] for m in mail.outbox}
    assert "member@example.nhs.uk" not in reminded
    assert reminded == {"convenor@example.nhs.uk", "facilitator@example.nhs.uk", "viewer@example.nhs.uk"}
    assert all(m.subject.startswith("Reminder:") for m in mail.outbox)


def test_links_export_as_a_spreadsheet_safe_to_open(cast: Any, as_convenor: Any) -> None:
    StakeholderFactory(programme=cast.programme, name="=HYPERLINK(1)", kind="person")
    # A valid address can start with a formula character too.
    StakeholderFactory(programme=cast.programme, name="Ali Plus", kind="person", email="=1+1@example.nhs.uk")
    survey = make_survey(cast.programme, cast.convenor)
    response = as_convenor.get(_url("survey_links_csv", cast, survey))
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert response["Content-Disposition"].startswith("attachment")
    assert {r["name"] for r in rows} >= {"Test Member", "'=HYPERLINK(1)"}
    assert all(r["link"].startswith("http://testserver/s/") for r in rows)
    assert next(r for r in rows if r["name"] == "'=HYPERLINK(1)")["email"] == ""
    assert next(r for r in rows if r["name"] == "Ali Plus")["email"] == "'=1+1@example.nhs.uk"
    assert next(r for r in rows if r["name"] == "Test Member")["email"] == "member@example.nhs.uk"


def test_response_rate_by_organisation_merges_organisations_under_eight(cast: Any) -> None:
    big = OrganisationFactory(name="Northfield Hospital")
    small = OrganisationFactory(name="Carers Together")
    for i in range(10):
        MembershipFactory(
            programme=cast.programme, organisation=big, user=UserFactory(full_name=f"Nurse {i}")
        )
    council = OrganisationFactory(name="Southside Council")
    for i in range(8):
        MembershipFactory(
            programme=cast.programme, organisation=council, user=UserFactory(full_name=f"Officer {i}")
        )
    for i in range(3):
        MembershipFactory(
            programme=cast.programme, organisation=small, user=UserFactory(full_name=f"Carer {i}")
        )
    survey = make_survey(cast.programme, cast.convenor)
    answered = Respondent.objects.filter(survey=survey, entry__organisation_name="Northfield Hospital")[:9]
    Respondent.objects.filter(pk__in=[r.pk for r in answered]).update(submitted_at=timezone.now())
    page = cast.client_for("member").get(_url("survey_rate", cast, survey)).content.decode()
    table = page[page.index("Answers so far, by organisation") :]
    assert "Northfield Hospital" in table
    assert "Carers Together" not in table  # 3 people: merged with others
    assert "Smaller organisations together" in table
    # 9 of 10 answered: the one who has not is a small count, so a member sees neither number.
    assert "90%" not in table and "all but fewer than 8" in table
    named = cast.client_for("convenor").get(_url("survey_rate", cast, survey)).content.decode()
    assert "90%" in named[named.index("Answers so far") :]


def test_people_in_the_register_with_an_email_address_are_sent_their_own_link(
    cast: Any, as_convenor: Any
) -> None:
    from mobilise.core.bin import move_to_bin
    from mobilise.pulse.services import recipients

    StakeholderFactory(
        programme=cast.programme, name="Jo Bell", kind="person", email="jo.bell@council.example"
    )
    StakeholderFactory(programme=cast.programme, name="Pat No-Email", kind="person")
    gone = StakeholderFactory(
        programme=cast.programme, name="Sam Gone", kind="person", email="sam@gone.example"
    )
    survey = make_survey(cast.programme, cast.convenor)
    move_to_bin(gone, by=cast.convenor)
    as_convenor.post(_url("survey_send", cast, survey))
    to_jo = [m for m in mail.outbox if m.to == ["jo.bell@council.example"]]
    assert len(to_jo) == 1 and to_jo[0].body.startswith("Dear Jo Bell,")
    assert not [m for m in mail.outbox if m.to == ["sam@gone.example"]]
    # Jo's link works without an account, once.
    link = re.search(r"http://testserver(/s/\S+/)", to_jo[0].body).group(1)
    assert Client().get(link).status_code == 200
    page = as_convenor.get(_url("survey_detail", cast, survey)).content.decode()
    assert "2 people have no email address" in page  # Pat, and Sam who was binned
    sheet = as_convenor.get(_url("survey_links_csv", cast, survey)).content.decode().lstrip("\ufeff")
    rows = {row[0]: row for row in csv.reader(io.StringIO(sheet))}
    assert rows["Jo Bell"][2] == "jo.bell@council.example" and rows["Pat No-Email"][2] == ""
    # The pulse goes to the same people: members and the register's addresses, never a binned one.
    assert "jo.bell@council.example" in recipients(cast.programme)
    assert "sam@gone.example" not in recipients(cast.programme)
