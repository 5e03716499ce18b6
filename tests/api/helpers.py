"""Tokens and a client that sends them, for the API tests."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from mobilise.api import services
from mobilise.engagement.models import Respondent, RosterEntry, Survey
from mobilise.measurement.models import Measure
from mobilise.pulse import services as pulse_services


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


def pulse_with_a_wave(programme: Any, user: Any, people: int = 10) -> Any:
    """A pulse with one open wave sent to `people` (nobody has answered yet)."""
    pulse = pulse_services.pulse_create(
        programme=programme, name="Energy pulse", cadence=28, threshold=8, user=user
    )
    today = timezone.localdate()
    pulse_services.wave_open(
        pulse=pulse,
        questions=[q for q in pulse.questions.all() if q.asked_by_default],
        opens_on=today,
        closes_on=today + timedelta(days=7),
        user=user,
        emails=[f"person{i}@example.nhs.uk" for i in range(people)],
    )
    return pulse


def survey_with_people(
    programme: Any, user: Any, by_organisation: dict[str, tuple[int, int]] | None = None
) -> Any:
    """A relationship survey asking people from each organisation: {name: (asked, answered)}."""
    today = timezone.localdate()
    survey = Survey.objects.create(
        programme=programme,
        title="Who we go to",
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=14),
        created_by=user,
    )
    groups = (
        by_organisation
        if by_organisation is not None
        else {"Oak Lane Surgery": (10, 9), "City Hospital": (12, 3)}
    )
    number = 0
    for organisation, (asked, answered) in groups.items():
        for i in range(asked):
            number += 1
            entry = RosterEntry.objects.create(
                survey=survey,
                key=f"p{number}",
                number=number,
                name=f"Person {number}",
                organisation_name=organisation,
            )
            done = timezone.now() if i < answered else None
            Respondent.objects.create(
                survey=survey, entry=entry, consented_at=done, started_at=done, submitted_at=done
            )
    return survey
