"""Actions: quick add from a component page, stuck needs words, overdue on the home, owners who leave."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from mobilise.delivery.models import Action
from mobilise.programmes.models import Membership

from .factories import ActionFactory

pytestmark = pytest.mark.django_db


def test_quick_add_from_a_component_page_lands_on_that_component(cast: Any) -> None:
    client = cast.client_for("member")
    component_url = reverse(
        "workspace:component", kwargs={"slug": cast.programme.slug, "component": "engagement"}
    )
    page = client.get(component_url).content.decode()
    assert "Add an action for this component" in page
    response = client.post(
        reverse("delivery:action_create", kwargs={"slug": cast.programme.slug}) + "?component=engagement",
        {
            "title": "Meet the patient panel",
            "components": "engagement",
            "status": "planned",
            "owner": cast.member.pk,
        },
    )
    assert response.status_code == 302
    action = Action.objects.get(title="Meet the patient panel")
    assert action.component_keys == ["engagement"] and action.owner == cast.member
    assert "Meet the patient panel" in client.get(component_url).content.decode()


def test_a_stuck_action_says_what_is_in_the_way(cast: Any) -> None:
    url = reverse("delivery:action_create", kwargs={"slug": cast.programme.slug})
    data = {"title": "Shared care record access", "components": ["delivery"], "status": "stuck"}
    response = cast.client_for("member").post(url, data)
    assert response.status_code == 200
    assert "Say what is in the way" in response.content.decode()
    response = cast.client_for("member").post(
        url, {**data, "in_the_way": "Waiting on the data sharing agreement"}
    )
    assert response.status_code == 302


def test_overdue_actions_are_mentioned_gently_on_the_home(cast: Any) -> None:
    home = reverse("workspace:home", kwargs={"slug": cast.programme.slug})
    assert "Worth a check-in" not in cast.client_for("viewer").get(home).content.decode()
    ActionFactory(
        programme=cast.programme, title="Send the letters", due_on=timezone.localdate() - dt.timedelta(days=3)
    )
    ActionFactory(programme=cast.programme, title="Done already", status="done", due_on=dt.date(2020, 1, 1))
    page = cast.client_for("viewer").get(home).content.decode()
    assert "Worth a check-in" in page and "Send the letters" in page and "Done already" not in page


def test_an_owner_who_leaves_keeps_their_actions_visible_and_reassignable(cast: Any) -> None:
    action = ActionFactory(programme=cast.programme, owner=cast.facilitator, title="Draft the pathway")
    Membership.objects.filter(programme=cast.programme, user=cast.facilitator).delete()
    client = cast.client_for("member")
    listing = client.get(reverse("delivery:actions", kwargs={"slug": cast.programme.slug})).content.decode()
    assert "Test Facilitator (has left the programme)" in listing
    edit = reverse("delivery:action_edit", kwargs={"slug": cast.programme.slug, "pk": action.pk})
    assert "Test Facilitator" in client.get(edit).content.decode()
    response = client.post(
        edit,
        {
            "title": "Draft the pathway",
            "components": ["delivery"],
            "status": "doing",
            "owner": cast.member.pk,
            "version": "1",
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.owner == cast.member


def test_my_actions_and_by_partner_show_only_those(cast: Any) -> None:
    ActionFactory(programme=cast.programme, owner=cast.member, title="Mine to do")
    ActionFactory(programme=cast.programme, owner=cast.convenor, title="Someone else's")
    url = reverse("delivery:actions", kwargs={"slug": cast.programme.slug}) + "?mine=1"
    page = cast.client_for("member").get(url).content.decode()
    assert "Mine to do" in page and "Someone else&#39;s" not in page and "Someone else's" not in page


def test_a_deleted_action_goes_to_the_bin(cast: Any) -> None:
    action = ActionFactory(programme=cast.programme)
    url = reverse("delivery:action_delete", kwargs={"slug": cast.programme.slug, "pk": action.pk})
    assert cast.client_for("member").post(url).status_code == 302
    assert not Action.objects.filter(pk=action.pk).exists()
    assert Action.all_objects.get(pk=action.pk).deleted_at is not None
    bin_page = cast.client_for("convenor").get(
        reverse("programmes:bin", kwargs={"slug": cast.programme.slug})
    )
    assert f"Action: {action.title}" in bin_page.content.decode()
