"""Forms for measures, points, annotations, phases and imports, with service-manual messages."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django import forms

from mobilise.workspace.models import COMPONENT_CHOICES

from . import periods
from .importing.dates import parse_period
from .importing.problems import CellError
from .importing.values import parse_number
from .models import Annotation, ChartType, Frequency, Improvement, Measure, MeasureType, chart_name

RELOAD = "Reload the page and make your changes again"


def _too_long(name: str, limit: int) -> dict[str, str]:
    return {"max_length": f"{name} must be {limit:,} characters or fewer"}


def _limit(model: Any, name: str) -> int:
    return int(model._meta.get_field(name).max_length)


class VersionField(forms.IntegerField):
    def __init__(self) -> None:
        super().__init__(
            required=False,
            min_value=0,
            widget=forms.HiddenInput,
            error_messages={"invalid": RELOAD, "min_value": RELOAD},
        )


TYPED_MAX = 40


def _typed(value: Any, message: str) -> str:
    text = "" if value is None else str(value).strip()
    if len(text) > TYPED_MAX:
        raise forms.ValidationError(message)
    return text


class NumberField(forms.Field):
    """A number typed the way people type them: "1,234", "45%", "12.5"."""

    widget = forms.TextInput

    def __init__(self, *, what: str, percent_ok: bool = True, **kwargs: Any) -> None:
        self.what, self.percent_ok = what, percent_ok
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> float | None:
        text = _typed(value, f"Enter the {self.what} as a number")
        try:
            return parse_number(text, percent_ok=self.percent_ok, what=self.what)
        except CellError as error:
            raise forms.ValidationError(str(error)) from None


class PeriodField(forms.Field):
    """A date typed as 31/03/2024, 2024-03-31 or March 2024."""

    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "error_messages", {"required": "Enter the period, for example 31/03/2024 or March 2024"}
        )
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> date | None:
        text = _typed(value, "Enter the period as a date, for example 31/03/2024")
        if not text:
            return None
        try:
            return parse_period(text)
        except CellError as error:
            raise forms.ValidationError(str(error)) from None

    def prepare_value(self, value: Any) -> Any:
        return f"{value:%d/%m/%Y}" if isinstance(value, date) else value


class MeasureForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=_limit(Measure, "name"),
        strip=True,
        help_text="For example “Falls per 1,000 bed days” or “Days from referral to first visit”.",
        error_messages={"required": "Enter a measure name", **_too_long("Name", _limit(Measure, "name"))},
    )
    definition = forms.CharField(
        label="Operational definition (optional)",
        required=False,
        widget=forms.Textarea,
        max_length=_limit(Measure, "definition"),
        help_text="Exactly what is counted, from which source, and what is left out, so two people "
        "would count the same thing.",
        error_messages=_too_long("The definition", _limit(Measure, "definition")),
    )
    type = forms.ChoiceField(
        label="Type",
        choices=MeasureType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the type of measure"},
    )
    unit = forms.CharField(
        label="Unit (optional)",
        required=False,
        max_length=_limit(Measure, "unit"),
        help_text="For example %, days, or falls per 1,000 bed days.",
        error_messages=_too_long("The unit", _limit(Measure, "unit")),
    )
    improvement = forms.ChoiceField(
        label="Which direction is better?",
        choices=Improvement.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose which direction is better"},
    )
    target = NumberField(
        label="Target (optional)", what="target", help_text="A number in the measure's unit, like 95 for 95%."
    )
    frequency = forms.ChoiceField(
        label="How often is it measured?",
        choices=Frequency.choices,
        error_messages={"required": "Choose how often it is measured"},
    )
    chart = forms.ChoiceField(
        label="Chart",
        choices=[(value, chart_name(value)) for value in ChartType.values],
        help_text="A chart over time suits most measures. For a percentage worked out from a count and a "
        "total, choose a chart of percentages; for counts of events, a chart of counts. The technical "
        "name is in brackets for analysts.",
        error_messages={"required": "Choose a chart"},
    )
    data_owner = forms.CharField(
        label="Data owner (optional)",
        required=False,
        max_length=_limit(Measure, "data_owner"),
        help_text="Who collects the data and can answer questions about it.",
        error_messages=_too_long("The data owner", _limit(Measure, "data_owner")),
    )
    component = forms.ChoiceField(
        label="Which part of the Change Model does it serve? (optional)",
        required=False,
        choices=[("", "Not linked to a component"), *COMPONENT_CHOICES],
    )
    version = VersionField()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("chart") in {"p", "pp"}
            and data.get("target") is not None
            and not 0 <= data["target"] <= 100
        ):
            self.add_error("target", "A p chart's target is a percentage: enter a number from 0 to 100")
        return data


class PointForm(forms.Form):
    period = PeriodField(label="Period", help_text="For example 31/03/2024, or March 2024 for monthly data.")
    value = NumberField(label="Value", what="value")
    numerator = NumberField(label="Numerator (optional)", what="numerator", percent_ok=False)
    denominator = NumberField(label="Denominator (optional)", what="denominator", percent_ok=False)
    reason = forms.CharField(
        label="Why are you changing it? (optional)",
        required=False,
        max_length=200,
        help_text="For example “Late returns from ward 4 added”.",
        error_messages=_too_long("The reason", 200),
    )
    version = VersionField()

    def __init__(self, *args: Any, measure: Measure, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.measure = measure
        if editing:
            del self.fields["period"]
        else:
            del self.fields["reason"]
            del self.fields["version"]
        if measure.chart in {"p", "pp", "u", "up"}:
            self.fields["numerator"].label = "Numerator"
            self.fields["denominator"].label = "Denominator"
            self.fields["value"].label = "Value (optional)"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        value, numerator, denominator = (data.get(k) for k in ("value", "numerator", "denominator"))
        if self.errors:
            return data
        if self.measure.chart in {"p", "pp", "u", "up"}:
            if numerator is None:
                self.add_error("numerator", "Enter the numerator")
            if denominator is None:
                self.add_error("denominator", "Enter the denominator")
            if numerator is not None and denominator is not None:
                if numerator < 0 or denominator < 0:
                    self.add_error("numerator", "Counts cannot be negative")
                elif self.measure.chart in {"p", "pp"} and numerator > denominator:
                    self.add_error("numerator", "The numerator cannot be larger than the denominator")
        elif value is None and (numerator is None or denominator is None):
            self.add_error("value", "Enter the value")
        return data


class AnnotationForm(forms.Form):
    period = PeriodField(
        label="When",
        help_text="For example 04/03/2024 or March 2024.",
        error_messages={"required": "Enter when it happened, for example 04/03/2024"},
    )
    text = forms.CharField(
        label="What happened",
        max_length=_limit(Annotation, "text"),
        help_text="For example “New triage started at Jarrow” or “Flu outbreak on ward 7”.",
        error_messages={
            "required": "Enter what happened",
            **_too_long("The note", _limit(Annotation, "text")),
        },
    )


REBASE_PROMPT = (
    "Explain why the process changed before you rebase: for example, what was changed and "
    "when, and what the data showed"
)


class PhaseForm(forms.Form):
    starts = forms.TypedChoiceField(
        label="New limits start from",
        coerce=date.fromisoformat,
        error_messages={
            "required": "Choose the period the new phase starts from",
            "invalid_choice": "Choose a period from the list",
        },
    )
    reason = forms.CharField(
        label="Why did the process change?",
        widget=forms.Textarea,
        max_length=2000,
        help_text="Rebasing hides the old limits from the new data, so only do it when "
        "you know what changed.",
        error_messages={"required": REBASE_PROMPT, **_too_long("The reason", 2000)},
    )

    def __init__(self, *args: Any, choices: Sequence[date], frequency: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["starts"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [
            ("", "Choose a period"),
            *((d.isoformat(), periods.label(d, frequency)) for d in choices),
        ]


class BaselineForm(forms.Form):
    points = forms.IntegerField(
        label="Fix the limits to the first … points (optional)",
        required=False,
        min_value=2,
        help_text="Leave empty to calculate the limits from every point. "
        "15 to 20 points make a good baseline.",
        error_messages={
            "invalid": "Enter a whole number of points, like 20",
            "min_value": "A baseline needs at least 2 points",
        },
    )
    version = VersionField()

    def __init__(self, *args: Any, available: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.available = available

    def clean_points(self) -> int | None:
        points = self.cleaned_data.get("points")
        if points is not None and points > max(self.available, 2):
            raise forms.ValidationError(f"The measure has only {self.available} points")
        return points
