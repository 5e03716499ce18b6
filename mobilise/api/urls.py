from typing import Any

from django.urls import include, path

from . import views
from .api import api


def _api_urls() -> Any:
    """The API's routes, with its root sending signed-in people to the docs (ninja's own says 404)."""
    patterns, app_name, namespace = api.urls
    kept = [p for p in patterns if getattr(p, "name", "") != "api-root"]
    return [*kept, path("", views.docs, name="api-root")], app_name, namespace


token_patterns = (
    [
        path("account/api-tokens/", views.tokens, name="list"),
        path("account/api-tokens/revoke/", views.revoke, name="revoke"),
    ],
    "api_tokens",
)

urlpatterns = [
    path("", include(token_patterns)),
    path("api/docs", views.docs, name="api_docs"),
    path("api/v1/", _api_urls()),
]
