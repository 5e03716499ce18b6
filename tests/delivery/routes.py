"""Permission-matrix entries for the delivery routes: leads, actions, risks, agreements, system drivers."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from mobilise.delivery.models import Milestone, PartnerLead, PendingImport, Review
from tests.delivery.factories import ActionFactory, AgreementFactory, DriverFactory, RiskFactory, partner_of


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("plan.csv", text.encode(), content_type="text/csv")


def _slug(cast: Any) -> dict[str, Any]:
    return {"slug": cast.programme.slug}


def _action(cast: Any) -> dict[str, Any]:
    return {**_slug(cast), "pk": ActionFactory(programme=cast.programme).pk}


def _risk(cast: Any) -> dict[str, Any]:
    return {**_slug(cast), "pk": RiskFactory(programme=cast.programme).pk}


def _agreement(cast: Any) -> dict[str, Any]:
    return {**_slug(cast), "pk": AgreementFactory(programme=cast.programme).pk}


def _driver(cast: Any) -> dict[str, Any]:
    return {**_slug(cast), "pk": DriverFactory(programme=cast.programme).pk}


def _review(cast: Any) -> dict[str, Any]:
    review = Review.objects.create(programme=cast.programme, title="Spring review", held_on=date(2026, 4, 1))
    return {**_slug(cast), "pk": review.pk}


def _pending(cast: Any, what: str, text: str) -> dict[str, Any]:
    pending = PendingImport.objects.create(
        programme=cast.programme, what=what, name="plan.csv", data=text.encode()
    )
    return {**_slug(cast), "pk": pending.pk}


def _milestone(cast: Any) -> dict[str, Any]:
    milestone = Milestone.objects.create(
        programme=cast.programme, title="First huddle", due_on=date(2026, 5, 1)
    )
    return {**_slug(cast), "pk": milestone.pk}


def _partner(cast: Any) -> dict[str, Any]:
    return {**_slug(cast), "pk": partner_of(cast.programme).pk}


def _answer(cast: Any) -> dict[str, Any]:
    """The member leads the partner, so the least privileged role allowed may answer for it."""
    organisation = partner_of(cast.programme)
    PartnerLead.objects.create(programme=cast.programme, organisation=organisation, lead=cast.member)
    return {**_agreement(cast), "partner": organisation.pk}


ACTION_POST = {"title": "Agree the referral form", "components": ["delivery"], "status": "planned"}
RISK_POST = {
    "title": "Winter pressures",
    "purpose_impact": "Teams pulled back to their own wards.",
    "likelihood": "4",
    "impact": "4",
    "status": "open",
}
AGREEMENT_POST = {"title": "Share one referral form", "decided_on": "04/03/2026", "components": ["delivery"]}
DRIVER_POST = {
    "name": "Community contract",
    "kind": "contracts",
    "motivation": "extrinsic",
    "pull": "against",
}


def _view(kwargs: Any) -> dict[str, Any]:
    return {"kwargs": kwargs, "methods": ["GET"], "perm": "view"}


def _edit(kwargs: Any, data: dict[str, Any] | None = None) -> dict[str, Any]:
    entry: dict[str, Any] = {"kwargs": kwargs, "methods": ["GET", "POST"], "perm": "edit"}
    if data is not None:
        entry["post_data"] = lambda cast: data
    return entry


ROUTES: dict[str, dict[str, Any]] = {
    "delivery:overview": _view(_slug),
    "delivery:leads": _view(_slug),
    "delivery:leads_edit": _edit(
        lambda cast: {**_slug(cast), "component": "delivery"}, {"working_group": "Ops group", "version": "0"}
    ),
    "delivery:partner_lead_edit": _edit(_partner, {"version": "0"}),
    "delivery:actions": _view(_slug),
    "delivery:action_csv": _view(_slug),
    "delivery:action_create": _edit(_slug, ACTION_POST),
    "delivery:action_edit": _edit(_action, {**ACTION_POST, "version": "1"}),
    "delivery:action_delete": _edit(_action),
    "delivery:risks": _view(_slug),
    "delivery:risk_csv": _view(_slug),
    "delivery:risk_detail": _view(_risk),
    "delivery:risk_create": _edit(_slug, RISK_POST),
    "delivery:risk_edit": _edit(_risk, {**RISK_POST, "version": "1"}),
    "delivery:risk_delete": _edit(_risk),
    "delivery:agreements": _view(_slug),
    "delivery:agreement_detail": _view(_agreement),
    "delivery:agreement_create": _edit(_slug, AGREEMENT_POST),
    "delivery:agreement_edit": _edit(_agreement, {**AGREEMENT_POST, "version": "1"}),
    "delivery:agreement_supersede": _edit(_agreement, AGREEMENT_POST),
    "delivery:agreement_delete": _edit(_agreement),
    "delivery:agreement_confirm": _edit(_answer, {"state": "confirmed", "version": "0"}),
    "delivery:drivers": _view(_slug),
    "delivery:driver_create": _edit(_slug, DRIVER_POST),
    "delivery:driver_edit": _edit(_driver, {**DRIVER_POST, "version": "1"}),
    "delivery:driver_delete": _edit(_driver),
    "delivery:reviews": _view(_slug),
    "delivery:review_compare": _view(_slug),
    "delivery:review_detail": _view(_review),
    "delivery:review_create": _edit(_slug, {"title": "Summer review", "held_on": "01/07/2026"}),
    "delivery:review_edit": {
        "kwargs": _review,
        "methods": ["POST"],
        "perm": "edit",
        "post_data": lambda cast: {"decided": "Keep going", "version": "1"},
    },
    "delivery:review_close": {
        "kwargs": _review,
        "methods": ["POST"],
        "perm": "edit",
        "post_data": lambda cast: {"version": "1"},
    },
    "delivery:review_delete": _edit(_review, {"version": "1"}),
    "delivery:review_prompt_dismiss": {
        "kwargs": _slug,
        "methods": ["POST"],
        "perm": "view",
        "post_data": lambda cast: {"reason": "days:1", "back": "home"},
    },
    "delivery:milestones": _view(_slug),
    "delivery:milestone_create": _edit(_slug, {"title": "First huddle", "due_on": "01/05/2026"}),
    "delivery:milestone_edit": _edit(
        _milestone, {"title": "First huddle", "due_on": "01/06/2026", "version": "1"}
    ),
    "delivery:milestone_delete": _edit(_milestone),
    "delivery:action_import": {
        "kwargs": _slug,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": lambda cast: {"file": _csv("what,status\nCall the GP federation,planned\n")},
    },
    "delivery:risk_import": {
        "kwargs": _slug,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": lambda cast: {
            "file": _csv(
                "risk,impact on our shared purpose,likelihood,impact\nWinter,Teams drift apart,4,4\n"
            )
        },
    },
    "delivery:action_import_preview": _edit(
        lambda cast: _pending(cast, "actions", "what,status\nCall the GP federation,planned\n")
    ),
    "delivery:risk_import_preview": _edit(
        lambda cast: _pending(
            cast,
            "risks",
            "risk,impact on our shared purpose,likelihood,impact\nWinter,Teams drift apart,4,4\n",
        )
    ),
    "delivery:digest": {
        "kwargs": lambda cast: {},
        "methods": ["GET", "POST"],
        "perm": "signed_in",
        "post_data": lambda cast: {"weekly": "no", "version": "0"},
    },
}
