"""The permission matrix for the API, generated from the URLconf: every operation, every kind of token.

Each API operation (a django-ninja route) needs an entry in tests/api/api_routes.py, whose method
must be one the OpenAPI schema documents for that path. For each one: no token, an unknown token,
an expired token and a revoked token get 401 and change nothing; an outsider's token gets 404; a
token not given the programme gets 404; roles without the permission get 403, and so does a
read-only token on a change; unknown ids and programmes get 404; methods the path does not offer
get 405; every refusal by a person is logged as one line; and every role allowed in gets in.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import orjson
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mobilise.api import services
from mobilise.api.api import api
from mobilise.api.models import ApiToken
from tests.api.api_routes import API_ROUTES
from tests.core import shared_cast
from tests.core.route_matrix import ALLOWED_ROLES, ROLES, UNKNOWN_ID, Route, api_routes, changes, snapshot

module_cast = shared_cast.module_cast
cast = shared_cast.cast

ROUTES = api_routes()
COVERED = [(r, API_ROUTES[r.name]) for r in ROUTES if r.name in API_ROUTES]
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def _token(user: Any, programmes: list[Any], access: str = "write") -> str:
    _, secret = services.token_create(user=user, name="Matrix", access=access, programmes=programmes, days=1)
    return secret


def send(secret: str | None, method: str, url: str, body: dict[str, Any] | None) -> Any:
    headers = {"Authorization": f"Bearer {secret}"} if secret is not None else {}
    data = orjson.dumps(body) if body is not None else b""
    return Client(headers=headers).generic(method, url, data, content_type="application/json")


def prepare(entry: dict[str, Any], cast: Any) -> tuple[dict[str, Any], dict[str, Any] | None]:
    kwargs = entry["kwargs"](cast)
    body = entry["body"](cast) if "body" in entry else None
    return kwargs, body


def assert_nothing_changed(before: dict[str, Any]) -> None:
    changed = [line for line in changes(before, snapshot()) if not line.startswith("api.")]
    assert not changed, "A refused API request still changed data:\n" + "\n".join(changed)


def assert_logged(records: list[logging.LogRecord], method: str, url: str, status: int, user: Any) -> None:
    lines = [r.getMessage() for r in records if r.name == "mobilise.refused"]
    expected = f"Refused {method} {url} status={status} user={user.pk} reason="
    assert len(lines) == 1 and lines[0].startswith(expected), f"expected {expected!r}, got {lines}"
    assert not [r for r in records if r.exc_info], "a refusal was logged with a traceback"


def _params(pairs: list[tuple[Route, dict[str, Any]]]) -> list[Any]:
    return [pytest.param(r, e, id=r.name) for r, e in pairs]


# Every operation is covered --------------------------------------------------------------------


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_every_api_route_has_an_entry_that_fits_it(route: Route, cast: Any) -> None:
    entry = API_ROUTES.get(route.name)
    assert entry is not None, f"{route.name} (/{route.pattern}) has no entry in tests/api/api_routes.py"
    assert entry["perm"] in ("view", "edit")
    kwargs, _ = prepare(entry, cast)
    assert set(kwargs) == set(route.converters)
    path = "/" + reverse(route.name, kwargs=kwargs).lstrip("/")
    schema_path = "/" + route.pattern.replace("<", "{").replace(">", "}")
    documented = api.get_openapi_schema()["paths"].get(schema_path, {})
    assert entry["method"].lower() in documented, f"{entry['method']} {schema_path} is not in the schema"
    assert path.startswith("/api/v1/")


def test_no_entry_names_a_missing_route() -> None:
    stale = sorted(set(API_ROUTES) - {r.name for r in ROUTES})
    assert not stale, f"Entries for API routes that are not in the URLconf: {stale}"


# Tokens that do not work -------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["none", "unknown", "expired", "revoked"])
@pytest.mark.parametrize("route,entry", _params(COVERED))
def test_no_token_or_a_dead_one_gets_401(route: Route, entry: dict[str, Any], kind: str, cast: Any) -> None:
    kwargs, body = prepare(entry, cast)
    secret: str | None = _token(cast.convenor, [cast.programme])
    token = ApiToken.objects.get(user=cast.convenor, name="Matrix")
    if kind == "none":
        secret = None
    elif kind == "unknown":
        secret = "mob_" + "A" * 43
    elif kind == "expired":
        ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    else:
        ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    before = snapshot()
    response = send(secret, entry["method"], reverse(route.name, kwargs=kwargs), body)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert_nothing_changed(before)


# People and tokens without access ---------------------------------------------------------------

SCOPED = [(r, e) for r, e in COVERED if "slug" in r.converters]


@pytest.mark.parametrize("route,entry", _params(SCOPED))
def test_an_outsiders_token_gets_404_and_changes_nothing(
    route: Route, entry: dict[str, Any], cast: Any, caplog: pytest.LogCaptureFixture
) -> None:
    kwargs, body = prepare(entry, cast)
    url = reverse(route.name, kwargs=kwargs)
    secret = _token(cast.outsider, [cast.other_programme])
    before = snapshot()
    caplog.clear()
    response = send(secret, entry["method"], url, body)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert_nothing_changed(before)
    assert_logged(caplog.records, entry["method"], url, 404, cast.outsider)


@pytest.mark.parametrize("route,entry", _params(SCOPED))
def test_a_token_not_given_the_programme_gets_404(route: Route, entry: dict[str, Any], cast: Any) -> None:
    kwargs, body = prepare(entry, cast)
    secret = _token(cast.convenor, [])
    before = snapshot()
    assert send(secret, entry["method"], reverse(route.name, kwargs=kwargs), body).status_code == 404
    assert_nothing_changed(before)


@pytest.mark.parametrize(
    "route,entry,role",
    [
        pytest.param(r, e, role, id=f"{r.name}-{role}")
        for r, e in SCOPED
        for role in ROLES
        if role not in ALLOWED_ROLES[e["perm"]]
    ],
)
def test_a_role_without_the_permission_gets_403(
    route: Route, entry: dict[str, Any], role: str, cast: Any, caplog: pytest.LogCaptureFixture
) -> None:
    kwargs, body = prepare(entry, cast)
    url = reverse(route.name, kwargs=kwargs)
    secret = _token(getattr(cast, role), [cast.programme])
    before = snapshot()
    caplog.clear()
    response = send(secret, entry["method"], url, body)
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert_nothing_changed(before)
    assert_logged(caplog.records, entry["method"], url, 403, getattr(cast, role))


@pytest.mark.parametrize("route,entry", _params([(r, e) for r, e in SCOPED if e["perm"] != "view"]))
def test_a_read_only_token_cannot_change_anything(route: Route, entry: dict[str, Any], cast: Any) -> None:
    kwargs, body = prepare(entry, cast)
    secret = _token(cast.convenor, [cast.programme], access="read")
    before = snapshot()
    assert send(secret, entry["method"], reverse(route.name, kwargs=kwargs), body).status_code == 403
    assert_nothing_changed(before)


def _ids(route: Route) -> list[str]:
    return [name for name in route.converters if name.endswith("_id")]


@pytest.mark.parametrize("route,entry", _params([(r, e) for r, e in SCOPED if _ids(r)]))
def test_unknown_ids_get_404(route: Route, entry: dict[str, Any], cast: Any) -> None:
    kwargs, body = prepare(entry, cast)
    kwargs.update(dict.fromkeys(_ids(route), UNKNOWN_ID))
    secret = _token(cast.convenor, [cast.programme])
    before = snapshot()
    assert send(secret, entry["method"], reverse(route.name, kwargs=kwargs), body).status_code == 404
    assert_nothing_changed(before)


@pytest.mark.parametrize("route,entry", _params(SCOPED))
def test_an_unknown_programme_gets_404(route: Route, entry: dict[str, Any], cast: Any) -> None:
    kwargs, body = prepare(entry, cast)
    url = reverse(route.name, kwargs={**kwargs, "slug": "no-such-programme"})
    assert send(_token(cast.convenor, [cast.programme]), entry["method"], url, body).status_code == 404


@pytest.mark.parametrize("route,entry", _params(COVERED))
def test_methods_the_path_does_not_offer_get_405(route: Route, entry: dict[str, Any], cast: Any) -> None:
    kwargs, _ = prepare(entry, cast)
    offered = {e["method"] for r, e in COVERED if r.pattern == route.pattern}
    secret = _token(cast.convenor, [cast.programme])
    url = reverse(route.name, kwargs=kwargs)
    before = snapshot()
    wrong = {m: send(secret, m, url, None).status_code for m in METHODS if m not in offered}
    assert wrong == dict.fromkeys(wrong, 405)
    assert_nothing_changed(before)


# The people allowed in get in ------------------------------------------------------------------


@pytest.mark.parametrize(
    "route,entry,role",
    [
        pytest.param(r, e, role, id=f"{r.name}-{role}")
        for r, e in COVERED
        for role in ALLOWED_ROLES[e["perm"]]
    ],
)
def test_every_role_with_the_permission_gets_in(
    route: Route, entry: dict[str, Any], role: str, cast: Any
) -> None:
    kwargs, body = prepare(entry, cast)
    secret = _token(getattr(cast, role), [cast.programme])
    response = send(secret, entry["method"], reverse(route.name, kwargs=kwargs), body)
    assert response.status_code in (200, 201), f"{role}: {response.status_code} {response.content[:300]!r}"
