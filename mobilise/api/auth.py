"""Bearer-token sign-in for the API, and a per-token rate limit."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import cache
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
    """At most API_REQUESTS_PER_MINUTE requests per token in each clock minute (shared cache)."""

    def __init__(self) -> None:
        self._wait = 0.0

    def allow_request(self, request: HttpRequest) -> bool:
        token: Any = getattr(request, "auth", None)
        if token is None:
            return True
        limit: int = getattr(settings, "API_REQUESTS_PER_MINUTE", 600)
        now = timezone.now().timestamp()
        window = int(now // WINDOW_SECONDS)
        key = f"api-rate:{token.pk}:{window}"
        cache.add(key, 0, timeout=WINDOW_SECONDS * 2)
        try:
            used = cache.incr(key)
        except ValueError:  # the entry expired between add and incr
            cache.set(key, 1, timeout=WINDOW_SECONDS * 2)
            used = 1
        if used <= limit:
            return True
        self._wait = (window + 1) * WINDOW_SECONDS - now
        return False

    def wait(self) -> float | None:
        return max(1.0, self._wait)
