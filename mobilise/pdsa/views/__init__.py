"""Tests of change: the learning wall, each test's full cycle, attachments and imports."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def posted(request: HttpRequest) -> tuple[Any, Any]:
    """(data, files) for a form: bound on any POST, even an empty one, so it shows what is missing."""
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None
