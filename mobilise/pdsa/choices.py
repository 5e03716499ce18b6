"""The stages of a PDSA cycle and the decisions a team can make at the end of one."""

from __future__ import annotations

from django.db import models


class Stage(models.TextChoices):
    PLANNED = "planned", "Planned"
    DOING = "doing", "Doing"
    STUDYING = "studying", "Studying the results"
    DONE = "done", "Done"


class Outcome(models.TextChoices):
    UNDECIDED = "", "Not decided yet"
    ADOPT = "adopt", "Adopt: make it how we work"
    ADAPT = "adapt", "Adapt: change it and test again"
    ABANDON = "abandon", "Abandon: stop, and keep what we learnt"
    NEXT_CYCLE = "next_cycle", "Run another cycle, often at a larger scale"


# How the wall and its filter name each decision once it has been made.
OUTCOME_DONE = {
    Outcome.ADOPT: "Adopted",
    Outcome.ADAPT: "Adapted",
    Outcome.ABANDON: "Abandoned",
    Outcome.NEXT_CYCLE: "Another cycle",
}


class PredictionResult(models.TextChoices):
    UNKNOWN = "", "Not known yet"
    AS_PREDICTED = "yes", "As we predicted"
    PARTLY = "partly", "Partly as we predicted"
    NOT_AS_PREDICTED = "no", "Not as we predicted"
