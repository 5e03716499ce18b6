"""Permission-matrix entries for pulses. Convenors and facilitators set up pulses, send waves and
review comments ("stage"); everyone in the programme sees results; the answer link is public and its
token is the permission (a bad token 404, a used one 410: see tests/pulse/test_pulse.py)."""

from __future__ import annotations

from typing import Any

from mobilise.pulse.models import Comment

from .helpers import make_pulse, open_wave


def _slug(cast: Any) -> dict[str, Any]:
    return {"slug": cast.programme.slug}


def _pulse(cast: Any) -> dict[str, Any]:
    return {"slug": cast.programme.slug, "pk": make_pulse(cast).pk}


def _wave(cast: Any) -> dict[str, Any]:
    pulse = make_pulse(cast)
    wave, _ = open_wave(pulse, 2)
    return {"slug": cast.programme.slug, "pk": pulse.pk, "wave": wave.pk}


def _comment(cast: Any) -> dict[str, Any]:
    pulse = make_pulse(cast)
    wave, _ = open_wave(pulse, 2)
    comment = Comment.objects.create(wave=wave, question=pulse.questions.get(key="help"), text="More time")
    return {"slug": cast.programme.slug, "pk": pulse.pk, "comment": comment.pk}


def _link(cast: Any) -> dict[str, Any]:
    pulse = make_pulse(cast)
    _, tokens = open_wave(pulse, 1)
    return {"token": tokens[0]}


def _valid_pulse(cast: Any) -> dict[str, Any]:
    return {"name": "Monthly energy", "cadence": "28", "threshold": "8", "version": "1"}


def _valid_question(cast: Any) -> dict[str, Any]:
    return {"text": "I know who to ask for help.", "kind": "scale"}


ROUTES: dict[str, dict[str, Any]] = {
    "pulse:pulses": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
    "pulse:create": {"kwargs": _slug, "methods": ["GET", "POST"], "perm": "stage", "post_data": _valid_pulse},
    "pulse:results": {"kwargs": _pulse, "methods": ["GET"], "perm": "view"},
    "pulse:export": {"kwargs": _pulse, "methods": ["GET"], "perm": "view"},
    "pulse:manage": {"kwargs": _pulse, "methods": ["GET"], "perm": "stage"},
    "pulse:edit": {"kwargs": _pulse, "methods": ["GET", "POST"], "perm": "stage", "post_data": _valid_pulse},
    "pulse:delete": {"kwargs": _pulse, "methods": ["GET", "POST"], "perm": "stage"},
    "pulse:question_add": {
        "kwargs": _pulse,
        "methods": ["POST"],
        "perm": "stage",
        "post_data": _valid_question,
    },
    "pulse:wave_create": {"kwargs": _pulse, "methods": ["GET", "POST"], "perm": "stage"},
    "pulse:wave_remind": {"kwargs": _wave, "methods": ["POST"], "perm": "stage"},
    "pulse:wave_rate": {"kwargs": _wave, "methods": ["GET"], "perm": "view"},
    "pulse:comments": {"kwargs": _pulse, "methods": ["GET"], "perm": "stage"},
    "pulse:comment_redact": {"kwargs": _comment, "methods": ["POST"], "perm": "stage"},
    "pulse:answer": {"kwargs": _link, "methods": ["GET", "POST"], "perm": "token", "public": True},
}
