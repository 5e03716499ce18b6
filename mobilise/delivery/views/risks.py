"""Risks and issues: the register, the heat map, one risk's score over time; adding, editing, the bin."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT, VIEW

from .. import exports, presenters, reads
from ..forms import RiskForm
from ..models import Risk, RiskStatus
from . import common

PAGE_SIZE = 100


def _detail_url(programme: Programme, item: Risk) -> str:
    return reverse("delivery:risk_detail", kwargs={"slug": programme.slug, "pk": item.pk})


RISKS = common.Kind(
    model=Risk,
    noun="risk",
    article="a",
    list_route="delivery:risks",
    delete_route="delivery:risk_delete",
    make_form=RiskForm,
    fields=(
        "title",
        "cause",
        "consequence",
        "purpose_impact",
        "likelihood",
        "impact",
        "owner",
        "mitigation",
        "review_on",
        "status",
    ),
    done_url=_detail_url,
)


@require_GET
@programme_view(VIEW)
def risk_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    show_all = request.GET.get("all") == "1"
    found = reads.risks(programme, open_only=not show_all)
    total = found.count()
    page_number = min(common.page_number(request), max(1, -(-total // PAGE_SIZE)))
    start = (page_number - 1) * PAGE_SIZE
    return common.page(
        request,
        "risks.jinja",
        programme,
        {
            "risks": list(found[start : start + PAGE_SIZE]),
            "total": total,
            "start": start,
            "shown": min(total - start, PAGE_SIZE),
            "page_number": page_number,
            "more": start + PAGE_SIZE < total,
            "params": common.params_without_page(request),
            "show_all": show_all,
            "cells": presenters.heat_map(reads.risk_grid(programme)),
            "band": presenters.band,
            "bands": presenters.BANDS,
            "can_edit": request.user.has_perm(EDIT, programme),
        },
    )


@require_GET
@programme_view(VIEW)
def risk_detail(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    risk = reads.get_risk_or_404(programme, pk)
    return common.page(
        request,
        "risk_detail.jinja",
        programme,
        {
            "risk": risk,
            "band": presenters.band(risk.score),
            "scores": reads.risk_scores_over_time(risk),
            "can_edit": request.user.has_perm(EDIT, programme),
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def risk_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    initial = {"likelihood": 3, "impact": 3, "status": RiskStatus.OPEN, "owner": request.user.pk}
    component = request.GET.get("component", "")
    if component:
        initial["components"] = [component]
    return common.create(request, programme, RISKS, initial=initial)


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def risk_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    risk = reads.get_risk_or_404(programme, pk, include_binned=request.method == "POST")
    return common.edit(request, programme, RISKS, risk, keep_owner=risk.owner_id)


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def risk_delete(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    risk = reads.get_risk_or_404(programme, pk, include_binned=request.method == "POST")
    return common.delete(request, programme, RISKS, risk, risk.title)


@require_GET
@programme_view(VIEW)
def risk_csv(request: HttpRequest, programme: Programme) -> HttpResponse:
    return exports.risks_csv(programme, reads.risks(programme))
