"""Forms for sites, practices being spread, stages and measures by site."""

from __future__ import annotations

from typing import Any

from django import forms

from mobilise.core.dates import DateBoxesField
from mobilise.improvement.models import ChangeIdea

from .models import MeasureKind, Site, SiteKind, Stage

DATE_HINT = "For example, 15 3 2026"


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
    plan_sites = forms.IntegerField(
        label="Planned number of sites (optional)",
        required=False,
        min_value=1,
        help_text="How many sites you plan to have adopted it by the planned date",
        error_messages={"invalid": "Enter a whole number", "min_value": "Enter 1 or more"},
    )
    plan_by = _date("Planned date (optional)", required=False)
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["change_idea"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = ChangeIdea.objects.filter(programme=programme).order_by("title")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("plan_sites")) != bool(data.get("plan_by")):
            self.add_error(
                "plan_by", "Give both the planned number of sites and the planned date, or neither"
            )
        start, end = data.get("launched_on"), data.get("plan_by")
        if start and end and end <= start:
            self.add_error("plan_by", "The planned date must be after the date spreading started")
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
