"""CSV downloads of actions and risks, safe to open in a spreadsheet."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.text import slugify

from mobilise.core.spreadsheets import csv_response
from mobilise.programmes.models import Programme

from .models import Action, Risk


def _response(programme: Programme, what: str, heading: list[str], rows: Iterable[list[Any]]) -> HttpResponse:
    return csv_response(f"{slugify(programme.name)}-{what}.csv", heading, rows)


def _person(user: Any) -> str:
    return str(user.display_name) if user else ""


def actions_csv(programme: Programme, actions: QuerySet[Action]) -> HttpResponse:
    heading = ["what", "components", "owner", "partner", "due", "status", "what is in the way", "details"]
    rows = (
        [
            a.title,
            "; ".join(a.component_names),
            _person(a.owner),
            a.partner.name if a.partner else "",
            a.due_on.isoformat() if a.due_on else "",
            a.get_status_display(),
            a.in_the_way,
            a.details,
        ]
        for a in actions.iterator(chunk_size=2000)
    )
    return _response(programme, "actions", heading, rows)


def risks_csv(programme: Programme, risks: QuerySet[Risk]) -> HttpResponse:
    heading = [
        "risk",
        "impact on our shared purpose",
        "cause",
        "consequence",
        "likelihood",
        "impact",
        "score",
        "owner",
        "mitigation",
        "review date",
        "status",
        "components",
    ]
    rows = (
        [
            r.title,
            r.purpose_impact,
            r.cause,
            r.consequence,
            r.likelihood,
            r.impact,
            r.score,
            _person(r.owner),
            r.mitigation,
            r.review_on.isoformat() if r.review_on else "",
            r.get_status_display(),
            "; ".join(r.component_names),
        ]
        for r in risks.iterator(chunk_size=2000)
    )
    return _response(programme, "risks", heading, rows)
