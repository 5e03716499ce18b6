"""Only convenors and facilitators set up pulses, send waves and see the comments queue."""

from rules.permissions import add_perm, perm_exists

from mobilise.programmes.roles import is_convenor, is_facilitator

RUN_PULSES = "pulse.run"

if not perm_exists(RUN_PULSES):
    add_perm(RUN_PULSES, is_convenor | is_facilitator)
