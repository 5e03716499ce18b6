"""The permission matrix, generated from the URLconf: every route, every kind of visitor.

A route without an entry in a `tests/**/routes*.py` module fails here by name. What a route must
do comes from the route itself as well as its label: any route taking a programme slug or an id
is tested as programme-scoped whatever it is labelled, and a "signed_in" or "token" label on such
a route fails by name. For each entry: anonymous visitors are sent to sign in (unless it is a
public "token" link); outsiders get 404 and change nothing; members whose role lacks the
permission get 403 and change nothing; other methods get 405; unknown ids get 404; the roles
allowed in get in; and every refusal is logged as one line (no traceback, no email address).

tests/core/test_matrix_cannot_be_fooled.py runs these same checks on a deliberately leaky route.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from tests.core import shared_cast
from tests.core.route_matrix import (
    ALLOWED_ROLES,
    HTTP_METHODS,
    ROLES,
    UNKNOWN_ID,
    Route,
    build,
    changes,
    covered_routes,
    entry_problems,
    label_problems,
    least_privileged,
    perm_of,
    scoped_pairs,
    snapshot,
)

# The matrix shares one cast per module (rolled back after each test); see tests/core/shared_cast.py.
module_cast = shared_cast.module_cast
cast = shared_cast.cast

ROUTE_LIST, ENTRIES, LOAD_PROBLEMS, COVERED = covered_routes()
SCOPED = scoped_pairs(COVERED)


def _cases(pairs: list[tuple[Route, dict[str, Any]]]) -> list[Any]:
    """pytest params for each (route, entry, method) with the entry's own methods."""
    return [pytest.param(r, e, m, id=f"{r.name}-{m}") for r, e in pairs for m in e["methods"]]


def send(client: Client, method: str, url: str, data: dict[str, Any]) -> Any:
    if method == "POST":
        return client.post(url, data)
    return client.generic(method, url)


def assert_nothing_changed(before: dict[str, Any]) -> None:
    changed = changes(before, snapshot())
    assert not changed, "A refused request still changed data:\n" + "\n".join(changed)


def assert_refusals_logged(
    records: list[logging.LogRecord], method: str, url: str, status: int, user: Any
) -> None:
    """Each refusal is one line naming method, path, status, user id and reason; no traceback."""
    lines = [r.getMessage() for r in records if r.name == "mobilise.refused"]
    expected = f"Refused {method} {urlsplit(url).path} status={status} user={user.pk} reason="
    assert len(lines) == 1 and lines[0].startswith(expected), (
        f"expected one line like {expected!r}, got {lines}"
    )
    assert user.email not in lines[0]
    tracebacks = [f"{r.name}: {r.getMessage()}" for r in records if r.exc_info]
    assert not tracebacks, f"A refusal was logged with a traceback: {tracebacks}"


# Every route is covered ---------------------------------------------------------------------


@pytest.mark.parametrize("route", ROUTE_LIST, ids=str)
def test_route_has_a_permission_entry(route: Route, cast: Any) -> None:
    entry = ENTRIES.get(route.name)
    assert entry is not None, (
        f"{route.name} (/{route.pattern}) has no entry in any tests/**/routes*.py ROUTES dict. "
        "Add one saying who may use it (see tests/programmes/routes.py for examples)."
    )
    check_entry_fits_route(route, entry, cast)


def check_entry_fits_route(route: Route, entry: dict[str, Any], cast: Any) -> None:
    assert not entry_problems(route.name, entry)
    kwargs, _ = build(entry, cast)
    assert set(kwargs) == set(route.converters), (
        f"{route.name} takes {sorted(route.converters)} but the entry gives {sorted(kwargs)}"
    )
    assert reverse(route.name, kwargs=kwargs)
    problems = label_problems(route, entry, kwargs, {cast.programme.slug, cast.other_programme.slug})
    assert not problems, "\n".join(problems)


def test_routes_modules_load_and_every_entry_names_a_real_route() -> None:
    assert not LOAD_PROBLEMS, "\n".join(LOAD_PROBLEMS)
    real = {route.name for route in ROUTE_LIST}
    stale = sorted(name for name in ENTRIES if name not in real)
    assert not stale, f"Entries for routes that are not in the URLconf (or are skipped): {stale}"


# Refusals ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("route,entry,method", _cases([(r, e) for r, e in COVERED if not e.get("public")]))
def test_anonymous_visitor_is_sent_to_sign_in(
    route: Route, entry: dict[str, Any], method: str, cast: Any
) -> None:
    kwargs, data = build(entry, cast)
    url = reverse(route.name, kwargs=kwargs)
    before = snapshot()
    response = send(Client(), method, url, data)
    assert response.status_code == 302, f"{method} {url} gave {response.status_code}"
    location = urlsplit(response["Location"])
    assert location.path == reverse("account_login")
    assert parse_qs(location.query).get("next") == [url]
    assert_nothing_changed(before)


@pytest.mark.parametrize("route,entry,method", _cases(SCOPED))
def test_outsider_gets_404_and_changes_nothing(
    route: Route, entry: dict[str, Any], method: str, cast: Any, caplog: pytest.LogCaptureFixture
) -> None:
    kwargs, data = build(entry, cast)
    url = reverse(route.name, kwargs=kwargs)
    before = snapshot()
    caplog.clear()
    response = send(cast.client_for("outsider"), method, url, data)
    assert response.status_code == 404, f"{method} {url} gave {response.status_code}"
    assert_nothing_changed(before)
    assert_refusals_logged(caplog.records, method, url, 404, cast.outsider)


@pytest.mark.parametrize(
    "route,entry,role,method",
    [
        pytest.param(r, e, role, m, id=f"{r.name}-{role}-{m}")
        for r, e in SCOPED
        for role in ROLES
        if role not in ALLOWED_ROLES[perm_of(r, e)]
        for m in e["methods"]
    ],
)
def test_role_without_the_permission_gets_403_and_changes_nothing(
    route: Route, entry: dict[str, Any], role: str, method: str, cast: Any, caplog: pytest.LogCaptureFixture
) -> None:
    kwargs, data = build(entry, cast)
    url = reverse(route.name, kwargs=kwargs)
    before = snapshot()
    caplog.clear()
    response = send(cast.client_for(role), method, url, data)
    assert response.status_code == 403, f"{role} {method} {url} gave {response.status_code}"
    assert_nothing_changed(before)
    assert_refusals_logged(caplog.records, method, url, 403, getattr(cast, role))


@pytest.mark.parametrize("route,entry", [pytest.param(r, e, id=r.name) for r, e in COVERED])
def test_other_methods_get_405(route: Route, entry: dict[str, Any], cast: Any) -> None:
    kwargs, _ = build(entry, cast)
    url = reverse(route.name, kwargs=kwargs)
    client = cast.client_for(least_privileged(perm_of(route, entry)))
    before = snapshot()
    wrong = {m: send(client, m, url, {}).status_code for m in HTTP_METHODS if m not in entry["methods"]}
    assert wrong == dict.fromkeys(wrong, 405)
    assert_nothing_changed(before)


@pytest.mark.parametrize("route,entry,method", _cases([(r, e) for r, e in SCOPED if r.int_kwargs]))
def test_unknown_id_gets_404(
    route: Route, entry: dict[str, Any], method: str, cast: Any, caplog: pytest.LogCaptureFixture
) -> None:
    kwargs, data = build(entry, cast)
    kwargs.update({name: UNKNOWN_ID for name in route.int_kwargs})
    url = reverse(route.name, kwargs=kwargs)
    role = least_privileged(perm_of(route, entry))
    before = snapshot()
    caplog.clear()
    response = send(cast.client_for(role), method, url, data)
    assert response.status_code == 404, f"{method} {url} gave {response.status_code}"
    assert_nothing_changed(before)
    assert_refusals_logged(caplog.records, method, url, 404, getattr(cast, role))


@pytest.mark.parametrize(
    "route,entry", [pytest.param(r, e, id=r.name) for r, e in SCOPED if "slug" in r.converters]
)
def test_unknown_programme_gets_404(
    route: Route, entry: dict[str, Any], cast: Any, caplog: pytest.LogCaptureFixture
) -> None:
    kwargs, data = build(entry, cast)
    url = reverse(route.name, kwargs={**kwargs, "slug": "no-such-programme"})
    role = least_privileged(perm_of(route, entry))
    client = cast.client_for(role)
    for method in entry["methods"]:
        caplog.clear()
        assert send(client, method, url, data).status_code == 404, method
        assert_refusals_logged(caplog.records, method, url, 404, getattr(cast, role))


@pytest.mark.parametrize("route,entry,method", _cases([(r, e) for r, e in COVERED if e["perm"] == "token"]))
def test_tampered_invitation_link_gets_404(
    route: Route, entry: dict[str, Any], method: str, cast: Any, caplog: pytest.LogCaptureFixture
) -> None:
    kwargs, _ = build(entry, cast)
    kwargs.update(
        {name: "not-a-real-link" for name, kind in route.converters.items() if kind == "StringConverter"}
    )
    url = reverse(route.name, kwargs=kwargs)
    before = snapshot()
    caplog.clear()
    response = send(cast.client_for("outsider"), method, url, {})
    assert response.status_code == 404
    assert_nothing_changed(before)
    assert_refusals_logged(caplog.records, method, url, 404, cast.outsider)


@pytest.mark.parametrize(
    "route,entry",
    [
        pytest.param(r, e, id=r.name)
        for r, e in COVERED
        if e["perm"] == "token" and not e.get("public") and "POST" in e["methods"]
    ],
)
def test_someone_else_cannot_use_an_invitation_meant_for_another(
    route: Route, entry: dict[str, Any], cast: Any
) -> None:
    kwargs, data = build(entry, cast)
    before = snapshot()
    response = cast.client_for("outsider").post(reverse(route.name, kwargs=kwargs), data)
    assert response.status_code == 400
    assert_nothing_changed(before)


# The people allowed in get in ---------------------------------------------------------------


@pytest.mark.parametrize(
    "route,entry", [pytest.param(r, e, id=r.name) for r, e in SCOPED if "GET" in e["methods"]]
)
def test_every_role_with_the_permission_can_open_the_page(
    route: Route, entry: dict[str, Any], cast: Any
) -> None:
    kwargs, _ = build(entry, cast)
    url = reverse(route.name, kwargs=kwargs)
    statuses = {
        role: cast.client_for(role).get(url).status_code for role in ALLOWED_ROLES[perm_of(route, entry)]
    }
    assert statuses == dict.fromkeys(statuses, 200)


@pytest.mark.parametrize(
    "route,entry",
    [pytest.param(r, e, id=r.name) for r, e in COVERED if e.get("public") and "GET" in e["methods"]],
)
def test_anyone_with_a_public_link_can_open_it_without_signing_in(
    route: Route, entry: dict[str, Any], cast: Any
) -> None:
    kwargs, _ = build(entry, cast)
    assert Client().get(reverse(route.name, kwargs=kwargs)).status_code == 200


@pytest.mark.parametrize(
    "route,entry",
    [
        pytest.param(r, e, id=r.name)
        for r, e in COVERED
        if perm_of(r, e) == "signed_in" and "GET" in e["methods"]
    ],
)
def test_anyone_signed_in_can_open_the_page(route: Route, entry: dict[str, Any], cast: Any) -> None:
    kwargs, _ = build(entry, cast)
    assert cast.client_for("outsider").get(reverse(route.name, kwargs=kwargs)).status_code == 200


@pytest.mark.parametrize(
    "route,entry",
    [
        pytest.param(r, e, id=r.name)
        for r, e in COVERED
        if perm_of(r, e) != "token" and "POST" in e["methods"]
    ],
)
def test_least_privileged_role_allowed_can_post(route: Route, entry: dict[str, Any], cast: Any) -> None:
    kwargs, data = build(entry, cast)
    role = least_privileged(perm_of(route, entry))
    response = cast.client_for(role).post(reverse(route.name, kwargs=kwargs), data)
    assert response.status_code < 400, f"{role} POST gave {response.status_code}"


def test_the_change_check_notices_a_real_change(cast: Any) -> None:
    """Guards the guard: a permitted invitation shows up as a changed table and a sent email."""
    before = snapshot()
    cast.client_for("convenor").post(
        reverse("programmes:invite", kwargs={"slug": cast.programme.slug}),
        {"email": "someone.new@example.nhs.uk", "role": "member"},
    )
    changed = changes(before, snapshot())
    assert any(line.startswith("programmes.Invitation:") for line in changed)
    assert any(line.startswith("<mail outbox>") for line in changed)
