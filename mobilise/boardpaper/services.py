"""Writing the covering note, and publishing a version that never changes afterwards."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone

from mobilise.core.concurrency import lock_for_edit
from mobilise.core.history import save_as
from mobilise.programmes.models import Programme

from . import content
from .models import Draft, Paper

DRAFT_TEXT = ("title", "narrative", "asks")


def draft_for(programme: Programme) -> Draft:
    draft, _ = Draft.objects.get_or_create(programme=programme)
    return draft


@transaction.atomic
def draft_save(*, draft: Draft, data: Mapping[str, Any], user: Any, expected_version: int | None) -> Draft:
    current = lock_for_edit(draft, expected_version)
    for name in DRAFT_TEXT:
        setattr(current, name, (data.get(name) or "").strip().replace("\r\n", "\n"))
    current.updated_by = user
    save_as(current, by=user)
    return current


def default_title(programme: Programme) -> str:
    return f"{programme.name}: report to the programme board"


def paper_context(
    *,
    programme: Programme,
    data: dict[str, Any],
    title: str,
    narrative: str,
    asks: str,
    when: Any,
    number: int | None,
) -> dict[str, Any]:
    return {
        "paper": data,
        "title": title or default_title(programme),
        "narrative": [p.strip() for p in narrative.split("\n\n") if p.strip()],
        "asks": [line.strip(" -•\t") for line in asks.splitlines() if line.strip(" -•\t")],
        "when": when,
        "number": number,
    }


@transaction.atomic
def publish(*, programme: Programme, user: Any) -> Paper:
    """Freeze today's paper: its data, its words and its page. Publishing again makes a new version."""
    Programme.objects.select_for_update().filter(pk=programme.pk).first()  # one publisher at a time
    draft = draft_for(programme)
    number = (Paper.objects.filter(programme=programme).aggregate(n=Max("number"))["n"] or 0) + 1
    now = timezone.now()
    data = content.build(programme)
    context = paper_context(
        programme=programme,
        data=data,
        title=draft.title,
        narrative=draft.narrative,
        asks=draft.asks,
        when=timezone.localtime(now),
        number=number,
    )
    paper = Paper(
        programme=programme,
        number=number,
        title=context["title"],
        narrative=draft.narrative,
        asks=draft.asks,
        content=data,
        body_html=render_to_string("boardpaper/_paper.jinja", context),
        published_at=now,
        published_by=user,
    )
    save_as(paper, by=user)
    return paper
