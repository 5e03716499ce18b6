from typing import Any

from django.urls import include, path

from . import views
from .api import api


def _api_urls() -> Any:
    """The API's routes without ninja's bare root page (the docs live at /api/docs)."""
    patterns, app_name, namespace = api.urls
    return [p for p in patterns if getattr(p, "name", "") != "api-root"], app_name, namespace


token_patterns = (
    [
        path("account/api-tokens/", views.tokens, name="list"),
        path("account/api-tokens/revoke/", views.revoke, name="revoke"),
    ],
    "api_tokens",
)

urlpatterns = [
    path("", include(token_patterns)),
    path("api/docs", views.docs_redirect, name="api_docs"),
    path("api/v1/", _api_urls()),
]
