"""Writing the shared purpose in tests, through the service so every version has a history row."""

from __future__ import annotations

from typing import Any

from mobilise.purpose.models import PURPOSE_FIELDS, SharedPurpose
from mobilise.purpose.services import purpose_update


def current_version(programme: Any) -> int:
    purpose = SharedPurpose.objects.filter(programme=programme).first()
    return purpose.version if purpose else 0


def write_purpose(programme: Any, user: Any, reason: str = "", **fields: str) -> SharedPurpose:
    """Save a new version of the purpose: the given fields, the rest kept as they were."""
    existing = SharedPurpose.objects.filter(programme=programme).first()
    data = {name: getattr(existing, name) if existing else "" for name in PURPOSE_FIELDS} | fields
    saved = purpose_update(
        programme=programme, data=data, expected_version=current_version(programme), user=user, reason=reason
    )
    return saved.purpose


def latest_history_id(programme: Any) -> int:
    return int(SharedPurpose.history.filter(programme_id=programme.pk).latest().history_id)


def oldest_history_id(programme: Any) -> int:
    return int(SharedPurpose.history.filter(programme_id=programme.pk).earliest().history_id)
