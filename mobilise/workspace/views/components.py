"""The wheel, component pages, notes, the team's status and the stage of the cycle."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mobilise.core.concurrency import EditConflict, form_for_second_save
from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT, SET_STAGE, VIEW

from .. import presenters, reads, services
from ..activity import recent_changes
from ..components import BY_KEY, PURPOSE, Component
from ..forms import NoteForm, StageForm, StatusForm
from ..linked import linked_work
from ..models import Note, NoteKind, Status
from ..panels import component_panels, home_columns, home_panels
from ..vocabulary import vocabulary
from ..wheel import wheel_geometry, wrap_label

CONFLICT_MESSAGE = (
    "Someone else changed this while you were editing. Your text is below; their "
    "version is shown for comparison. Check both, then save again if you want yours "
    "to replace it."
)
BINNED_MESSAGE = (
    "Someone moved this to the bin while you were editing, so your changes have not been "
    "saved. Your text is below: copy it if you need it, or ask a convenor to restore "
    "the original."
)


def _component_or_404(key: str) -> Component:
    component = BY_KEY.get(key)
    if component is None:
        raise Http404("There is no component of the Change Model with that name")
    return component


def _component_url(programme: Programme, key: str) -> str:
    return reverse("workspace:component", kwargs={"slug": programme.slug, "component": key})


@require_GET
@programme_view(VIEW)
def home(request: HttpRequest, programme: Programme) -> HttpResponse:
    words = vocabulary(request)
    summaries = presenters.component_summaries(programme, words)
    headline = presenters.purpose_headline(presenters.purpose_statement(programme))
    return render(
        request,
        "workspace/home.jinja",
        {
            "programme": programme,
            "words": words,
            "summaries": summaries,
            "by_key": {s.key: s for s in summaries},
            "wheel": wheel_geometry(presenters.wheel_labels(words)),
            "purpose_lines": wrap_label(headline, width=18, max_lines=3) if headline else (),
            "purpose_prompt": headline is None,
            "stage": presenters.stage_picture(programme, words),
            "panels": home_panels(programme, request.user),
            "columns": home_columns(programme),
        },
    )


def _render_component(
    request: HttpRequest,
    programme: Programme,
    component: Component,
    status_form: StatusForm,
    *,
    status: int = 200,
    conflict: Any = None,
) -> HttpResponse:
    state = conflict or presenters.component_state(programme, component.key)
    notes = list(presenters.notes_for_component(programme, component.key))
    return render(
        request,
        "workspace/component.jinja",
        {
            "programme": programme,
            "words": vocabulary(request),
            "component": component,
            "state": state,
            "status_form": status_form,
            "status_version": state.version if state else 0,
            "status_conflict": conflict,
            "groups": presenters.group_notes(notes),
            "note_count": len(notes),
            "purpose": presenters.purpose_statement(programme) if component.key == PURPOSE else "",
            "can_edit": request.user.has_perm(EDIT, programme),
            "linked_work": linked_work(programme, component.key),
            "panels": component_panels(programme, request.user, component.key),
        },
        status=status,
    )


@require_GET
@programme_view(VIEW)
def component(request: HttpRequest, programme: Programme, component: str) -> HttpResponse:
    found = _component_or_404(component)
    state = presenters.component_state(programme, found.key)
    form = StatusForm(initial={"status": state.status if state else Status.NOT_STARTED})
    return _render_component(request, programme, found, form)


@require_POST
@programme_view(EDIT)
def component_status(request: HttpRequest, programme: Programme, component: str) -> HttpResponse:
    found = _component_or_404(component)
    form = StatusForm(request.POST)
    if not form.is_valid():
        return _render_component(request, programme, found, form)
    try:
        state = services.component_status_set(
            programme=programme,
            component=found.key,
            status=form.cleaned_data["status"],
            user=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except EditConflict as conflict:
        return _render_component(request, programme, found, form, status=409, conflict=conflict.current)
    messages.success(request, f"Status saved: {state.get_status_display()}.")
    return redirect(_component_url(programme, found.key))


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def note_create(request: HttpRequest, programme: Programme, component: str) -> HttpResponse:
    found = _component_or_404(component)
    kind = request.GET.get("kind")
    initial = {"kind": kind if kind in NoteKind.values else NoteKind.NOTE}
    form = NoteForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            note = services.note_create(
                programme=programme,
                component=found.key,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{note.get_kind_display()} added.")
            return redirect(_component_url(programme, found.key) + f"#note-{note.pk}")
    return render(
        request,
        "workspace/note_form.jinja",
        {
            "programme": programme,
            "words": vocabulary(request),
            "component": found,
            "form": form,
            "note": None,
            "version": 0,
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def note_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    # A POST may arrive for a note binned meanwhile: keep the person's text rather than 404.
    note = reads.get_note_or_404(programme, pk, include_binned=request.method == "POST")
    found = _component_or_404(note.component)
    form = NoteForm(request.POST or None, initial={"kind": note.kind, "title": note.title, "body": note.body})
    context: dict[str, Any] = {
        "programme": programme,
        "words": vocabulary(request),
        "component": found,
        "form": form,
        "note": note,
        "version": note.version,
    }
    if request.method == "POST" and note.in_bin:
        return render(
            request,
            "workspace/note_form.jinja",
            {**context, "problem": BINNED_MESSAGE, "binned": True},
            status=409,
        )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.note_update(
                note=note,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                user=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as conflict:
            return render(
                request,
                "workspace/note_form.jinja",
                {
                    **context,
                    "problem": CONFLICT_MESSAGE,
                    "theirs": conflict.current,
                    "version": getattr(conflict.current, "version", 0),
                },
                status=409,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{saved.get_kind_display()} saved.")
            return redirect(_component_url(programme, found.key) + f"#note-{note.pk}")
    return render(request, "workspace/note_form.jinja", context)


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def note_delete(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    note: Note = reads.get_note_or_404(programme, pk)
    if request.method == "POST":
        services.note_bin(note=note, user=request.user)
        messages.success(request, "Moved to the bin. A convenor can restore it within 30 days.")
        return redirect(_component_url(programme, note.component))
    return render(
        request,
        "workspace/note_delete.jinja",
        {
            "programme": programme,
            "words": vocabulary(request),
            "note": note,
            "component": _component_or_404(note.component),
        },
    )


def _render_stage(
    request: HttpRequest, programme: Programme, form: StageForm | None, theirs: Programme | None = None
) -> HttpResponse:
    words = vocabulary(request)
    return render(
        request,
        "workspace/stage.jinja",
        {
            "programme": programme,
            "words": words,
            "stage": presenters.stage_picture(programme, words),
            "form": form,
            "theirs": presenters.stage_picture(theirs, words) if theirs else None,
            "problem": CONFLICT_MESSAGE if theirs else "",
        },
        status=409 if theirs else 200,
    )


@require_GET
@programme_view(VIEW)
def stage(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = None
    if request.user.has_perm(SET_STAGE, programme):
        form = StageForm(
            initial={
                "stage": programme.stage,
                "cycle_round": programme.cycle_round,
                "outcome": programme.outcome,
                "note": programme.stage_note,
                "version": programme.version,
            }
        )
    return _render_stage(request, programme, form)


@require_POST
@programme_view(SET_STAGE)
def stage_set(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = StageForm(request.POST)
    if form.is_valid():
        try:
            services.programme_stage_set(
                programme=programme,
                stage=form.cleaned_data["stage"],
                cycle_round=form.cleaned_data["cycle_round"],
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
                user=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as conflict:
            theirs = cast(Programme, conflict.current)
            # Keep their text; a second save from this page then replaces the newer version knowingly.
            form = form_for_second_save(StageForm, request.POST, theirs.version)
            return _render_stage(request, programme, form, theirs=theirs)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Stage of the change cycle saved.")
            return redirect("workspace:stage", slug=programme.slug)
    return _render_stage(request, programme, form)


@require_GET
@programme_view(VIEW)
def activity(request: HttpRequest, programme: Programme) -> HttpResponse:
    words = vocabulary(request)
    return render(
        request,
        "workspace/activity.jinja",
        {"programme": programme, "words": words, "changes": recent_changes(programme, words)},
    )
