"""Refused requests (403, 404, 409) are logged as one line each, never as a traceback.

The line names the method, path, status, the user's id (never their email) and the reason, so
an operator can see who was turned away from what without personal data in the logs.
Django's own 4xx log records (which carry a traceback) are dropped by `DropClientErrors`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.views.csrf import csrf_failure as django_csrf_failure

logger = logging.getLogger("mobilise.refused")

REFUSED_STATUSES = frozenset({403, 404, 409})
DEFAULT_REASONS = {
    403: "not allowed",
    404: "not found",
    409: "edit conflict: the item changed or was binned after the form was opened",
}
REASON_ATTRIBUTE = "_mobilise_refusal_reason"


def _one_line(text: str) -> str:
    return " ".join(text.split())[:300]


def note_refusal(request: HttpRequest, reason: str) -> None:
    """Give the reason for a refusal, for the log line (a view may call this before a 409)."""
    setattr(request, REASON_ATTRIBUTE, _one_line(reason))


def refusal_line(request: HttpRequest, status: int) -> str:
    user = getattr(request, "user", None)
    user_id = user.pk if user is not None and user.is_authenticated else "anonymous"
    reason = getattr(request, REASON_ATTRIBUTE, "") or DEFAULT_REASONS.get(status, "refused")
    return f"Refused {request.method} {request.path} status={status} user={user_id} reason={reason!r}"


class RefusalLogMiddleware:
    """Logs each refused request once, after the response (so the status is the final one)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code in REFUSED_STATUSES:
            logger.warning(refusal_line(request, response.status_code))
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        # Only remember why; Django still turns the exception into the friendly error page.
        if isinstance(exception, Http404 | PermissionDenied) and str(exception):
            note_refusal(request, str(exception))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Django's CSRF refusal page, with the reason kept for the one log line."""
    note_refusal(request, f"CSRF check failed: {reason}" if reason else "CSRF check failed")
    return django_csrf_failure(request, reason=reason)


class DropClientErrors(logging.Filter):
    """Drops Django's records of the refusals we log ourselves; every other record gets through."""

    def filter(self, record: logging.LogRecord) -> bool:
        return getattr(record, "status_code", None) not in REFUSED_STATUSES
