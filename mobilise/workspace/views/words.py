"""Audience vocabulary: the workspace in each audience's own words."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mobilise.core.concurrency import EditConflict, form_for_second_save
from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT, VIEW

from .. import reads
from .. import vocabulary_services as services
from ..models import Audience
from ..vocabulary import DEFAULTS
from ..vocabulary_forms import AudienceChoiceForm, AudienceNameForm, AudienceWordsForm
from .components import CONFLICT_MESSAGE


def _render_list(
    request: HttpRequest, programme: Programme, form: AudienceChoiceForm | None = None
) -> HttpResponse:
    audiences = list(services.audiences(programme=programme))
    chosen = services.audience_chosen(programme=programme, user=request.user)
    if form is None:
        form = AudienceChoiceForm(audiences=audiences, initial={"audience": str(chosen.pk) if chosen else ""})
    return render(
        request,
        "workspace/words.jinja",
        {
            "programme": programme,
            "audiences": audiences,
            "chosen": chosen,
            "form": form,
            "defaults": DEFAULTS,
            "can_edit": request.user.has_perm(EDIT, programme),
        },
    )


@require_GET
@programme_view(VIEW)
def audiences(request: HttpRequest, programme: Programme) -> HttpResponse:
    return _render_list(request, programme)


@require_POST
@programme_view(VIEW)
def choose(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = AudienceChoiceForm(request.POST, audiences=list(services.audiences(programme=programme)))
    if not form.is_valid():
        return _render_list(request, programme, form)
    audience = form.chosen()
    services.audience_choose(programme=programme, user=request.user, audience=audience)
    if audience is None:
        messages.success(request, "You are now seeing the workspace in plain English.")
    else:
        messages.success(
            request,
            f"You are now seeing the workspace in the words for {audience.name}. "
            "Other people still see their own choice.",
        )
    return redirect("workspace:vocabulary", slug=programme.slug)


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def audience_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = AudienceNameForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        name = form.cleaned_data["name"]
        audience = services.audience_create(programme=programme, name=name, by=request.user)
        messages.success(request, f"Audience added. Now write the words {audience.name} would use.")
        return redirect("workspace:audience_edit", slug=programme.slug, pk=audience.pk)
    return render(request, "workspace/words_create.jinja", {"programme": programme, "form": form})


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def audience_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    audience = reads.get_audience_or_404(programme, pk)
    theirs: Audience | None = None
    if request.method == "POST":
        form = AudienceWordsForm(request.POST, programme=programme, audience=audience)
        if form.is_valid():
            try:
                services.audience_update(
                    audience=audience,
                    name=form.cleaned_data["name"],
                    terms=form.terms(),
                    by=request.user,
                    expected_version=form.cleaned_data["version"],
                )
            except EditConflict as conflict:
                theirs = cast(Audience, conflict.current)
                # Keep their text; a second save from this page then replaces the newer version knowingly.
                form = form_for_second_save(
                    lambda data: AudienceWordsForm(data, programme=programme, audience=audience),
                    request.POST,
                    theirs.version,
                )
            else:
                messages.success(request, f"The words for {audience.name} have been saved.")
                return redirect("workspace:vocabulary", slug=programme.slug)
    else:
        form = AudienceWordsForm(
            initial=AudienceWordsForm.initial_for(audience), programme=programme, audience=audience
        )
    return render(
        request,
        "workspace/words_edit.jinja",
        {
            "programme": programme,
            "audience": audience,
            "form": form,
            "theirs": theirs,
            "their_terms": dict(theirs.terms.values_list("key", "text")) if theirs else {},
            "defaults": DEFAULTS,
            "problem": CONFLICT_MESSAGE if theirs else "",
        },
        status=409 if theirs else 200,
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def audience_delete(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    audience = reads.get_audience_or_404(programme, pk)
    if request.method == "POST":
        services.audience_delete(audience=audience, by=request.user)
        messages.success(
            request,
            f"The words for {audience.name} have been moved to the bin. "
            "A convenor can put them back within 30 days.",
        )
        return redirect("workspace:vocabulary", slug=programme.slug)
    return render(request, "workspace/words_delete.jinja", {"programme": programme, "audience": audience})
