"""Tests of change, stakeholders, actions and risks (read only for now)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from .. import reads
from ..access import programme_for
from ..paging import PageQuery, page
from ..schemas import ActionOut, Dates, Page, RiskOut, StakeholderOut, TestOfChangeOut

router = Router(tags=["Work"])


@router.get(
    "/{slug}/tests-of-change",
    response=Page[TestOfChangeOut],
    url_name="tests_of_change",
    summary="Tests of change (PDSA cycles); dates filter on when each was tested",
)
def tests_of_change(
    request: HttpRequest, slug: str, paging: PageQuery, dates: Query[Dates]
) -> dict[str, Any]:
    programme = programme_for(request, slug)
    return page(
        request,
        reads.tests_of_change(programme, dates.start, dates.end),
        paging,
        lambda t: {
            "id": t.pk,
            "title": t.title,
            "change_idea": t.change_idea.title,
            "tested_on": t.tested_on,
            "outcome": t.outcome,
            "version": t.version,
        },
    )


@router.get(
    "/{slug}/stakeholders",
    response=Page[StakeholderOut],
    url_name="stakeholders",
    summary="The stakeholder register (without anyone's stance, which stays on the web pages)",
)
def stakeholders(request: HttpRequest, slug: str, paging: PageQuery) -> dict[str, Any]:
    programme = programme_for(request, slug)
    return page(
        request,
        reads.stakeholders(programme),
        paging,
        lambda s: {
            "id": s.pk,
            "name": s.name,
            "kind": s.kind,
            "role": s.role,
            "organisation_name": s.organisation_name,
        },
    )


@router.get(
    "/{slug}/actions",
    response=Page[ActionOut],
    url_name="actions",
    summary="Actions; dates filter on when each is due",
)
def actions(request: HttpRequest, slug: str, paging: PageQuery, dates: Query[Dates]) -> dict[str, Any]:
    programme = programme_for(request, slug)
    return page(
        request,
        reads.actions(programme, dates.start, dates.end),
        paging,
        lambda a: {
            "id": a.pk,
            "title": a.title,
            "status": a.status,
            "due_on": a.due_on,
            "owner": a.owner.display_name if a.owner else None,
            "version": a.version,
        },
    )


@router.get("/{slug}/risks", response=Page[RiskOut], url_name="risks", summary="Risks")
def risks(request: HttpRequest, slug: str, paging: PageQuery) -> dict[str, Any]:
    programme = programme_for(request, slug)
    return page(
        request,
        reads.risks(programme),
        paging,
        lambda r: {
            "id": r.pk,
            "title": r.title,
            "status": r.status,
            "likelihood": r.likelihood,
            "impact": r.impact,
            "score": r.score,
            "version": r.version,
        },
    )
