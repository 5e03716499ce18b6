"""Building pulses and waves for tests, and answering them through the real link."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mobilise.pulse import services
from mobilise.pulse.models import Kind, Pulse, Question, Wave


def make_pulse(cast: Any, *, threshold: int = 8) -> Pulse:
    return services.pulse_create(
        programme=cast.programme, name="Energy pulse", cadence=28, threshold=threshold, user=cast.convenor
    )


def open_wave(
    pulse: Pulse, people: int, *, user: Any = None, opens_on: date | None = None
) -> tuple[Wave, list[str]]:
    today = opens_on or timezone.localdate()
    questions = [q for q in pulse.questions.all() if q.asked_by_default]
    sent = services.wave_open(
        pulse=pulse,
        questions=questions,
        opens_on=today,
        closes_on=today + timedelta(days=7),
        user=user,
        emails=[f"person{i}@example.nhs.uk" for i in range(people)],
    )
    return sent.wave, list(sent.links.values())


def answer_url(token: str) -> str:
    return reverse("pulse:answer", kwargs={"token": token})


def post_answer(token: str, scores: dict[str, int], *, org: str = "", role: str = "", text: str = "") -> Any:
    """Answer as someone with the link would: keys are question keys."""
    pulse_questions = {
        q.key: q for q in Question.objects.filter(pulse__waves__invitations__isnull=False).distinct()
    }
    data: dict[str, str] = {"org_type": org, "role_group": role}
    for key, value in scores.items():
        data[f"q{pulse_questions[key].pk}"] = str(value)
    if text:
        help_q = next(q for q in pulse_questions.values() if q.key == "help" and q.kind == Kind.TEXT)
        data[f"q{help_q.pk}"] = text
    return Client().post(answer_url(token), data)


def answer_all(tokens: list[str], score: int | dict[str, int], **kwargs: Any) -> None:
    for token in tokens:
        scores = score if isinstance(score, dict) else dict.fromkeys(ENERGY_AND_MORE, score)
        response = post_answer(token, scores, **kwargs)
        assert response.status_code == 200, response.content[:500]


ENERGY_AND_MORE = ("physical", "intellectual", "emotional", "spiritual", "belonging", "valued", "agency")
