from __future__ import annotations

from django.urls import reverse

from tests.factories import OrganisationFactory


def test_people_can_give_their_name_role_and_organisations(cast, as_member):
    trust = OrganisationFactory(name="South Tyneside Community Trust")
    response = as_member.post(
        reverse("accounts:profile"),
        {"full_name": "Priya Shah", "job_title": "Community matron", "organisations": [trust.pk]},
    )
    assert response.status_code == 302
    cast.member.refresh_from_db()
    assert cast.member.display_name == "Priya Shah"
    assert list(cast.member.organisations.all()) == [trust]
    page = as_member.get(reverse("accounts:profile")).content.decode()
    assert "Your details have been saved." in page


def test_a_name_is_required(as_member):
    response = as_member.post(reverse("accounts:profile"), {"full_name": "", "job_title": ""})
    assert "Enter your name" in response.content.decode()
