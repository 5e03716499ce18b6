"""Understanding value: costs, benefits and time released, never without the assumptions."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from mobilise.workshops.models import ValueCase
from tests.measurement.factories import MeasureFactory


def test_a_value_case_needs_its_assumptions_and_links_only_this_programmes_measures(cast: Any) -> None:
    mine = MeasureFactory(programme=cast.programme, name="Same-day visits")
    theirs = MeasureFactory(programme=cast.other_programme, name="Someone else's")
    url = reverse("workshops:value_new", kwargs={"slug": cast.programme.slug})
    client = cast.client_for("member")
    data = {"title": "Same-day visits", "costs": "25000", "cashable": "40000", "hours_released": "120"}
    refused = client.post(url, {**data, "measures": [str(theirs.pk)]})
    text = refused.content.decode()
    assert "Write down the assumptions behind the numbers" in text and "Choose measures from the list" in text
    assert not ValueCase.objects.exists()
    saved = client.post(
        url, {**data, "measures": [str(mine.pk)], "assumptions": "Two nurses stay\nDemand holds"}
    )
    assert saved.status_code == 302
    page = client.get(saved["Location"]).content.decode()
    assert "£25,000" in page and "£40,000" in page and "120 hours a month" in page
    assert "Demand holds" in page and "Same-day visits</a>" in page


def test_pence_and_negative_amounts_are_refused_in_plain_words(cast: Any) -> None:
    url = reverse("workshops:value_new", kwargs={"slug": cast.programme.slug})
    response = cast.client_for("member").post(
        url, {"title": "X", "costs": "-5", "cashable": "10.50", "assumptions": "Some"}
    )
    text = response.content.decode()
    assert "Enter an amount of 0 or more" in text and "Enter whole pounds, without pence" in text
