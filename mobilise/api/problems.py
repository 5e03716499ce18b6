"""Errors as RFC 9457 problem details (application/problem+json), the same shape for every refusal."""

from __future__ import annotations

from typing import Any

import orjson
from django.http import HttpRequest, HttpResponse

PROBLEM_TYPE = "application/problem+json"
TITLES = {
    400: "Bad request",
    401: "Sign-in needed",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    409: "Changed by someone else",
    413: "Too much at once",
    422: "Some of what was sent cannot be used",
    429: "Too many requests",
    500: "Something went wrong on our side",
}


def problem(request: HttpRequest, status: int, detail: str, **extra: Any) -> HttpResponse:
    body = {
        "type": "about:blank",
        "title": TITLES.get(status, "Refused"),
        "status": status,
        "detail": detail,
        "instance": request.path,
        **extra,
    }
    return HttpResponse(orjson.dumps(body), status=status, content_type=PROBLEM_TYPE)
