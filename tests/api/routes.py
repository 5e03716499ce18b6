"""The API's web pages in the permission matrix (its token routes are in tests/api/api_routes.py)."""

from __future__ import annotations

from typing import Any

from mobilise.api import services


def _revoke_data(cast: Any) -> dict[str, Any]:
    token, _ = services.token_create(
        user=cast.member, name="To revoke", access="read", programmes=[cast.programme], days=30
    )
    return {"token": token.pk}


ROUTES: dict[str, dict[str, Any]] = {
    "api_tokens:list": {
        "perm": "signed_in",
        "methods": ["GET", "POST"],
        "kwargs": lambda cast: {},
        "post_data": lambda cast: {
            "name": "Warehouse upload",
            "programmes": [cast.programme.pk],
            "access": "write",
            "days": "30",
        },
    },
    "api_tokens:revoke": {
        "perm": "signed_in",
        "methods": ["POST"],
        "kwargs": lambda cast: {},
        "post_data": _revoke_data,
    },
    "api:api-root": {"perm": "signed_in", "methods": ["GET"], "kwargs": lambda cast: {}},
    "api_docs": {"perm": "signed_in", "methods": ["GET"], "kwargs": lambda cast: {}},
    "api:openapi-json": {"perm": "signed_in", "methods": ["GET"], "kwargs": lambda cast: {}},
    "api:openapi-view": {"perm": "signed_in", "methods": ["GET"], "kwargs": lambda cast: {}},
}
