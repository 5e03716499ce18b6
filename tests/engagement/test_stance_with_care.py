"""Stance with care: only convenors and facilitators see or set where someone stands; everyone
sees what the person cares about, and the register leads with it."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from mobilise.engagement.models import Stakeholder

from .factories import StakeholderFactory


def _url(name: str, cast: Any, **kwargs: Any) -> str:
    return reverse(f"engagement:{name}", kwargs={"slug": cast.programme.slug, **kwargs})


@pytest.fixture
def sceptic(cast: Any) -> Stakeholder:
    return StakeholderFactory(
        programme=cast.programme,
        name="Dr Rae Moss",
        stance="opponent",
        interest="Keeping the ward's specialist nurses",
    )


@pytest.mark.parametrize("role", ["member", "viewer"])
def test_members_and_viewers_see_what_someone_cares_about_not_their_label(
    cast: Any, sceptic: Stakeholder, role: str
) -> None:
    client = cast.client_for(role)
    for page in (
        client.get(_url("stakeholders", cast)).content.decode(),
        client.get(_url("stakeholder_detail", cast, pk=sceptic.pk)).content.decode(),
    ):
        assert "Keeping the ward&#39;s specialist nurses" in page
        assert "Opponent" not in page and "Where they stand" not in page


@pytest.mark.parametrize("role", ["convenor", "facilitator"])
def test_convenors_and_facilitators_see_the_stance_marked_as_theirs_only(
    cast: Any, sceptic: Stakeholder, role: str
) -> None:
    page = cast.client_for(role).get(_url("stakeholders", cast)).content.decode()
    assert "Opponent" in page and "convenors and facilitators only" in page
    # The register leads with what they care about, before organisation or label.
    head = page[page.index("<thead") : page.index("</thead>")]
    assert head.index("What they care about") < head.index("Organisation") < head.index("Where they stand")


def test_a_member_editing_cannot_see_or_change_the_stance_and_keeps_it(
    cast: Any, sceptic: Stakeholder, as_member: Any
) -> None:
    form = as_member.get(_url("stakeholder_edit", cast, pk=sceptic.pk)).content.decode()
    assert 'name="stance"' not in form
    as_member.post(
        _url("stakeholder_edit", cast, pk=sceptic.pk),
        {
            "name": "Dr Rae Moss",
            "kind": "person",
            "formal_authority": "none",
            "informal_influence": "high",
            "engagement_current": "for",
            "engagement_desired": "with",
            "stance": "champion",  # sent anyway: ignored
            "interest": "Keeping specialist nurses on the ward",
            "version": sceptic.version,
        },
    )
    sceptic.refresh_from_db()
    assert sceptic.stance == "opponent"
    assert sceptic.engagement_current == "for"


def test_changes_of_stance_stay_out_of_the_history_members_see(
    cast: Any, sceptic: Stakeholder, as_convenor: Any, as_member: Any
) -> None:
    as_convenor.post(
        _url("stakeholder_edit", cast, pk=sceptic.pk),
        {
            "name": "Dr Rae Moss",
            "kind": "person",
            "formal_authority": "none",
            "informal_influence": "low",
            "engagement_current": "to",
            "engagement_desired": "with",
            "stance": "sceptic",
            "interest": sceptic.interest,
            "version": sceptic.version,
        },
    )
    assert (
        "Stance: Opponent → Sceptic"
        in as_convenor.get(_url("stakeholder_detail", cast, pk=sceptic.pk)).content.decode()
    )
    member_page = as_member.get(_url("stakeholder_detail", cast, pk=sceptic.pk)).content.decode()
    assert "Sceptic" not in member_page and "Opponent" not in member_page
