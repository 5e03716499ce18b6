"""Agreements: only a partner's lead (or a convenor) answers; concerns in words; replacing keeps the old."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from mobilise.delivery.models import Agreement, PartnerConfirmation, PartnerLead
from mobilise.workspace.models import Note

from .factories import AgreementFactory, partner_of

pytestmark = pytest.mark.django_db


def _answer_url(cast: Any, agreement: Agreement, organisation: Any) -> str:
    return reverse(
        "delivery:agreement_confirm",
        kwargs={"slug": cast.programme.slug, "pk": agreement.pk, "partner": organisation.pk},
    )


def test_only_the_partners_lead_or_a_convenor_may_answer(cast: Any) -> None:
    agreement = AgreementFactory(programme=cast.programme)
    organisation = partner_of(cast.programme)
    PartnerLead.objects.create(programme=cast.programme, organisation=organisation, lead=cast.member)
    url = _answer_url(cast, agreement, organisation)
    refused = cast.client_for("facilitator").post(url, {"state": "confirmed", "version": "0"})
    assert refused.status_code == 403
    assert not PartnerConfirmation.objects.exists()
    assert "Only " in cast.client_for("facilitator").get(url).content.decode()
    assert cast.client_for("member").post(url, {"state": "confirmed", "version": "0"}).status_code == 302
    answer = PartnerConfirmation.objects.get()
    assert answer.state == "confirmed" and answer.answered_by == cast.member
    again = cast.client_for("convenor").post(url, {"state": "concerns", "concern": "Cost", "version": "1"})
    assert again.status_code == 302


def test_a_concern_must_be_put_into_words(cast: Any) -> None:
    agreement = AgreementFactory(programme=cast.programme)
    organisation = partner_of(cast.programme)
    response = cast.client_for("convenor").post(
        _answer_url(cast, agreement, organisation), {"state": "concerns", "version": "0"}
    )
    assert "Say what the concern is" in response.content.decode()


def test_replacing_an_agreement_keeps_the_old_one_visible(cast: Any) -> None:
    old = AgreementFactory(programme=cast.programme, title="Weekly huddles")
    client = cast.client_for("member")
    response = client.post(
        reverse("delivery:agreement_supersede", kwargs={"slug": cast.programme.slug, "pk": old.pk}),
        {"title": "Fortnightly huddles", "decided_on": "01/05/2026", "components": ["delivery"]},
    )
    assert response.status_code == 302
    listing = client.get(
        reverse("delivery:agreements", kwargs={"slug": cast.programme.slug})
    ).content.decode()
    assert "Weekly huddles" in listing and "Fortnightly huddles" in listing and "Replaced" in listing
    twice = client.post(
        reverse("delivery:agreement_supersede", kwargs={"slug": cast.programme.slug, "pk": old.pk}),
        {"title": "Monthly", "decided_on": "01/06/2026", "components": ["delivery"]},
    )
    assert "already been replaced" in twice.content.decode()


def test_decisions_written_on_component_pages_are_in_the_same_list(cast: Any) -> None:
    Note.objects.create(
        programme=cast.programme, component="purpose", kind="decision", title="One front door"
    )
    Note.objects.create(programme=cast.programme, component="purpose", kind="note", title="Just a thought")
    page = cast.client_for("viewer").get(reverse("delivery:agreements", kwargs={"slug": cast.programme.slug}))
    assert "One front door" in page.content.decode()
    assert "Just a thought" not in page.content.decode()
