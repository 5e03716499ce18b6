"""Importing actions or risks from a CSV or Excel file: every row, or none with every problem shown."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from mobilise.measurement.importing.problems import FileRefused
from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT

from ..importing import ACTION_COLUMNS, MAX_BYTES, MAX_ROWS, RISK_COLUMNS, check_and_import
from . import common


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Choose a CSV or Excel (.xlsx) file",
        error_messages={"required": "Choose a file to import", "empty": "The file is empty"},
    )


def _import(request: HttpRequest, programme: Programme, what: str) -> HttpResponse:
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
        try:
            outcome = check_and_import(
                programme=programme,
                upload=upload.chunks(),
                name=upload.name or "",
                what=what,
                user=request.user,
            )
        except FileRefused as refused:
            form.add_error("file", str(refused))
        else:
            if outcome.problems:
                context["problems"] = outcome.problems
            else:
                messages.success(request, f"{outcome.created:,} {what} imported.")
                return redirect(f"delivery:{what}", slug=programme.slug)
    return common.page(request, "import.jinja", programme, context)


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def action_import(request: HttpRequest, programme: Programme) -> HttpResponse:
    return _import(request, programme, "actions")


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def risk_import(request: HttpRequest, programme: Programme) -> HttpResponse:
    return _import(request, programme, "risks")
