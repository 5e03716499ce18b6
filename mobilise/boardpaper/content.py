"""What goes in a board paper, read from live data into plain values that can be kept for good.

The paper follows the Change Model: the shared purpose first, then the stage the programme is at,
each component as the team sees it, what the measures say (Making Data Count), then what other
apps add (tensions here; risks, agreements and energy once those apps register them).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from mobilise.measurement import reads as measure_reads
from mobilise.measurement.analysis import Analysis, analyse_series
from mobilise.measurement.charts.sentences import ASSURANCE_LABELS, VARIATION_LABELS
from mobilise.measurement.presenters import SummaryRow, summary_rows
from mobilise.programmes.models import Programme
from mobilise.purpose.models import SharedPurpose
from mobilise.workspace.board import BoardSection, BoardTable, board_sections
from mobilise.workspace.components import COMPONENTS, PURPOSE
from mobilise.workspace.models import (
    AlignmentEntry,
    ComponentState,
    Note,
    Relationship,
    Status,
    TensionStatus,
)

from .charts import sparkline

HIGHLIGHTS_PER_COMPONENT = 2
MOST_SIGNALS = 12
NOTES_LOOKED_AT = 400
# Which measures the paper shows one by one: those the board should know about, worst news first.
SIGNAL_ORDER = {"concern_high": 0, "concern_low": 0, "improvement_high": 2, "improvement_low": 2}
COMPONENT_NAMES = {c.key: c.name for c in COMPONENTS}
MEASURE_HEADINGS = ("Measure", "Component", "Latest", "Period", "Target", "Variation", "Assurance")


def _signal_rank(row: SummaryRow) -> int | None:
    if row.variation_icon in SIGNAL_ORDER:
        return SIGNAL_ORDER[row.variation_icon]
    if row.assurance_icon == "consistent_fail":
        return 1
    return None


def _measure_cells(row: SummaryRow) -> list[str]:
    m = row.measure
    return [
        m.name,
        COMPONENT_NAMES.get(m.component, ""),
        row.latest,
        row.latest_period,
        row.target,
        VARIATION_LABELS.get(row.variation_icon or "", "Not enough data"),
        ASSURANCE_LABELS.get(
            row.assurance_icon or "", "No target" if m.target is None else "Not enough data"
        ),
    ]


def _measures(programme: Programme) -> dict[str, Any]:
    measures = list(measure_reads.measures_in(programme))
    analyses: list[Analysis] = analyse_series(measure_reads.series_inputs(measures))
    rows = summary_rows(measures, analyses)
    by_key = {a.key: a for a in analyses}
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        icon = row.variation_icon or ""
        kind = icon.split("_")[0] if icon else "none"
        counts[
            {"common": "common", "improvement": "improvement", "concern": "concern"}.get(kind, "other")
        ] += 1
    ranked = sorted(
        ((rank, i, row) for i, row in enumerate(rows) if (rank := _signal_rank(row)) is not None),
        key=lambda t: (t[0], t[1]),
    )
    shown = [
        {
            "cells": _measure_cells(row),
            "meaning": row.meaning,
            "spark": str(sparkline(by_key[row.measure.pk])),
        }
        for _, _, row in ranked[:MOST_SIGNALS]
    ]
    return {
        "total": len(rows),
        "improvement": counts["improvement"],
        "concern": counts["concern"],
        "common": counts["common"],
        "other": counts["other"] + counts["none"],
        "signals": len(ranked),
        "shown": shown,
        "headings": list(MEASURE_HEADINGS),
        "all": [_measure_cells(row) for row in rows],
    }


def _components(programme: Programme) -> list[dict[str, Any]]:
    states = dict(ComponentState.objects.filter(programme=programme).values_list("component", "status"))
    highlights: dict[str, list[str]] = defaultdict(list)
    recent = Note.objects.filter(programme=programme).order_by("-created_at", "-pk")
    for component, kind, title in recent.values_list("component", "kind", "title")[:NOTES_LOOKED_AT]:
        if len(highlights[component]) < HIGHLIGHTS_PER_COMPONENT:
            highlights[component].append(f"{'Decision: ' if kind == 'decision' else ''}{title}")
    labels = dict(Status.choices)
    return [
        {
            "key": c.key,
            "name": c.name,
            "status": labels[states.get(c.key, Status.NOT_STARTED)],
            "highlights": highlights.get(c.key, []),
        }
        for c in COMPONENTS
        if c.key != PURPOSE
    ]


def open_tensions(programme: Programme) -> BoardSection | None:
    """Open tensions between components, with what the team will do: registered by this app."""
    entries = AlignmentEntry.objects.filter(
        programme=programme, relationship=Relationship.TENSION, status=TensionStatus.OPEN
    ).order_by("first", "second", "-created_at")
    rows = [(str(e), e.description, e.action or "Not decided yet") for e in entries]
    if not rows:
        return BoardSection("tensions", "Open tensions", "No open tensions between components are recorded.")
    return BoardSection(
        "tensions",
        "Open tensions",
        "Where two parts of the work pull against each other, and what the team will do about it.",
        table=BoardTable(
            "Open tensions between components", ("Between", "How they pull apart", "What we will do"), rows
        ),
    )


def build(programme: Programme) -> dict[str, Any]:
    purpose = SharedPurpose.objects.filter(programme=programme).first()
    return {
        "programme": programme.name,
        "stage": programme.get_stage_display(),
        "cycle_round": programme.cycle_round,
        "outcome": programme.get_outcome_display() if programme.outcome else "",
        "stage_note": programme.stage_note,
        "purpose": purpose.statement if purpose else "",
        "why": purpose.why_it_matters if purpose else "",
        "components": _components(programme),
        "measures": _measures(programme),
        "sections": [section.as_data() for section in board_sections(programme)],
    }
