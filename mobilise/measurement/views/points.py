"""A measure's data: single points (edits keep history), annotations, and phases (rebasing)."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods, require_POST

from mobilise.core.concurrency import EditConflict, form_for_second_save
from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT

from .. import periods, presenters, reads, services
from ..forms import AnnotationForm, PhaseForm, PointForm
from ..models import DataPoint, Measure
from .rendering import page

POINT_CONFLICT = (
    "Someone else changed this value while you were editing. Your numbers are below; the value "
    "they saved is shown for comparison. Check both, then save again to keep yours."
)


def _to_measure(programme: Programme, measure: Measure) -> HttpResponse:
    return redirect("measurement:measure", slug=programme.slug, pk=measure.pk)


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def point_add(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    measure = reads.get_measure_or_404(programme, pk)
    form = PointForm(request.POST or None, measure=measure)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            point = services.point_add(
                measure=measure,
                period=data["period"],
                value=data["value"],
                numerator=data["numerator"],
                denominator=data["denominator"],
                user=request.user,
            )
        except services.DuplicatePeriod:
            when = periods.label(periods.normalise(data["period"], measure.frequency), measure.frequency)
            form.add_error("period", f"There is already a value for {when}. Change that value instead")
        else:
            messages.success(request, f"Value added for {periods.label(point.period, measure.frequency)}.")
            return _to_measure(programme, measure)
    return page(
        request,
        "measurement/point_form.jinja",
        {"programme": programme, "measure": measure, "form": form, "point": None},
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def point_edit(request: HttpRequest, programme: Programme, pk: int, point_pk: int) -> HttpResponse:
    measure = reads.get_measure_or_404(programme, pk)
    point = reads.get_point_or_404(measure, point_pk)
    initial: dict[str, Any] = {
        name: "" if getattr(point, name) is None else presenters.fmt(getattr(point, name))
        for name in ("value", "numerator", "denominator")
    }
    initial["version"] = point.version
    form = PointForm(request.POST or None, measure=measure, editing=True, initial=initial)
    theirs: DataPoint | None = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            changed = services.point_update(
                point=point,
                value=data["value"],
                numerator=data["numerator"],
                denominator=data["denominator"],
                user=request.user,
                reason=data["reason"],
                expected_version=data["version"],
            )
        except EditConflict as conflict:
            theirs = cast(DataPoint, conflict.current)
            form = form_for_second_save(
                lambda data: PointForm(data, measure=measure, editing=True), request.POST, theirs.version
            )
        else:
            when = periods.label(point.period, measure.frequency)
            messages.success(
                request,
                f"Value for {when} corrected. The old value is kept in its history."
                if changed
                else f"Nothing changed for {when}.",
            )
            return _to_measure(programme, measure)
    history = reads.point_history(point)
    return page(
        request,
        "measurement/point_form.jinja",
        {
            "programme": programme,
            "measure": measure,
            "form": form,
            "point": point,
            "period_label": periods.label(point.period, measure.frequency),
            "history": history,
            "theirs": theirs,
            "conflict_message": POINT_CONFLICT if theirs else "",
        },
        status=409 if theirs else 200,
    )


@require_POST
@programme_view(EDIT)
def point_delete(request: HttpRequest, programme: Programme, pk: int, point_pk: int) -> HttpResponse:
    measure = reads.get_measure_or_404(programme, pk)
    point = reads.get_point_or_404(measure, point_pk)
    services.point_delete(point=point, user=request.user)
    messages.success(
        request,
        f"Value for {periods.label(point.period, measure.frequency)} deleted. "
        "It is still in the measure's history.",
    )
    return _to_measure(programme, measure)


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def annotation_add(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    measure = reads.get_measure_or_404(programme, pk)
    form = AnnotationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.annotation_add(
            measure=measure,
            period=form.cleaned_data["period"],
            text=form.cleaned_data["text"],
            user=request.user,
        )
        messages.success(request, "Annotation added to the chart.")
        return _to_measure(programme, measure)
    return page(
        request,
        "measurement/annotation_form.jinja",
        {"programme": programme, "measure": measure, "form": form},
    )


@require_POST
@programme_view(EDIT)
def annotation_delete(
    request: HttpRequest, programme: Programme, pk: int, annotation_pk: int
) -> HttpResponse:
    measure = reads.get_measure_or_404(programme, pk)
    services.annotation_delete(
        annotation=reads.get_annotation_or_404(measure, annotation_pk), user=request.user
    )
    messages.success(request, "Annotation removed from the chart.")
    return _to_measure(programme, measure)


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def phase_add(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    measure = reads.get_measure_or_404(programme, pk)
    # A new phase starts at a point, never at the first (that is where phase 1 already starts).
    choices = list(measure.points.order_by("period").values_list("period", flat=True))[1:]
    form = PhaseForm(request.POST or None, choices=choices, frequency=measure.frequency)
    if request.method == "POST" and form.is_valid():
        try:
            phase = services.phase_add(
                measure=measure,
                starts=form.cleaned_data["starts"],
                reason=form.cleaned_data["reason"],
                user=request.user,
            )
        except services.DuplicatePeriod:
            form.add_error("starts", "A phase already starts there. Choose another period")
        else:
            messages.success(
                request,
                "New phase started from "
                f"{periods.label(phase.starts, measure.frequency)}: the limits are recalculated "
                "from there.",
            )
            return _to_measure(programme, measure)
    return page(
        request,
        "measurement/phase_form.jinja",
        {"programme": programme, "measure": measure, "form": form, "has_choices": bool(choices)},
    )


@require_POST
@programme_view(EDIT)
def phase_delete(request: HttpRequest, programme: Programme, pk: int, phase_pk: int) -> HttpResponse:
    measure = reads.get_measure_or_404(programme, pk)
    services.phase_delete(phase=reads.get_phase_or_404(measure, phase_pk), user=request.user)
    messages.success(request, "Phase removed: the limits run on across that point again.")
    return _to_measure(programme, measure)
