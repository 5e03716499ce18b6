"""Tokens and a client that sends them, for the API tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.test import Client

from mobilise.api import services
from mobilise.measurement.models import Measure


def token_for(user: Any, programmes: list[Any], access: str = "write", days: int = 30) -> str:
    _, secret = services.token_create(
        user=user, name="Test token", access=access, programmes=programmes, days=days
    )
    return secret


def api_client(secret: str | None) -> Client:
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    return Client(headers=headers)


def monthly_measure(programme: Any, user: Any, **extra: Any) -> Measure:
    fields: dict[str, Any] = {
        "name": "Four-hour A&E performance",
        "unit": "%",
        "frequency": "month",
        "chart": "xmr",
        "improvement": "increase",
        "target": 95.0,
        **extra,
    }
    return Measure.objects.create(programme=programme, created_by=user, **fields)


def months(n: int, start: date = date(2024, 1, 1)) -> list[date]:
    out = []
    year, month = start.year, start.month
    for _ in range(n):
        out.append(date(year, month, 1))
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return out
