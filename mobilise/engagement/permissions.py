"""Who may see and run what in the relationships part, on top of the programme's roles.

Named network data (who named whom, who is a broker) is for convenors and facilitators only;
every member sees the anonymised structure. Only convenors set up surveys and the goal.
"""

from __future__ import annotations

import rules

from mobilise.programmes.roles import is_convenor, is_facilitator

VIEW_NAMED = "engagement.view_named"
RUN_SURVEYS = "engagement.run_surveys"
SET_GOAL = "engagement.set_goal"

rules.add_perm(VIEW_NAMED, is_convenor | is_facilitator)
rules.add_perm(RUN_SURVEYS, is_convenor)
rules.add_perm(SET_GOAL, is_convenor)
