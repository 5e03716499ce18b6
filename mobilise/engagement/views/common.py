"""One way to render a page inside a programme, with the audience's words."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mobilise.programmes.models import Programme
from mobilise.workspace.vocabulary import vocabulary


def page(
    request: HttpRequest,
    template: str,
    programme: Programme,
    context: dict[str, Any] | None = None,
    *,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        f"engagement/{template}",
        {"programme": programme, "words": vocabulary(request), **(context or {})},
        status=status,
    )
