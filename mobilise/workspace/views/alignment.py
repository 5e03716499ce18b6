"""The alignment grid: how pairs of components reinforce or pull against each other."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mobilise.core.concurrency import EditConflict
from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT, VIEW

from .. import alignment_services as services
from .. import reads
from ..alignment_forms import AlignmentEntryForm
from ..grid import PairState, StateWords, build_grid, canonical_pair, summary
from ..grid_picture import COLOURS, grid_svg, squares
from ..models import AlignmentEntry
from ..vocabulary import vocabulary


def _pair_or_404(first: str, second: str) -> tuple[str, str]:
    try:
        return canonical_pair(first, second)
    except ValueError:
        raise Http404("There is no such pair of components") from None


def _pair_url(programme: Programme, first: str, second: str) -> str:
    kwargs = {"slug": programme.slug, "first": first, "second": second}
    return reverse("workspace:alignment_pair", kwargs=kwargs)


def _states(request: HttpRequest) -> StateWords:
    return StateWords(vocabulary(request)("tension"))


@require_GET
@programme_view(VIEW)
def grid(request: HttpRequest, programme: Programme) -> HttpResponse:
    words = vocabulary(request)
    tension = words("tension")
    the_grid = build_grid(list(services.alignment_entries(programme=programme)))
    states = _states(request)
    pairs = squares(the_grid)
    count_of = {c.pair: c.count for row in the_grid.rows for c in row.cells if not c.is_self}
    return render(
        request,
        "workspace/alignment.jinja",
        {
            "programme": programme,
            "grid": the_grid,
            "grid_summary": summary(the_grid, tension),
            "states": states,
            "colours": COLOURS,
            "picture": grid_svg(
                the_grid,
                name=words.cap,
                states=states,
                pair_url=lambda first, second: _pair_url(programme, first, second),
            ),
            "considered": [
                (sq.first, sq.second, sq.state, count_of[(sq.first, sq.second)])
                for sq in pairs
                if sq.state != PairState.NOT_CONSIDERED
            ],
            "quiet": [(sq.first, sq.second) for sq in pairs if sq.state == PairState.NOT_CONSIDERED],
            "can_edit": request.user.has_perm(EDIT, programme),
        },
    )


def _render_pair(
    request: HttpRequest, programme: Programme, first: str, second: str, form: AlignmentEntryForm
) -> HttpResponse:
    entries = services.alignment_entries_for_pair(programme=programme, first=first, second=second)
    return render(
        request,
        "workspace/alignment_pair.jinja",
        {
            "programme": programme,
            "first": first,
            "second": second,
            "entries": entries,
            "form": form,
            "states": _states(request),
            "can_edit": request.user.has_perm(EDIT, programme),
        },
    )


@require_GET
@programme_view(VIEW)
def pair(request: HttpRequest, programme: Programme, first: str, second: str) -> HttpResponse:
    canonical = _pair_or_404(first, second)
    if canonical != (first, second):
        return redirect(_pair_url(programme, *canonical))
    return _render_pair(request, programme, first, second, AlignmentEntryForm())


@require_POST
@programme_view(EDIT)
def create(request: HttpRequest, programme: Programme, first: str, second: str) -> HttpResponse:
    first, second = _pair_or_404(first, second)
    form = AlignmentEntryForm(request.POST)
    if not form.is_valid():
        return _render_pair(request, programme, first, second, form)
    data = form.cleaned_data
    services.alignment_entry_create(
        programme=programme,
        first=first,
        second=second,
        relationship=data["relationship"],
        description=data["description"],
        action=data["action"],
        status=data["status"],
        by=request.user,
    )
    words = vocabulary(request)
    messages.success(request, f"Added what you found about {words(first)} and {words(second)}.")
    return redirect(_pair_url(programme, first, second))


def _render_edit(
    request: HttpRequest,
    programme: Programme,
    entry: AlignmentEntry,
    form: AlignmentEntryForm,
    conflict: AlignmentEntry | None = None,
    binned: bool = False,
) -> HttpResponse:
    return render(
        request,
        "workspace/alignment_edit.jinja",
        {
            "programme": programme,
            "entry": conflict or entry,
            "form": form,
            "conflict": conflict,
            "binned": binned,
            "states": _states(request),
        },
        status=409 if conflict or binned else 200,
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    entry = reads.get_alignment_entry_or_404(programme, pk, include_binned=request.method == "POST")
    if request.method != "POST":
        return _render_edit(request, programme, entry, AlignmentEntryForm.for_entry(entry))
    form = AlignmentEntryForm(request.POST)
    if entry.in_bin:
        return _render_edit(request, programme, entry, form, binned=True)
    if not form.is_valid():
        return _render_edit(request, programme, entry, form)
    data = form.cleaned_data
    try:
        services.alignment_entry_update(
            entry=entry,
            expected_version=data["version"],
            relationship=data["relationship"],
            description=data["description"],
            action=data["action"],
            status=data["status"],
            by=request.user,
        )
    except EditConflict as conflict:
        current = conflict.current
        assert isinstance(current, AlignmentEntry)
        # Keep their text; the next save starts from the version now stored.
        kept = AlignmentEntryForm({**request.POST.dict(), "version": str(current.version)})
        return _render_edit(request, programme, entry, kept, conflict=current)
    except services.EntryInBin:
        return _render_edit(request, programme, entry, form, binned=True)
    messages.success(request, "Your changes have been saved.")
    return redirect(_pair_url(programme, entry.first, entry.second))


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def delete(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    entry = reads.get_alignment_entry_or_404(programme, pk)
    if request.method == "POST":
        services.alignment_entry_delete(entry=entry, by=request.user)
        messages.success(request, "Moved to the bin. A convenor can put it back within 30 days.")
        return redirect(_pair_url(programme, entry.first, entry.second))
    return render(
        request,
        "workspace/alignment_delete.jinja",
        {"programme": programme, "entry": entry, "states": _states(request)},
    )
