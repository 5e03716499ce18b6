"""Signed, expiring invitation links."""

from __future__ import annotations

from django.conf import settings
from django.core import signing

_SALT = "mobilise.invitation"


def invitation_token(invitation_id: int) -> str:
    return signing.dumps({"i": invitation_id}, salt=_SALT, compress=True)


def invitation_id_from_token(token: str) -> int | None:
    """The invitation id, or None when the link is tampered with or has expired."""
    max_age = settings.INVITATION_MAX_AGE_DAYS * 24 * 3600
    try:
        data = signing.loads(token, salt=_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    value = data.get("i") if isinstance(data, dict) else None
    return value if isinstance(value, int) else None
