"""Render a measurement page with the programme's words for its audience."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mobilise.workspace.vocabulary import vocabulary


def page(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    return render(request, template, {"words": vocabulary(request), **context}, status=status)
