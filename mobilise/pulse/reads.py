"""Getting a pulse, wave or comment inside a programme, or 404."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from mobilise.programmes.models import Programme

from . import sending
from .models import Comment, Pulse, Wave
from .sending import Sending


def get_pulse_or_404(programme: Programme, pk: int) -> Pulse:
    found: Pulse = get_object_or_404(Pulse.objects.select_related("programme"), programme=programme, pk=pk)
    return found


def get_wave_or_404(pulse: Pulse, pk: int) -> Wave:
    found: Wave = get_object_or_404(Wave.objects.select_related("pulse"), pulse=pulse, pk=pk)
    return found


def get_comment_or_404(pulse: Pulse, pk: int) -> Comment:
    found: Comment = get_object_or_404(Comment.objects.select_related("wave"), wave__pulse=pulse, pk=pk)
    return found


def latest_pulse(programme: Programme) -> Pulse | None:
    found: Pulse | None = Pulse.objects.filter(programme=programme).order_by("-created_at", "-pk").first()
    return found


def pulses_in(programme: Programme) -> list[Pulse]:
    return list(Pulse.objects.filter(programme=programme).prefetch_related("waves"))


def comments_to_review(pulse: Pulse) -> int:
    return Comment.objects.filter(wave__pulse=pulse, redacted=False).count()


def comments_of(pulse: Pulse, limit: int = 500) -> list[Comment]:
    return list(
        Comment.objects.filter(wave__pulse=pulse)
        .select_related("wave", "question")
        .order_by("-wave__number", "question__position", "pk")[:limit]
    )


def sending_of(waves: list[Wave]) -> dict[int, Sending]:
    """The waves whose emails are still going out, and how far they have got."""
    return sending.sending_of([w.pk for w in waves])
