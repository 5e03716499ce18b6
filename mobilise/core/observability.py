"""Request ids and structured logs, so one request can be followed across processes.

Each request gets an id: the `X-Request-ID` a proxy sent (when it looks like one) or a new one. It
goes back in the response's `X-Request-ID` header and onto every log record made while the request
is served, including the refused-request lines. With `LOG_FORMAT=json` (the production default)
each record is one JSON object per line, ready for a log service; otherwise plain text.
"""

from __future__ import annotations

import contextvars
import logging
import re
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import orjson
from django.http import HttpRequest, HttpResponse

REQUEST_ID_HEADER = "X-Request-ID"
SERVER_TIMING_HEADER = "Server-Timing"
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def current_request_id() -> str:
    return _request_id.get()


def request_id_for(request: HttpRequest) -> str:
    offered = request.headers.get(REQUEST_ID_HEADER, "")
    return offered if _VALID_ID.match(offered) else uuid.uuid4().hex


class RequestIdMiddleware:
    """Gives each request an id, for its log lines and the response header, and says in a
    `Server-Timing` header how long the server took: `app` in wall time and `cpu` in this thread's
    CPU time, both in milliseconds, from here to the view's response (so the load test reads the
    server's own figures, not the load generator's)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_for(request)
        request.request_id = request_id  # type: ignore[attr-defined]
        token = _request_id.set(request_id)
        started, started_cpu = time.perf_counter(), time.thread_time()
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        wall = (time.perf_counter() - started) * 1000
        cpu = (time.thread_time() - started_cpu) * 1000
        response[REQUEST_ID_HEADER] = request_id
        response[SERVER_TIMING_HEADER] = f"app;dur={wall:.1f}, cpu;dur={cpu:.1f}"
        return response


class RequestIdFilter(logging.Filter):
    """Puts the current request's id on every record (a dash outside requests)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, and any traceback."""

    def format(self, record: logging.LogRecord) -> str:
        body: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        if record.exc_info:
            body["traceback"] = self.formatException(record.exc_info)
        return orjson.dumps(body).decode()


def logging_config(*, log_format: str, level: str) -> dict[str, Any]:
    """The LOGGING setting: refused requests stay one line (see refusals.py), in text or JSON."""
    formatter: dict[str, Any] = (
        {"()": "mobilise.core.observability.JsonFormatter"}
        if log_format == "json"
        else {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "drop_logged_refusals": {"()": "mobilise.core.refusals.DropClientErrors"},
            "request_id": {"()": "mobilise.core.observability.RequestIdFilter"},
        },
        "formatters": {"main": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "main",
                "filters": ["request_id"],
            }
        },
        "loggers": {
            "django.request": {"filters": ["drop_logged_refusals"]},
            "django.security.csrf": {"filters": ["drop_logged_refusals"]},
        },
        "root": {"handlers": ["console"], "level": level},
    }


def start_error_reporting(dsn: str, environment: str) -> bool:
    """Sends unhandled errors to Sentry (or a Sentry-compatible service) when a DSN is set and
    `sentry-sdk` is installed; personal data is never sent. Returns whether it started."""
    if not dsn:
        return False
    try:
        import sentry_sdk
    except ImportError:
        logging.getLogger(__name__).warning("SENTRY_DSN is set but sentry-sdk is not installed")
        return False
    sentry_sdk.init(dsn=dsn, environment=environment, send_default_pii=False)
    return True
