"""Editing drivers with plain forms and buttons: add, rename, move, reorder, delete."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT

from .. import reads
from ..forms import DirectionForm, DriverAddForm, DriverDeleteForm, DriverMoveForm, DriverTitleForm
from ..models import Driver
from ..services import drivers as services
from ..services.common import quoted
from .common import CONFLICT_MESSAGE, attempt, diagram_url, render_form


def _anchor(driver: Driver) -> str:
    return f"driver-{driver.pk}"


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def driver_add(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    diagram = reads.get_diagram_or_404(programme, pk)
    parent_id = request.GET.get("parent", "")
    parent = None
    if parent_id:
        parent = reads.get_driver_or_404(
            programme, int(parent_id) if parent_id.isdigit() else 0, diagram=diagram
        )
    form = DriverAddForm(request.POST or None, initial={"version": diagram.version})
    outcome = None
    if request.method == "POST" and form.is_valid():
        outcome = attempt(
            form,
            diagram,
            lambda data: services.driver_add(
                diagram=diagram,
                parent=parent,
                title=data["title"],
                expected_version=data["version"],
                user=request.user,
            ),
        )
        if outcome.done:
            messages.success(request, f"Added {quoted(outcome.result.title)}.")
            if "done" in request.POST:
                return redirect(diagram_url(programme, diagram, _anchor(outcome.result)))
            # Enter (the first button) saves and brings back an empty name field for the next one.
            return redirect(request.get_full_path())
    heading = "Add a primary driver" if parent is None else "Add a secondary driver"
    intro = (
        "Primary drivers are the few big things that must change to reach the aim."
        if parent is None
        else f"Secondary drivers break {quoted(parent.title)} into things teams can act on."
    )
    siblings = reads.driver_titles_under(diagram, parent)
    return render_form(
        request,
        programme,
        diagram,
        form,
        heading=heading,
        intro=intro + " Press Enter after each name to add several in a row.",
        submit_label="Save and add another",
        outcome=outcome,
        template="improvement/driver_add.jinja",
        siblings=siblings,
        under=parent.title if parent is not None else "",
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def driver_rename(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    driver = reads.get_driver_or_404(programme, pk)
    diagram = driver.diagram
    form = DriverTitleForm(request.POST or None, initial={"title": driver.title, "version": diagram.version})
    outcome = None
    if request.method == "POST" and form.is_valid():
        outcome = attempt(
            form,
            diagram,
            lambda data: services.driver_rename(
                driver=driver, title=data["title"], expected_version=data["version"], user=request.user
            ),
        )
        if outcome.done:
            messages.success(
                request, "Renamed." if outcome.result else "Nothing changed, so nothing was saved."
            )
            return redirect(diagram_url(programme, diagram, _anchor(driver)))
    return render_form(
        request,
        programme,
        diagram,
        form,
        heading=f"Rename the {driver.get_kind_display().lower()}",
        submit_label="Save the name",
        outcome=outcome,
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def driver_move(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    driver = reads.get_driver_or_404(programme, pk)
    diagram = driver.diagram
    form = DriverMoveForm(
        request.POST or None, driver=driver, initial={"parent": driver.parent_id, "version": diagram.version}
    )
    outcome = None
    if request.method == "POST" and form.is_valid():
        outcome = attempt(
            form,
            diagram,
            lambda data: services.driver_move(
                driver=driver, new_parent=data["parent"], expected_version=data["version"], user=request.user
            ),
        )
        if outcome.done:
            messages.success(
                request,
                f"Moved {quoted(driver.title)}."
                if outcome.result
                else "It is already there, so nothing changed.",
            )
            return redirect(diagram_url(programme, diagram, _anchor(driver)))
    return render_form(
        request,
        programme,
        diagram,
        form,
        heading=f"Move {quoted(driver.title)}",
        submit_label="Move it",
        intro=(
            "Under a primary driver it becomes a secondary driver; at the top level it becomes a primary "
            "driver. Its change ideas and secondary drivers go with it."
        ),
        outcome=outcome,
    )


def _retry(
    request: HttpRequest,
    programme: Programme,
    driver: Driver,
    form: DirectionForm,
    changes: list[reads.ChangeRecord],
    action_label: str,
) -> HttpResponse:
    return render(
        request,
        "improvement/conflict.jinja",
        {
            "programme": programme,
            "diagram": driver.diagram,
            "changes": changes,
            "conflict_message": CONFLICT_MESSAGE,
            "action_label": action_label,
            "hidden": {"direction": form.cleaned_data.get("direction", ""), "version": form.data["version"]},
        },
        status=409,
    )


@require_POST
@programme_view(EDIT)
def driver_reorder(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    driver = reads.get_driver_or_404(programme, pk)
    diagram = driver.diagram
    form = DirectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That did not work. Reload the page and try again.")
        return redirect(diagram_url(programme, diagram, _anchor(driver)))
    outcome = attempt(
        form,
        diagram,
        lambda data: services.driver_reorder(
            driver=driver, direction=data["direction"], expected_version=data["version"], user=request.user
        ),
    )
    if outcome.conflict:
        return _retry(
            request,
            programme,
            driver,
            form,
            outcome.changes or [],
            f"Move {quoted(driver.title)} {form.cleaned_data['direction']}",
        )
    if not outcome.done:
        messages.error(request, " ".join(str(e) for e in form.non_field_errors()))
    elif not outcome.result:
        end = "top" if form.cleaned_data["direction"] == "up" else "bottom"
        messages.info(request, f"{quoted(driver.title)} is already at the {end}.")
    return redirect(diagram_url(programme, diagram, _anchor(driver)))


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def driver_delete(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    driver = reads.get_driver_or_404(programme, pk)
    diagram = driver.diagram
    plan = services.delete_plan(driver)
    form = DriverDeleteForm(
        request.POST or None,
        targets=plan.targets,
        needs_choice=bool(plan.orphans),
        initial={"version": diagram.version},
    )
    outcome = None
    if request.method == "POST" and form.is_valid():
        outcome = attempt(
            form,
            diagram,
            lambda data: services.driver_delete(
                driver=driver,
                expected_version=data["version"],
                user=request.user,
                ideas=data["ideas"],
                target=data.get("target"),
            ),
        )
        if outcome.done:
            messages.success(
                request, f"{quoted(driver.title)} is in the bin. A convenor can put it back within 30 days."
            )
            return redirect(diagram_url(programme, diagram))
        plan = services.delete_plan(driver)
    return render_form(
        request,
        programme,
        diagram,
        form,
        heading=f"Delete {quoted(driver.title)}?",
        submit_label="Delete",
        outcome=outcome,
        template="improvement/driver_delete.jinja",
        driver=driver,
        plan=plan,
    )
