"""Permission-matrix entries for the routes about people and organisations (not programme-scoped)."""

from __future__ import annotations

from typing import Any

ROUTES: dict[str, dict[str, Any]] = {
    "accounts:profile": {
        "kwargs": lambda cast: {},
        "methods": ["GET", "POST"],
        "perm": "signed_in",
        "post_data": lambda cast: {"full_name": "Dr Test Member", "job_title": "GP partner"},
    },
    "accounts:organisations": {"kwargs": lambda cast: {}, "methods": ["GET"], "perm": "signed_in"},
    "accounts:organisation_create": {
        "kwargs": lambda cast: {},
        "methods": ["GET", "POST"],
        "perm": "signed_in",
        "post_data": lambda cast: {
            "name": "South Tyneside Council",
            "type": "local_authority",
            "ods_code": "",
        },
    },
}
