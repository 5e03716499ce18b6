"""Tests of change, stakeholders, actions and risks: read, add and change (with the version read)."""

from __future__ import annotations

from enum import Enum
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema, Status

from mobilise.delivery.reads import get_action_or_404, get_risk_or_404
from mobilise.engagement.reads import get_stakeholder_or_404
from mobilise.pdsa.reads import get_test_or_404
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT

from .. import reads, writes
from ..access import audit_change, programme_for
from ..paging import PageQuery, page
from ..schemas import (
    ActionChange,
    ActionOut,
    ActionWrite,
    Dates,
    Page,
    RiskChange,
    RiskOut,
    RiskWrite,
    StakeholderChange,
    StakeholderOut,
    StakeholderWrite,
    TestOfChangeChange,
    TestOfChangeOut,
    TestOfChangeWrite,
)

router = Router(tags=["Work"])


def _test(t: Any) -> dict[str, Any]:
    return {
        "id": t.pk,
        "title": t.title,
        "change_idea": t.change_idea.title,
        "tested_on": t.tested_on,
        "outcome": t.outcome,
        "version": t.version,
    }


def _stakeholder(s: Any) -> dict[str, Any]:
    return {
        "id": s.pk,
        "name": s.name,
        "kind": s.kind,
        "role": s.role,
        "organisation_name": s.organisation_name,
        "version": s.version,
    }


def _action(a: Any) -> dict[str, Any]:
    return {
        "id": a.pk,
        "title": a.title,
        "status": a.status,
        "due_on": a.due_on,
        "owner": a.owner.display_name if a.owner else None,
        "version": a.version,
    }


def _risk(r: Any) -> dict[str, Any]:
    return {
        "id": r.pk,
        "title": r.title,
        "status": r.status,
        "likelihood": r.likelihood,
        "impact": r.impact,
        "score": r.score,
        "version": r.version,
    }


def _sent(payload: Schema, *, whole: bool = False) -> dict[str, Any]:
    """What the body set (choices as their stored text), without the version; `whole` adds the
    defaults of what it left out, for something new."""
    data = payload.dict(exclude_unset=not whole, exclude={"version"})
    return {k: v.value if isinstance(v, Enum) else v for k, v in data.items()}


def _tagged(response: HttpResponse, version: int) -> None:
    response["ETag"] = f'W/"{version}"'


def _done(
    request: HttpRequest,
    response: HttpResponse,
    programme: Programme,
    thing: str,
    saved: Any,
    changed: dict[str, Any] | None = None,
) -> None:
    """One audit line for the change, and the new version as the response's ETag."""
    if changed is None:
        audit_change(request, programme, 201, f"Added {thing} {saved.pk}")
    else:
        audit_change(request, programme, 200, f"Changed {thing} {saved.pk}: {', '.join(sorted(changed))}")
    _tagged(response, saved.version)


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
        _test,
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
        _stakeholder,
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
        _action,
    )


@router.get("/{slug}/risks", response=Page[RiskOut], url_name="risks", summary="Risks")
def risks(request: HttpRequest, slug: str, paging: PageQuery) -> dict[str, Any]:
    programme = programme_for(request, slug)
    return page(
        request,
        reads.risks(programme),
        paging,
        _risk,
    )


# Adding and changing -----------------------------------------------------------------------------


@router.post(
    "/{slug}/tests-of-change",
    response={201: TestOfChangeOut},
    url_name="test_of_change_add",
    summary="Log a test of change",
)
def test_of_change_add(
    request: HttpRequest, response: HttpResponse, slug: str, payload: TestOfChangeWrite
) -> Status[dict[str, Any]]:
    programme = programme_for(request, slug, EDIT)
    test = writes.test_of_change_create(
        programme=programme, data=_sent(payload, whole=True), user=request.user
    )
    _done(request, response, programme, "test of change", test)
    return Status(201, _test(test))


@router.patch(
    "/{slug}/tests-of-change/{test_id}",
    response=TestOfChangeOut,
    url_name="test_of_change_change",
    summary="Change a test of change (send the version you read)",
)
def test_of_change_change(
    request: HttpRequest, response: HttpResponse, slug: str, test_id: int, payload: TestOfChangeChange
) -> dict[str, Any]:
    programme = programme_for(request, slug, EDIT)
    test = get_test_or_404(programme, test_id)
    data = _sent(payload)
    saved = writes.test_of_change_change(test=test, data=data, version=payload.version, user=request.user)
    _done(request, response, programme, "test of change", saved, data)
    return _test(saved)


@router.post(
    "/{slug}/stakeholders",
    response={201: StakeholderOut},
    url_name="stakeholder_add",
    summary="Add someone to the stakeholder register",
)
def stakeholder_add(
    request: HttpRequest, response: HttpResponse, slug: str, payload: StakeholderWrite
) -> Status[dict[str, Any]]:
    programme = programme_for(request, slug, EDIT)
    stakeholder = writes.stakeholder_create(
        programme=programme, data=_sent(payload, whole=True), user=request.user
    )
    _done(request, response, programme, "stakeholder", stakeholder)
    return Status(201, _stakeholder(stakeholder))


@router.patch(
    "/{slug}/stakeholders/{stakeholder_id}",
    response=StakeholderOut,
    url_name="stakeholder_change",
    summary="Change a stakeholder (send the version you read; their stance stays on the web pages)",
)
def stakeholder_change(
    request: HttpRequest, response: HttpResponse, slug: str, stakeholder_id: int, payload: StakeholderChange
) -> dict[str, Any]:
    programme = programme_for(request, slug, EDIT)
    stakeholder = get_stakeholder_or_404(programme, stakeholder_id)
    data = _sent(payload)
    saved = writes.stakeholder_change(
        stakeholder=stakeholder, data=data, version=payload.version, user=request.user
    )
    _done(request, response, programme, "stakeholder", saved, data)
    return _stakeholder(saved)


@router.post("/{slug}/actions", response={201: ActionOut}, url_name="action_add", summary="Add an action")
def action_add(
    request: HttpRequest, response: HttpResponse, slug: str, payload: ActionWrite
) -> Status[dict[str, Any]]:
    programme = programme_for(request, slug, EDIT)
    action = writes.action_create(programme=programme, data=_sent(payload, whole=True), user=request.user)
    _done(request, response, programme, "action", action)
    return Status(201, _action(action))


@router.patch(
    "/{slug}/actions/{action_id}",
    response=ActionOut,
    url_name="action_change",
    summary="Change an action (send the version you read)",
)
def action_change(
    request: HttpRequest, response: HttpResponse, slug: str, action_id: int, payload: ActionChange
) -> dict[str, Any]:
    programme = programme_for(request, slug, EDIT)
    action = get_action_or_404(programme, action_id)
    data = _sent(payload)
    saved = writes.action_change(action=action, data=data, version=payload.version, user=request.user)
    _done(request, response, programme, "action", saved, data)
    return _action(saved)


@router.post("/{slug}/risks", response={201: RiskOut}, url_name="risk_add", summary="Add a risk")
def risk_add(
    request: HttpRequest, response: HttpResponse, slug: str, payload: RiskWrite
) -> Status[dict[str, Any]]:
    programme = programme_for(request, slug, EDIT)
    risk = writes.risk_create(programme=programme, data=_sent(payload, whole=True), user=request.user)
    _done(request, response, programme, "risk", risk)
    return Status(201, _risk(risk))


@router.patch(
    "/{slug}/risks/{risk_id}",
    response=RiskOut,
    url_name="risk_change",
    summary="Change a risk (send the version you read)",
)
def risk_change(
    request: HttpRequest, response: HttpResponse, slug: str, risk_id: int, payload: RiskChange
) -> dict[str, Any]:
    programme = programme_for(request, slug, EDIT)
    risk = get_risk_or_404(programme, risk_id)
    data = _sent(payload)
    saved = writes.risk_change(risk=risk, data=data, version=payload.version, user=request.user)
    _done(request, response, programme, "risk", saved, data)
    return _risk(saved)
