"""What pages show: dashboard rows, data tables and the CSV download, from measures and analyses."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from mobilise.core.spreadsheets import neutralise

from . import periods
from .analysis import Analysis
from .charts.numbers import fmt, with_unit
from .charts.sentences import (
    POINT_LABELS,
    SPECIAL_CAUSE_WORDS,
    assurance_sentence,
    caveats,
    change_since_last,
    phase_sentence,
    variation_sentence,
)
from .models import Annotation, Measure, Phase
from .reads import PointRow


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """One line of the MDC summary table."""

    measure: Measure
    latest: str
    latest_period: str
    target: str
    variation_icon: str | None
    assurance_icon: str | None
    meaning: str
    assurance: str | None
    change: str | None


def summary_rows(measures: Sequence[Measure], analyses: Sequence[Analysis]) -> list[SummaryRow]:
    by_key = {a.key: a for a in analyses}
    rows = []
    for m in measures:
        a = by_key[m.pk]
        last = a.last_index
        rows.append(
            SummaryRow(
                measure=m,
                latest=with_unit(float(a.values[last]), a.unit) if last is not None else "No data yet",
                latest_period=periods.label(a.periods[last], m.frequency) if last is not None else "",
                target=with_unit(m.target, a.unit) if m.target is not None else "None set",
                variation_icon=a.variation_icon,
                assurance_icon=a.assurance_icon,
                meaning=" ".join(filter(None, (phase_sentence(a, m.frequency), variation_sentence(a)))),
                assurance=assurance_sentence(a),
                change=change_since_last(a, m.frequency),
            )
        )
    return rows


@dataclass(frozen=True, slots=True)
class TableRow:
    pk: int
    period: date
    period_label: str
    value: str
    numerator: str
    denominator: str
    centre: str
    lower: str
    upper: str
    point_type: str
    special_cause: str


def _opt(x: float | None) -> str:
    return "" if x is None or (isinstance(x, float) and math.isnan(x)) else fmt(x)


def table_rows(measure: Measure, analysis: Analysis, points: Sequence[PointRow]) -> list[TableRow]:
    """The chart's data as a table: each point with its centre, limits and what kind of point it is."""
    # Plain lists, not numpy element by element: a table of hundreds of rows on every chart page.
    observed = analysis.observed.tolist()
    values, centre, lower, upper = (
        a.tolist() for a in (analysis.values, analysis.centre, analysis.lower, analysis.upper)
    )
    charted = analysis.chart != "run"
    out = []
    for i, point in enumerate(points):
        seen = bool(observed[i]) if i < len(observed) else False
        kind = analysis.point_type_at(i) if seen and charted else None
        cause = analysis.special_cause_at(i) if seen and charted else None
        out.append(
            TableRow(
                pk=point.pk,
                period=point.period,
                period_label=periods.label(point.period, measure.frequency),
                value=_opt(values[i]) if seen else _opt(point.value),
                numerator=_opt(point.numerator),
                denominator=_opt(point.denominator),
                centre=_opt(centre[i]),
                lower=_opt(lower[i]),
                upper=_opt(upper[i]),
                point_type=POINT_LABELS.get(kind or "", "") if seen else "not charted",
                special_cause=SPECIAL_CAUSE_WORDS.get(cause or "", ""),
            )
        )
    return out


CSV_HEADER = [
    "period",
    "value",
    "numerator",
    "denominator",
    "centre",
    "lower_limit",
    "upper_limit",
    "point_type",
    "special_cause",
    "phase",
    "annotation",
]


def _csv_number(x: float | None) -> str:
    return "" if x is None or math.isnan(x) else repr(float(x))


def _csv_text(text: str) -> str:
    """Text cells that a spreadsheet would run as a formula get a leading apostrophe."""
    return neutralise(text)


def csv_rows(
    measure: Measure, analysis: Analysis, points: Sequence[PointRow], annotations: Sequence[Annotation]
) -> list[list[str]]:
    notes: dict[date, list[str]] = {}
    for note in annotations:
        notes.setdefault(note.period, []).append(note.text)
    rows = [CSV_HEADER]
    for i, point in enumerate(points):
        observed = bool(analysis.observed[i]) if i < len(analysis.observed) else False
        rows.append(
            [
                point.period.isoformat(),
                _csv_number(float(analysis.values[i])) if observed else _csv_number(point.value),
                _csv_number(point.numerator),
                _csv_number(point.denominator),
                _csv_number(float(analysis.centre[i])),
                _csv_number(float(analysis.lower[i])),
                _csv_number(float(analysis.upper[i])),
                (analysis.point_type_at(i) or "") if observed else "",
                (analysis.special_cause_at(i) or "") if observed else "",
                str(int(analysis.phase[i]) + 1) if i < len(analysis.phase) and analysis.phase[i] >= 0 else "",
                _csv_text("; ".join(notes.get(point.period, []))),
            ]
        )
    return rows


@dataclass(frozen=True, slots=True)
class ChartStory:
    """The words that go with a chart."""

    sentence: str
    assurance: str | None
    caveats: list[str]


def chart_story(analysis: Analysis) -> ChartStory:
    return ChartStory(
        sentence=variation_sentence(analysis),
        assurance=assurance_sentence(analysis),
        caveats=caveats(analysis),
    )


def phase_rows(measure: Measure, phases: Sequence[Phase]) -> list[tuple[Phase, str]]:
    return [(phase, periods.label(phase.starts, measure.frequency)) for phase in phases]


def period_text(value: date, frequency: str) -> str:
    return periods.label(value, frequency)


__all__ = [
    "ChartStory",
    "SummaryRow",
    "TableRow",
    "chart_story",
    "csv_rows",
    "fmt",
    "period_text",
    "phase_rows",
    "summary_rows",
    "table_rows",
    "with_unit",
]
