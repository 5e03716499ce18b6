"""Who may read the stories sent in through the share page and open or close it."""

from __future__ import annotations

from rules.permissions import add_perm

from mobilise.programmes.roles import is_convenor, is_facilitator

MODERATE = "stories.moderate"

add_perm(MODERATE, is_convenor | is_facilitator)
