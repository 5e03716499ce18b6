"""One test of change: its full cycle and ramp, logging it, editing it, the next cycle, the bin."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from mobilise.core.concurrency import EditConflict, form_for_second_save
from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT, VIEW

from .. import links, presenters, reads, services
from ..forms import TestForm
from ..models import TestOfChange
from ..ramps import ramp_for
from . import posted

CONFLICT_MESSAGE = (
    "Someone else changed this test while you were editing. Your text is below; their "
    "version is shown for comparison. Check both, then save again if you want yours to "
    "replace it."
)
BINNED_MESSAGE = (
    "Someone moved this test to the bin while you were editing, so your changes have not been "
    "saved. Your text is below: copy it if you need it, or ask a convenor to restore the test."
)
COPIED_TO_NEXT_CYCLE = ("site", "team", "question", "prediction", "plan", "data_to_collect")


def _initial(test: TestOfChange) -> dict[str, Any]:
    names = [name for name in TestForm.base_fields if name not in ("people", "version")]
    values: dict[str, Any] = {name: getattr(test, name) for name in names}
    values["people"] = list(test.people.values_list("pk", flat=True))
    values["version"] = test.version
    return values


def _form_page(
    request: HttpRequest,
    programme: Programme,
    form: TestForm,
    *,
    test: TestOfChange | None,
    previous: TestOfChange | None = None,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    return render(
        request,
        "pdsa/form.jinja",
        {
            "programme": programme,
            "form": form,
            "test": test,
            "previous": previous,
            "previous_card": presenters.card(previous) if previous else None,
            **extra,
        },
        status=status,
    )


@require_GET
@programme_view(VIEW)
def detail(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    test = reads.get_test_or_404(programme, pk)
    return render(
        request,
        "pdsa/detail.jinja",
        {
            "programme": programme,
            "test": test,
            "card": presenters.card(test),
            "ramp": ramp_for(test),
            "people": list(test.people.order_by("full_name", "email")),
            "attachments": list(test.attachments.select_related("uploaded_by")),
            "measures": links.measures_for_change_idea(test.change_idea_id),
            "other_tests": links.tests_for_change_idea(test.change_idea_id).exclude(pk=test.pk).count(),
            "can_edit": request.user.has_perm(EDIT, programme),
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def create(request: HttpRequest, programme: Programme) -> HttpResponse:
    initial: dict[str, Any] = {"planned_start": timezone.localdate(), "people": [request.user.pk]}
    if request.GET.get("idea", "").isdigit():
        initial["change_idea"] = int(request.GET["idea"])
    form = TestForm(posted(request)[0], programme=programme, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            test = services.test_create(programme=programme, data=form.cleaned_data, user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Test of change saved. It is on the learning wall for everyone to see.")
            return redirect("pdsa:detail", slug=programme.slug, pk=test.pk)
    return _form_page(request, programme, form, test=None)


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def next_cycle(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    previous = reads.get_test_or_404(programme, pk)
    initial: dict[str, Any] = {name: getattr(previous, name) for name in COPIED_TO_NEXT_CYCLE}
    initial.update(
        {
            "title": previous.title,
            "planned_start": max(timezone.localdate(), _after(previous)),
            "people": list(previous.people.values_list("pk", flat=True)),
        }
    )
    form = TestForm(
        posted(request)[0],
        programme=programme,
        initial=initial,
        keep_site=previous.site,
        fixed_idea=previous.change_idea,
    )
    if request.method == "POST" and form.is_valid():
        try:
            test = services.test_create(
                programme=programme, data=form.cleaned_data, user=request.user, previous_cycle=previous
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Next cycle saved. It is the next rung on this test's ramp.")
            return redirect("pdsa:detail", slug=programme.slug, pk=test.pk)
    return _form_page(request, programme, form, test=None, previous=previous)


def _after(test: TestOfChange) -> date:
    return test.done_on or test.planned_start


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    # A POST may arrive for a test binned meanwhile: keep the person's text rather than 404.
    test = reads.get_test_or_404(programme, pk, include_binned=request.method == "POST")
    form = TestForm(posted(request)[0], programme=programme, initial=_initial(test), keep_site=test.site)
    if request.method == "POST" and test.in_bin:
        form.is_valid()
        return _form_page(
            request, programme, form, test=test, status=409, problem=BINNED_MESSAGE, binned=True
        )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.test_update(
                test=test,
                data=form.cleaned_data,
                user=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as conflict:
            theirs: Any = conflict.current
            form = form_for_second_save(
                lambda data: TestForm(data, programme=programme, keep_site=test.site),
                request.POST,
                theirs.version,
            )
            return _form_page(
                request,
                programme,
                form,
                test=test,
                status=409,
                problem=CONFLICT_MESSAGE,
                theirs=theirs,
                theirs_card=presenters.card(theirs),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Test of change saved.")
            return redirect("pdsa:detail", slug=programme.slug, pk=saved.pk)
    return _form_page(request, programme, form, test=test)


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def delete(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    test = reads.get_test_or_404(programme, pk)
    if request.method == "POST":
        services.test_bin(test=test, user=request.user)
        messages.success(
            request, f"“{test.title}” moved to the bin. A convenor can restore it within 30 days."
        )
        return redirect("pdsa:wall", slug=programme.slug)
    return render(request, "pdsa/delete.jinja", {"programme": programme, "test": test})
