"""Posting the same form twice does what posting it once did.

Create forms carry a random key, stored on the row they create and unique within the programme,
so a double click, a resent request or ten identical posts at once make one survey, network or
stakeholder. Edit forms that find the stored row already saying what they would save succeed
without a version conflict: that is the same edit arriving twice.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import IntegrityError, models, transaction
from django.http import HttpRequest

from mobilise.core.concurrency import EditConflict, VersionedModel
from mobilise.programmes.models import Programme

MAX_KEY = 64
M = TypeVar("M", bound=models.Model)
V = TypeVar("V", bound=VersionedModel)


def form_key_field() -> models.CharField[str, str]:
    return models.CharField(max_length=MAX_KEY, blank=True, default="", editable=False)


def form_key_for(request: HttpRequest) -> str:
    """The key the form was rendered with (kept when it is shown again with errors), or a new one."""
    posted = request.POST.get("form_key", "").strip()
    return posted[:MAX_KEY] if posted else secrets.token_urlsafe(16)


def posted_key(request: HttpRequest) -> str:
    return request.POST.get("form_key", "").strip()[:MAX_KEY]


def create_once(
    model: type[M], programme: Programme, form_key: str, create: Callable[[], M]
) -> tuple[M, bool]:
    """What `create` makes, or what an earlier post with the same key made. Call inside atomic().

    Returns (object, created). A concurrent twin waits on the unique key, then finds the winner's row.
    """
    manager: Any = getattr(model, "all_objects", model._default_manager)
    if form_key:
        found = manager.filter(programme=programme, form_key=form_key).first()
        if found is not None:
            return found, False
    try:
        with transaction.atomic():
            return create(), True
    except IntegrityError:
        found = manager.filter(programme=programme, form_key=form_key).first() if form_key else None
        if found is None:
            raise
        return found, False


def lock_unless_same(obj: V, expected_version: int | None, same: Callable[[V], bool]) -> tuple[V, bool]:
    """Like `lock_for_edit`, but a row that already says what this edit would save is no conflict.

    Returns (locked current row, whether to save it). Call inside atomic().
    """
    current = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    if same(current):
        return current, False
    if expected_version is not None and current.version != expected_version:
        raise EditConflict(current)
    current.version += 1
    return current, True
