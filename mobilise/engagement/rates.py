"""How many people have answered a survey, and whether that is enough to trust a diagnosis."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from mobilise.network import DEFAULT_THRESHOLDS

from .models import Survey
from .privacy import count_text, is_suppressed

# The engine's own threshold, so the pages and the engine never disagree.
DIAGNOSIS_THRESHOLD = DEFAULT_THRESHOLDS.min_response_rate


@dataclass(frozen=True)
class ResponseRate:
    asked: int
    answered: int
    started: int

    @property
    def rate(self) -> float | None:
        return self.answered / self.asked if self.asked else None

    @property
    def percent(self) -> int:
        return round(100 * (self.rate or 0))

    @property
    def enough_for_diagnosis(self) -> bool:
        return self.rate is not None and self.rate >= DIAGNOSIS_THRESHOLD

    def answered_text(self, *, named: bool) -> str:
        return count_text(self.answered, named=named)

    def percent_hidden(self, *, named: bool) -> bool:
        """A percentage of a small number gives the number away, so it is hidden with it."""
        return is_suppressed(self.answered, named=named)


COUNTS = {
    "asked": Count("respondents"),
    "answered": Count("respondents", filter=Q(respondents__submitted_at__isnull=False)),
    "started": Count(
        "respondents", filter=Q(respondents__started_at__isnull=False, respondents__submitted_at__isnull=True)
    ),
}


def response_rate(survey: Survey) -> ResponseRate:
    """The rate for one survey; lists use `with_rates` to count every survey in one query."""
    if hasattr(survey, "asked"):
        counted: Any = survey
        return ResponseRate(counted.asked, counted.answered, counted.started)
    counts = Survey.objects.filter(pk=survey.pk).aggregate(**COUNTS)
    return ResponseRate(counts["asked"], counts["answered"], counts["started"])


def with_rates(surveys: QuerySet[Survey]) -> QuerySet[Survey]:
    return surveys.annotate(**COUNTS)
