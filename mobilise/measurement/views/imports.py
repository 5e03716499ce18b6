"""Importing data: upload a file, match its columns, then watch it being checked and saved."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from mobilise.core.jinja2env import uk_date
from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT

from .. import reads, services
from ..import_forms import MappingForm, UploadForm
from ..importing.files import first_rows, header_row_index, sheet_names
from ..importing.mapping import guess, headings
from ..importing.problems import FileRefused
from ..models import ImportStatus
from ..services.imports import upload_path
from .rendering import page

PREVIEW_ROWS = 10


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def import_upload(request: HttpRequest, programme: Programme) -> HttpResponse:
    chosen = request.GET.get("measure") or request.POST.get("measure") or ""
    measure = reads.measures_in(programme).filter(pk=chosen).first() if chosen.isdigit() else None
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.import_job_create(
                programme=programme, user=request.user, upload=form.cleaned_data["file"], measure=measure
            )
        except FileRefused as refused:
            form.add_error("file", str(refused))
        else:
            return redirect("measurement:import_mapping", slug=programme.slug, job_pk=job.pk)
    return page(
        request, "measurement/import_upload.jinja", {"programme": programme, "form": form, "measure": measure}
    )


def _cell_text(cell: Any) -> str:
    if isinstance(cell, datetime | date):
        return uk_date(cell)
    return "" if cell is None else str(cell)


def _header_row(request: HttpRequest) -> int | None:
    raw = (
        request.POST.get("header_row") if request.method == "POST" else request.GET.get("header_row")
    ) or ""
    return int(raw) if raw.isdigit() and 1 <= int(raw) <= 1000 else None


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def import_mapping(request: HttpRequest, programme: Programme, job_pk: int) -> HttpResponse:
    job = reads.get_import_or_404(programme, job_pk)
    if job.status != ImportStatus.UPLOADED:
        return redirect("measurement:import_status", slug=programme.slug, job_pk=job.pk)
    if request.method == "POST" and "preview" in request.POST:
        # "Show the preview again" with other headings or another sheet: back to a plain GET.
        query = urlencode({k: request.POST[k] for k in ("header_row", "sheet") if request.POST.get(k)})
        url = reverse("measurement:import_mapping", kwargs={"slug": programme.slug, "job_pk": job.pk})
        return redirect(f"{url}?{query}" if query else url)
    path = upload_path(job)
    try:
        if not job.stored_name or not path.exists():
            raise FileNotFoundError(path)
        sheets = sheet_names(path, job.kind)
        sheet = request.POST.get("sheet") or request.GET.get("sheet") or (sheets[0] if sheets else None)
        if sheets and sheet not in sheets:
            sheet = sheets[0]
        wanted = _header_row(request)
        rows = first_rows(path, job.kind, sheet, limit=(wanted or 20) + PREVIEW_ROWS)
    except (FileRefused, OSError) as problem:
        job.refresh_from_db()
        if job.status != ImportStatus.UPLOADED:  # a repeated confirm: the first has the file now
            return redirect("measurement:import_status", slug=programme.slug, job_pk=job.pk)
        if isinstance(problem, FileRefused):
            services.import_job_refuse(job=job, reason=str(problem))
            return redirect("measurement:import_status", slug=programme.slug, job_pk=job.pk)
        return page(request, "measurement/import_gone.jinja", {"programme": programme, "job": job})
    header_index = (wanted - 1) if wanted else header_row_index(rows)
    names = headings(rows[header_index]) if header_index < len(rows) else []
    measures = list(reads.measures_in(programme))
    chosen = next((m for m in measures if m.pk == job.measure_id), None)
    guessed = guess(
        names,
        rows[header_index + 1 : header_index + 1 + PREVIEW_ROWS],
        chart=chosen.chart if chosen is not None else None,
    )
    initial: dict[str, Any] = {role: "" if index is None else str(index) for role, index in guessed.items()}
    initial.update(
        {
            "header_row": header_index + 1,
            "sheet": sheet or "",
            "measure": str(job.measure_id) if job.measure_id else "",
        }
    )
    if job.measure_id:
        initial["measure_name"] = ""
    form = MappingForm(request.POST or None, initial=initial, names=names, measures=measures, sheets=sheets)
    if request.method == "POST" and form.is_valid():
        services.import_job_start(job=job, mapping=form.mapping())
        return redirect("measurement:import_status", slug=programme.slug, job_pk=job.pk)
    preview = [
        [_cell_text(c) for c in row] for row in rows[header_index + 1 : header_index + 1 + PREVIEW_ROWS]
    ]
    return page(
        request,
        "measurement/import_mapping.jinja",
        {
            "programme": programme,
            "job": job,
            "form": form,
            "names": names,
            "preview": preview,
            "sheets": sheets,
            "sheet": sheet,
            "header_row": header_index + 1,
            "has_measures": bool(measures),
        },
    )


@require_GET
@programme_view(EDIT)
def import_status(request: HttpRequest, programme: Programme, job_pk: int) -> HttpResponse:
    job = reads.get_import_or_404(programme, job_pk)
    if job.status == ImportStatus.UPLOADED:
        return redirect("measurement:import_mapping", slug=programme.slug, job_pk=job.pk)
    template = (
        "measurement/import_progress.jinja"
        if request.headers.get("HX-Request")
        else "measurement/import_status.jinja"
    )
    total = job.rows_total or 0
    return page(
        request,
        template,
        {
            "programme": programme,
            "job": job,
            "total": total,
            "done": min(job.rows_done, total) if total else job.rows_done,
            "measures": job.summary.get("measures", []) if isinstance(job.summary, dict) else [],
        },
    )
