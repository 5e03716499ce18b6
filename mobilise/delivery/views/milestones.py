"""Milestones: a timeline across the programme (with a table), adding, editing, the bin."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT, VIEW

from .. import presenters, reads
from ..forms import MilestoneForm
from ..models import Milestone
from . import common

MAX_SHOWN = 200


def _list_url(programme: Programme, item: Milestone) -> str:
    return reverse("delivery:milestones", kwargs={"slug": programme.slug}) + f"#milestone-{item.pk}"


MILESTONES = common.Kind(
    model=Milestone,
    noun="milestone",
    article="a",
    list_route="delivery:milestones",
    delete_route="delivery:milestone_delete",
    make_form=MilestoneForm,
    fields=("title", "due_on", "measure", "target", "reached_on"),
    done_url=_list_url,
)


@require_GET
@programme_view(VIEW)
def milestone_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    found = list(reads.milestones(programme)[:MAX_SHOWN])
    today = timezone.localdate()
    marks, today_x = presenters.timeline(found, today)
    return common.page(
        request,
        "milestones.jinja",
        programme,
        {
            "marks": marks,
            "today_x": today_x,
            "today": today,
            "can_edit": request.user.has_perm(EDIT, programme),
        },
    )


def _flag_past(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    if request.method == "POST" and response.status_code == 302:
        due = request.POST.get("due_on", "")
        form = MilestoneForm(request.POST, programme=request.programme)  # type: ignore[attr-defined]
        if form.is_valid() and form.cleaned_data["due_on"] < timezone.localdate() and due:
            messages.info(request, "That date is in the past. That is fine for recording history.")
    return response


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def milestone_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    response = common.create(request, programme, MILESTONES, initial={})
    return _flag_past(request, response)


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def milestone_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    milestone = reads.get_milestone_or_404(programme, pk, include_binned=request.method == "POST")
    return common.edit(request, programme, MILESTONES, milestone)


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def milestone_delete(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    milestone = reads.get_milestone_or_404(programme, pk, include_binned=request.method == "POST")
    return common.delete(request, programme, MILESTONES, milestone, milestone.title)
