"""Permission-matrix entries for sessions, series, feedback links and programme evaluations.

`workshops:feedback` and `workshops:evaluation_answer` are public: their unguessable token is the
permission. A bad token gives 404 (see tests/workshops/test_feedback.py).
"""

from __future__ import annotations

from typing import Any

from mobilise.workshops.models import Evaluation, Theme, ValueCase
from mobilise.workshops.services import themes_start

from .factories import ActionFactory, SeriesFactory, SessionFactory, ThemeFactory


def _slug(cast: Any) -> dict[str, Any]:
    return {"slug": cast.programme.slug}


def _session(cast: Any) -> dict[str, Any]:
    return {"slug": cast.programme.slug, "pk": SessionFactory(programme=cast.programme).pk}


def _series(cast: Any) -> dict[str, Any]:
    series = SeriesFactory(programme=cast.programme)
    SessionFactory(programme=cast.programme, series=series)
    return {"slug": cast.programme.slug, "pk": series.pk}


def _action(cast: Any) -> dict[str, Any]:
    action = ActionFactory(session=SessionFactory(programme=cast.programme))
    return {"slug": cast.programme.slug, "pk": action.session.pk, "action_pk": action.pk}


def _evaluation(cast: Any) -> dict[str, Any]:
    found = Evaluation.objects.create(programme=cast.programme, title="After six months")
    return {"slug": cast.programme.slug, "pk": found.pk}


def _value(cast: Any) -> dict[str, Any]:
    case = ValueCase.objects.create(
        programme=cast.programme, title="Same-day visits", assumptions="Staff stay"
    )
    return {"slug": cast.programme.slug, "pk": case.pk}


def _valid_value(cast: Any) -> dict[str, Any]:
    return {"title": "Same-day visits", "costs": "25000", "assumptions": "Two nurses stay", "version": "1"}


def _feedback_token(cast: Any) -> dict[str, Any]:
    return {"token": SessionFactory(programme=cast.programme).feedback_token}


def _evaluation_token(cast: Any) -> dict[str, Any]:
    return {"token": Evaluation.objects.create(programme=cast.programme, title="Midway").token}


def _valid_session(cast: Any) -> dict[str, Any]:
    return {
        "title": "Morning huddle",
        "kind": "huddle",
        "held_on_day": "2",
        "held_on_month": "3",
        "held_on_year": "2026",
        "version": "1",
    }


def _theme(cast: Any) -> dict[str, Any]:
    return {"slug": cast.programme.slug, "pk": ThemeFactory(programme=cast.programme).pk}


def _valid_theme(cast: Any) -> dict[str, Any]:
    return {"title": "Working with the voluntary sector", "component": "engagement", "version": "1"}


def _valid_series(cast: Any) -> dict[str, Any]:
    themes_start(cast.programme, None)
    chosen = Theme.objects.filter(programme=cast.programme, key__in=["vision", "data"])
    return {
        "title": "Workshops with the alliance",
        "themes": [str(t.pk) for t in chosen],
        "first_on_day": "2",
        "first_on_month": "3",
        "first_on_year": "2026",
        "weeks_between": "4",
    }


def _feedback(cast: Any) -> dict[str, Any]:
    return {"pace": "3", "usefulness": "4", "facilitation": "5", "recommend": "9", "change": "More breaks"}


ROUTES: dict[str, dict[str, Any]] = {
    "workshops:facilitator": {"kwargs": lambda cast: {}, "methods": ["GET"], "perm": "signed_in"},
    "workshops:feedback": {
        "kwargs": _feedback_token,
        "methods": ["GET", "POST"],
        "perm": "token",
        "public": True,
        "post_data": _feedback,
    },
    "workshops:evaluation_answer": {
        "kwargs": _evaluation_token,
        "methods": ["GET", "POST"],
        "perm": "token",
        "public": True,
        "post_data": lambda cast: {"slower": "3", "helped": "The link associate"},
    },
    "workshops:overview": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
    "workshops:series_new": {
        "kwargs": _slug,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": _valid_series,
    },
    "workshops:series": {"kwargs": _series, "methods": ["GET"], "perm": "view"},
    "workshops:session_new": {
        "kwargs": _slug,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": _valid_session,
    },
    "workshops:session": {"kwargs": _session, "methods": ["GET"], "perm": "view"},
    "workshops:session_edit": {
        "kwargs": _session,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": _valid_session,
    },
    "workshops:session_delete": {"kwargs": _session, "methods": ["GET", "POST"], "perm": "edit"},
    "workshops:session_qr": {"kwargs": _session, "methods": ["GET"], "perm": "view"},
    "workshops:feedback_link": {
        "kwargs": _session,
        "methods": ["POST"],
        "perm": "edit",
        "post_data": lambda cast: {"change": "close", "version": "1"},
    },
    "workshops:action_add": {
        "kwargs": _session,
        "methods": ["POST"],
        "perm": "edit",
        "post_data": lambda cast: {"text": "Ask the council to join", "owner": "Sam"},
    },
    "workshops:action_done": {
        "kwargs": _action,
        "methods": ["POST"],
        "perm": "edit",
        "post_data": lambda cast: {"done": "on", "version": "1"},
    },
    "workshops:evaluation_new": {
        "kwargs": _slug,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": lambda cast: {"title": "After a year"},
    },
    "workshops:evaluation": {"kwargs": _evaluation, "methods": ["GET"], "perm": "view"},
    "workshops:value_list": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
    "workshops:value_new": {
        "kwargs": _slug,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": _valid_value,
    },
    "workshops:value_edit": {
        "kwargs": _value,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": _valid_value,
    },
    "workshops:themes": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
    "workshops:theme_new": {
        "kwargs": _slug,
        "methods": ["GET", "POST"],
        "perm": "themes",
        "post_data": _valid_theme,
    },
    "workshops:theme_edit": {
        "kwargs": _theme,
        "methods": ["GET", "POST"],
        "perm": "themes",
        "post_data": _valid_theme,
    },
    "workshops:theme_move": {
        "kwargs": _theme,
        "methods": ["POST"],
        "perm": "themes",
        "post_data": lambda cast: {"direction": "up", "version": "1"},
    },
    "workshops:theme_archive": {
        "kwargs": _theme,
        "methods": ["POST"],
        "perm": "themes",
        "post_data": lambda cast: {"archived": "1"},
    },
    "workshops:value_delete": {"kwargs": _value, "methods": ["GET", "POST"], "perm": "edit"},
}
