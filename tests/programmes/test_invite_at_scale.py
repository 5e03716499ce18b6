"""Inviting many people at once, join links, reminders and the invitation page before sign-in."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from mobilise.accounts.models import User
from mobilise.programmes.bulk import check, rows_from_text
from mobilise.programmes.models import Invitation, JoinLink, Membership
from mobilise.programmes.roles import Role
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


def _invite_list(client: Client, cast, text: str = "", upload=None, **extra):
    data = {"people": text, "role": Role.MEMBER, "message": "", **extra}
    if upload is not None:
        data["upload"] = upload
    return client.post(reverse("programmes:invite_list", kwargs={"slug": cast.programme.slug}), data)


def test_a_pasted_list_invites_everyone_each_by_name_with_their_own_link(cast, as_convenor):
    OrganisationFactory(name="Northfield Hospital")
    text = (
        "email,name,organisation,role,job title\n"
        "amira.khan@example.nhs.uk,Amira Khan,Northfield Hospital,member,Discharge coordinator\n"
        "Sam.Jones@Example.org,Sam Jones,Carers Together,viewer,Volunteer\n"
        "lee@example.nhs.uk,,,,\n"
    )
    response = _invite_list(as_convenor, cast, text, message="We need you at the table.")
    assert response.status_code == 302
    invitations = {i.email: i for i in Invitation.objects.filter(programme=cast.programme)}
    assert set(invitations) == {"amira.khan@example.nhs.uk", "sam.jones@example.org", "lee@example.nhs.uk"}
    assert invitations["amira.khan@example.nhs.uk"].organisation.name == "Northfield Hospital"
    assert invitations["sam.jones@example.org"].organisation_name == "Carers Together"
    assert invitations["sam.jones@example.org"].role == Role.VIEWER
    assert invitations["lee@example.nhs.uk"].role == Role.MEMBER
    assert all(i.sent_at for i in invitations.values())
    assert len(mail.outbox) == 3
    to_amira = next(m for m in mail.outbox if m.to == ["amira.khan@example.nhs.uk"])
    assert to_amira.body.startswith("Dear Amira Khan,")
    assert "We need you at the table." in to_amira.body
    assert "Test Convenor has invited you" in to_amira.body
    links = {re.search(r"http://testserver(/invitations/\S+/)", m.body).group(1) for m in mail.outbox}
    assert len(links) == 3


def test_a_list_with_problems_invites_nobody_and_names_every_row(cast, as_convenor):
    text = (
        "email,name,organisation\n"
        "good@example.nhs.uk,Good Person,\n"
        "not-an-address,Bad Address,\n"
        "good@example.nhs.uk,Twice Listed,\n"
        "member@example.nhs.uk,Already Here,\n"
        "odd@example.nhs.uk,Smith, John,Extra\n"
    )
    response = _invite_list(as_convenor, cast, text)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Row 3, email: “not-an-address” is not an email address" in page
    assert "Row 4, email: good@example.nhs.uk is already on row 2" in page
    assert "Row 5, email: member@example.nhs.uk is already a member of the programme" in page
    assert "Row 6: This row has 4 cells but the list has 3 columns" in page
    assert "Nobody has been invited yet" in page
    assert not Invitation.objects.filter(programme=cast.programme).exists()
    assert mail.outbox == []


def test_an_excel_workbook_is_read_like_a_pasted_list(cast, as_convenor):
    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "Email address", "Job title"])
    sheet.append(["Priya Shah", "priya@example.nhs.uk", "Ward sister"])
    sheet.append(["Tom Reid", "tom@example.org", None])
    data = io.BytesIO()
    book.save(data)
    upload = SimpleUploadedFile("people.xlsx", data.getvalue())
    assert _invite_list(as_convenor, cast, upload=upload).status_code == 302
    priya = Invitation.objects.get(email="priya@example.nhs.uk")
    assert (priya.full_name, priya.job_title) == ("Priya Shah", "Ward sister")
    assert Invitation.objects.filter(email="tom@example.org").exists()


def test_a_file_that_is_not_a_list_is_refused_plainly(cast, as_convenor):
    upload = SimpleUploadedFile("people.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"0" * 100)
    response = _invite_list(as_convenor, cast, upload=upload)
    assert "Save the sheet as an Excel Workbook (.xlsx) or as CSV" in response.content.decode()
    assert not Invitation.objects.exists()


def test_facilitators_invite_and_members_only_when_a_convenor_allows(cast):
    text = "email\nfriend@example.org\n"
    assert _invite_list(cast.client_for("facilitator"), cast, text).status_code == 302
    as_member = cast.client_for("member")
    assert _invite_list(as_member, cast, "email\nother@example.org\n").status_code == 403
    cast.client_for("convenor").post(
        reverse("programmes:invite_rule", kwargs={"slug": cast.programme.slug}),
        {"members_may_invite": "on", "version": cast.programme.version},
    )
    assert _invite_list(as_member, cast, "email\nother@example.org\n").status_code == 302
    # Nobody invites above their own role.
    response = _invite_list(as_member, cast, "email,role\nboss@example.org,facilitator\n")
    assert "Row 2, role: You cannot invite someone as a facilitator" in response.content.decode()


def test_the_invitation_page_says_what_by_whom_and_why_before_sign_in(cast, as_convenor):
    _invite_list(
        as_convenor, cast, "email,name\nnew@example.org,Nia New\n", message="Your voice matters here."
    )
    link = re.search(r"http://testserver(/invitations/\S+/)", mail.outbox[0].body).group(1)
    page = Client().get(link).content.decode()
    assert "Join Neighbourhood teams" in page
    assert cast.programme.challenge in page
    assert "Test Convenor invited you to take part as a member" in page
    assert "Your voice matters here." in page
    assert "Create an account" in page and "new@example.org" in page


def test_sign_up_asks_name_organisation_and_job_role(db):
    organisation = OrganisationFactory(name="Southside Council")
    client = Client()
    page = client.get(reverse("account_signup")).content.decode()
    assert "Your name" in page and "Your job or role" in page and "Your organisation" in page
    response = client.post(
        reverse("account_signup"),
        {
            "email": "ruth@example.org",
            "full_name": "Ruth Green",
            "job_title": "Social worker",
            "organisation": organisation.pk,
            "password1": "river stone lantern okra",
            "password2": "river stone lantern okra",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="ruth@example.org")
    assert (user.full_name, user.job_title) == ("Ruth Green", "Social worker")
    assert list(user.organisations.all()) == [organisation]


def test_sign_up_without_a_name_or_role_says_what_to_enter(db):
    response = Client().post(
        reverse("account_signup"),
        {
            "email": "x@example.org",
            "password1": "river stone lantern okra",
            "password2": "river stone lantern okra",
        },
    )
    page = response.content.decode()
    assert "Enter your name" in page and "Enter your job or role" in page
    assert not User.objects.filter(email="x@example.org").exists()


def test_a_join_link_lets_people_ask_and_a_convenor_decides(cast, as_convenor):
    slug = cast.programme.slug
    as_convenor.post(reverse("programmes:join_link_create", kwargs={"slug": slug}), {"role": Role.MEMBER})
    link = JoinLink.objects.get(programme=cast.programme)
    url = reverse("programmes:join", kwargs={"token": link.token})
    assert "Ask to join Neighbourhood teams" in Client().get(url).content.decode()

    newcomer = UserFactory(full_name="Jo Newcomer", email="jo@example.org")
    client = Client()
    client.force_login(newcomer)
    client.post(url, {"reason": "I run the carers' group."})
    assert not Membership.objects.filter(programme=cast.programme, user=newcomer).exists()
    people = as_convenor.get(reverse("programmes:members", kwargs={"slug": slug})).content.decode()
    assert "Jo Newcomer" in people and "I run the carers&#39; group." in people

    request = cast.programme.join_requests.get()
    as_convenor.post(
        reverse("programmes:join_request_decide", kwargs={"slug": slug, "pk": request.pk}),
        {"decision": "approve"},
    )
    assert Membership.objects.get(programme=cast.programme, user=newcomer).role == Role.MEMBER


@pytest.mark.parametrize("how", ["revoked", "expired"])
def test_a_switched_off_or_expired_join_link_lets_nobody_ask(cast, as_convenor, how):
    link = JoinLink.objects.create(
        programme=cast.programme, token="t" * 43, expires_at=timezone.now() + timedelta(days=1)
    )
    if how == "revoked":
        as_convenor.post(
            reverse("programmes:join_link_revoke", kwargs={"slug": cast.programme.slug, "pk": link.pk})
        )
    else:
        JoinLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    client = Client()
    client.force_login(UserFactory())
    response = client.post(reverse("programmes:join", kwargs={"token": link.token}), {"reason": ""})
    assert "This link has expired or been switched off" in response.content.decode()
    assert not cast.programme.join_requests.exists()


def test_reminders_go_once_to_people_who_have_not_answered_and_stop_after_two(cast, as_convenor):
    _invite_list(as_convenor, cast, "email\nslow@example.org\nquick@example.org\n")
    Invitation.objects.filter(email="quick@example.org").update(accepted_at=timezone.now())
    url = reverse("programmes:invitations_remind", kwargs={"slug": cast.programme.slug})
    mail.outbox.clear()
    as_convenor.post(url)
    assert mail.outbox == []  # too soon: invitations went just now
    for round_ in (1, 2, 3):
        Invitation.objects.update(
            sent_at=timezone.now() - timedelta(days=10), reminded_at=timezone.now() - timedelta(days=4)
        )
        as_convenor.post(url)
        as_convenor.post(url)  # a second click sends nothing more
        expected = min(round_, 2)
        assert [m.to for m in mail.outbox] == [["slow@example.org"]] * expected
        assert mail.outbox[-1].subject.startswith("Reminder:")


def test_a_day_s_invitations_are_limited(cast, as_convenor, settings):
    settings.INVITATIONS_PER_DAY = 3
    _invite_list(as_convenor, cast, "email\na@example.org\nb@example.org\n")
    response = _invite_list(as_convenor, cast, "email\nc@example.org\nd@example.org\n")
    assert "A programme can send 3 invitations a day" in response.content.decode()
    assert Invitation.objects.count() == 2


def test_the_people_page_takes_the_same_queries_for_ten_or_sixty_people(
    cast, as_convenor, django_assert_max_num_queries
):
    url = reverse("programmes:members", kwargs={"slug": cast.programme.slug})
    as_convenor.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert as_convenor.get(url).status_code == 200
        return len(ctx.captured_queries)

    for _ in range(10):
        MembershipFactory(programme=cast.programme, organisation=OrganisationFactory())
    few = count()
    for _ in range(50):
        MembershipFactory(programme=cast.programme, organisation=OrganisationFactory())
    _invite_list(as_convenor, cast, "email\n" + "\n".join(f"p{i}@example.org" for i in range(40)))
    assert count() == few


# The rules, on families of generated lists -----------------------------------------------------

good_email = st.from_regex(r"[a-z]{1,8}\.[a-z]{1,8}@example\.(org|nhs\.uk)", fullmatch=True)
bad_email = st.sampled_from(["", "nobody", "a@", "@example.org", "a b@example.org", "a@@b.org"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(st.one_of(good_email, bad_email), st.booleans()), min_size=1, max_size=25))
def test_every_bad_row_is_reported_and_a_clean_list_passes_whole(cast, rows):
    lines = ["email,name"] + [f"{email},{'Named' if named else ''}" for email, named in rows]
    checked = check(
        rows_from_text("\n".join(lines)),
        programme=cast.programme,
        inviter_role=Role.CONVENOR,
        default_role=Role.MEMBER,
    )
    seen: set[str] = set()
    expected_bad = set()
    for number, (email, _) in enumerate(rows, start=2):
        good = bool(re.fullmatch(r"[a-z.]+@example\.(org|nhs\.uk)", email))
        if not good or email in seen:
            expected_bad.add(number)
        seen.add(email)
    assert {p.row for p in checked.problems} == expected_bad
    assert all(p.column == "email" for p in checked.problems)
    if not expected_bad:
        assert checked.ok
        assert [p.email for p in checked.people] == [e for e, _ in rows]
