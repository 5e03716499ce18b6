"""Forms for sites, practices being spread, stages and measures by site."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from typing import Any

from django import forms

from mobilise.core.dates import DateBoxesField
from mobilise.improvement.models import ChangeIdea

from .models import MeasureKind, Site, SiteKind, Stage

DATE_HINT = "For example, 15 3 2026"
#: Milestones a plan can have.
MAX_MILESTONES = 4


def _date(label: str, *, required: bool = True, hint: str = DATE_HINT) -> DateBoxesField:
    called = label.split(" (")[0]
    return DateBoxesField(
        label=label, called=called[:1].lower() + called[1:], required=required, help_text=hint
    )


class SiteForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200, error_messages={"required": "Enter the site’s name"})
    organisation = forms.CharField(
        label="Organisation (optional)", max_length=200, required=False, help_text="Who runs the site"
    )
    kind = forms.ChoiceField(label="Type", choices=SiteKind.choices, initial=SiteKind.GP_PRACTICE)
    ods_code = forms.RegexField(
        label="ODS code (optional)",
        regex=r"^[A-Za-z0-9]{3,8}$",
        required=False,
        max_length=8,
        error_messages={"invalid": "Enter an ODS code of 3 to 8 letters and numbers, like A81001"},
    )
    population = forms.IntegerField(
        label="Population or list size (optional)",
        required=False,
        min_value=0,
        error_messages={"invalid": "Enter a whole number", "min_value": "Enter 0 or more"},
    )
    in_scope = forms.TypedChoiceField(
        label="Is this site in scope for spreading?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda v: v == "yes",
        initial="yes",
        widget=forms.RadioSelect,
    )
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def clean_ods_code(self) -> str:
        return str(self.cleaned_data.get("ods_code") or "").upper()


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Upload a CSV or Excel file",
        allow_empty_file=True,
        error_messages={
            "required": "Select a CSV or Excel file",
            "empty": "The selected file is empty",
            "invalid": "Select a CSV or Excel file",
        },
    )


class PracticeForm(forms.Form):
    name = forms.CharField(
        label="What is being spread?",
        max_length=200,
        error_messages={"required": "Enter what is being spread"},
    )
    change_idea = forms.ModelChoiceField(
        label="The change idea it comes from (optional)",
        queryset=ChangeIdea.objects.none(),
        required=False,
        empty_label="Not one of our change ideas",
    )
    description = forms.CharField(
        label="What sites do (optional)", max_length=2000, required=False, widget=forms.Textarea
    )
    launched_on = _date("The date spreading started")
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["change_idea"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = ChangeIdea.objects.filter(programme=programme).order_by("title")
        for i in range(1, MAX_MILESTONES + 1):
            self.fields[f"milestone{i}_sites"] = forms.IntegerField(
                label="Sites adopted",
                required=False,
                min_value=1,
                error_messages={"invalid": "Enter a whole number", "min_value": "Enter 1 or more"},
            )
            self.fields[f"milestone{i}_on"] = _date("By", required=False)

    def milestone_rows(self) -> list[tuple[int, forms.BoundField, forms.BoundField]]:
        """``(number, sites, date)`` for each milestone row of the form."""
        return [
            (i, self[f"milestone{i}_sites"], self[f"milestone{i}_on"]) for i in range(1, MAX_MILESTONES + 1)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start = data.get("launched_on")
        milestones: list[tuple[date, int]] = []
        seen: dict[date, int] = {}
        for i in range(1, MAX_MILESTONES + 1):
            sites, on = data.get(f"milestone{i}_sites"), data.get(f"milestone{i}_on")
            if f"milestone{i}_sites" in self.errors or f"milestone{i}_on" in self.errors:
                continue
            if bool(sites) != bool(on):
                missing = f"milestone{i}_on" if sites else f"milestone{i}_sites"
                self.add_error(
                    missing, f"Milestone {i}: give both the number of sites and the date, or neither"
                )
                continue
            if not on or not sites:
                continue
            if start and on <= start:
                self.add_error(f"milestone{i}_on", f"Milestone {i}: the date must be after spreading started")
            elif on in seen:
                self.add_error(f"milestone{i}_on", f"Milestone {i} has the same date as milestone {seen[on]}")
            else:
                seen[on] = i
                milestones.append((on, sites))
        milestones.sort()
        for (_, before), (on, sites) in pairwise(milestones):
            if sites < before:
                i = seen[on]
                self.add_error(
                    f"milestone{i}_sites",
                    f"Milestone {i}: a later milestone cannot plan fewer sites than an earlier one",
                )
        data["milestones"] = milestones
        return data


class StageForm(forms.Form):
    site = forms.ModelChoiceField(
        label="Site", queryset=Site.objects.none(), error_messages={"required": "Choose a site"}
    )
    stage = forms.ChoiceField(label="Stage", choices=Stage.choices, initial=Stage.ADOPTED)
    on = _date("The date it changed")
    note = forms.CharField(label="Note (optional)", max_length=300, required=False)

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["site"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Site.objects.filter(programme=programme).order_by("name")


class StageEditForm(forms.Form):
    """Correcting a recorded stage: what it was, when, and the note."""

    stage = forms.ChoiceField(label="Stage", choices=Stage.choices)
    on = _date("The date it changed")
    note = forms.CharField(label="Note (optional)", max_length=300, required=False)
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)


class MeasureForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": "Enter the measure’s name"}
    )
    kind = forms.ChoiceField(
        label="What kind of figure is it?", choices=MeasureKind.choices, widget=forms.RadioSelect
    )
    per = forms.IntegerField(
        label="Show rates per", min_value=1, initial=1000, help_text="For example, 1000 for a rate per 1,000"
    )
    higher_is_better = forms.TypedChoiceField(
        label="Is a higher figure better?",
        choices=[("yes", "Yes, higher is better"), ("no", "No, lower is better")],
        coerce=lambda v: v == "yes",
        initial="yes",
        widget=forms.RadioSelect,
    )
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
