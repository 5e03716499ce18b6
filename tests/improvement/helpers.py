"""Small helpers for the improvement tests."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from mobilise.improvement.models import DriverDiagram


def url(name: str, programme: Any, **kwargs: Any) -> str:
    return reverse(f"improvement:{name}", kwargs={"slug": programme.slug, **kwargs})


def version(diagram: DriverDiagram) -> int:
    return DriverDiagram.objects.values_list("version", flat=True).get(pk=diagram.pk)


def text(response: Any) -> str:
    return " ".join(response.content.decode().split())
