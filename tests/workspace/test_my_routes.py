"""Each entry in this part's permission-matrix file works for someone allowed to use it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from .routes import ROUTES

WHO_MAY = {"view": "viewer", "edit": "member", "stage": "facilitator"}


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_route_entry_works_for_an_allowed_role(cast, name):
    entry = ROUTES[name]
    client = cast.client_for(WHO_MAY[entry["perm"]])
    url = reverse(name, kwargs=entry["kwargs"](cast))
    for method in entry["methods"]:
        if method == "GET":
            assert client.get(url).status_code == 200
        else:
            data = entry.get("post_data", lambda cast: {})(cast)
            assert client.post(url, data).status_code == 302
