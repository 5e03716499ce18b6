"""Health and readiness for the machines that run Mobilise (load balancers, orchestrators).

`/health/live` answers as long as the process can serve a request: it touches nothing else, so a
slow database never makes an orchestrator restart healthy web processes. `/health/ready` checks
what a request needs: the database answers, the task queue's table can be read (with the age of
the oldest task still waiting, so a stalled worker shows), and file storage accepts a write.
Any failure gives 503 with which check failed; the bodies carry no personal data and no detail
an attacker could use (the error's type only, never its message).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

import orjson
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.db import connection
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

Check = Callable[[], dict[str, Any]]


def _json(body: dict[str, Any], status: int = 200) -> HttpResponse:
    return HttpResponse(orjson.dumps(body), status=status, content_type="application/json")


def check_database() -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"vendor": connection.vendor}


def check_queue() -> dict[str, Any]:
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    waiting = DBTaskResult.objects.filter(status="READY").filter(
        Q(run_after__isnull=True) | Q(run_after__lte=now)
    )
    oldest = waiting.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    age = (now - oldest).total_seconds() if oldest else 0.0
    return {"waiting": waiting.count(), "oldest_waiting_seconds": round(age, 1)}


def check_storage() -> dict[str, Any]:
    name = default_storage.save(f"health/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with default_storage.open(name) as handle:
            if handle.read() != b"ok":
                raise OSError("storage returned different bytes")
    finally:
        default_storage.delete(name)
    return {"backend": type(storages["default"]).__name__}


READINESS_CHECKS: dict[str, Check] = {
    "database": check_database,
    "queue": check_queue,
    "storage": check_storage,
}


@never_cache
@require_safe
def live(request: HttpRequest) -> HttpResponse:
    return _json({"status": "ok"})


@never_cache
@require_safe
def ready(request: HttpRequest) -> HttpResponse:
    checks: dict[str, dict[str, Any]] = {}
    healthy = True
    for name, check in READINESS_CHECKS.items():
        started = time.perf_counter()
        try:
            result = {"ok": True, **check()}
        except Exception as error:
            healthy = False
            result = {"ok": False, "error": type(error).__name__}
        result["ms"] = round((time.perf_counter() - started) * 1000, 1)
        checks[name] = result
    return _json({"status": "ok" if healthy else "unavailable", "checks": checks}, 200 if healthy else 503)


class HealthCheckMiddleware:
    """Answers the health paths before host checks and the HTTPS redirect: load balancers probe
    over plain HTTP by an internal address, and must not get 301 or 400 from a healthy process."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        # The same addresses as the URLconf's routes (which name them for `reverse`).
        self.routes: dict[str, Callable[[HttpRequest], HttpResponse]] = {
            reverse("core:health_live"): live,
            reverse("core:health_ready"): ready,
        }

    def __call__(self, request: HttpRequest) -> HttpResponse:
        view = self.routes.get(request.path_info)
        return view(request) if view is not None else self.get_response(request)
