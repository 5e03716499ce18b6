"""Links from tests of change to the rest of the chain: change ideas and measures.

Other apps call these (the driver diagram's change idea page, a measure's chart); each runs one
query and returns only live tests whose change idea is not in the bin.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Max, QuerySet

from .models import TestOfChange
from .presenters import outcome_label


def tests_for_change_idea(change_idea_id: int) -> QuerySet[TestOfChange]:
    """A change idea's tests, newest first, with their sites."""
    return (
        TestOfChange.objects.filter(change_idea_id=change_idea_id, change_idea__deleted_at__isnull=True)
        .select_related("site")
        .order_by("-tested_on", "-pk")
    )


def test_dates_for_measure(measure: Any) -> list[tuple[date, str]]:
    """(date, label) for every test of a change idea linked to this measure, oldest first.

    For annotations on the measure's chart: "Test: Text reminders at Oak Lane (adopted)".
    """
    rows = (
        TestOfChange.objects.filter(
            change_idea__measures=measure,
            change_idea__deleted_at__isnull=True,
            programme_id=measure.programme_id,
        )
        .order_by("tested_on", "pk")
        .values_list("tested_on", "title", "outcome")
        .distinct()
    )
    return [(tested_on, _label(title, outcome)) for tested_on, title, outcome in rows]


def _label(title: str, outcome: str) -> str:
    decided = outcome_label(outcome)
    return f"Test: {title} ({decided.lower()})" if decided else f"Test: {title}"


def measures_for_change_idea(change_idea_id: int) -> list[Any]:
    """The live measures a change idea is linked to (empty until the measurement app has some)."""
    from mobilise.measurement.models import Measure

    return list(Measure.objects.filter(change_ideas__pk=change_idea_id).order_by("name"))


def test_summary(programme_id: int) -> dict[str, Any]:
    """What exists, for the Change Model's "Improvement methodology" page: counts and the latest date."""
    tests = TestOfChange.objects.filter(programme_id=programme_id, change_idea__deleted_at__isnull=True)
    totals = tests.aggregate(tests=Count("pk"), sites=Count("site", distinct=True), latest=Max("tested_on"))
    return {"tests": totals["tests"], "sites": totals["sites"], "latest": totals["latest"]}


# These names start with "test", so pytest would collect them wherever a test module imports them.
for _function in (tests_for_change_idea, test_dates_for_measure, test_summary):
    setattr(_function, "__test__", False)  # noqa: B010
