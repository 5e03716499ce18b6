"""Reading measures and their data for a page: a fixed number of queries however many there are."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import numpy as np
from django.db import models
from django.shortcuts import get_object_or_404

from mobilise.programmes.models import Programme

from .analysis import SeriesInput
from .charts.svg import ChartNote
from .models import Annotation, DataPoint, ImportJob, Measure, Phase


def measures_in(programme: Programme, *, component: str = "", type: str = "") -> models.QuerySet[Measure]:
    """The programme's live measures, optionally only one component's or one type's."""
    queryset = Measure.objects.filter(programme=programme)
    if component:
        queryset = queryset.filter(component=component)
    if type:
        queryset = queryset.filter(type=type)
    return queryset.order_by("name", "pk")


def get_measure_or_404(programme: Programme, pk: int) -> Measure:
    return get_object_or_404(Measure, programme=programme, pk=pk)


def get_point_or_404(measure: Measure, pk: int) -> DataPoint:
    return get_object_or_404(DataPoint, measure=measure, pk=pk)


def get_annotation_or_404(measure: Measure, pk: int) -> Annotation:
    return get_object_or_404(Annotation, measure=measure, pk=pk)


def get_phase_or_404(measure: Measure, pk: int) -> Phase:
    return get_object_or_404(Phase, measure=measure, pk=pk)


def get_import_or_404(programme: Programme, pk: int) -> ImportJob:
    return get_object_or_404(ImportJob, programme=programme, pk=pk)


def point_history(point: DataPoint) -> list[Any]:
    """Every saved version of one data point, newest first, with who saved it."""
    return list(
        DataPoint.history.filter(id=point.pk).select_related("history_user").order_by("-history_date")
    )


@dataclass(frozen=True, slots=True)
class PointRow:
    pk: int
    period: date
    value: float | None
    numerator: float | None
    denominator: float | None


def _phase_starts(ids: Sequence[int]) -> dict[int, list[date]]:
    starts: dict[int, list[date]] = defaultdict(list)
    for measure_id, start in (
        Phase.objects.filter(measure_id__in=ids).order_by("starts").values_list("measure_id", "starts")
    ):
        starts[measure_id].append(start)
    return starts


def _series(measure: Measure, periods: Sequence[date], numbers: Any, starts: Sequence[date]) -> SeriesInput:
    """``numbers`` is a 3 × n array (or three sequences) of values, numerators and denominators."""
    return SeriesInput(
        key=measure.pk,
        chart=measure.chart,
        periods=periods,
        values=numbers[0],
        numerators=numbers[1],
        denominators=numbers[2],
        improvement=measure.improvement,
        target=measure.target,
        baseline=measure.baseline_points,
        phase_starts=starts,
        unit=measure.unit,
    )


def series_inputs(measures: Sequence[Measure]) -> list[SeriesInput]:
    """Every measure's points and phase starts in two queries, ready for one batch analysis.

    Rows go straight into columns (no object per point), so a page of 200 measures stays quick.
    """
    ids = [m.pk for m in measures]
    rows = list(
        DataPoint.objects.filter(measure_id__in=ids)
        .order_by("measure_id", "period")
        .values_list("measure_id", "period", "value", "numerator", "denominator")
    )
    starts = _phase_starts(ids)
    if rows:
        measure_ids, periods, *columns = zip(*rows, strict=True)
    else:
        measure_ids, periods, columns = (), (), [(), (), ()]
    owners = np.fromiter(measure_ids, dtype=np.int64, count=len(rows))
    numbers = np.array(columns, dtype=np.float64).reshape(3, len(rows))  # None becomes NaN
    found, first = np.unique(owners, return_index=True)
    ends = [*first[1:].tolist(), len(rows)] if first.size else []
    bounds = {mid: (a, b) for mid, a, b in zip(found.tolist(), first.tolist(), ends, strict=True)}
    inputs = []
    for m in measures:
        a, b = bounds.get(m.pk, (0, 0))
        inputs.append(_series(m, periods[a:b], numbers[:, a:b], starts.get(m.pk, [])))
    return inputs


def measure_series(measure: Measure) -> tuple[SeriesInput, list[PointRow]]:
    """One measure's series for its chart, with each point's id for the data table."""
    points = [
        PointRow(*row)
        for row in measure.points.order_by("period").values_list(
            "pk", "period", "value", "numerator", "denominator"
        )
    ]
    numbers = ([p.value for p in points], [p.numerator for p in points], [p.denominator for p in points])
    series = _series(measure, [p.period for p in points], numbers, _phase_starts([measure.pk])[measure.pk])
    return series, points


def chart_notes(measure: Measure, annotations: Sequence[Annotation]) -> list[ChartNote]:
    """Annotations and related tests of change, numbered in date order for the chart and its key."""
    dated: list[tuple[date, str, str]] = [(a.period, a.text, "note") for a in annotations]
    dated += [(when, label, "test") for when, label in tests_of_change(measure)]
    dated.sort(key=lambda item: item[0])
    return [
        ChartNote(number=i, period=when, text=text, kind=kind)
        for i, (when, text, kind) in enumerate(dated, start=1)
    ]


ChartNoteSource = Callable[[Measure], list[tuple[date, str]]]

# Other apps' dated events for a measure's chart (tests of change, for one), registered from
# their AppConfig.ready(), so measurement never imports them.
CHART_NOTE_SOURCES: list[ChartNoteSource] = []


def register_chart_notes(source: ChartNoteSource) -> None:
    if source not in CHART_NOTE_SOURCES:
        CHART_NOTE_SOURCES.append(source)


def tests_of_change(measure: Measure, limit: int = 50) -> list[tuple[date, str]]:
    """Dates and labels of other apps' events on this measure (tests of change), oldest first."""
    found = [
        (when.date() if isinstance(when, datetime) else when, label)
        for source in CHART_NOTE_SOURCES
        for when, label in source(measure)
    ]
    return sorted(found, key=lambda item: item[0])[:limit]


# The driver-diagram app registers how to find the aims that use a measure (AppConfig.ready()).
AIM_SOURCES: list[Callable[[Measure], list[Any]]] = []


def register_aims(source: Callable[[Measure], list[Any]]) -> None:
    AIM_SOURCES[:] = [source]


def aims_using(measure: Measure) -> list[Any]:
    """Driver-diagram aims that use this measure; none while no app has aims."""
    return [aim for source in AIM_SOURCES for aim in source(measure)][:20]
