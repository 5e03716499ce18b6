"""Audience vocabulary: the workspace in the words a chosen audience uses.

Defaults are plain English. A programme may define audiences (clinicians, public, board) and
rename components and key terms for each; every member picks whose words they see.
"""

from __future__ import annotations

from typing import Any

from .components import COMPONENTS

# Key terms that can be renamed, besides the component names, with their plain-English default.
KEY_TERMS: dict[str, str] = {
    "programme": "programme",
    "change_model": "Change Model",
    "component": "component",
    "stakeholder": "stakeholder",
    "test_of_change": "test of change",
    "tests_of_change": "tests of change",
    "measure": "measure",
    "tension": "tension",
    "partner": "partner organisation",
}

DEFAULTS: dict[str, str] = {c.key: c.name for c in COMPONENTS} | KEY_TERMS


class Vocabulary:
    """Looks up a term in the chosen audience's words, falling back to plain English."""

    def __init__(self, overrides: dict[str, str] | None = None, audience: Any = None) -> None:
        self.overrides = overrides or {}
        self.audience = audience

    def __call__(self, key: str) -> str:
        return self.overrides.get(key) or DEFAULTS.get(key, key)

    def cap(self, key: str) -> str:
        text = self(key)
        return text[:1].upper() + text[1:]


PLAIN = Vocabulary()


def vocabulary_for(user: Any, programme: Any) -> Vocabulary:
    from .models import AudienceChoice

    if programme is None or not getattr(user, "is_authenticated", False):
        return PLAIN
    choice = (
        AudienceChoice.objects.filter(programme=programme, user=user, audience__deleted_at=None)
        .select_related("audience")
        .first()
    )
    if choice is None:
        return PLAIN
    overrides = dict(choice.audience.terms.values_list("key", "text"))
    return Vocabulary(overrides, choice.audience)


def vocabulary(request: Any) -> Vocabulary:
    """The vocabulary for this request's programme, read once per request."""
    cached = getattr(request, "_vocabulary", None)
    if cached is None:
        cached = vocabulary_for(request.user, getattr(request, "programme", None))
        request._vocabulary = cached
    return cached
