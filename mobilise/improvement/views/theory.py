"""The theory of change: the chain from shared context to outcomes, its edits and its history."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mobilise.core.concurrency import EditConflict, form_for_second_save
from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT, VIEW
from mobilise.purpose.diff import word_diff

from .. import presenters, reads
from ..models import TheoryItem, TheoryStep
from ..services import theory as services
from ..services.positions import Direction
from ..theory_forms import TheoryDeleteForm, TheoryItemForm

THEORY_CONFLICT = (
    "Someone else changed this statement while you were editing it, so your changes have not been saved "
    "yet. Your text is on the form; what they changed is shown below it. Check both, then save again."
)


@require_GET
@programme_view(VIEW)
def theory(request: HttpRequest, programme: Programme) -> HttpResponse:
    steps = presenters.theory_steps(reads.theory_items(programme))
    return render(
        request,
        "improvement/theory.jinja",
        {
            "programme": programme,
            "steps": steps,
            "story": presenters.theory_story(steps),
            "can_edit": request.user.has_perm(EDIT, programme),
            "measure_url": presenters.measure_url,
        },
    )


def _form(programme: Programme, data: Any = None, **kwargs: Any) -> TheoryItemForm:
    return TheoryItemForm(
        data, measures=reads.measures_for(programme), aims=reads.diagrams_queryset(programme), **kwargs
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def theory_item_add(request: HttpRequest, programme: Programme) -> HttpResponse:
    step = request.GET.get("step", "")
    form = _form(
        programme,
        request.POST or None,
        creating=True,
        initial={"step": step if step in TheoryStep.values else ""},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        item = services.theory_item_add(programme=programme, step=data["step"], data=data, user=request.user)
        messages.success(request, f"Added to “{item.get_step_display()}”.")
        return redirect(_theory_url(programme, item))
    return render(
        request, "improvement/theory_item_form.jinja", {"programme": programme, "form": form, "item": None}
    )


def _theory_url(programme: Programme, item: TheoryItem) -> str:
    return reverse("improvement:theory", kwargs={"slug": programme.slug}) + f"#item-{item.pk}"


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def theory_item_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    item = reads.get_theory_item_or_404(programme, pk)
    form = _form(programme, request.POST or None, initial=TheoryItemForm.initial_for(item))
    theirs = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.theory_item_update(
                item=item, data=data, expected_version=data["version"], user=request.user
            )
        except EditConflict as conflict:
            theirs = _their_changes(item, data["version"], conflict.current)
            form = form_for_second_save(
                lambda posted: _form(programme, posted), request.POST, getattr(conflict.current, "version", 0)
            )
        else:
            messages.success(request, "Saved.")
            return redirect(_theory_url(programme, item))
    return render(
        request,
        "improvement/theory_item_form.jinja",
        {
            "programme": programme,
            "form": form,
            "item": item,
            "theirs": theirs,
            "conflict_message": THEORY_CONFLICT if theirs is not None else "",
        },
        status=409 if theirs is not None else 200,
    )


def _their_changes(item: TheoryItem, loaded_version: int, current: Any) -> list[dict[str, Any]]:
    """Each text field as they left it, marked with what changed since the version the person loaded."""
    loaded = reads.theory_item_as_loaded(item, loaded_version)
    rows = []
    for name, label in (("text", "The statement"), ("assumptions", "Assumptions"), ("evidence", "Evidence")):
        before = getattr(loaded, name, "") if loaded is not None else ""
        after = getattr(current, name, "")
        rows.append({"label": label, "segments": word_diff(before, after), "changed": before != after})
    return rows


@require_POST
@programme_view(EDIT)
def theory_item_move(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    item = reads.get_theory_item_or_404(programme, pk)
    direction = request.POST.get("direction")
    if direction in ("up", "down"):
        services.theory_item_move(item=item, direction=cast(Direction, direction), user=request.user)
    return redirect(_theory_url(programme, item))


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def theory_item_delete(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    item = reads.get_theory_item_or_404(programme, pk)
    form = TheoryDeleteForm(request.POST or None, initial={"version": item.version})
    changed = False
    if request.method == "POST" and form.is_valid():
        try:
            services.theory_item_delete(
                item=item, expected_version=form.cleaned_data["version"], user=request.user
            )
        except EditConflict:
            changed = True
            item.refresh_from_db()
            form = TheoryDeleteForm(initial={"version": item.version})
        else:
            messages.success(request, "Moved to the bin. A convenor can put it back within 30 days.")
            return redirect("improvement:theory", slug=programme.slug)
    return render(
        request,
        "improvement/theory_item_delete.jinja",
        {
            "programme": programme,
            "item": item,
            "form": form,
            "changed": changed,
        },
        status=409 if changed else 200,
    )


@require_GET
@programme_view(VIEW)
def theory_history(request: HttpRequest, programme: Programme) -> HttpResponse:
    records = reads.theory_history(programme)
    return render(
        request,
        "improvement/theory_history.jinja",
        {"programme": programme, "changes": presenters.theory_changes(records)},
    )


@require_GET
@programme_view(VIEW)
def theory_revision(request: HttpRequest, programme: Programme, history_id: int) -> HttpResponse:
    record = reads.get_theory_change_or_404(programme, history_id)
    steps = presenters.theory_steps(reads.theory_as_of(programme, record.history_date))
    return render(
        request,
        "improvement/theory_revision.jinja",
        {
            "programme": programme,
            "record": record,
            "steps": steps,
            "story": presenters.theory_story(steps),
            "measure_url": presenters.measure_url,
        },
    )
