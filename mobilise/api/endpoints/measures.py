"""Measures, their data points (one at a time or 100,000 at once), SPC results and annotations."""

from __future__ import annotations

import math
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status

from mobilise.measurement.analysis import analyse_series
from mobilise.measurement.charts.sentences import assurance_sentence, variation_sentence
from mobilise.measurement.reads import get_measure_or_404, measure_series
from mobilise.measurement.services.measures import measure_update
from mobilise.measurement.services.points import annotation_add
from mobilise.programmes.roles import EDIT

from .. import reads, services
from ..access import audit_change, programme_for
from ..paging import PageQuery, page
from ..schemas import (
    AnnotationIn,
    AnnotationOut,
    Dates,
    MeasureChange,
    MeasureOut,
    Page,
    PointOut,
    PointsIn,
    PointsResult,
    SpcOut,
)

router = Router(tags=["Measures"])


def _etag(version: int) -> str:
    return f'W/"{version}"'


def _measure(m: Any) -> dict[str, Any]:
    return {
        "id": m.pk,
        "name": m.name,
        "definition": m.definition,
        "type": m.type,
        "unit": m.unit,
        "improvement": m.improvement,
        "target": m.target,
        "frequency": m.frequency,
        "chart": m.chart,
        "version": m.version,
    }


@router.get("/{slug}/measures", response=Page[MeasureOut], url_name="measures", summary="Measures")
def measure_list(request: HttpRequest, slug: str, paging: PageQuery) -> dict[str, Any]:
    programme = programme_for(request, slug)
    return page(request, reads.measures(programme), paging, _measure)


@router.get("/{slug}/measures/{measure_id}", response=MeasureOut, url_name="measure", summary="One measure")
def measure_detail(
    request: HttpRequest, response: HttpResponse, slug: str, measure_id: int
) -> dict[str, Any]:
    measure = get_measure_or_404(programme_for(request, slug), measure_id)
    response["ETag"] = _etag(measure.version)
    return _measure(measure)


@router.patch(
    "/{slug}/measures/{measure_id}",
    response=MeasureOut,
    url_name="measure_change",
    summary="Change a measure's wording or target (send the version you read)",
)
def measure_change(
    request: HttpRequest, response: HttpResponse, slug: str, measure_id: int, payload: MeasureChange
) -> dict[str, Any]:
    programme = programme_for(request, slug, EDIT)
    measure = get_measure_or_404(programme, measure_id)
    data = payload.dict(exclude_unset=True, exclude={"version"})
    saved = measure_update(measure=measure, data=data, expected_version=payload.version, user=request.user)
    audit_change(
        request, programme, 200, f"Changed measure {saved.pk}: {', '.join(sorted(data)) or 'nothing'}"
    )
    response["ETag"] = _etag(saved.version)
    return _measure(saved)


def _point(p: Any) -> dict[str, Any]:
    return {
        "id": p.pk,
        "period": p.period,
        "value": p.value,
        "numerator": p.numerator,
        "denominator": p.denominator,
        "version": p.version,
    }


@router.get(
    "/{slug}/measures/{measure_id}/points",
    response=Page[PointOut],
    url_name="points",
    summary="Data points, oldest first",
)
def point_list(
    request: HttpRequest, slug: str, measure_id: int, paging: PageQuery, dates: Query[Dates]
) -> dict[str, Any]:
    measure = get_measure_or_404(programme_for(request, slug), measure_id)
    return page(request, reads.points(measure, dates.start, dates.end), paging, _point)


@router.put(
    "/{slug}/measures/{measure_id}/points",
    response=PointsResult,
    url_name="points_upsert",
    summary="Add or correct up to 100,000 points at once, all or nothing",
)
def point_upsert(request: HttpRequest, slug: str, measure_id: int, payload: PointsIn) -> dict[str, int]:
    programme = programme_for(request, slug, EDIT)
    measure = get_measure_or_404(programme, measure_id)
    result = services.points_upsert(
        measure=measure,
        points=[services.PointIn(p.period, p.value, p.numerator, p.denominator) for p in payload.points],
        user=request.user,
        reason=payload.reason,
    )
    audit_change(
        request,
        programme,
        200,
        f"Points for measure {measure.pk}: {result['created']} added, {result['updated']} corrected",
    )
    return result


def _number(x: Any) -> float | None:
    value = float(x)
    return value if math.isfinite(value) else None


@router.get(
    "/{slug}/measures/{measure_id}/spc",
    response=SpcOut,
    url_name="spc",
    summary="SPC analysis: limits, special causes and the NHS icons, as on the chart page",
)
def spc(request: HttpRequest, slug: str, measure_id: int) -> dict[str, Any]:
    measure = get_measure_or_404(programme_for(request, slug), measure_id)
    series, _ = measure_series(measure)
    a = analyse_series([series])[0]
    return {
        "measure": measure.pk,
        "chart": a.chart,
        "variation_icon": a.variation_icon,
        "assurance_icon": a.assurance_icon,
        "meaning": variation_sentence(a),
        "assurance": assurance_sentence(a),
        "problem": a.problem,
        "periods": [
            {
                "period": period,
                "value": _number(a.values[i]) if i < len(a.values) else None,
                "centre": _number(a.centre[i]) if i < len(a.centre) else None,
                "lower": _number(a.lower[i]) if i < len(a.lower) else None,
                "upper": _number(a.upper[i]) if i < len(a.upper) else None,
                "point_type": a.point_type_at(i) if i < len(a.point_type) else None,
                "special_cause": a.special_cause_at(i) if i < len(a.special_cause) else None,
            }
            for i, period in enumerate(a.periods)
        ],
    }


def _annotation(n: Any) -> dict[str, Any]:
    by = n.created_by.display_name if n.created_by else None
    return {"id": n.pk, "period": n.period, "text": n.text, "by": by}


@router.get(
    "/{slug}/measures/{measure_id}/annotations",
    response=Page[AnnotationOut],
    url_name="annotations",
    summary="Notes on the chart",
)
def annotation_list(
    request: HttpRequest, slug: str, measure_id: int, paging: PageQuery, dates: Query[Dates]
) -> dict[str, Any]:
    measure = get_measure_or_404(programme_for(request, slug), measure_id)
    return page(request, reads.chart_annotations(measure, dates.start, dates.end), paging, _annotation)


@router.post(
    "/{slug}/measures/{measure_id}/annotations",
    response={201: AnnotationOut},
    url_name="annotation_add",
    summary="Add a note to the chart",
)
def annotation_create(
    request: HttpRequest, slug: str, measure_id: int, payload: AnnotationIn
) -> Status[dict[str, Any]]:
    programme = programme_for(request, slug, EDIT)
    measure = get_measure_or_404(programme, measure_id)
    note = annotation_add(measure=measure, period=payload.period, text=payload.text, user=request.user)
    audit_change(request, programme, 201, f"Annotation {note.pk} on measure {measure.pk}")
    return Status(201, _annotation(note))
