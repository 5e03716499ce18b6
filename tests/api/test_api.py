"""The REST API as an analyst meets it: tokens, programmes, data points, icons and refusals."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import override_settings
from django.utils import timezone

from mobilise.api.models import ApiAuditLine, ApiToken
from mobilise.measurement.models import DataPoint

from .helpers import api_client, monthly_measure, months, token_for

PROBLEM = "application/problem+json"


def base(cast: Any) -> str:
    return f"/api/v1/programmes/{cast.programme.slug}"


def test_a_token_lists_only_the_programmes_it_was_given(cast: Any) -> None:
    cast.other_programme.memberships.create(user=cast.member, role="viewer")
    client = api_client(token_for(cast.member, [cast.programme]))
    response = client.get("/api/v1/programmes")
    assert response.status_code == 200
    assert [p["slug"] for p in response.json()] == [cast.programme.slug]
    assert response.json()[0]["role"] == "member"
    assert client.get(f"/api/v1/programmes/{cast.other_programme.slug}").status_code == 404


@pytest.mark.parametrize(
    "secret_kind",
    ["none", "unknown", "expired", "revoked"],
)
def test_missing_bad_expired_and_revoked_tokens_get_401_problem(cast: Any, secret_kind: str) -> None:
    secret: str | None = token_for(cast.member, [cast.programme])
    token = ApiToken.objects.get()
    if secret_kind == "none":
        secret = None
    elif secret_kind == "unknown":
        secret = "mob_" + "x" * 43
    elif secret_kind == "expired":
        ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    else:
        ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    response = api_client(secret).get("/api/v1/programmes")
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM
    assert response.json()["status"] == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_pushing_a_month_of_points_then_reading_the_icons(cast: Any) -> None:
    measure = monthly_measure(cast.programme, cast.convenor)
    client = api_client(token_for(cast.member, [cast.programme]))
    values = [76, 78, 75, 77, 79, 76, 78, 77, 75, 76, 78, 77, 79, 80, 82, 84, 85, 86, 87, 88, 89, 90]
    points = [{"period": d.isoformat(), "value": v} for d, v in zip(months(len(values)), values, strict=True)]
    response = client.put(
        f"{base(cast)}/measures/{measure.pk}/points", {"points": points}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert response.json() == {"created": 22, "updated": 0, "unchanged": 0, "skipped": 0}
    # Sent again with one correction: one updated, the rest unchanged.
    points[-1]["value"] = 91
    again = client.put(
        f"{base(cast)}/measures/{measure.pk}/points", {"points": points}, content_type="application/json"
    ).json()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 1, 21)
    spc = client.get(f"{base(cast)}/measures/{measure.pk}/spc").json()
    assert spc["variation_icon"] == "improvement_high"
    assert spc["assurance_icon"] is not None
    assert len(spc["periods"]) == 22
    assert ApiAuditLine.objects.filter(user=cast.member, programme=cast.programme, method="PUT").count() == 2


def test_every_bad_point_is_located_and_nothing_is_saved(cast: Any) -> None:
    measure = monthly_measure(cast.programme, cast.convenor)
    client = api_client(token_for(cast.member, [cast.programme]))
    points = [
        {"period": "2024-01-01", "value": 1},
        {"period": "2024-02-01", "value": "lots"},
        {"period": "not a date", "value": 3},
        {"period": "2024-04-01", "value": 4, "denominator": False},
    ]
    response = client.put(
        f"{base(cast)}/measures/{measure.pk}/points", {"points": points}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM
    located = {(e["index"], e["field"]) for e in response.json()["errors"]}
    assert located == {(1, "value"), (2, "period"), (3, "denominator")}
    # Rules of the measure's chart, checked like an imported file: repeated periods are named too.
    repeated = [{"period": "2024-01-01", "value": 1}, {"period": "2024-01-15", "value": 2}]
    response = client.put(
        f"{base(cast)}/measures/{measure.pk}/points", {"points": repeated}, content_type="application/json"
    )
    assert response.status_code == 422
    assert [e["index"] for e in response.json()["errors"]] == [1]
    assert not DataPoint.objects.filter(measure=measure).exists()


def test_viewer_and_read_only_tokens_cannot_write(cast: Any) -> None:
    measure = monthly_measure(cast.programme, cast.convenor)
    url = f"{base(cast)}/measures/{measure.pk}/points"
    body = {"points": [{"period": "2024-01-01", "value": 1}]}
    viewer = api_client(token_for(cast.viewer, [cast.programme]))
    assert viewer.put(url, body, content_type="application/json").status_code == 403
    read_only = api_client(token_for(cast.convenor, [cast.programme], access="read"))
    response = read_only.put(url, body, content_type="application/json")
    assert response.status_code == 403 and response["Content-Type"] == PROBLEM
    assert read_only.get(url).status_code == 200
    outsider = api_client(token_for(cast.outsider, [cast.other_programme]))
    assert outsider.get(url).status_code == 404
    assert not DataPoint.objects.exists()


def test_a_change_from_an_old_version_gets_409(cast: Any) -> None:
    measure = monthly_measure(cast.programme, cast.convenor)
    client = api_client(token_for(cast.member, [cast.programme]))
    url = f"{base(cast)}/measures/{measure.pk}"
    read = client.get(url)
    version = read.json()["version"]
    assert read["ETag"] == f'W/"{version}"'
    first = client.patch(url, {"version": version, "target": 90}, content_type="application/json")
    assert first.status_code == 200 and first.json()["target"] == 90
    second = client.patch(url, {"version": version, "target": 80}, content_type="application/json")
    assert second.status_code == 409 and second["Content-Type"] == PROBLEM
    measure.refresh_from_db()
    assert measure.target == 90


def test_points_page_and_filter_by_date(cast: Any) -> None:
    measure = monthly_measure(cast.programme, cast.convenor)
    for i, d in enumerate(months(30)):
        DataPoint.objects.create(measure=measure, period=d, value=float(i))
    client = api_client(token_for(cast.viewer, [cast.programme]))
    first = client.get(f"{base(cast)}/measures/{measure.pk}/points?limit=10&start=2024-06-01").json()
    assert first["count"] == 25
    assert first["results"][0]["period"] == "2024-06-01"
    following = client.get(first["next"]).json()
    assert following["results"][0]["period"] == "2025-04-01"
    ranged = client.get(f"{base(cast)}/measures/{measure.pk}/points?start=2024-02-01&end=2024-03-31").json()
    assert [p["period"] for p in ranged["results"]] == ["2024-02-01", "2024-03-01"]


@override_settings(API_REQUESTS_PER_MINUTE=3)
def test_too_many_requests_get_429_with_retry_after(cast: Any) -> None:
    client = api_client(token_for(cast.viewer, [cast.programme]))
    statuses = [client.get("/api/v1/programmes").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/v1/programmes")
    assert refused["Content-Type"] == PROBLEM
    assert 1 <= int(refused["Retry-After"]) <= 60


def test_last_used_time_is_kept(cast: Any) -> None:
    client = api_client(token_for(cast.viewer, [cast.programme]))
    client.get("/api/v1/programmes")
    assert ApiToken.objects.get().last_used_at is not None


def test_the_token_page_shows_a_new_token_once_and_stores_only_its_digest(cast: Any) -> None:
    client = cast.client_for("member")
    response = client.post(
        "/account/api-tokens/",
        {"name": "Warehouse", "programmes": [cast.programme.pk], "access": "write", "days": "30"},
    )
    assert response.status_code == 302
    page = client.get("/account/api-tokens/").content.decode()
    token = ApiToken.objects.get(user=cast.member)
    start = page.index("mob_")
    secret = page[start : page.index("<", start)]
    assert token.digest != secret and token.prefix in secret
    assert secret not in client.get("/account/api-tokens/").content.decode()
    assert api_client(secret).get("/api/v1/programmes").status_code == 200
    client.post("/account/api-tokens/revoke/", {"token": token.pk})
    assert api_client(secret).get("/api/v1/programmes").status_code == 401


def test_someone_cannot_revoke_another_persons_token(cast: Any) -> None:
    secret = token_for(cast.member, [cast.programme])
    token = ApiToken.objects.get()
    assert (
        cast.client_for("convenor").post("/account/api-tokens/revoke/", {"token": token.pk}).status_code
        == 404
    )
    assert api_client(secret).get("/api/v1/programmes").status_code == 200


def test_a_token_can_only_be_given_programmes_its_person_belongs_to(cast: Any) -> None:
    response = cast.client_for("member").post(
        "/account/api-tokens/",
        {"name": "Sneaky", "programmes": [cast.other_programme.pk], "access": "read", "days": "30"},
    )
    assert response.status_code == 400
    assert not ApiToken.objects.exists()
