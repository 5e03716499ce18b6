"""Named leads: shown on the component page, the home's table and the who-leads-what page."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from mobilise.delivery.models import ComponentLeads
from mobilise.programmes.models import Membership

from .factories import partner_of

pytestmark = pytest.mark.django_db


def _component(cast: Any, key: str) -> str:
    return reverse("workspace:component", kwargs={"slug": cast.programme.slug, "component": key})


def test_a_component_without_a_lead_is_an_invitation(cast: Any) -> None:
    page = cast.client_for("member").get(_component(cast, "system_drivers")).content.decode()
    assert "Who will lead this?" in page
    home = cast.client_for("viewer").get(reverse("workspace:home", kwargs={"slug": cast.programme.slug}))
    assert home.content.decode().count("Who will lead this?") == 8


def test_naming_two_leads_shows_them_everywhere(cast: Any) -> None:
    client = cast.client_for("member")
    url = reverse("delivery:leads_edit", kwargs={"slug": cast.programme.slug, "component": "delivery"})
    response = client.post(
        url,
        {"leads": [cast.member.pk, cast.convenor.pk], "working_group": "Tuesday ops huddle", "version": "0"},
    )
    assert response.status_code == 302
    for path in (
        _component(cast, "delivery"),
        reverse("workspace:home", kwargs={"slug": cast.programme.slug}),
        reverse("delivery:leads", kwargs={"slug": cast.programme.slug}),
    ):
        page = client.get(path).content.decode()
        assert "Test Member" in page and "Test Convenor" in page, path
    leads = ComponentLeads.objects.get(programme=cast.programme, component="delivery")
    assert leads.history.latest().history_user == cast.member  # type: ignore[attr-defined]


def test_an_outsider_cannot_be_named_a_lead(cast: Any) -> None:
    url = reverse("delivery:leads_edit", kwargs={"slug": cast.programme.slug, "component": "delivery"})
    response = cast.client_for("member").post(url, {"leads": [cast.outsider.pk], "version": "0"})
    assert response.status_code == 200
    assert "Choose people from the list" in response.content.decode()
    assert not ComponentLeads.objects.filter(programme=cast.programme, leads=cast.outsider).exists()


def test_a_lead_who_leaves_stays_visible_as_having_left(cast: Any) -> None:
    organisation = partner_of(cast.programme)
    client = cast.client_for("convenor")
    client.post(
        reverse("delivery:partner_lead_edit", kwargs={"slug": cast.programme.slug, "pk": organisation.pk}),
        {"lead": cast.member.pk, "version": "0"},
    )
    Membership.objects.filter(programme=cast.programme, user=cast.member).delete()
    page = client.get(reverse("delivery:leads", kwargs={"slug": cast.programme.slug})).content.decode()
    assert "Test Member (has left the programme)" in page


@pytest.mark.parametrize(
    "component,tools",
    [
        ("leadership", ["Who leads what", "Critical mass of change leaders"]),
        ("engagement", ["stakeholders in the register", "relationship surveys"]),
        ("delivery", ["open actions", "open risks and issues", "agreements recorded"]),
        ("system_drivers", ["system drivers register"]),
    ],
)
def test_each_component_page_links_to_its_tools(cast: Any, component: str, tools: list[str]) -> None:
    page = cast.client_for("viewer").get(_component(cast, component)).content.decode()
    for tool in tools:
        assert tool in page, tool


def test_the_welcome_page_says_who_leads_each_part_and_invites_a_lead_where_nobody_does(cast: Any) -> None:
    from mobilise.workspace.components import BY_KEY

    MEASUREMENT = BY_KEY["measurement"].name
    row = ComponentLeads.objects.create(programme=cast.programme, component="measurement")
    row.leads.add(cast.member)
    url = reverse("purpose:orientation", kwargs={"slug": cast.programme.slug})
    text = cast.client_for("viewer").get(url).content.decode()
    assert "Who leads each part of the work" in text
    assert f"{MEASUREMENT}: {cast.member.display_name}" in text
    assert "Leadership for change: who will lead this?" in text
