"""Importing a programme's existing PDSA logs: upload, see every problem or a preview, then confirm."""

from __future__ import annotations

import csv
from datetime import date
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from mobilise.accounts.models import Organisation
from mobilise.core.jinja2env import uk_date
from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT, VIEW

from .. import reads
from ..forms import ImportForm
from ..importing.columns import COLUMNS
from ..importing.services import FileRefused, ImportNotReady, pdsa_import_check, pdsa_import_confirm
from ..models import ImportStatus
from ..presenters import outcome_label
from . import posted

ERRORS_SHOWN = 1000
PREVIEW_ROWS = 10


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def import_upload(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = ImportForm(*posted(request))
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            checked = pdsa_import_check(
                programme=programme,
                upload=upload,
                name=upload.name or "",
                size=upload.size or 0,
                user=request.user,
            )
        except FileRefused as refused:
            form.add_error("file", str(refused))
        else:
            return redirect("pdsa:import_preview", slug=programme.slug, pk=checked.pk)
    return render(request, "pdsa/import.jinja", {"programme": programme, "form": form, "columns": COLUMNS})


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def import_preview(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    pdsa_import = reads.get_import_or_404(programme, pk)
    if request.method == "POST":
        try:
            result = pdsa_import_confirm(pdsa_import=pdsa_import, user=request.user)
        except ImportNotReady:
            messages.info(request, "This file has already been imported, or has problems to fix first.")
            return redirect("pdsa:import_preview", slug=programme.slug, pk=pdsa_import.pk)
        if result.count:
            messages.success(
                request, f"{result.count:,} tests of change imported. They are on the learning wall."
            )
            return redirect("pdsa:wall", slug=programme.slug)
        pdsa_import.refresh_from_db()
    rows = pdsa_import.rows
    return render(
        request,
        "pdsa/import_preview.jinja",
        {
            "programme": programme,
            "job": pdsa_import,
            "errors": pdsa_import.errors[:ERRORS_SHOWN],
            "error_count": len(pdsa_import.errors),
            "rows": _preview(programme, rows[:PREVIEW_ROWS]),
            "row_count": len(rows),
            "idea_count": len({row["change_idea"] for row in rows}),
            "site_count": len({row["site"] for row in rows if row["site"]}),
            "ready": pdsa_import.status == ImportStatus.READY,
        },
        status=409 if request.method == "POST" and pdsa_import.status == ImportStatus.HAS_ERRORS else 200,
    )


def _preview(programme: Programme, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The first rows as people will read them: names rather than ids, dates in words."""
    ideas = reads.change_idea_titles(programme, {r["change_idea"] for r in rows})
    sites = dict(
        Organisation.objects.filter(pk__in={r["site"] for r in rows if r["site"]}).values_list("pk", "name")
    )
    return [
        {
            "row": row["row"],
            "title": row["title"],
            "idea": ideas.get(row["change_idea"], ""),
            "site": sites.get(row["site"], "") if row["site"] else "",
            "date": uk_date(date.fromisoformat(row["done_on"] or row["planned_start"])),
            "decision": outcome_label(row["outcome"]) or "Not decided yet",
        }
        for row in rows
    ]


@require_GET
@programme_view(VIEW)
def import_template(request: HttpRequest, programme: Programme) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="pdsa-log-template.csv"'
    writer = csv.writer(response)
    writer.writerow([column.heading for column in COLUMNS])
    return response
