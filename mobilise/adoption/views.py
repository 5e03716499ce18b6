"""Spread pages: sites, practices being spread with their adoption curve, and sites compared on a
measure. Everyone in the programme can see them; members and above change them."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mobilise.core.concurrency import EditConflict
from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT, VIEW

from . import reads, services
from .analysis import adoption, table_rows
from .charts import funnel_svg, s_curve_svg, strip_svg
from .comparing import compare_sites, site_series
from .forms import ImportForm, MeasureForm, PracticeForm, SiteForm, StageEditForm, StageForm
from .importing import FileRefused, check_sites, check_values, read_upload
from .models import Practice, Stage

CONFLICT = (
    "Someone else changed this while you were editing. Your changes are below: save again to keep them."
)
BINNED = "“{}” is in the bin. A convenor can restore it within 30 days."


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _can_edit(request: HttpRequest, programme: Programme) -> bool:
    return bool(request.user.has_perm(EDIT, programme))


@require_GET
@programme_view(VIEW)
def spread(request: HttpRequest, programme: Programme) -> HttpResponse:
    sites = reads.sites_of(programme)
    in_scope = {s.pk for s in sites if s.in_scope}
    practices = reads.practices_of(programme)
    adopted = reads.adopted_sites(practices, in_scope)
    return render(
        request,
        "adoption/spread.jinja",
        {
            "programme": programme,
            "practices": [(p, len(adopted.get(p.pk, ()))) for p in practices],
            "in_scope": len(in_scope),
            "site_count": len(sites),
            "measures": reads.measures_of(programme),
            "can_edit": _can_edit(request, programme),
        },
    )


# Sites ---------------------------------------------------------------------------------------


@require_GET
@programme_view(VIEW)
def sites(request: HttpRequest, programme: Programme) -> HttpResponse:
    return render(
        request,
        "adoption/sites.jinja",
        {
            "programme": programme,
            "sites": reads.sites_of(programme),
            "can_edit": _can_edit(request, programme),
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def site_add(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = SiteForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        site = services.site_create(programme=programme, data=form.cleaned_data, user=request.user)
        messages.success(request, f"Site “{site.name}” added.")
        return redirect("adoption:sites", slug=programme.slug)
    return render(request, "adoption/site_form.jinja", {"programme": programme, "form": form, "site": None})


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def site_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    site = reads.get_site_or_404(programme, pk)
    initial = {
        "name": site.name,
        "organisation": site.organisation,
        "kind": site.kind,
        "ods_code": site.ods_code,
        "population": site.population,
        "in_scope": "yes" if site.in_scope else "no",
        "version": site.version,
    }
    form = SiteForm(_posted(request), initial=initial)
    problem, status = "", 200
    if request.method == "POST" and form.is_valid():
        try:
            services.site_edit(site=site, data=form.cleaned_data, user=request.user)
        except EditConflict:
            problem, status = CONFLICT, 409
            site.refresh_from_db()
        else:
            messages.success(request, f"Site “{form.cleaned_data['name']}” saved.")
            return redirect("adoption:sites", slug=programme.slug)
    return render(
        request,
        "adoption/site_form.jinja",
        {"programme": programme, "form": form, "site": site, "problem": problem, "version": site.version},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def site_delete(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    site = reads.get_site_or_404(programme, pk)
    if request.method == "POST":
        services.site_delete(site=site, user=request.user)
        messages.success(request, BINNED.format(site.name))
        return redirect("adoption:sites", slug=programme.slug)
    return render(
        request,
        "adoption/delete.jinja",
        {"programme": programme, "thing": f"the site “{site.name}”", "back": ("adoption:site_edit", site.pk)},
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def sites_import(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[Any] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table = read_upload(upload, name=upload.name, size=upload.size)
        except FileRefused as refused:
            form.add_error("file", str(refused))
        else:
            existing = {s.name.lower() for s in reads.sites_of(programme)}
            checked = check_sites(table, existing)
            problems = checked.problems
            if not problems:
                created = services.sites_import(programme=programme, rows=checked.rows, user=request.user)
                messages.success(request, f"{len(created):,} sites imported.")
                return redirect("adoption:sites", slug=programme.slug)
    status = 400 if problems or form.errors else 200
    return render(
        request,
        "adoption/import.jinja",
        {"programme": programme, "form": form, "problems": problems, "what": "sites"},
        status=status,
    )


# Practices -----------------------------------------------------------------------------------


def _practice_initial(practice: Practice) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "name": practice.name,
        "change_idea": practice.change_idea_id,
        "description": practice.description,
        "launched_on": practice.launched_on,
        "version": practice.version,
    }
    for i, milestone in enumerate(practice.milestones.all(), start=1):
        initial[f"milestone{i}_sites"] = milestone.sites
        initial[f"milestone{i}_on"] = milestone.on
    return initial


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def practice_add(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = PracticeForm(_posted(request), programme=programme, initial={"launched_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        practice = services.practice_create(programme=programme, data=form.cleaned_data, user=request.user)
        messages.success(request, f"Now tracking the spread of “{practice.name}”.")
        return redirect("adoption:practice", slug=programme.slug, pk=practice.pk)
    return render(
        request, "adoption/practice_form.jinja", {"programme": programme, "form": form, "practice": None}
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def practice_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    practice = reads.get_practice_or_404(programme, pk)
    form = PracticeForm(_posted(request), programme=programme, initial=_practice_initial(practice))
    problem, status = "", 200
    if request.method == "POST" and form.is_valid():
        try:
            services.practice_edit(practice=practice, data=form.cleaned_data, user=request.user)
        except EditConflict:
            problem, status = CONFLICT, 409
            practice.refresh_from_db()
        else:
            messages.success(request, "Saved.")
            return redirect("adoption:practice", slug=programme.slug, pk=practice.pk)
    return render(
        request,
        "adoption/practice_form.jinja",
        {
            "programme": programme,
            "form": form,
            "practice": practice,
            "problem": problem,
            "version": practice.version,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def practice_delete(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    practice = reads.get_practice_or_404(programme, pk)
    if request.method == "POST":
        services.practice_delete(practice=practice, user=request.user)
        messages.success(
            request, f"“{practice.name}” is in the bin. A convenor can restore it within 30 days."
        )
        return redirect("adoption:spread", slug=programme.slug)
    return render(
        request,
        "adoption/delete.jinja",
        {"programme": programme, "thing": f"“{practice.name}”", "back": ("adoption:practice", practice.pk)},
    )


def _as_of(request: HttpRequest) -> tuple[date, str]:
    today = timezone.localdate()
    raw = request.GET.get("on", "")
    if not raw:
        return today, ""
    try:
        return min(date.fromisoformat(raw), today), ""
    except ValueError:
        return today, "Enter a real date, like 2026-03-15. Showing today instead."


def _energy_falling(programme: Programme) -> bool | None:
    from mobilise.pulse.reads import latest_pulse
    from mobilise.pulse.results import pulse_results

    pulse = latest_pulse(programme)
    if pulse is None:
        return None
    energies = pulse_results(pulse).energies
    return any(t.fell or (t.change is not None and t.change < 0) for t in energies)


def _practice_page(
    request: HttpRequest, programme: Programme, practice: Practice, form: StageForm, status: int = 200
) -> HttpResponse:
    on, date_problem = _as_of(request)
    site_list = reads.sites_of(programme)
    result = adoption(
        practice, site_list, reads.changes_of(practice), on, energy_falling=_energy_falling(programme)
    )
    ordered = sorted(
        result.rows,
        key=lambda r: (not r.site.in_scope, r.first_adopted is None, r.first_adopted or on, r.site.name),
    )
    return render(
        request,
        "adoption/practice.jinja",
        {
            "programme": programme,
            "practice": practice,
            "a": result,
            "rows": ordered,
            "curve": s_curve_svg(result),
            "strip": strip_svg(result, [r for r in ordered if r.site.in_scope]),
            "table": table_rows(result),
            "form": form,
            "on": on,
            "date_problem": date_problem,
            "can_edit": _can_edit(request, programme),
            "site_table": _site_table(
                ordered, reverse("adoption:stage_history", args=[programme.slug, practice.pk, 0])
            ),
            "site_options": [(s.pk, s.name) for s in site_list],
            "chosen_site": str(form["site"].value() or ""),
        },
        status=status,
    )


def _day(d: date | None) -> str:
    return f"{d.day} {d:%B %Y}" if d else ""


def _site_table(rows: list[Any], history_url: str) -> list[tuple[str, str, str, str, str, str]]:
    """Rows of the sites table; ``history_url`` is a site's history page with ``0`` for the site."""
    labels = dict(Stage.choices)
    head, tail = history_url.rsplit("/0/", 1)
    return [
        (
            r.site.name,
            f"{head}/{r.site.pk}/{tail}",
            labels[r.stage],
            _day(r.since),
            _day(r.first_adopted),
            r.category,
        )
        for r in rows
    ]


@require_GET
@programme_view(VIEW)
def practice(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    found = reads.get_practice_or_404(programme, pk)
    form = StageForm(programme=programme, initial={"on": timezone.localdate()})
    return _practice_page(request, programme, found, form)


@require_POST
@programme_view(EDIT)
def stage_set(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    found = reads.get_practice_or_404(programme, pk)
    form = StageForm(request.POST, programme=programme)
    if form.is_valid():
        data = form.cleaned_data
        if data["on"] < found.launched_on:
            form.add_error("on", "The date must be on or after the date spreading started")
        else:
            services.stage_set(
                practice=found,
                site=data["site"],
                stage=data["stage"],
                on=data["on"],
                note=data["note"],
                user=request.user,
            )
            label = Stage(data["stage"]).label
            messages.success(request, f"{data['site'].name}: {label.lower()} from {data['on']:%-d %B %Y}.")
            return redirect("adoption:practice", slug=programme.slug, pk=found.pk)
    return _practice_page(request, programme, found, form, status=400)


@require_GET
@programme_view(VIEW)
def stage_history(request: HttpRequest, programme: Programme, pk: int, site: int) -> HttpResponse:
    found = reads.get_practice_or_404(programme, pk)
    the_site = reads.get_site_or_404(programme, site)
    labels = dict(Stage.choices)
    return render(
        request,
        "adoption/stage_history.jinja",
        {
            "programme": programme,
            "practice": found,
            "site": the_site,
            "changes": [(c, labels[c.stage]) for c in reads.history_of(found, the_site)],
            "can_edit": _can_edit(request, programme),
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def stage_edit(request: HttpRequest, programme: Programme, pk: int, change: int) -> HttpResponse:
    found = reads.get_practice_or_404(programme, pk)
    record = reads.get_stage_change_or_404(found, change)
    initial = {"stage": record.stage, "on": record.on, "note": record.note, "version": record.version}
    form = StageEditForm(_posted(request), initial=initial)
    problem, status = "", 200
    if request.method == "POST":
        if form.is_valid() and form.cleaned_data["on"] < found.launched_on:
            form.add_error("on", "The date must be on or after the date spreading started")
        if form.is_valid():
            try:
                services.stage_edit(change=record, data=form.cleaned_data, user=request.user)
            except EditConflict:
                problem, status = CONFLICT, 409
                record.refresh_from_db()
            else:
                messages.success(
                    request, f"{record.site.name}: the record is corrected and the curve redrawn."
                )
                return redirect(
                    "adoption:stage_history", slug=programme.slug, pk=found.pk, site=record.site_id
                )
        else:
            status = 400
    return render(
        request,
        "adoption/stage_form.jinja",
        {
            "programme": programme,
            "practice": found,
            "record": record,
            "form": form,
            "problem": problem,
            "version": record.version,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def stage_delete(request: HttpRequest, programme: Programme, pk: int, change: int) -> HttpResponse:
    found = reads.get_practice_or_404(programme, pk)
    record = reads.get_stage_change_or_404(found, change)
    back = reverse("adoption:stage_history", args=[programme.slug, found.pk, record.site_id])
    if request.method == "POST":
        services.stage_delete(change=record, user=request.user)
        messages.success(request, BINNED.format(f"{record.site.name}: {Stage(record.stage).label.lower()}"))
        return redirect(back)
    label = f"the record “{record.site.name}: {Stage(record.stage).label.lower()} on {_day(record.on)}”"
    return render(
        request, "adoption/delete.jinja", {"programme": programme, "thing": label, "back_url": back}
    )


# Measures by site ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def measure_add(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = MeasureForm(_posted(request), initial={"kind": "proportion"})
    if request.method == "POST" and form.is_valid():
        measure = services.measure_create(programme=programme, data=form.cleaned_data, user=request.user)
        messages.success(request, f"Measure “{measure.name}” added. Now import its figures by site.")
        return redirect("adoption:measure_import", slug=programme.slug, pk=measure.pk)
    return render(
        request, "adoption/measure_form.jinja", {"programme": programme, "form": form, "measure": None}
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def measure_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    measure = reads.get_measure_or_404(programme, pk)
    initial = {
        "name": measure.name,
        "kind": measure.kind,
        "per": measure.per,
        "higher_is_better": "yes" if measure.higher_is_better else "no",
        "version": measure.version,
    }
    form = MeasureForm(_posted(request), initial=initial)
    problem, status = "", 200
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_edit(measure=measure, data=form.cleaned_data, user=request.user)
        except EditConflict:
            problem, status = CONFLICT, 409
            measure.refresh_from_db()
        else:
            messages.success(request, "Saved.")
            return redirect("adoption:measure", slug=programme.slug, pk=measure.pk)
    return render(
        request,
        "adoption/measure_form.jinja",
        {
            "programme": programme,
            "form": form,
            "measure": measure,
            "problem": problem,
            "version": measure.version,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def measure_delete(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    measure = reads.get_measure_or_404(programme, pk)
    if request.method == "POST":
        services.measure_delete(measure=measure, user=request.user)
        messages.success(
            request, f"“{measure.name}” is in the bin. A convenor can restore it within 30 days."
        )
        return redirect("adoption:spread", slug=programme.slug)
    return render(
        request,
        "adoption/delete.jinja",
        {
            "programme": programme,
            "thing": f"the measure “{measure.name}”",
            "back": ("adoption:measure", measure.pk),
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def measure_import(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    measure = reads.get_measure_or_404(programme, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[Any] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table = read_upload(upload, name=upload.name, size=upload.size)
        except FileRefused as refused:
            form.add_error("file", str(refused))
        else:
            checked = check_values(table, reads.sites_of(programme), proportion=measure.kind == "proportion")
            problems = checked.problems
            if not problems:
                n = services.values_import(measure=measure, rows=checked.rows, user=request.user)
                messages.success(request, f"{n:,} figures imported.")
                return redirect("adoption:measure", slug=programme.slug, pk=measure.pk)
    status = 400 if problems or form.errors else 200
    return render(
        request,
        "adoption/import.jinja",
        {"programme": programme, "form": form, "problems": problems, "what": "values", "measure": measure},
        status=status,
    )


@require_GET
@programme_view(VIEW)
def measure(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    found = reads.get_measure_or_404(programme, pk)
    comparison = compare_sites(found, reads.sites_of(programme), reads.values_of(found))
    picture = None
    if comparison.funnel is not None:
        picture = funnel_svg(
            comparison.points,
            comparison.grid,
            comparison.lines,
            comparison.funnel.target,
            comparison.scale,
            comparison.unit,
        )
    return render(
        request,
        "adoption/measure.jinja",
        {
            "programme": programme,
            "measure": found,
            "c": comparison,
            "picture": picture,
            "can_edit": _can_edit(request, programme),
        },
    )


@require_GET
@programme_view(VIEW)
def site_chart(request: HttpRequest, programme: Programme, pk: int, site: int) -> HttpResponse:
    found = reads.get_measure_or_404(programme, pk)
    the_site = reads.get_site_or_404(programme, site)
    series = site_series(found, the_site)
    return render(
        request,
        "adoption/site_chart.jinja",
        {"programme": programme, "measure": found, "site": the_site, "s": series},
    )
