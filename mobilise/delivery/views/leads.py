"""Who leads what: named leads per component and per partner organisation, and the delivery hub."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from mobilise.core.concurrency import EditConflict, form_for_second_save
from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT, VIEW
from mobilise.workspace.components import BY_KEY

from .. import presenters, reads, services
from ..forms import LeadsForm, PartnerLeadForm
from ..reviews import review_prompts
from . import common


def _leads_url(programme: Programme, anchor: str) -> str:
    return reverse("delivery:leads", kwargs={"slug": programme.slug}) + f"#{anchor}"


@require_GET
@programme_view(VIEW)
def overview(request: HttpRequest, programme: Programme) -> HttpResponse:
    today = timezone.localdate()
    return common.page(
        request,
        "overview.jinja",
        programme,
        {
            "open_actions": reads.actions(programme, open_only=True).count(),
            "overdue": reads.overdue_actions(programme, today).count(),
            "stuck": reads.actions(programme).filter(status="stuck").count(),
            "open_risks": reads.risks(programme, open_only=True).count(),
            "agreements": reads.agreements(programme).count(),
            "drivers": reads.drivers(programme).count(),
            "prompts": review_prompts(programme, today, request.user),
            "can_edit": request.user.has_perm(EDIT, programme),
        },
    )


@require_GET
@programme_view(VIEW)
def leads(request: HttpRequest, programme: Programme) -> HttpResponse:
    members = reads.member_ids(programme)
    return common.page(
        request,
        "leads.jinja",
        programme,
        {
            "rows": presenters.lead_rows(reads.component_leads(programme), members),
            "partners": presenters.partner_rows(
                reads.programme_partners(programme), reads.partner_leads(programme)
            ),
            "members": members,
            "names": presenters.lead_names,
            "can_edit": request.user.has_perm(EDIT, programme),
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def leads_edit(request: HttpRequest, programme: Programme, component: str) -> HttpResponse:
    found = BY_KEY.get(component)
    if found is None:
        raise Http404("There is no component of the Change Model with that name")
    row = reads.leads_row(programme, component)
    keep = list(row.leads.values_list("pk", flat=True)) if row else []
    initial: dict[str, Any] = {
        "leads": keep,
        "working_group": row.working_group if row else "",
        "version": row.version if row else 0,
    }
    form = LeadsForm(request.POST or None, programme=programme, keep=keep, initial=initial)
    context: dict[str, Any] = {"component": found, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            services.leads_set(
                programme=programme,
                component=component,
                leads=list(form.cleaned_data["leads"]),
                working_group=form.cleaned_data["working_group"],
                user=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as conflict:
            theirs: Any = conflict.current
            form = form_for_second_save(
                lambda data: LeadsForm(data, programme=programme, keep=keep), request.POST, theirs.version
            )
            return common.page(
                request,
                "leads_form.jinja",
                programme,
                {**context, "form": form, "problem": common.CONFLICT_MESSAGE, "theirs": theirs},
                status=409,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Leads saved for {found.name}.")
            return redirect(_leads_url(programme, f"lead-{component}"))
    return common.page(request, "leads_form.jinja", programme, context)


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def partner_lead_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    organisation = reads.get_partner_or_404(programme, pk)
    row = reads.partner_lead(programme, organisation)
    keep = row.lead_id if row else None
    initial = {"lead": keep, "version": row.version if row else 0}
    form = PartnerLeadForm(request.POST or None, programme=programme, keep=keep, initial=initial)
    context: dict[str, Any] = {"organisation": organisation, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_lead_set(
                programme=programme,
                organisation=organisation,
                lead=form.cleaned_data["lead"],
                user=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as conflict:
            theirs: Any = conflict.current
            form = form_for_second_save(
                lambda data: PartnerLeadForm(data, programme=programme, keep=keep),
                request.POST,
                theirs.version,
            )
            return common.page(
                request,
                "partner_lead_form.jinja",
                programme,
                {**context, "form": form, "problem": common.CONFLICT_MESSAGE, "theirs": theirs},
                status=409,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Lead saved for {organisation.name}.")
            return redirect(_leads_url(programme, f"partner-{organisation.pk}"))
    return common.page(request, "partner_lead_form.jinja", programme, context)
