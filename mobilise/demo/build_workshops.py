"""Demo content for the workshops app (none yet)."""

from __future__ import annotations

from typing import Any


def build(spec: Any, programme: Any, people: Any, clock: Any) -> None:
    return None
