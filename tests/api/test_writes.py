"""Adding and changing tests of change, stakeholders, actions and risks with a token: the web's own
checks, a version for safe changes (409 on a stale one), located errors, and an audit line each."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mobilise.api.models import ApiAuditLine
from mobilise.delivery.models import Action, Risk
from mobilise.engagement.models import Stakeholder
from mobilise.pdsa.models import TestOfChange
from tests.delivery.factories import RiskFactory
from tests.engagement.factories import StakeholderFactory
from tests.pdsa.factories import ChangeIdeaFactory

from .helpers import api_client, token_for

PROBLEM = "application/problem+json"


def base(cast: Any) -> str:
    return f"/api/v1/programmes/{cast.programme.slug}"


def send(client: Any, method: str, url: str, body: dict[str, Any]) -> Any:
    return client.generic(method, url, json.dumps(body), content_type="application/json")


def test_a_member_logs_a_test_of_change_and_moves_it_on(cast: Any) -> None:
    idea = ChangeIdeaFactory(programme=cast.programme, title="Morning huddle")
    client = api_client(token_for(cast.member, [cast.programme]))
    made = send(
        client,
        "POST",
        f"{base(cast)}/tests-of-change",
        {"title": "Huddle at Oak Lane", "change_idea": idea.pk, "planned_start": "2026-03-02"},
    )
    assert made.status_code == 201, made.content
    assert made["ETag"] == 'W/"1"'
    body = made.json()
    assert (body["title"], body["change_idea"], body["version"]) == (
        "Huddle at Oak Lane",
        "Morning huddle",
        1,
    )
    test = TestOfChange.objects.get(pk=body["id"])
    assert test.history.latest().history_user == cast.member  # the same history as the web

    moved = send(
        client,
        "PATCH",
        f"{base(cast)}/tests-of-change/{test.pk}",
        {"version": 1, "stage": "done", "done_on": "2026-03-09", "outcome": "adopt"},
    )
    assert moved.status_code == 200, moved.content
    assert moved.json()["tested_on"] == "2026-03-09" and moved.json()["version"] == 2
    test.refresh_from_db()
    assert (test.title, test.stage, test.outcome) == ("Huddle at Oak Lane", "done", "adopt")  # title kept

    listed = client.get(f"{base(cast)}/tests-of-change").json()["results"]
    assert [t["id"] for t in listed] == [test.pk]
    lines = list(ApiAuditLine.objects.filter(programme=cast.programme).order_by("pk"))
    assert [(line.method, line.status, line.user) for line in lines] == [
        ("POST", 201, cast.member),
        ("PATCH", 200, cast.member),
    ]
    assert "stage" in lines[1].summary


def test_a_stale_version_gets_409_and_changes_nothing(cast: Any) -> None:
    stakeholder = StakeholderFactory(programme=cast.programme, name="Cllr Tait", stance="sceptic")
    client = api_client(token_for(cast.facilitator, [cast.programme]))
    url = f"{base(cast)}/stakeholders/{stakeholder.pk}"
    first = send(client, "PATCH", url, {"version": 1, "engagement_current": "for"})
    assert first.status_code == 200 and first["ETag"] == 'W/"2"'
    stale = send(client, "PATCH", url, {"version": 1, "role": "Leader of the council"})
    assert stale.status_code == 409
    assert stale["Content-Type"] == PROBLEM and "version 2" in stale.json()["detail"]
    stakeholder.refresh_from_db()
    assert (stakeholder.role, stakeholder.engagement_current) == ("", "for")
    assert stakeholder.stance == "sceptic"  # never set through the API
    assert ApiAuditLine.objects.filter(method="PATCH").count() == 1


@pytest.mark.parametrize(
    "path,body,field",
    [
        ("tests-of-change", {"title": " ", "change_idea": 1, "planned_start": "2026-03-02"}, "title"),
        ("tests-of-change", {"title": "A", "change_idea": 1, "planned_start": "1980-01-01"}, "planned_start"),
        ("stakeholders", {"name": "Ann", "kind": "alien"}, "kind"),
        ("actions", {"title": "Stuck one", "status": "stuck"}, "in_the_way"),
        ("risks", {"title": "Staff leave"}, "purpose_impact"),
        ("risks", {"title": "Staff leave", "purpose_impact": "Fewer visits", "impact": 6}, "impact"),
    ],
)
def test_what_cannot_be_used_is_a_problem_naming_the_field(
    cast: Any, path: str, body: dict[str, Any], field: str
) -> None:
    client = api_client(token_for(cast.member, [cast.programme]))
    response = send(client, "POST", f"{base(cast)}/{path}", body)
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == PROBLEM
    assert field in [e["field"] for e in response.json()["errors"]]
    assert not ApiAuditLine.objects.exists()


def test_ids_from_another_programme_are_refused_by_field(cast: Any) -> None:
    theirs = ChangeIdeaFactory(programme=cast.other_programme)
    client = api_client(token_for(cast.member, [cast.programme]))
    response = send(
        client,
        "POST",
        f"{base(cast)}/tests-of-change",
        {"title": "Borrowed idea", "change_idea": theirs.pk, "planned_start": "2026-03-02"},
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"index": None, "field": "change_idea", "message": "Choose a change idea of this programme"}
    ]
    outsider_owner = send(
        client, "POST", f"{base(cast)}/actions", {"title": "Call", "owner": cast.outsider.pk}
    )
    assert [e["field"] for e in outsider_owner.json()["errors"]] == ["owner"]
    assert not TestOfChange.objects.exists() and not Action.objects.exists()


def test_a_new_stakeholder_and_action_appear_in_their_lists(cast: Any) -> None:
    client = api_client(token_for(cast.convenor, [cast.programme]))
    who = send(client, "POST", f"{base(cast)}/stakeholders", {"name": "Dr Ann Lee", "owner": cast.member.pk})
    assert who.status_code == 201, who.content
    assert Stakeholder.objects.get(pk=who.json()["id"]).owner == cast.member
    action = send(client, "POST", f"{base(cast)}/actions", {"title": "Book room", "owner": cast.member.pk})
    assert action.status_code == 201 and action.json()["owner"] == cast.member.display_name
    assert [s["name"] for s in client.get(f"{base(cast)}/stakeholders").json()["results"]] == ["Dr Ann Lee"]
    assert client.get(f"{base(cast)}/actions").json()["count"] == 1


@pytest.mark.django_db
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(likelihood=st.integers(1, 5), impact=st.integers(1, 5), sent_version=st.integers(1, 4))
def test_a_risk_is_scored_as_on_the_web_and_only_its_current_version_changes_it(
    cast: Any, likelihood: int, impact: int, sent_version: int
) -> None:
    risk = RiskFactory(programme=cast.programme, likelihood=3, impact=3)
    Risk.objects.filter(pk=risk.pk).update(version=2)
    client = api_client(token_for(cast.member, [cast.programme]))
    response = send(
        client,
        "PATCH",
        f"{base(cast)}/risks/{risk.pk}",
        {"version": sent_version, "likelihood": likelihood, "impact": impact},
    )
    risk.refresh_from_db()
    if sent_version == 2:
        assert response.status_code == 200
        assert response.json()["score"] == likelihood * impact == risk.score
        assert risk.version == 3
    else:
        assert response.status_code == 409
        assert (risk.score, risk.version) == (9, 2)
