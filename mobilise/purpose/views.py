"""The shared purpose: read, edit, and every revision kept and restorable."""

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
from mobilise.workspace.components import BY_KEY, PURPOSE

from . import orientation as orientation_page
from . import presenters, reads, services
from .forms import PartnerVoiceForm, PurposeForm
from .models import PARTNER_FIELDS, PURPOSE_FIELDS, SharedPurpose

CONFLICT_MESSAGE = (
    "Someone else changed the shared purpose while you were editing. Your text is below and "
    "their version is shown for comparison. Check both, then save again to keep yours."
)


@require_GET
@programme_view(VIEW)
def detail(request: HttpRequest, programme: Programme) -> HttpResponse:
    purpose = reads.get_purpose(programme)
    is_empty = purpose is None or purpose.is_empty
    return render(
        request,
        "purpose/detail.jinja",
        {
            "programme": programme,
            "purpose": purpose,
            "is_empty": is_empty,
            "statement": purpose.statement if purpose else "",
            "sections": presenters.sections(purpose, PURPOSE_FIELDS[1:]),
            "revision_count": reads.revision_count(programme) if purpose else 0,
            "prompts": BY_KEY[PURPOSE].prompts,
            "can_edit": request.user.has_perm(EDIT, programme),
            "voices": reads.partner_voices(programme),
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def edit(request: HttpRequest, programme: Programme) -> HttpResponse:
    purpose = reads.get_purpose(programme)
    initial = {name: getattr(purpose, name) for name in PURPOSE_FIELDS} if purpose else {}
    initial["version"] = purpose.version if purpose else 0
    form = PurposeForm(request.POST or None, initial=initial)
    theirs = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.purpose_update(
                programme=programme,
                data=data,
                expected_version=data["version"],
                user=request.user,
                reason=data["reason"],
            )
        except EditConflict as conflict:
            theirs = cast(SharedPurpose, conflict.current)
            # Their text stays in the form; the new version lets a deliberate second save through.
            form = form_for_second_save(PurposeForm, request.POST, theirs.version)
        else:
            if saved.changed:
                messages.success(request, "The shared purpose has been saved.")
            else:
                messages.info(request, "Nothing changed, so no new version was saved.")
            return redirect("purpose:detail", slug=programme.slug)
    status = 409 if theirs is not None else 200
    return render(
        request,
        "purpose/edit.jinja",
        {
            "programme": programme,
            "form": form,
            "purpose": purpose,
            "conflict_message": CONFLICT_MESSAGE if theirs is not None else "",
            "theirs": presenters.sections(theirs) if theirs is not None else [],
            "prompts": BY_KEY[PURPOSE].prompts,
        },
        status=status,
    )


@require_GET
@programme_view(VIEW)
def history(request: HttpRequest, programme: Programme) -> HttpResponse:
    rows = presenters.history_rows(reads.revisions_newest_first(programme))
    return render(request, "purpose/history.jinja", {"programme": programme, "rows": rows})


@require_GET
@programme_view(VIEW)
def revision(request: HttpRequest, programme: Programme, history_id: int) -> HttpResponse:
    old = reads.get_revision_or_404(programme, history_id)
    current = reads.get_purpose(programme)
    comparisons = presenters.comparisons(old, current)
    return render(
        request,
        "purpose/revision.jinja",
        {
            "programme": programme,
            "revision": old,
            "who": presenters.revision_who(old),
            "comparisons": comparisons,
            "same_as_now": not any(c.changed for c in comparisons),
            "can_edit": request.user.has_perm(EDIT, programme),
        },
    )


@require_POST
@programme_view(EDIT)
def restore(request: HttpRequest, programme: Programme, history_id: int) -> HttpResponse:
    old = reads.get_revision_or_404(programme, history_id)
    try:
        saved = services.purpose_restore(programme=programme, history_id=history_id, user=request.user)
    except services.RevisionNotFound as missing:
        raise Http404("No such version of the shared purpose") from missing
    if saved.changed:
        when = uk_date(old.history_date, with_time=True)
        messages.success(
            request,
            f"The version from {when} has been restored. The text it replaced is still in the history.",
        )
    else:
        messages.info(request, "That version is the same as the current one, so nothing changed.")
    return redirect("purpose:detail", slug=programme.slug)


@require_GET
@programme_view(VIEW)
def partner(request: HttpRequest, programme: Programme, organisation_id: int) -> HttpResponse:
    organisation, voice = reads.get_partner_or_404(programme, organisation_id)
    purpose = reads.get_purpose(programme)
    return render(
        request,
        "purpose/partner.jinja",
        {
            "programme": programme,
            "organisation": organisation,
            "voice": voice,
            "people": reads.partner_people(programme, organisation),
            "purpose_version": purpose.version if purpose else None,
            "can_edit": request.user.has_perm(EDIT, programme),
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def partner_edit(request: HttpRequest, programme: Programme, organisation_id: int) -> HttpResponse:
    organisation, voice = reads.get_partner_or_404(programme, organisation_id)
    initial = {name: getattr(voice, name) for name in PARTNER_FIELDS}
    initial.update(lead=voice.lead_id, endorsement=voice.endorsement, version=voice.version)
    form = PartnerVoiceForm(request.POST or None, initial=initial, programme=programme)
    problem = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_voice_save(
                programme=programme,
                organisation=organisation,
                data=form.cleaned_data,
                expected_version=form.cleaned_data["version"],
                user=request.user,
            )
        except EditConflict as conflict:
            problem = (
                f"Someone else saved {organisation.name}'s page while you were editing. Your text is below; "
                "save again to replace theirs, or go back to read it first."
            )
            form = form_for_second_save(
                lambda data: PartnerVoiceForm(data, programme=programme),
                request.POST,
                getattr(conflict.current, "version", 0),
            )
        else:
            messages.success(request, f"{organisation.name}'s page has been saved.")
            return redirect("purpose:partner", slug=programme.slug, organisation_id=organisation.pk)
    return render(
        request,
        "purpose/partner_edit.jinja",
        {"programme": programme, "organisation": organisation, "form": form, "problem": problem},
        status=409 if problem else 200,
    )


@require_GET
@programme_view(VIEW)
def orientation(request: HttpRequest, programme: Programme) -> HttpResponse:
    """For anyone joining, and printable as a handover for anyone leaving."""
    return render(
        request,
        "purpose/orientation.jinja",
        {"programme": programme, **orientation_page.orientation(programme)},
    )
