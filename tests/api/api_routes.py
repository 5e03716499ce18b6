"""Every API operation in the permission matrix: who may use it and what a request looks like.

tests/core/test_api_matrix.py fails by name on an API route with no entry here. `perm` is the
permission from mobilise/programmes/roles.py the operation needs ("view" or "edit"); `body`, if
given, builds a valid JSON body from the cast (building it may create objects).
"""

from __future__ import annotations

from typing import Any

from tests.api.helpers import monthly_measure, pulse_with_a_wave, survey_with_people
from tests.delivery.factories import ActionFactory, RiskFactory
from tests.engagement.factories import StakeholderFactory
from tests.pdsa.factories import ChangeIdeaFactory, TestOfChangeFactory


def _measure(cast: Any) -> dict[str, Any]:
    measure = monthly_measure(cast.programme, cast.convenor)
    return {"slug": cast.programme.slug, "measure_id": measure.pk}


def _pulse(cast: Any) -> dict[str, Any]:
    return {"slug": cast.programme.slug, "pulse_id": pulse_with_a_wave(cast.programme, cast.convenor).pk}


def _survey(cast: Any) -> dict[str, Any]:
    return {"slug": cast.programme.slug, "survey_id": survey_with_people(cast.programme, cast.convenor).pk}


def _test(cast: Any) -> dict[str, Any]:
    return {"slug": cast.programme.slug, "test_id": TestOfChangeFactory(programme=cast.programme).pk}


def _stakeholder(cast: Any) -> dict[str, Any]:
    return {"slug": cast.programme.slug, "stakeholder_id": StakeholderFactory(programme=cast.programme).pk}


def _action(cast: Any) -> dict[str, Any]:
    return {"slug": cast.programme.slug, "action_id": ActionFactory(programme=cast.programme).pk}


def _risk(cast: Any) -> dict[str, Any]:
    return {"slug": cast.programme.slug, "risk_id": RiskFactory(programme=cast.programme).pk}


def _new_test(cast: Any) -> dict[str, Any]:
    idea = ChangeIdeaFactory(programme=cast.programme)
    return {"title": "Text reminders at Oak Lane", "change_idea": idea.pk, "planned_start": "2026-03-02"}


def _slug(cast: Any) -> dict[str, Any]:
    return {"slug": cast.programme.slug}


API_ROUTES: dict[str, dict[str, Any]] = {
    "api:programmes": {"method": "GET", "perm": "view", "kwargs": lambda cast: {}},
    "api:programme": {"method": "GET", "perm": "view", "kwargs": _slug},
    "api:measures": {"method": "GET", "perm": "view", "kwargs": _slug},
    "api:measure": {"method": "GET", "perm": "view", "kwargs": _measure},
    "api:measure_change": {
        "method": "PATCH",
        "perm": "edit",
        "kwargs": _measure,
        "body": lambda cast: {"version": 1, "target": 80},
    },
    "api:points": {"method": "GET", "perm": "view", "kwargs": _measure},
    "api:points_upsert": {
        "method": "PUT",
        "perm": "edit",
        "kwargs": _measure,
        "body": lambda cast: {"points": [{"period": "2025-01-01", "value": 80}]},
    },
    "api:spc": {"method": "GET", "perm": "view", "kwargs": _measure},
    "api:annotations": {"method": "GET", "perm": "view", "kwargs": _measure},
    "api:annotation_add": {
        "method": "POST",
        "perm": "edit",
        "kwargs": _measure,
        "body": lambda cast: {"period": "2025-01-01", "text": "New triage model started"},
    },
    "api:tests_of_change": {"method": "GET", "perm": "view", "kwargs": _slug},
    "api:stakeholders": {"method": "GET", "perm": "view", "kwargs": _slug},
    "api:actions": {"method": "GET", "perm": "view", "kwargs": _slug},
    "api:risks": {"method": "GET", "perm": "view", "kwargs": _slug},
    "api:test_of_change_add": {"method": "POST", "perm": "edit", "kwargs": _slug, "body": _new_test},
    "api:test_of_change_change": {
        "method": "PATCH",
        "perm": "edit",
        "kwargs": _test,
        "body": lambda cast: {"version": 1, "stage": "doing"},
    },
    "api:stakeholder_add": {
        "method": "POST",
        "perm": "edit",
        "kwargs": _slug,
        "body": lambda cast: {"name": "Dr Ann Lee", "role": "Clinical director"},
    },
    "api:stakeholder_change": {
        "method": "PATCH",
        "perm": "edit",
        "kwargs": _stakeholder,
        "body": lambda cast: {"version": 1, "engagement_current": "for"},
    },
    "api:action_add": {
        "method": "POST",
        "perm": "edit",
        "kwargs": _slug,
        "body": lambda cast: {"title": "Book the huddle room", "due_on": "2026-06-01"},
    },
    "api:action_change": {
        "method": "PATCH",
        "perm": "edit",
        "kwargs": _action,
        "body": lambda cast: {"version": 1, "status": "done"},
    },
    "api:risk_add": {
        "method": "POST",
        "perm": "edit",
        "kwargs": _slug,
        "body": lambda cast: {"title": "Staff leave", "purpose_impact": "Fewer visits", "likelihood": 4},
    },
    "api:risk_change": {
        "method": "PATCH",
        "perm": "edit",
        "kwargs": _risk,
        "body": lambda cast: {"version": 1, "status": "closed"},
    },
    "api:pulses": {"method": "GET", "perm": "view", "kwargs": _slug},
    "api:pulse_results": {"method": "GET", "perm": "view", "kwargs": _pulse},
    "api:surveys": {"method": "GET", "perm": "view", "kwargs": _slug},
    "api:survey_summary": {"method": "GET", "perm": "view", "kwargs": _survey},
}
