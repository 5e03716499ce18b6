"""Forged cross-site posts are refused: every POST route needs the CSRF token, even for members."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.core import shared_cast
from tests.core.route_matrix import Route, build, changes, covered_routes, least_privileged, snapshot
from tests.factories import PASSWORD, UserFactory

# The matrix shares one cast per module (rolled back after each test); see tests/core/shared_cast.py.
module_cast = shared_cast.module_cast
cast = shared_cast.cast

POST_ROUTES = [pytest.param(r, e, id=r.name) for r, e in covered_routes()[3] if "POST" in e["methods"]]


def signed_in_client(user: Any) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def person_allowed(entry: dict[str, Any], cast: Any) -> Any:
    if entry["perm"] == "token":
        return UserFactory(email="invitee@example.nhs.uk")
    return getattr(cast, least_privileged(entry["perm"]))


@pytest.mark.parametrize("route,entry", POST_ROUTES)
def test_post_without_csrf_token_is_refused_and_changes_nothing(
    route: Route, entry: dict[str, Any], cast: Any
) -> None:
    kwargs, data = build(entry, cast)
    client = signed_in_client(person_allowed(entry, cast))
    before = snapshot()
    response = client.post(reverse(route.name, kwargs=kwargs), data)
    assert response.status_code == 403
    changed = changes(before, snapshot())
    assert not changed, "A post without a CSRF token changed data:\n" + "\n".join(changed)


def test_the_same_post_with_the_token_goes_through(cast: Any) -> None:
    """The refusals above are about the token, not something else about the request."""
    client = signed_in_client(cast.outsider)
    page = client.get(reverse("programmes:create")).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    response = client.post(
        reverse("programmes:create"),
        {
            "name": "Maternity across six boroughs",
            "challenge": "A five-year vision.",
            "csrfmiddlewaretoken": token,
        },
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    "name,data",
    [
        ("account_login", {"login": "member@example.nhs.uk", "password": PASSWORD}),
        (
            "account_signup",
            {
                "email": "new@example.nhs.uk",
                "password1": "a-long-new-password-9",
                "password2": "a-long-new-password-9",
            },
        ),
        ("account_reset_password", {"email": "member@example.nhs.uk"}),
    ],
)
def test_sign_in_pages_refuse_posts_without_csrf_token(name: str, data: dict[str, str], cast: Any) -> None:
    response = Client(enforce_csrf_checks=True).post(reverse(name), data)
    assert response.status_code == 403
    assert "_auth_user_id" not in response.client.session


def test_sign_out_without_csrf_token_keeps_you_signed_in(cast: Any) -> None:
    client = signed_in_client(cast.member)
    response = client.post(reverse("account_logout"))
    assert response.status_code == 403
    assert client.get(reverse("programmes:list")).status_code == 200
