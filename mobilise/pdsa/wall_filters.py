"""The learning wall's filters: what a person can narrow the feed by, read from the query string."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import Q, QuerySet

from mobilise.core.dates import DateBoxesField

from .choices import OUTCOME_DONE, Outcome

UNDECIDED = "undecided"  # the filter's name for tests with no decision yet
OUTCOME_FILTERS = [
    ("", "Any outcome"),
    *((k.value, v) for k, v in OUTCOME_DONE.items()),
    (UNDECIDED, "Not decided yet"),
]
SEARCH_FIELDS = ("title", "question", "prediction", "what_happened", "observations", "study", "act_notes")
MAX_SEARCH_WORDS = 8
Choices = list[tuple[int, str]]


class WallFilterForm(forms.Form):
    """GET filters. Each one is optional; one that does not make sense is ignored and explained."""

    q = forms.CharField(
        required=False,
        max_length=200,
        strip=True,
        label="Search",
        error_messages={"max_length": "Search for 200 characters or fewer"},
    )
    programme = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        label="Programme",
        error_messages={"invalid_choice": "Choose a programme from the list"},
    )
    change_idea = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        label="Change idea",
        error_messages={"invalid_choice": "Choose a change idea from the list"},
    )
    site = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        label="Site",
        error_messages={"invalid_choice": "Choose a site from the list"},
    )
    team = forms.ChoiceField(
        required=False, label="Team", error_messages={"invalid_choice": "Choose a team from the list"}
    )
    outcome = forms.ChoiceField(
        required=False,
        choices=OUTCOME_FILTERS,
        label="Outcome",
        error_messages={"invalid_choice": "Choose an outcome from the list"},
    )
    date_from = DateBoxesField(
        required=False,
        label="From (date of test)",
        called="the start date",
        help_text="For example, 1 3 2026",
    )
    date_to = DateBoxesField(
        required=False, label="To (date of test)", called="the end date", help_text="For example, 31 3 2026"
    )

    def __init__(
        self,
        *args: Any,
        programmes: Choices | None = None,
        change_ideas: Choices | None = None,
        sites: Choices | None = None,
        teams: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["programme"].choices = [("", "Every programme"), *(programmes or [])]
        fields["change_idea"].choices = [("", "Every change idea"), *(change_ideas or [])]
        fields["site"].choices = [("", "Every site"), *(sites or [])]
        fields["team"].choices = [("", "Every team"), *((t, t) for t in teams or [])]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The end date must be the same as or after the start date")
        return data

    def values(self) -> dict[str, Any]:
        """The filters that were valid (an invalid one is dropped, and its message shown)."""
        self.is_valid()
        return {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v not in (None, "")}


def search_q(text: str) -> Q:
    """Every word must appear somewhere in the test's writing (any of its text fields)."""
    condition = Q()
    for word in text.split()[:MAX_SEARCH_WORDS]:
        any_field = Q()
        for name in SEARCH_FIELDS:
            any_field |= Q(**{f"{name}__icontains": word})
        condition &= any_field
    return condition


def apply_filters(tests: QuerySet[Any], values: dict[str, Any]) -> QuerySet[Any]:
    if "programme" in values:
        tests = tests.filter(programme_id=values["programme"])
    if "change_idea" in values:
        tests = tests.filter(change_idea_id=values["change_idea"])
    if "site" in values:
        tests = tests.filter(site_id=values["site"])
    if "team" in values:
        tests = tests.filter(team=values["team"])
    outcome = values.get("outcome")
    if outcome:
        tests = tests.filter(outcome=Outcome.UNDECIDED if outcome == UNDECIDED else outcome)
    start: date | None = values.get("date_from")
    end: date | None = values.get("date_to")
    if start:
        tests = tests.filter(tested_on__gte=start)
    if end:
        tests = tests.filter(tested_on__lte=end)
    if values.get("q"):
        tests = tests.filter(search_q(values["q"]))
    return tests
