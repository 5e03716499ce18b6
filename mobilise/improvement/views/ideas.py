"""Change ideas: their page (with tests of change and measures) and keyboard-friendly editing."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT, VIEW
from mobilise.workspace.panels import item_panels

from .. import presenters, reads
from ..forms import DirectionForm, IdeaDriverForm, IdeaForm, IdeaMoveForm, VersionForm
from ..models import ChangeIdea, Driver, DriverDiagram, DriverKind
from ..services import ideas as services
from ..services.common import quoted
from .common import CONFLICT_MESSAGE, attempt, diagram_url, render_form


def _anchor(idea: ChangeIdea, driver: Driver | None = None) -> str:
    return f"idea-{idea.pk}-under-{driver.pk}" if driver is not None else f"idea-{idea.pk}"


def _secondary_in(programme: Programme, diagram: DriverDiagram, raw: str) -> Driver:
    pk = int(raw) if raw.isdigit() else 0
    return reads.get_driver_or_404(programme, pk, DriverKind.SECONDARY, diagram=diagram)


def _wall_url(programme: Programme) -> str | None:
    return reads.tests_wall_url(programme)


@require_GET
@programme_view(VIEW)
def idea(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    the_idea = reads.get_idea_or_404(programme, pk)
    drivers = list(
        the_idea.drivers.filter(deleted_at__isnull=True, parent__deleted_at__isnull=True).select_related(
            "parent"
        )
    )
    return render(
        request,
        "improvement/idea.jinja",
        {
            "programme": programme,
            "idea": the_idea,
            "diagram": the_idea.diagram,
            "drivers": drivers,
            "measures": list(the_idea.measures.filter(deleted_at__isnull=True)),
            "tests": reads.tests_of_change(the_idea),
            "wall_url": _wall_url(programme),
            "can_edit": request.user.has_perm(EDIT, programme),
            "measure_url": presenters.measure_url,
            "item_panels": item_panels(programme, request.user, "change_idea", the_idea.pk),
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def idea_add(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    driver = reads.get_driver_or_404(programme, pk, kind=DriverKind.SECONDARY)
    diagram = driver.diagram
    form = IdeaForm(request.POST or None, initial={"version": diagram.version})
    outcome = None
    if request.method == "POST" and form.is_valid():
        outcome = attempt(
            form,
            diagram,
            lambda data: services.idea_add(
                diagram=diagram,
                driver=driver,
                title=data["title"],
                description=data["description"],
                expected_version=data["version"],
                user=request.user,
            ),
        )
        if outcome.done:
            messages.success(request, f"Added {quoted(outcome.result.title)}.")
            return redirect(diagram_url(programme, diagram, _anchor(outcome.result, driver)))
    return render_form(
        request,
        programme,
        diagram,
        form,
        heading="Add a change idea",
        intro=f"It will go under {quoted(driver.title)}. You can link it to more drivers later.",
        submit_label="Add the change idea",
        outcome=outcome,
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def idea_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    the_idea = reads.get_idea_or_404(programme, pk)
    diagram = the_idea.diagram
    initial = {
        "title": the_idea.title,
        "description": the_idea.description,
        "version": diagram.version,
        "measures": [m.pk for m in the_idea.measures.all()],
    }
    form = IdeaForm(request.POST or None, initial=initial, measures=reads.measures_for(programme))
    outcome = None
    if request.method == "POST" and form.is_valid():
        outcome = attempt(
            form,
            diagram,
            lambda data: services.idea_update(
                idea=the_idea,
                title=data["title"],
                description=data["description"],
                measures=data["measures"],
                expected_version=data["version"],
                user=request.user,
            ),
        )
        if outcome.done:
            messages.success(
                request, "Saved." if outcome.result else "Nothing changed, so nothing was saved."
            )
            return redirect("improvement:idea", slug=programme.slug, pk=the_idea.pk)
    return render_form(
        request,
        programme,
        diagram,
        form,
        heading="Edit the change idea",
        submit_label="Save the change idea",
        outcome=outcome,
        cancel_url=reverse("improvement:idea", kwargs={"slug": programme.slug, "pk": the_idea.pk}),
    )


def _other_secondaries(the_idea: ChangeIdea) -> list[Driver]:
    linked = set(the_idea.drivers.values_list("pk", flat=True))
    return [d for d in reads.secondary_drivers(the_idea.diagram) if d.pk not in linked]


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def idea_link(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    the_idea = reads.get_idea_or_404(programme, pk)
    diagram = the_idea.diagram
    form = IdeaDriverForm(
        request.POST or None,
        drivers=_other_secondaries(the_idea),
        label="Which other secondary driver does it serve?",
        initial={"version": diagram.version},
    )
    outcome = None
    if request.method == "POST" and form.is_valid():
        outcome = attempt(
            form,
            diagram,
            lambda data: services.idea_link(
                idea=the_idea, driver=data["driver"], expected_version=data["version"], user=request.user
            ),
        )
        if outcome.done:
            messages.success(
                request,
                f"{quoted(the_idea.title)} now serves {quoted(form.cleaned_data['driver'].title)} too.",
            )
            return redirect(diagram_url(programme, diagram, _anchor(the_idea, form.cleaned_data["driver"])))
    return render_form(
        request,
        programme,
        diagram,
        form,
        heading=f"Link {quoted(the_idea.title)} to another driver",
        intro="A change idea can serve several secondary drivers. It is drawn once in the diagram, "
        "with a line to each.",
        submit_label="Link it",
        outcome=outcome,
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def idea_move(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    the_idea = reads.get_idea_or_404(programme, pk)
    diagram = the_idea.diagram
    current = reads.live_drivers_of(the_idea)
    chosen = request.GET.get("from", "")
    form = IdeaMoveForm(
        request.POST or None,
        drivers=_other_secondaries(the_idea),
        current=current,
        label="Move it to which secondary driver?",
        initial={"version": diagram.version, "from_driver": chosen if chosen.isdigit() else ""},
    )
    outcome = None
    if request.method == "POST" and form.is_valid():
        outcome = attempt(
            form,
            diagram,
            lambda data: services.idea_move(
                idea=the_idea,
                from_driver=data["from_driver"],
                to_driver=data["driver"],
                expected_version=data["version"],
                user=request.user,
            ),
        )
        if outcome.done:
            messages.success(request, f"Moved {quoted(the_idea.title)}.")
            return redirect(diagram_url(programme, diagram, _anchor(the_idea, form.cleaned_data["driver"])))
    return render_form(
        request,
        programme,
        diagram,
        form,
        heading=f"Move {quoted(the_idea.title)}",
        intro=(
            f"It will stop serving {quoted(current[0].title)} and serve the driver you choose instead."
            if len(current) == 1
            else "Choose the driver it should stop serving, and the one it should serve instead."
        ),
        submit_label="Move it",
        outcome=outcome,
    )


def _button_action(request: HttpRequest, programme: Programme, pk: int, *, reorder: bool) -> HttpResponse:
    the_idea = reads.get_idea_or_404(programme, pk)
    diagram = the_idea.diagram
    # The outline's buttons name the driver in their formaction; the retry page posts it.
    driver = _secondary_in(programme, diagram, request.POST.get("driver") or request.GET.get("driver", ""))
    form: VersionForm = DirectionForm(request.POST) if reorder else VersionForm(request.POST)
    back = redirect(diagram_url(programme, diagram, _anchor(the_idea, driver)))
    if not form.is_valid():
        messages.error(request, "That did not work. Reload the page and try again.")
        return back
    data = form.cleaned_data
    if reorder:
        label = f"Move {quoted(the_idea.title)} {data['direction']}"
        outcome = attempt(
            form,
            diagram,
            lambda d: services.idea_reorder(
                idea=the_idea,
                driver=driver,
                direction=d["direction"],
                expected_version=d["version"],
                user=request.user,
            ),
        )
    else:
        label = f"Unlink {quoted(the_idea.title)} from {quoted(driver.title)}"
        outcome = attempt(
            form,
            diagram,
            lambda d: services.idea_unlink(
                idea=the_idea, driver=driver, expected_version=d["version"], user=request.user
            ),
        )
    if outcome.conflict:
        return render(
            request,
            "improvement/conflict.jinja",
            {
                "programme": programme,
                "diagram": diagram,
                "changes": outcome.changes,
                "conflict_message": CONFLICT_MESSAGE,
                "action_label": label,
                "hidden": {
                    "driver": driver.pk,
                    "direction": data.get("direction", ""),
                    "version": form.data["version"],
                },
            },
            status=409,
        )
    if not outcome.done:
        messages.error(request, " ".join(str(e) for e in form.non_field_errors()))
    elif not reorder:
        messages.success(request, f"{quoted(the_idea.title)} no longer serves {quoted(driver.title)}.")
        return redirect(diagram_url(programme, diagram))
    return back


@require_POST
@programme_view(EDIT)
def idea_reorder(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    return _button_action(request, programme, pk, reorder=True)


@require_POST
@programme_view(EDIT)
def idea_unlink(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    return _button_action(request, programme, pk, reorder=False)


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def idea_delete(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    the_idea = reads.get_idea_or_404(programme, pk)
    diagram = the_idea.diagram
    form = VersionForm(request.POST or None, initial={"version": diagram.version})
    outcome = None
    if request.method == "POST" and form.is_valid():
        outcome = attempt(
            form,
            diagram,
            lambda data: services.idea_delete(
                idea=the_idea, expected_version=data["version"], user=request.user
            ),
        )
        if outcome.done:
            messages.success(
                request, f"{quoted(the_idea.title)} is in the bin. A convenor can put it back within 30 days."
            )
            return redirect(diagram_url(programme, diagram))
    return render_form(
        request,
        programme,
        diagram,
        form,
        heading=f"Delete {quoted(the_idea.title)}?",
        intro="It goes to the bin, with its links to drivers, and a convenor can put it back within 30 days.",
        submit_label="Delete the change idea",
        outcome=outcome,
        warning=True,
    )
