"""Importing actions or risks from a CSV or Excel file: every row, or none with every problem shown."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from mobilise.measurement.importing.problems import FileRefused
from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT

from .. import reads, services
from ..importing import ACTION_COLUMNS, MAX_BYTES, MAX_ROWS, RISK_COLUMNS, Checked, check, read_upload
from ..models import PendingImport
from . import common


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Choose a CSV or Excel (.xlsx) file",
        error_messages={"required": "Choose a file to import", "empty": "The file is empty"},
    )


def _import(request: HttpRequest, programme: Programme, what: str) -> HttpResponse:
    """Upload and check: problems are shown at once; a clean file goes to its preview."""
    form = UploadForm(request.POST or None, request.FILES or None)
    columns = ACTION_COLUMNS if what == "actions" else RISK_COLUMNS
    context = {
        "form": form,
        "what": what,
        "columns": columns,
        "problems": None,
        "max_rows": MAX_ROWS,
        "max_mb": MAX_BYTES // (1024 * 1024),
    }
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        name = upload.name or ""
        try:
            data = read_upload(upload.chunks())
            checked = check(programme=programme, data=data, name=name, what=what, user=request.user)
        except FileRefused as refused:
            form.add_error("file", str(refused))
        else:
            if checked.problems:
                context["problems"] = checked.problems
            else:
                pending = services.import_stage(
                    programme=programme, what=what, name=name, data=data, user=request.user
                )
                return redirect(f"delivery:{what[:-1]}_import_preview", slug=programme.slug, pk=pending.pk)
    return common.page(request, "import.jinja", programme, context)


def _preview(request: HttpRequest, programme: Programme, what: str, pk: int) -> HttpResponse:
    """What the file will add, before anything is written; "Import" writes it all, once."""
    pending = reads.get_pending_import_or_404(programme, pk, what)
    list_url = reverse(f"delivery:{what}", kwargs={"slug": programme.slug})
    if pending.state == PendingImport.DONE:
        messages.info(request, f"This file has already been imported: {pending.created:,} {what}.")
        return redirect(list_url)
    if request.method == "POST":
        created, problems, already = services.import_confirm(pending=pending, user=request.user)
        if already:
            messages.info(request, f"This file has already been imported: {created:,} {what}.")
            return redirect(list_url)
        if not problems:
            messages.success(request, f"{created:,} {what if created != 1 else what[:-1]} imported.")
            return redirect(list_url)
        checked = Checked([], [], [], problems)
    else:
        checked = check(
            programme=programme, data=bytes(pending.data), name=pending.name, what=what, user=request.user
        )
    return common.page(
        request,
        "import_preview.jinja",
        programme,
        {"pending": pending, "what": what, "checked": checked, "total": len(checked.items)},
        status=409 if checked.problems and request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def action_import(request: HttpRequest, programme: Programme) -> HttpResponse:
    return _import(request, programme, "actions")


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def risk_import(request: HttpRequest, programme: Programme) -> HttpResponse:
    return _import(request, programme, "risks")


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def action_import_preview(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    return _preview(request, programme, "actions", pk)


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def risk_import_preview(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    return _preview(request, programme, "risks", pk)
