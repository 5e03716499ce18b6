"""The programme's story: read, write, refresh, every revision kept, and versions for audiences."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mobilise.core.concurrency import EditConflict, form_for_second_save
from mobilise.core.jinja2env import uk_date
from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT, VIEW
from mobilise.purpose.audiences import prompts_for

from .. import presenters, reads, services
from ..forms import AudienceNarrativeForm, NarrativeForm
from ..models import NARRATIVE_FIELDS, AudienceNarrative, Narrative

CONFLICT_MESSAGE = (
    "Someone else changed the story while you were editing. Your text is below and their version "
    "is shown for comparison. Check both, then save again to keep yours."
)


@require_GET
@programme_view(VIEW)
def detail(request: HttpRequest, programme: Programme) -> HttpResponse:
    narrative = reads.get_narrative(programme)
    return render(
        request,
        "stories/narrative.jinja",
        {
            "programme": programme,
            "narrative": narrative,
            "is_empty": narrative is None or narrative.is_empty,
            "sections": presenters.sections(narrative),
            "refresh": presenters.refresh_reason(programme, narrative),
            "audiences": reads.audience_versions(programme),
            "can_edit": request.user.has_perm(EDIT, programme),
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def edit(request: HttpRequest, programme: Programme) -> HttpResponse:
    narrative = reads.get_narrative(programme)
    initial: dict[str, object] = (
        {name: getattr(narrative, name) for name in NARRATIVE_FIELDS} if narrative else {}
    )
    initial["version"] = narrative.version if narrative else 0
    form = NarrativeForm(request.POST or None, initial=initial)
    theirs = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.narrative_update(
                programme=programme,
                data=data,
                expected_version=data["version"],
                user=request.user,
                reason=data["reason"],
            )
        except EditConflict as conflict:
            theirs = cast(Narrative, conflict.current)
            form = form_for_second_save(NarrativeForm, request.POST, theirs.version)
        else:
            if saved.changed:
                messages.success(request, "The story has been saved.")
            else:
                messages.info(request, "Nothing changed, so no new version was saved.")
            return redirect("stories:narrative", slug=programme.slug)
    return render(
        request,
        "stories/narrative_edit.jinja",
        {
            "programme": programme,
            "form": form,
            "narrative": narrative,
            "conflict_message": CONFLICT_MESSAGE if theirs is not None else "",
            "theirs": presenters.sections(theirs) if theirs is not None else [],
            "refresh": presenters.refresh_reason(programme, narrative),
        },
        status=409 if theirs is not None else 200,
    )


@require_GET
@programme_view(VIEW)
def history(request: HttpRequest, programme: Programme) -> HttpResponse:
    rows = reads.revisions_newest_first(programme)
    return render(request, "stories/narrative_history.jinja", {"programme": programme, "rows": rows})


@require_GET
@programme_view(VIEW)
def revision(request: HttpRequest, programme: Programme, history_id: int) -> HttpResponse:
    old = reads.get_revision_or_404(programme, history_id)
    return render(
        request,
        "stories/narrative_revision.jinja",
        {
            "programme": programme,
            "revision": old,
            "sections": presenters.sections(old),
            "can_edit": request.user.has_perm(EDIT, programme),
        },
    )


@require_POST
@programme_view(EDIT)
def restore(request: HttpRequest, programme: Programme, history_id: int) -> HttpResponse:
    old = reads.get_revision_or_404(programme, history_id)
    try:
        saved = services.narrative_restore(programme=programme, history_id=history_id, user=request.user)
    except services.RevisionNotFound as missing:
        raise Http404("No such version of the story") from missing
    if saved.changed:
        when = uk_date(old.history_date, with_time=True)
        messages.success(request, f"The version from {when} has been restored. The text it replaced is kept.")
    else:
        messages.info(request, "That version is the same as the current one, so nothing changed.")
    return redirect("stories:narrative", slug=programme.slug)


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def audience_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    audience = reads.get_audience_or_404(programme, pk)
    version = reads.get_audience_version(programme, audience)
    narrative = reads.get_narrative(programme)
    source = version or narrative
    initial: dict[str, object] = {name: getattr(source, name) for name in NARRATIVE_FIELDS} if source else {}
    initial["version"] = version.version if version else 0
    form = AudienceNarrativeForm(request.POST or None, initial=initial)
    theirs = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.audience_narrative_update(
                programme=programme,
                audience=audience,
                data=data,
                expected_version=data["version"],
                user=request.user,
            )
        except EditConflict as conflict:
            theirs = cast(AudienceNarrative, conflict.current)
            form = form_for_second_save(AudienceNarrativeForm, request.POST, theirs.version)
        else:
            messages.success(request, f"The story for {audience.name} has been saved.")
            return redirect("stories:narrative", slug=programme.slug)
    return render(
        request,
        "stories/audience_edit.jinja",
        {
            "programme": programme,
            "audience": audience,
            "form": form,
            "narrative": narrative,
            "prompts": prompts_for(audience.name)[1],
            "conflict_message": CONFLICT_MESSAGE if theirs is not None else "",
            "theirs": presenters.sections(theirs) if theirs is not None else [],
        },
        status=409 if theirs is not None else 200,
    )
