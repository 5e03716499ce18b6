"""Making and recognising personal access tokens.

A token is 32 random bytes (256 bits), so a plain SHA-256 digest is enough to store it safely:
nobody can guess their way back from the digest, and unlike a password it needs no slow hash,
so each request finds its token with one indexed look-up.
"""

from __future__ import annotations

import hashlib
import secrets

TOKEN_START = "mob_"
PREFIX_LENGTH = 12


def new_secret() -> str:
    return TOKEN_START + secrets.token_urlsafe(32)


def digest_of(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def prefix_of(secret: str) -> str:
    return secret[:PREFIX_LENGTH]
