from __future__ import annotations

import re

from django.core import mail
from django.urls import reverse

from mobilise.programmes.models import Invitation, Membership, Programme
from mobilise.programmes.roles import Role
from tests.factories import UserFactory


def test_creating_a_programme_makes_you_its_convenor(cast):
    client = cast.client_for("outsider")
    response = client.post(
        reverse("programmes:create"),
        {"name": "Maternity vision across six boroughs", "challenge": "A five-year vision."},
    )
    programme = Programme.objects.get(name="Maternity vision across six boroughs")
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:home", kwargs={"slug": programme.slug})
    assert programme.memberships.get(user=cast.outsider).role == Role.CONVENOR


def test_create_without_a_name_says_what_to_enter(as_convenor):
    response = as_convenor.post(reverse("programmes:create"), {"name": "", "challenge": ""})
    assert response.status_code == 200
    assert "Enter a programme name" in response.content.decode()
    assert "Describe the change challenge" in response.content.decode()


def test_programme_list_shows_only_your_programmes_with_what_needs_attention(cast, as_member):
    page = as_member.get(reverse("programmes:list")).content.decode()
    assert "Neighbourhood teams" in page
    assert "Another alliance" not in page
    assert "Would it help to start the shared purpose? Nobody has written it yet." in page
    # A new programme is framing its issue: it is invited to look at what matters then, not counted.
    look = "Would it help to look at Our shared purpose, Leadership for change and Transparent measurement"
    assert look in page
    assert "of 8 components" not in page
    assert "Spread of innovation" not in page


def test_invitation_round_trip(cast, as_convenor):
    response = as_convenor.post(
        reverse("programmes:invite", kwargs={"slug": cast.programme.slug}),
        {"email": "New.Person@Example.nhs.uk", "role": Role.FACILITATOR},
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/invitations/[^/\s]+/)", mail.outbox[0].body).group(1)

    newcomer = UserFactory(email="new.person@example.nhs.uk")
    client = cast.client_for("anonymous")
    client.force_login(newcomer)
    assert client.get(link).status_code == 200
    response = client.post(link + "accept/")
    assert response.status_code == 302
    assert Membership.objects.get(programme=cast.programme, user=newcomer).role == Role.FACILITATOR
    assert Invitation.objects.get(email="new.person@example.nhs.uk").accepted_at is not None


def test_invitation_for_someone_else_is_refused_with_a_reason(cast, as_convenor):
    as_convenor.post(
        reverse("programmes:invite", kwargs={"slug": cast.programme.slug}),
        {"email": "intended@example.nhs.uk", "role": Role.MEMBER},
    )
    link = re.search(r"http://testserver(/invitations/[^/\s]+/)", mail.outbox[0].body).group(1)
    response = cast.client_for("outsider").post(link + "accept/")
    assert response.status_code == 400
    assert "This invitation was sent to intended@example.nhs.uk" in response.content.decode()
    assert not Membership.objects.filter(programme=cast.programme, user=cast.outsider).exists()


def test_tampered_invitation_link_is_404(cast):
    response = cast.client_for("outsider").get("/invitations/not-a-real-token/")
    assert response.status_code == 404


def test_the_last_convenor_cannot_step_down(cast, as_convenor):
    membership = Membership.objects.get(programme=cast.programme, user=cast.convenor)
    url = reverse("programmes:member_role", kwargs={"slug": cast.programme.slug, "pk": membership.pk})
    response = as_convenor.post(url, {"role": Role.MEMBER})
    assert "A programme needs at least one convenor" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == Role.CONVENOR
