"""Risks: the 5×5 score and its bands, the required impact on our shared purpose, score over time."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from mobilise.delivery.models import Risk
from mobilise.delivery.presenters import band, heat_map

from .factories import RiskFactory

pytestmark = pytest.mark.django_db
POST = {"title": "Winter pressures", "likelihood": "4", "impact": "5", "status": "open"}


@given(st.integers(1, 5), st.integers(1, 5))
def test_every_score_falls_in_exactly_the_usual_band(likelihood: int, impact: int) -> None:
    score = likelihood * impact
    expected = "low" if score <= 3 else "moderate" if score <= 6 else "high" if score <= 12 else "extreme"
    assert band(score).key == expected


@given(st.dictionaries(st.tuples(st.integers(1, 5), st.integers(1, 5)), st.integers(0, 500)))
def test_the_heat_map_has_every_cell_once_and_loses_no_risk(grid: dict[tuple[int, int], int]) -> None:
    cells = heat_map(grid)
    assert len({(c.likelihood, c.impact) for c in cells}) == 25
    assert sum(c.count for c in cells) == sum(grid.values())
    assert len({(c.x, c.y) for c in cells}) == 25


def test_a_risk_needs_its_impact_on_our_shared_purpose(cast: Any) -> None:
    url = reverse("delivery:risk_create", kwargs={"slug": cast.programme.slug})
    response = cast.client_for("member").post(url, POST)
    assert response.status_code == 200
    assert "Say how this would affect our shared purpose" in response.content.decode()
    assert not Risk.objects.exists()
    response = cast.client_for("member").post(url, {**POST, "purpose_impact": "Teams stop meeting."})
    assert response.status_code == 302
    assert Risk.objects.get().score == 20


def test_the_score_over_time_comes_from_the_history(cast: Any) -> None:
    client = cast.client_for("member")
    client.post(
        reverse("delivery:risk_create", kwargs={"slug": cast.programme.slug}),
        {**POST, "purpose_impact": "Teams stop meeting."},
    )
    risk = Risk.objects.get()
    client.post(
        reverse("delivery:risk_edit", kwargs={"slug": cast.programme.slug, "pk": risk.pk}),
        {**POST, "purpose_impact": "Teams stop meeting.", "likelihood": "2", "version": str(risk.version)},
    )
    page = client.get(reverse("delivery:risk_detail", kwargs={"slug": cast.programme.slug, "pk": risk.pk}))
    text = page.content.decode()
    assert text.index(">20<") < text.index(">10<")  # oldest first: 4×5, then 2×5


def test_the_heat_map_table_counts_open_risks_only(cast: Any) -> None:
    RiskFactory(programme=cast.programme, likelihood=5, impact=5)
    RiskFactory(programme=cast.programme, likelihood=5, impact=5, status="closed")
    page = cast.client_for("viewer").get(reverse("delivery:risks", kwargs={"slug": cast.programme.slug}))
    assert '1 <span class="nhsuk-body-s">(extreme, 25)</span>' in page.content.decode()
