"""A measure: create, read (chart, icons, data), edit, bin, download, and fix its baseline."""

from __future__ import annotations

import csv
from functools import partial
from typing import Any, cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods

from mobilise.core.concurrency import EditConflict, form_for_second_save
from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT, VIEW

from .. import presenters, reads, services
from ..analysis import analyse_series
from ..charts.icons import assurance_icon, symbol_definitions, variation_icon
from ..charts.sentences import headline
from ..charts.style import LEGEND, shape
from ..charts.svg import NARROW, point_titles, render_chart
from ..forms import BaselineForm, MeasureForm
from ..models import Measure, chart_name
from .rendering import page

CONFLICT_MESSAGE = (
    "Someone else changed this measure while you were editing. Your changes are below; "
    "their version is shown for comparison. Check both, then save again to keep yours."
)
MEASURE_FIELDS = (
    "name",
    "definition",
    "type",
    "unit",
    "improvement",
    "target",
    "frequency",
    "chart",
    "data_owner",
    "component",
)


def _initial(measure: Measure) -> dict[str, Any]:
    initial: dict[str, Any] = {name: getattr(measure, name) for name in MEASURE_FIELDS}
    initial["target"] = "" if measure.target is None else f"{measure.target:g}"
    initial["version"] = measure.version
    return initial


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def measure_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = MeasureForm(
        request.POST or None,
        initial={"type": "outcome", "improvement": "increase", "frequency": "month", "chart": "xmr"},
    )
    if request.method == "POST" and form.is_valid():
        measure = services.measure_create(programme=programme, data=form.cleaned_data, user=request.user)
        messages.success(request, f"Measure added: {measure.name}. Now add its data.")
        return redirect("measurement:measure", slug=programme.slug, pk=measure.pk)
    return page(
        request, "measurement/measure_form.jinja", {"programme": programme, "form": form, "measure": None}
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def measure_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    measure = reads.get_measure_or_404(programme, pk)
    form = MeasureForm(request.POST or None, initial=_initial(measure))
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_update(
                measure=measure,
                data=form.cleaned_data,
                expected_version=form.cleaned_data["version"],
                user=request.user,
            )
        except EditConflict as conflict:
            theirs = cast(Measure, conflict.current)
            form = form_for_second_save(MeasureForm, request.POST, theirs.version)
            return page(
                request,
                "measurement/measure_form.jinja",
                {
                    "programme": programme,
                    "form": form,
                    "measure": measure,
                    "theirs": theirs,
                    "conflict_message": CONFLICT_MESSAGE,
                },
                status=409,
            )
        messages.success(request, "Measure saved.")
        return redirect("measurement:measure", slug=programme.slug, pk=measure.pk)
    return page(
        request, "measurement/measure_form.jinja", {"programme": programme, "form": form, "measure": measure}
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def measure_delete(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    measure = reads.get_measure_or_404(programme, pk)
    if request.method == "POST":
        services.measure_bin(measure=measure, user=request.user)
        messages.success(
            request, f"“{measure.name}” moved to the bin. A convenor can restore it within 30 days."
        )
        return redirect("measurement:dashboard", slug=programme.slug)
    return page(request, "measurement/measure_delete.jinja", {"programme": programme, "measure": measure})


def _analysed(measure: Measure) -> tuple[Any, list[reads.PointRow]]:
    series, points = reads.measure_series(measure)
    return analyse_series([series])[0], points


@require_GET
@programme_view(VIEW)
def measure_detail(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    measure = reads.get_measure_or_404(programme, pk)
    analysis, points = _analysed(measure)
    annotations = list(measure.annotations.select_related("created_by"))
    phases = list(measure.phases.select_related("created_by"))
    notes = reads.chart_notes(measure, annotations)
    legend = [(shape(kind, 10, 10, 5), text) for kind, text in LEGEND]
    story = headline(analysis, measure.frequency, [(p.starts, p.reason) for p in phases])
    title = f"{measure.name}: {chart_name(measure.chart, hint=False).lower()}"
    draw = partial(
        render_chart,
        analysis,
        title=title,
        frequency=measure.frequency,
        notes=notes,
        headline=story,
        titles=point_titles(analysis, measure.frequency),
    )
    return page(
        request,
        "measurement/measure_detail.jinja",
        {
            "programme": programme,
            "measure": measure,
            "analysis": analysis,
            "story": presenters.chart_story(analysis),
            "headline": story,
            "chart": draw(),
            "narrow_chart": draw(element_id="chart-narrow", frame=NARROW),
            "notes": notes,
            "legend": legend,
            "table": presenters.table_rows(measure, analysis, points),
            "annotations": [(a, presenters.period_text(a.period, measure.frequency)) for a in annotations],
            "phases": presenters.phase_rows(measure, phases),
            "aims": reads.aims_using(measure),
            "icon_symbols": symbol_definitions(),
            "variation_icon": variation_icon,
            "assurance_icon": assurance_icon,
            "can_edit": request.user.has_perm(EDIT, programme),
            "target_text": presenters.with_unit(measure.target, analysis.unit)
            if measure.target is not None
            else "",
        },
    )


@require_GET
@programme_view(VIEW)
def measure_csv(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    measure = reads.get_measure_or_404(programme, pk)
    analysis, points = _analysed(measure)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = slugify(measure.name) or "measure"
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")  # so Excel reads the file as UTF-8
    csv.writer(response).writerows(
        presenters.csv_rows(measure, analysis, points, list(measure.annotations.all()))
    )
    return response


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def baseline_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    measure = reads.get_measure_or_404(programme, pk)
    available = measure.points.count()
    form = BaselineForm(
        request.POST or None,
        available=available,
        initial={"points": measure.baseline_points, "version": measure.version},
    )
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.baseline_set(
                measure=measure,
                points=form.cleaned_data["points"],
                expected_version=form.cleaned_data["version"],
                user=request.user,
            )
        except EditConflict as clash:
            conflict = True
            form = form_for_second_save(
                lambda data: BaselineForm(data, available=available),
                request.POST,
                cast(Measure, clash.current).version,
            )
        else:
            messages.success(
                request,
                f"The limits now use the first {saved.baseline_points} points of each phase."
                if saved.baseline_points
                else "The limits now use every point.",
            )
            return redirect("measurement:measure", slug=programme.slug, pk=measure.pk)
    return page(
        request,
        "measurement/baseline_form.jinja",
        {
            "programme": programme,
            "measure": measure,
            "form": form,
            "available": available,
            "conflict_message": CONFLICT_MESSAGE if conflict else "",
        },
        status=409 if conflict else 200,
    )
