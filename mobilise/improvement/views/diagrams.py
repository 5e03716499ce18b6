"""Driver diagrams: create, show (picture and outline), edit the aim, history, exports, delete."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods

from mobilise.core.spreadsheets import neutralise
from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT, VIEW
from mobilise.workspace.panels import item_panels

from .. import presenters, reads
from ..forms import DiagramForm, VersionForm
from ..services import diagrams as services
from ..tree import csv_rows
from .common import attempt, diagram_url, render_form


def _purpose_statement(programme: Programme) -> str:
    return reads.purpose_statement(programme)


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def diagram_add(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = DiagramForm(request.POST or None, measures=reads.measures_for(programme), creating=True)
    if request.method == "POST" and form.is_valid():
        diagram = services.diagram_create(programme=programme, data=form.cleaned_data, user=request.user)
        messages.success(request, "Diagram created. Add its primary drivers next.")
        return redirect(diagram_url(programme, diagram))
    return render(
        request,
        "improvement/diagram_form.jinja",
        {
            "programme": programme,
            "form": form,
            "diagram": None,
            "purpose_statement": _purpose_statement(programme),
        },
    )


@require_GET
@programme_view(VIEW)
def diagram(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    the_diagram = reads.get_diagram_or_404(programme, pk)
    tree = reads.load_tree(the_diagram)
    return render(
        request,
        "improvement/diagram.jinja",
        {
            "programme": programme,
            "diagram": the_diagram,
            "tree": tree,
            "aim": presenters.aim_sentence(the_diagram),
            "svg": presenters.diagram_svg(the_diagram, tree),
            "purpose_statement": _purpose_statement(programme),
            "theory_items": reads.aim_theory_items(the_diagram),
            "node_url": presenters.NodeUrls(programme.slug),
            "can_edit": request.user.has_perm(EDIT, programme),
            "measure_url": presenters.measure_url,
            "item_panels": item_panels(programme, request.user, "driver_diagram", the_diagram.pk),
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def diagram_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    the_diagram = reads.get_diagram_or_404(programme, pk)
    form = DiagramForm(
        request.POST or None,
        initial=DiagramForm.initial_for(the_diagram),
        measures=reads.measures_for(programme),
    )
    outcome = None
    if request.method == "POST" and form.is_valid():
        outcome = attempt(
            form,
            the_diagram,
            lambda data: services.diagram_update(
                diagram=the_diagram, data=data, expected_version=data["version"], user=request.user
            ),
        )
        if outcome.done:
            messages.success(
                request,
                "The aim has been saved." if outcome.result else "Nothing changed, so nothing was saved.",
            )
            return redirect(diagram_url(programme, the_diagram))
    return render_form(
        request,
        programme,
        the_diagram,
        form,
        heading="Change the aim",
        submit_label="Save the aim",
        outcome=outcome,
        template="improvement/diagram_form.jinja",
        purpose_statement=_purpose_statement(programme),
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def diagram_delete(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    the_diagram = reads.get_diagram_or_404(programme, pk)
    form = VersionForm(request.POST or None, initial={"version": the_diagram.version})
    outcome = None
    if request.method == "POST" and form.is_valid():
        outcome = attempt(
            form,
            the_diagram,
            lambda data: services.diagram_delete(
                diagram=the_diagram, expected_version=data["version"], user=request.user
            ),
        )
        if outcome.done:
            messages.success(
                request, f"“{the_diagram.title}” is in the bin. A convenor can put it back within 30 days."
            )
            return redirect("improvement:overview", slug=programme.slug)
    tree = reads.load_tree(the_diagram)
    return render_form(
        request,
        programme,
        the_diagram,
        form,
        heading="Delete this driver diagram?",
        submit_label="Delete the diagram",
        outcome=outcome,
        warning=True,
        intro=(
            f"It has {len(tree.primaries) + len(tree.secondaries)} drivers and {len(tree.ideas)} change "
            "ideas. They go to the bin with it, and a convenor can put it all back within 30 days."
        ),
    )


@require_GET
@programme_view(VIEW)
def diagram_history(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    the_diagram = reads.get_diagram_or_404(programme, pk)
    changes = list(reversed(reads.diagram_changes(the_diagram)))
    return render(
        request,
        "improvement/diagram_history.jinja",
        {"programme": programme, "diagram": the_diagram, "changes": changes},
    )


def _filename(title: str, extension: str) -> str:
    return f"driver-diagram-{slugify(title)[:60] or 'untitled'}.{extension}"


def _safe_cell(value: str) -> str:
    """Stop spreadsheets reading a cell as a formula (a cell starting =, +, - or @)."""
    return neutralise(value)


@require_GET
@programme_view(VIEW)
def diagram_csv(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    the_diagram = reads.get_diagram_or_404(programme, pk)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Aim", "Primary driver", "Secondary driver", "Change idea"])
    for row in csv_rows(presenters.aim_sentence(the_diagram), reads.load_tree(the_diagram)):
        writer.writerow([_safe_cell(cell) for cell in row])
    # A byte order mark so Excel opens the file as UTF-8.
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(the_diagram.title, "csv")}"'
    return response


@require_GET
@programme_view(VIEW)
def diagram_svg(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    the_diagram = reads.get_diagram_or_404(programme, pk)
    svg = presenters.diagram_svg(the_diagram, reads.load_tree(the_diagram))
    response = HttpResponse(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + str(svg), content_type="image/svg+xml; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(the_diagram.title, "svg")}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
