"""Browser policies on every response: Content-Security-Policy (django-csp, configured in
settings) and Permissions-Policy, plus the endpoint browsers send policy violations to.

The policy allows scripts, styles, images and fonts from this site only; the one inline script
(the NHS.UK template's "JavaScript is on" line) carries the request's nonce. Nothing may frame our
pages. A violation report is logged as one line (which directive, which page path) and answered
with 204; reports are capped in size and never stored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from urllib.parse import urlsplit

import orjson
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

logger = logging.getLogger("mobilise.csp")

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)
MAX_REPORT_BYTES = 16_384


class PermissionsPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def _path_only(url: object) -> str:
    return urlsplit(str(url)).path[:200] if url else "-"


@csrf_exempt  # browsers send reports without our form token; the view changes nothing
@require_POST
def csp_report(request: HttpRequest) -> HttpResponse:
    if int(request.headers.get("Content-Length") or 0) > MAX_REPORT_BYTES:
        return HttpResponse(status=413)
    try:
        body = orjson.loads(request.body[:MAX_REPORT_BYTES])
    except orjson.JSONDecodeError:
        return HttpResponse(status=400)
    reports = body if isinstance(body, list) else [body]
    for item in reports[:10]:
        if not isinstance(item, dict):
            continue
        report = item.get("csp-report") or item.get("body") or {}
        if not isinstance(report, dict):
            continue
        directive = report.get("effective-directive") or report.get("effectiveDirective") or "-"
        page = report.get("document-uri") or report.get("documentURL")
        blocked = report.get("blocked-uri") or report.get("blockedURL") or "-"
        blocked_text = blocked if blocked in {"inline", "eval", "-"} else _path_only(blocked)
        logger.warning(
            "CSP violation directive=%s page=%s blocked=%s",
            str(directive)[:60],
            _path_only(page),
            str(blocked_text)[:200],
        )
    return HttpResponse(status=204)
