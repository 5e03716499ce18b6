"""Sessions that end: after a spell of inactivity, and in any case after a working day.

A shared computer on a ward or in a practice is common, so a session left open must not last for
ever. `SESSION_IDLE_SECONDS` (default one hour) ends a session nobody has used for that long;
`SESSION_ABSOLUTE_SECONDS` (default twelve hours) ends any session that long after sign-in, however
busy. The last-seen time is written at most once a minute, so reading pages does not mean a
session write on every request. Someone whose account is switched off is signed out at their next
request (Django's authentication refuses inactive people).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest, HttpResponse

STARTED = "_mobilise_started"
SEEN = "_mobilise_seen"
SEEN_GRANULARITY = 60

audit = logging.getLogger("mobilise.audit")


def _expired(session: Any, now: float) -> str:
    started = session.get(STARTED)
    seen = session.get(SEEN)
    if started is not None and now - started > settings.SESSION_ABSOLUTE_SECONDS:
        return "absolute"
    if seen is not None and now - seen > settings.SESSION_IDLE_SECONDS:
        return "idle"
    return ""


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            why = _expired(session, now)
            if why:
                user_id = request.user.pk
                logout(request)
                audit.info("Session ended user=%s reason=%s", user_id, why)
                messages.info(
                    request,
                    "You were signed out because the page was left for a while. Sign in again to go on.",
                )
            else:
                session.setdefault(STARTED, now)
                if now - session.get(SEEN, 0) >= SEEN_GRANULARITY:
                    session[SEEN] = now
        return self.get_response(request)


def _signed_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    now = time.time()
    request.session[STARTED] = now
    request.session[SEEN] = now
    audit.info("Signed in user=%s", user.pk)


def _signed_out(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    audit.info("Signed out user=%s", getattr(user, "pk", "anonymous"))


def _sign_in_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    # The address typed is personal data and may be someone else's: it is never logged.
    audit.warning("Sign-in refused")


def connect_audit() -> None:
    user_logged_in.connect(_signed_in, dispatch_uid="mobilise-audit-signed-in")
    user_logged_out.connect(_signed_out, dispatch_uid="mobilise-audit-signed-out")
    user_login_failed.connect(_sign_in_failed, dispatch_uid="mobilise-audit-sign-in-failed")
