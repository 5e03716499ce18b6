"""How many people have answered a survey, and whether that is enough to trust a diagnosis."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from mobilise.network import DEFAULT_THRESHOLDS

from ..disclosure import merge_small_groups
from .disclosure import ALL_BUT_FEW, FEWER, SMALL_GROUPS, Disclosure, Shown
from .models import Survey

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

    def shown(self, *, named: bool) -> RateShown:
        """The rate as this viewer may see it, through the one disclosure-control path."""
        shown = Disclosure(named).of(self.answered, self.asked)
        return RateShown(shown.share, shown.part, shown.whole)


@dataclass(frozen=True)
class RateShown:
    percent: Shown
    answered: Shown
    asked: Shown

    def withheld_sentence(self) -> str:
        if self.answered.text == FEWER:
            return f"{FEWER.capitalize()} people have answered so far."
        if self.asked.hidden:
            return f"{ALL_BUT_FEW.capitalize()} of the people asked have answered so far."
        return f"{ALL_BUT_FEW.capitalize()} of the {self.asked.text} people asked have answered so far."

    @property
    def bar(self) -> int | None:
        """The value for a progress bar, or None when the bar would give a hidden count away."""
        return None if self.percent.value is None else round(100 * self.percent.value)


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


@dataclass(frozen=True)
class GroupRate:
    label: str
    asked: int  # for ordering only; `asked_shown` is what a viewer reads
    asked_shown: Shown
    answered: Shown
    percent: Shown


NO_ORGANISATION = "Organisation not recorded"


def rates_by_organisation(survey: Survey, *, named: bool) -> list[GroupRate]:
    """Who has answered, organisation by organisation, in one query.

    Organisations with fewer than 8 people asked are merged (for everyone, names or not), so no row
    is about a handful of people; the whole table (answered and not yet, by organisation) goes
    through the disclosure path, so no withheld cell comes back from a row or column."""
    counts = (
        survey.respondents.values("entry__organisation_name")
        .annotate(asked=Count("pk"), answered=Count("pk", filter=Q(submitted_at__isnull=False)))
        .order_by()
    )
    asked: dict[str, int] = {}
    answered: dict[str, int] = {}
    for row in counts:
        label = row["entry__organisation_name"] or NO_ORGANISATION
        asked[label] = asked.get(label, 0) + row["asked"]
        answered[label] = answered.get(label, 0) + row["answered"]
    labels = merge_small_groups(asked)
    merged_asked: dict[str, int] = {}
    merged_answered: dict[str, int] = {}
    for label, shown_as in labels.items():
        merged_asked[shown_as] = merged_asked.get(shown_as, 0) + asked[label]
        merged_answered[shown_as] = merged_answered.get(shown_as, 0) + answered[label]
    labels_shown = list(merged_asked)
    table = Disclosure(named).answered_table(
        [(merged_answered[label], merged_asked[label]) for label in labels_shown]
    )
    rows = [
        GroupRate(label, merged_asked[label], asked_shown, answered_shown, share)
        for label, (answered_shown, asked_shown, share) in zip(labels_shown, table, strict=True)
    ]
    # Largest first; the merged group last.
    return sorted(rows, key=lambda r: (r.label in (SMALL_GROUPS, NO_ORGANISATION), -r.asked, r.label))
