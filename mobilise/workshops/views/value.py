"""Value cases: costs, benefits we can bank and benefits we cannot, time released, and assumptions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from mobilise.core.concurrency import EditConflict, form_for_second_save
from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT, VIEW

from .. import reads, services
from ..forms import ValueCaseForm

CONFLICT_MESSAGE = (
    "Someone else changed this value case while you were editing. Your text is below; check it against "
    "theirs, then save again if you want yours to replace it."
)


def _page(request: HttpRequest, programme: Programme, form: ValueCaseForm, **extra: Any) -> HttpResponse:
    status = extra.pop("status", 200)
    return render(
        request, "workshops/value_form.jinja", {"programme": programme, "form": form, **extra}, status=status
    )


@require_GET
@programme_view(VIEW)
def value_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    cases = reads.value_cases_in(programme)
    return render(
        request,
        "workshops/value_list.jinja",
        {"programme": programme, "cases": cases, "can_edit": request.user.has_perm(EDIT, programme)},
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def value_new(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = ValueCaseForm(request.POST if request.method == "POST" else None, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.value_create(programme=programme, data=form.cleaned_data, user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Value case saved.")
            return redirect("workshops:value_list", slug=programme.slug)
    return _page(request, programme, form, case=None)


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def value_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    case = reads.get_value_case_or_404(programme, pk)
    initial = {
        name: getattr(case, name)
        for name in (
            "title",
            "costs",
            "cost_notes",
            "cashable",
            "non_cashable",
            "hours_released",
            "assumptions",
        )
    }
    initial.update(measures=list(case.measures.values_list("pk", flat=True)), version=case.version)
    form = ValueCaseForm(
        request.POST if request.method == "POST" else None, programme=programme, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.value_update(
                case=case,
                data=form.cleaned_data,
                user=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as conflict:
            theirs: Any = conflict.current
            form = form_for_second_save(
                lambda data: ValueCaseForm(data, programme=programme), request.POST, theirs.version
            )
            return _page(request, programme, form, case=case, problem=CONFLICT_MESSAGE, status=409)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Value case saved.")
            return redirect("workshops:value_list", slug=programme.slug)
    return _page(request, programme, form, case=case)


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def value_delete(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    case = reads.get_value_case_or_404(programme, pk)
    if request.method == "POST":
        services.value_bin(case=case, user=request.user)
        messages.success(
            request, f"“{case.title}” moved to the bin. A convenor can restore it within 30 days."
        )
        return redirect("workshops:value_list", slug=programme.slug)
    return render(request, "workshops/value_delete.jinja", {"programme": programme, "case": case})
