"""Only the convenor publishes a board paper: it speaks for the programme to its board."""

from __future__ import annotations

from rules.permissions import add_perm

from mobilise.programmes.roles import is_convenor

PUBLISH = "boardpaper.publish"

add_perm(PUBLISH, is_convenor)
