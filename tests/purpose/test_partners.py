"""Partners with a voice: a page per partner organisation, and their differences and endorsements
shown beside the shared purpose."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from mobilise.purpose.models import PartnerVoice
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

from .factories import write_purpose


@pytest.fixture
def partners(cast: Any) -> dict[str, Any]:
    trust = OrganisationFactory(name="Northfield Hospital", type="nhs_trust")
    carers = OrganisationFactory(name="Carers Together", type="voluntary")
    cast.programme.partners.add(trust, carers)
    return {"trust": trust, "carers": carers}


def _save(client: Any, cast: Any, organisation: Any, **data: Any) -> Any:
    url = reverse(
        "purpose:partner_edit", kwargs={"slug": cast.programme.slug, "organisation_id": organisation.pk}
    )
    voice = PartnerVoice.objects.filter(programme=cast.programme, organisation=organisation).first()
    return client.post(url, {"version": voice.version if voice else 1, **data})


def test_a_partner_records_its_voice_difference_and_endorsement_shown_beside_the_purpose(
    cast: Any, partners: dict[str, Any], as_member: Any
) -> None:
    write_purpose(cast.programme, cast.convenor, statement="Adults with complex needs stay well at home.")
    lead = UserFactory(full_name="Sue Carer")
    MembershipFactory(programme=cast.programme, user=lead, organisation=partners["carers"])
    response = _save(
        as_member,
        cast,
        partners["carers"],
        why_joined="Carers hold the whole picture.",
        pressures="Volunteers are stretched thin.",
        differences="Carers' own health should be in the purpose too.",
        endorsement="reservations",
        lead=lead.pk,
    )
    assert response.status_code == 302
    page = as_member.get(reverse("purpose:detail", kwargs={"slug": cast.programme.slug})).content.decode()
    beside = page[page.index("Where partner organisations stand") :]
    assert "Carers Together" in beside and "We endorse it, with reservations" in beside
    assert "Carers' own health should be in the purpose too." in beside
    # Every partner is listed the same way, the trust with nothing said yet.
    assert "Northfield Hospital" in beside and "Not said yet" in beside

    partner_page = as_member.get(
        reverse(
            "purpose:partner", kwargs={"slug": cast.programme.slug, "organisation_id": partners["carers"].pk}
        )
    ).content.decode()
    assert "Carers hold the whole picture." in partner_page
    assert "Volunteers are stretched thin." in partner_page
    assert "Lead: Sue Carer." in partner_page


def test_an_endorsement_says_when_the_purpose_has_changed_since(
    cast: Any, partners: dict[str, Any], as_member: Any
) -> None:
    write_purpose(cast.programme, cast.convenor, statement="First words.")
    _save(as_member, cast, partners["trust"], endorsement="endorses")
    write_purpose(cast.programme, cast.convenor, statement="Second words.")
    page = as_member.get(reverse("purpose:detail", kwargs={"slug": cast.programme.slug})).content.decode()
    assert "We endorse it</" not in page
    assert "(an earlier version)" in page


def test_a_stale_save_of_a_partner_page_keeps_the_persons_text_with_409(
    cast: Any, partners: dict[str, Any], as_member: Any, as_convenor: Any
) -> None:
    _save(as_convenor, cast, partners["trust"], why_joined="Theirs.")
    url = reverse(
        "purpose:partner_edit", kwargs={"slug": cast.programme.slug, "organisation_id": partners["trust"].pk}
    )
    response = as_member.post(url, {"version": 1, "why_joined": "Mine, typed meanwhile."})
    assert response.status_code == 409
    assert "Mine, typed meanwhile." in response.content.decode()
    assert PartnerVoice.objects.get(organisation=partners["trust"]).why_joined == "Theirs."


def test_only_partners_of_this_programme_have_pages(cast: Any, as_member: Any) -> None:
    stranger = OrganisationFactory(name="Elsewhere Trust")
    url = reverse("purpose:partner", kwargs={"slug": cast.programme.slug, "organisation_id": stranger.pk})
    assert as_member.get(url).status_code == 404
