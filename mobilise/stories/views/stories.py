"""Stories with consent: add, read, change, withdraw, and the queue of stories sent in by link."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mobilise.core.concurrency import EditConflict, form_for_second_save
from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT, VIEW
from mobilise.programmes.roles import MODERATE_STORIES as MODERATE
from mobilise.workspace.panels import item_panels

from .. import reads, services
from ..forms import StoryForm

STORY_CONFLICT = (
    "Someone else changed this story while you were editing. Your text is below: check it, then save again."
)


@require_GET
@programme_view(VIEW)
def story_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    return render(
        request,
        "stories/story_list.jinja",
        {
            "programme": programme,
            "stories": reads.shown_stories(programme),
            "can_edit": request.user.has_perm(EDIT, programme),
            "can_moderate": request.user.has_perm(MODERATE, programme),
            "waiting": len(reads.waiting_stories(programme))
            if request.user.has_perm(MODERATE, programme)
            else 0,
        },
    )


def _story_initial(story: Any) -> dict[str, Any]:
    return {
        "kind": story.kind,
        "title": story.title,
        "body": story.body,
        "teller": story.teller,
        "anonymised": story.anonymised,
        "consent_by": story.consent_by,
        "consent_use": story.consent_use,
        "consent_until": story.consent_until.strftime("%d/%m/%Y") if story.consent_until else "",
        "component": story.component,
        "measures": [m.pk for m in story.measures.all()],
        "tests_of_change": [t.pk for t in story.tests_of_change.all()],
        "version": story.version,
    }


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def story_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = StoryForm(request.POST or None, programme=programme, initial={"version": 0})
    if request.method == "POST" and form.is_valid():
        story = services.story_create(programme=programme, data=form.cleaned_data, user=request.user)
        messages.success(request, "The story has been added.")
        return redirect("stories:story", slug=programme.slug, pk=story.pk)
    return render(
        request,
        "stories/story_form.jinja",
        {"programme": programme, "form": form, "story": None, "conflict": ""},
    )


@require_GET
@programme_view(VIEW)
def story_detail(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    story = reads.get_story_or_404(programme, pk)
    return render(
        request,
        "stories/story_detail.jinja",
        {
            "programme": programme,
            "story": story,
            "can_edit": request.user.has_perm(EDIT, programme),
            "can_moderate": request.user.has_perm(MODERATE, programme),
            "item_panels": item_panels(programme, request.user, "story", story.pk),
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def story_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    story = reads.get_story_or_404(programme, pk)
    form = StoryForm(request.POST or None, programme=programme, initial=_story_initial(story))
    conflict = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.story_update(
                story=story,
                data=form.cleaned_data,
                expected_version=form.cleaned_data["version"],
                user=request.user,
            )
        except EditConflict as clash:
            conflict = STORY_CONFLICT
            form = form_for_second_save(
                lambda data: StoryForm(data, programme=programme),
                request.POST,
                getattr(clash.current, "version", 0),
            )
        else:
            messages.success(request, "The story has been saved.")
            return redirect("stories:story", slug=programme.slug, pk=story.pk)
    return render(
        request,
        "stories/story_form.jinja",
        {"programme": programme, "form": form, "story": story, "conflict": conflict},
        status=409 if conflict else 200,
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def story_withdraw(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    story = reads.get_story_or_404(programme, pk)
    if request.method == "POST":
        services.story_withdraw(story=story, user=request.user)
        messages.success(
            request, "Consent has been withdrawn. The story has been removed everywhere it was shown."
        )
        return redirect("stories:list", slug=programme.slug)
    return render(request, "stories/story_withdraw.jinja", {"programme": programme, "story": story})


@require_POST
@programme_view(EDIT)
def story_delete(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    story = reads.get_story_or_404(programme, pk)
    services.story_bin(story=story, user=request.user)
    messages.success(request, f"“{story.title}” has been moved to the bin.")
    return redirect("stories:list", slug=programme.slug)


@require_GET
@programme_view(MODERATE)
def moderation(request: HttpRequest, programme: Programme) -> HttpResponse:
    return render(
        request,
        "stories/moderation.jinja",
        {
            "programme": programme,
            "stories": reads.waiting_stories(programme),
            "link": reads.get_share_link(programme),
        },
    )


@require_POST
@programme_view(MODERATE)
def moderate(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    story = reads.get_waiting_story_or_404(programme, pk)
    accept = request.POST.get("decision") == "accept"
    services.story_moderate(story=story, accept=accept, user=request.user)
    if accept:
        messages.success(
            request, f"“{story.title}” has been accepted and is now shown with the programme's stories."
        )
    else:
        messages.info(request, f"“{story.title}” will not be used.")
    return redirect("stories:moderation", slug=programme.slug)
