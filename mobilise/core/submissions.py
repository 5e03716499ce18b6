"""Every form is saved once, however many times it is sent (double clicks, refreshes, retries).

Each form our Jinja pages render carries a one-time key beside its CSRF token (the `csrf_input`
our templates print is replaced in one place, `form_inputs`). `SubmissionKeyMiddleware` records
the key before the view runs, in a table whose primary key is the key, so only one request can
claim it, on SQLite or PostgreSQL, in one process or many. Then:

- the first submission runs. If it redirected, or changed data, its outcome is kept. If it
  changed nothing (a validation error, a refusal) or failed, the key is freed, so the person
  can correct the form and send it again;
- a repeat of a kept submission gets the first outcome (the same redirect) and does no work;
- a repeat while the first is still running waits for it, and after `SUBMISSION_WAIT_SECONDS`
  gets a plain-English "still being saved" page instead.

Keys are kept for a day (`KEEP_FOR`). POSTs without a key (API clients, tests) run as before.
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import render
from django.template.backends.utils import csrf_input
from django.utils import timezone
from django.utils.safestring import SafeString

from .models import SubmissionKey

FIELD = "submission_key"
KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]{32}")
KEEP_FOR = timedelta(days=1)
# A claim this old was left by a process that died mid-request: let the person try again.
ABANDONED_AFTER = timedelta(minutes=5)
POLL_SECONDS = 0.05
# Bodies above this are not kept: a replay then shows the "already saved" page instead.
MAX_KEPT_BODY = 512 * 1024
CLEAN_EVERY_SECONDS = 3600.0
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")

_last_cleaned = 0.0


def new_key() -> str:
    return secrets.token_urlsafe(24)


class FormInputs:
    """What `{{ csrf_input }}` prints on our pages: the CSRF token and a fresh submission key.

    A new key each time it is printed, so two forms on one page never share a key. The CSRF token
    is masked once per page, as Django's own `{% csrf_token %}` is: a page with forty small forms
    would otherwise mask it forty times.
    """

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self._csrf = ""

    def __html__(self) -> SafeString:
        if not self._csrf:
            self._csrf = csrf_input(self.request)
        return SafeString(f'{self._csrf}<input type="hidden" name="{FIELD}" value="{new_key()}">')

    def __str__(self) -> str:
        return self.__html__()


def form_inputs(request: HttpRequest) -> dict[str, FormInputs]:
    """Jinja2 context processor: runs after Django sets `csrf_input`, so this one wins."""
    return {"csrf_input": FormInputs(request)}


def forget_expired() -> int:
    """Delete keys older than `KEEP_FOR`; returns how many went."""
    deleted, _ = SubmissionKey.objects.filter(created_at__lt=timezone.now() - KEEP_FOR).delete()
    return deleted


def _forget_expired_now_and_then() -> None:
    global _last_cleaned
    now = time.monotonic()
    if now - _last_cleaned >= CLEAN_EVERY_SECONDS:
        _last_cleaned = now
        forget_expired()


class _WriteCounter:
    """Counts the statements that change data while the view runs (a `connection.execute_wrapper`)."""

    def __init__(self) -> None:
        self.writes = 0

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]
    ) -> Any:
        if sql.lstrip()[:7].upper().startswith(WRITES):
            self.writes += 1
        return execute(sql, params, many, context)


def _owner(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    return str(user.pk) if user is not None and user.is_authenticated else ""


def _claim(key: str, path: str, owner: str) -> SubmissionKey | None:
    """Record the key as running; None if we claimed it, else the existing record."""
    try:
        with transaction.atomic():
            SubmissionKey.objects.create(key=key, path=path, owner=owner, created_at=timezone.now())
        return None
    except IntegrityError:
        existing = SubmissionKey.objects.filter(key=key).first()
        if existing is None:  # freed between our insert and our read: try again
            return _claim(key, path, owner)
        return existing


def _stale(record: SubmissionKey) -> bool:
    age = timezone.now() - record.created_at
    return age > KEEP_FOR or (not record.finished and age > ABANDONED_AFTER)


def _replay(request: HttpRequest, record: SubmissionKey) -> HttpResponse:
    if record.location:
        response = HttpResponse(status=record.status or 302)
        response["Location"] = record.location
        return response
    if record.body is not None:
        return HttpResponse(bytes(record.body), status=record.status or 200, content_type=record.content_type)
    return render(request, "core/already_saved.jinja", {"page_title": "This has already been saved"})


def _still_saving(request: HttpRequest) -> HttpResponse:
    return render(
        request, "core/still_saving.jinja", {"page_title": "Your changes are still being saved"}, status=409
    )


def _keep_or_free(key: str, response: HttpResponseBase, writes: int) -> None:
    status = response.status_code
    location = response.get("Location", "") if 300 <= status < 400 else ""
    if not location and not (status < 300 and writes):
        SubmissionKey.objects.filter(key=key).delete()
        return
    body: bytes | None = None
    if not location and not isinstance(response, StreamingHttpResponse) and hasattr(response, "content"):
        content = response.content
        body = content if len(content) <= MAX_KEPT_BODY else None
    SubmissionKey.objects.filter(key=key).update(
        finished=True,
        status=status,
        location=location,
        content_type=response.get("Content-Type", ""),
        body=body,
    )


class SubmissionKeyMiddleware:
    """Runs each submitted form once; see the module docstring. Must come after authentication."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method != "POST":
            return self.get_response(request)
        key = request.POST.get(FIELD, "")
        if not KEY_PATTERN.fullmatch(key):
            return self.get_response(request)
        path, owner = request.path, _owner(request)
        wait: float = getattr(settings, "SUBMISSION_WAIT_SECONDS", 10.0)
        deadline = time.monotonic() + wait
        while (record := _claim(key, path, owner)) is not None:
            if record.path != path or record.owner != owner:
                # Someone else's key (or a key sent after signing out): nothing to replay for them.
                return self.get_response(request)
            if _stale(record):
                SubmissionKey.objects.filter(key=key, created_at=record.created_at).delete()
                continue
            if record.finished:
                return _replay(request, record)
            if time.monotonic() >= deadline:
                return _still_saving(request)
            time.sleep(POLL_SECONDS)
        _forget_expired_now_and_then()
        counter = _WriteCounter()
        try:
            with connection.execute_wrapper(counter):
                response = self.get_response(request)
        except BaseException:
            SubmissionKey.objects.filter(key=key).delete()
            raise
        _keep_or_free(key, response, counter.writes)
        return response


def keys_in(html: str) -> Sequence[str]:
    """The submission keys in a page, in order (for tests and checks)."""
    return re.findall(rf'name="{FIELD}" value="([^"]+)"', html)
