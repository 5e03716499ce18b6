"""Every API operation in the permission matrix: who may use it and what a request looks like.

tests/core/test_api_matrix.py fails by name on an API route with no entry here. `perm` is the
permission from mobilise/programmes/roles.py the operation needs ("view" or "edit"); `body`, if
given, builds a valid JSON body from the cast (building it may create objects).
"""

from __future__ import annotations

from typing import Any

from tests.api.helpers import monthly_measure


def _measure(cast: Any) -> dict[str, Any]:
    measure = monthly_measure(cast.programme, cast.convenor)
    return {"slug": cast.programme.slug, "measure_id": measure.pk}


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
}
