"""What the sessions add to the programme home: the next session and a way in."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from mobilise.pdsa.wall_learning import SHOWN, WallLearning
from mobilise.programmes.models import Programme
from mobilise.workspace.board import BoardSection, BoardTable
from mobilise.workspace.panels import Panel

from .models import Session
from .reads import answers_by_session
from .results import shown_only, summarise
from .themes import SMALL_SPACES


def home_panel(programme: Programme, user: Any) -> Panel:
    upcoming = (
        Session.objects.filter(programme=programme, held_on__gte=timezone.localdate())
        .order_by("held_on", "pk")
        .first()
    )
    return Panel("workshops/home_panel.jinja", {"next_session": upcoming})


def wall_learning(programme: Programme) -> list[WallLearning]:
    """What was learnt in the programme's huddles, debriefs, peer assists and sets (newest five)."""
    sessions = (
        Session.objects.filter(programme=programme, kind__in=SMALL_SPACES)
        .exclude(learnt="")
        .order_by("-held_on", "-pk")[:SHOWN]
    )
    return [
        WallLearning(
            kind=s.get_kind_display(),
            title=s.title,
            when=s.held_on,
            learnt=s.learnt,
            url=reverse("workshops:session", kwargs={"slug": programme.slug, "pk": s.pk}),
        )
        for s in sessions
    ]


def board_section(programme: Programme) -> BoardSection | None:
    """Sessions in the last 90 days and what people said of them, for the board paper."""
    since = timezone.localdate() - timedelta(days=90)
    sessions = list(
        Session.objects.filter(programme=programme, held_on__gte=since, held_on__lte=timezone.localdate())
        .select_related("series")
        .order_by("held_on", "pk")
    )
    if not sessions:
        return None
    answers = answers_by_session([s.pk for s in sessions])
    rows = []
    for s in sessions:
        summary = summarise(s.title, answers.get(s.pk, []))
        score = str(summary.net_recommend) if summary.shown else "Not shown (fewer than 8 answers)"
        rows.append(
            (s.title, f"{s.held_on.day} {s.held_on:%B %Y}", s.get_kind_display(), summary.count_text, score)
        )
    overall = summarise("all", shown_only(answers.get(s.pk, []) for s in sessions))
    intro = f"{len(sessions)} sessions in the last 90 days."
    if overall.shown:
        intro += f" Across them the net-recommend score was {overall.net_recommend} (from −100 to 100)."
    return BoardSection(
        "sessions",
        "Workshops and what people said",
        intro,
        table=BoardTable(
            "Sessions in the last 90 days", ("Session", "Date", "Kind", "Answers", "Net recommend"), rows
        ),
        component="engagement",
    )
