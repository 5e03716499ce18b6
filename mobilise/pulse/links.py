"""Single-use answer links. The token is 256 random bits; the database keeps only an HMAC of it,
keyed by `PULSE_LINK_KEY` (an environment setting) or, if unset, a key derived from SECRET_KEY.
Someone who reads the database cannot rebuild a link, and a link names no person."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

TOKEN_BYTES = 32


def _key() -> bytes:
    own = getattr(settings, "PULSE_LINK_KEY", "") or ""
    if own:
        return str(own).encode()
    return hashlib.sha256(b"mobilise.pulse.link-key:" + str(settings.SECRET_KEY).encode()).digest()


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hmac(token: str) -> str:
    return hmac.new(_key(), token.encode(), hashlib.sha256).hexdigest()
