"""Actions: the plan, by component, by partner or just mine; adding, editing, the bin and CSV."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT, VIEW
from mobilise.workspace.components import BY_KEY

from .. import exports, presenters, reads
from ..forms import ActionForm
from ..models import Action, ActionStatus
from . import common

PAGE_SIZE = 50


def _list_url(programme: Programme, item: Action) -> str:
    return reverse("delivery:actions", kwargs={"slug": programme.slug}) + f"#action-{item.pk}"


ACTIONS = common.Kind(
    model=Action,
    noun="action",
    article="an",
    list_route="delivery:actions",
    delete_route="delivery:action_delete",
    make_form=ActionForm,
    fields=(
        "title",
        "details",
        "owner",
        "partner",
        "due_on",
        "status",
        "in_the_way",
        "tension",
        "change_idea",
        "measure",
    ),
    done_url=_list_url,
)


def _filters(request: HttpRequest, programme: Programme) -> tuple[str, int | None, bool, bool]:
    component = request.GET.get("component", "")
    component = component if component in BY_KEY else ""
    partner_text = request.GET.get("partner", "")
    partner = int(partner_text) if partner_text.isdigit() else None
    return component, partner, request.GET.get("mine") == "1", request.GET.get("all") == "1"


@require_GET
@programme_view(VIEW)
def action_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    component, partner, mine, show_all = _filters(request, programme)
    found = reads.actions(
        programme,
        component=component,
        partner=partner,
        owner=request.user.pk if mine else None,
        open_only=not show_all,
    )
    total = found.count()
    page_number = min(common.page_number(request), max(1, -(-total // PAGE_SIZE)))
    start = (page_number - 1) * PAGE_SIZE
    partners = reads.programme_partners(programme)
    return common.page(
        request,
        "actions.jinja",
        programme,
        {
            "actions": list(found[start : start + PAGE_SIZE]),
            "total": total,
            "start": start,
            "shown": min(total - start, PAGE_SIZE),
            "page_number": page_number,
            "more": start + PAGE_SIZE < total,
            "params": common.params_without_page(request),
            "component": BY_KEY.get(component),
            "components": list(BY_KEY.values()),
            "partner": next((p for p in partners if p.pk == partner), None),
            "partners": partners,
            "mine": mine,
            "show_all": show_all,
            "today": timezone.localdate(),
            "members": reads.member_ids(programme),
            "tags": presenters.STATUS_TAG,
            "can_edit": request.user.has_perm(EDIT, programme),
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def action_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    component = request.GET.get("component", "")
    initial = {
        "status": ActionStatus.PLANNED,
        "components": [component] if component in BY_KEY else [],
        "owner": request.user.pk,
    }
    return common.create(request, programme, ACTIONS, initial=initial)


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def action_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    action = reads.get_action_or_404(programme, pk, include_binned=request.method == "POST")
    return common.edit(request, programme, ACTIONS, action, keep_owner=action.owner_id)


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def action_delete(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    action = reads.get_action_or_404(programme, pk, include_binned=request.method == "POST")
    return common.delete(request, programme, ACTIONS, action, action.title)


@require_GET
@programme_view(VIEW)
def action_csv(request: HttpRequest, programme: Programme) -> HttpResponse:
    return exports.actions_csv(programme, reads.actions(programme))
