"""Bearer-token sign-in for the API, and a per-token rate limit."""

from __future__ import annotations

import threading
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle

from . import reads, services
from .models import ApiToken

WINDOW_SECONDS = 60


class TokenAuth(HttpBearer):
    """`Authorization: Bearer mob_…`. Unknown, revoked and expired tokens are all refused with 401."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = reads.active_token(token)
        if found is None:
            return None
        services.token_used(token=found)
        # The person the token acts for, so refusals are logged against them as on the web.
        request.user = found.user
        return found


class TokenRateThrottle(BaseThrottle):
    """At most API_REQUESTS_PER_MINUTE requests per token in each clock minute, counted in the
    database so the limit holds however many application processes share the load."""

    def __init__(self) -> None:
        self._refused = threading.local()  # one throttle serves every request thread

    def allow_request(self, request: HttpRequest) -> bool:
        token: Any = getattr(request, "auth", None)
        if token is None:
            return True
        limit: int = getattr(settings, "API_REQUESTS_PER_MINUTE", 600)
        now = timezone.now().timestamp()
        minute = int(now // WINDOW_SECONDS)
        if services.rate_count(token_id=token.pk, minute=minute) <= limit:
            return True
        self._refused.wait = (minute + 1) * WINDOW_SECONDS - now
        return False

    def wait(self) -> float | None:
        return max(1.0, float(getattr(self._refused, "wait", WINDOW_SECONDS)))
