"""The board paper carries risks by their impact on the purpose, agreements that need a decision and
energy from the latest pulse, contributed by the apps that own them, and keeps small groups hidden."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from mobilise.delivery.models import Confirmation, PartnerConfirmation
from tests.delivery.factories import AgreementFactory, RiskFactory
from tests.factories import OrganisationFactory
from tests.pulse.helpers import answer_all, make_pulse, open_wave


def _draft(cast: Any) -> str:
    url = reverse("boardpaper:draft", kwargs={"slug": cast.programme.slug})
    response = cast.client_for("viewer").get(url)
    assert response.status_code == 200
    return str(response.content.decode())


def test_open_risks_come_highest_first_with_their_impact_on_the_purpose(cast: Any) -> None:
    p = cast.programme
    RiskFactory(
        programme=p,
        title="Winter pressures stop the work",
        likelihood=5,
        impact=5,
        purpose_impact="People wait longer for care at home.",
    )
    RiskFactory(programme=p, title="A partner leaves", likelihood=2, impact=2)
    RiskFactory(programme=p, title="Closed one", likelihood=5, impact=5, status="closed")
    text = _draft(cast)
    assert "Risks, by what they would do to our shared purpose" in text
    assert text.index("Winter pressures stop the work") < text.index("A partner leaves")
    assert "25 (extreme)" in text and "People wait longer for care at home." in text
    assert "Closed one" not in text


def test_agreements_waiting_for_partners_are_listed_with_their_concerns(cast: Any) -> None:
    p = cast.programme
    waiting = AgreementFactory(programme=p, title="Share one care plan")
    settled = AgreementFactory(programme=p, title="Meet monthly")
    council, hospice = OrganisationFactory(name="City Council"), OrganisationFactory(name="St Anne's Hospice")
    PartnerConfirmation.objects.create(agreement=waiting, organisation=council)
    PartnerConfirmation.objects.create(
        agreement=waiting, organisation=hospice, state=Confirmation.CONCERNS, concern="Consent for sharing"
    )
    PartnerConfirmation.objects.create(agreement=settled, organisation=council, state=Confirmation.CONFIRMED)
    text = _draft(cast)
    assert "Agreements that need a decision" in text
    assert "Share one care plan" in text and "City Council" in text
    assert "St Anne&#39;s Hospice: Consent for sharing" in text
    assert "Meet monthly" not in text


def test_no_section_appears_when_there_is_nothing_to_say(cast: Any) -> None:
    text = _draft(cast)
    assert "Risks, by what they would do" not in text
    assert "Agreements that need a decision" not in text
    assert "Energy for the change" not in text


def test_energy_from_the_latest_pulse_is_shown_only_for_groups_big_enough(cast: Any) -> None:
    pulse = make_pulse(cast)
    _, tokens = open_wave(pulse, 5, user=cast.convenor)
    answer_all(tokens, 4)
    text = _draft(cast)
    assert "Energy for the change" in text
    assert "Physical energy" in text and "Not shown" in text
    assert "4.0" not in text  # five people: the mean is withheld
