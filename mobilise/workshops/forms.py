"""Forms for planning a series, recording a session, its actions, and the anonymous answers."""

from __future__ import annotations

from typing import Any

from django import forms

from mobilise.accounts.models import Organisation
from mobilise.core.dates import DateBoxesField, date_boxes
from mobilise.pdsa.fields import TextBlock
from mobilise.programmes.models import Programme
from mobilise.workspace.models import COMPONENT_CHOICES

from .models import Pace, Rating, Series, Slower, Theme
from .services import MAX_SERIES
from .themes import Kind


def _line(label: str, limit: int, short: str, *, required: bool = False, **kwargs: Any) -> forms.CharField:
    messages = {
        "max_length": f"{short} must be {limit:,} characters or fewer",
        "required": f"Enter {short.lower()}",
    }
    return forms.CharField(
        label=label, max_length=limit, required=required, strip=True, error_messages=messages, **kwargs
    )


class DatedForm(forms.Form):
    def parts(self, name: str) -> dict[str, Any]:
        return date_boxes(self[name])


class ThemeChoice(forms.ModelMultipleChoiceField[Theme]):
    def label_from_instance(self, obj: Theme) -> str:
        return str(obj.title)


class SeriesForm(DatedForm):
    title = _line("Name of the series", 200, "The name of the series", required=True)
    themes = ThemeChoice(
        queryset=Theme.objects.none(),
        label="Themes, one session each",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one theme",
            "invalid_choice": "Choose themes from the list",
            "invalid_pk_value": "Choose themes from the list",
        },
        help_text="You can change each session's title and agenda afterwards.",
    )
    first_on = DateBoxesField(label="Date of the first session", called="the date of the first session")
    weeks_between = forms.IntegerField(
        label="Weeks between sessions",
        min_value=1,
        max_value=26,
        help_text="Four weeks apart gives teams time to try things between sessions.",
        error_messages={
            "required": "Enter how many weeks apart the sessions are",
            "invalid": "Enter the weeks between sessions as a number, like 4",
            "min_value": "Weeks between sessions must be between 1 and 26",
            "max_value": "Weeks between sessions must be between 1 and 26",
        },
    )
    place = _line("Place or joining link (optional)", 500, "The place")

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        themes: Any = self.fields["themes"]
        themes.queryset = Theme.objects.filter(programme=programme).live()

    def clean_themes(self) -> list[Theme]:
        chosen = list(self.cleaned_data["themes"])
        if len(chosen) > MAX_SERIES:
            raise forms.ValidationError(f"Choose {MAX_SERIES} themes or fewer")
        return chosen


class ThemeForm(forms.Form):
    title = _line("Name of the theme", 200, "The name of the theme", required=True)
    component = forms.ChoiceField(
        label="Part of the Change Model it is about",
        choices=COMPONENT_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the part of the Change Model this theme is about",
            "invalid_choice": "Choose the part of the Change Model this theme is about",
        },
    )
    agenda = TextBlock(
        label="Suggested agenda (optional)",
        max_length=5000,
        short_name="The agenda",
        help_text="One item a line. Each session planned from this theme starts with a copy you can change.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ThemeMoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "Up"), ("down", "Down")])
    version = forms.IntegerField(required=False, min_value=0)


class ThemeArchiveForm(forms.Form):
    archived = forms.TypedChoiceField(choices=[("1", "Archive"), ("0", "Restore")], coerce=lambda v: v == "1")


class OrganisationChoice(forms.ModelMultipleChoiceField[Organisation]):
    def label_from_instance(self, obj: Organisation) -> str:
        return str(obj.name)


class SessionForm(DatedForm):
    title = _line("Name of the session", 200, "The name", required=True)
    kind = forms.ChoiceField(label="What kind of session", choices=Kind.choices)
    series = forms.ModelChoiceField(
        queryset=Series.objects.none(),
        required=False,
        label="Series (optional)",
        empty_label="Not part of a series",
        error_messages={"invalid_choice": "Choose a series from the list"},
    )
    component = forms.ChoiceField(
        label="Change Model component (optional)",
        choices=[("", "Not one in particular"), *COMPONENT_CHOICES],
        required=False,
    )
    held_on = DateBoxesField(label="Date", called="the date of the session")
    place = _line("Place or joining link (optional)", 500, "The place")
    agenda = TextBlock(
        label="Agenda (optional)",
        max_length=5000,
        short_name="The agenda",
        help_text="One item a line. Unfinished actions from earlier sessions are added at the top.",
    )
    organisations = OrganisationChoice(
        queryset=Organisation.objects.none(),
        required=False,
        label="Which partners came",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Choose organisations from the list of partners",
            "invalid_pk_value": "Choose organisations from the list of partners",
        },
    )
    people_count = forms.IntegerField(
        label="How many people came (optional)",
        required=False,
        min_value=0,
        max_value=10_000,
        error_messages={
            "invalid": "Enter how many people came as a number, like 14",
            "min_value": "The number of people must be 0 or more",
            "max_value": "The number of people must be 10,000 or fewer",
        },
    )
    notes = TextBlock(label="Notes (optional)", max_length=10000, short_name="The notes")
    learnt = TextBlock(
        label="What we learnt (optional)",
        max_length=5000,
        short_name="What we learnt",
        help_text="Shown on the learning wall beside the tests of change.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, programme: Programme, creating: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if creating:  # a theme is a starting point: once saved, the session's own words are what count
            self.fields["planned_from"] = forms.ModelChoiceField(
                queryset=Theme.objects.filter(programme=programme).live(),
                required=False,
                label="Workshop theme (optional)",
                empty_label="Not from a theme",
                help_text="If you leave the agenda empty, the theme's suggested agenda is copied in.",
                error_messages={"invalid_choice": "Choose a theme from the list"},
            )
        series: Any = self.fields["series"]
        series.queryset = Series.objects.filter(programme=programme)
        organisations: Any = self.fields["organisations"]
        organisations.queryset = programme.partners.order_by("name")


class ActionForm(forms.Form):
    text = _line("What will be done", 300, "What will be done", required=True)
    owner = _line("Who will do it (optional)", 120, "Who will do it")


class ActionDoneForm(forms.Form):
    done = forms.BooleanField(required=False)
    version = forms.IntegerField(required=False)


class FeedbackLinkForm(forms.Form):
    """Close the feedback link, open it again, or swap it for a new one (the old one stops)."""

    change = forms.ChoiceField(choices=[("close", "Close"), ("open", "Open"), ("renew", "Renew")])
    version = forms.IntegerField(required=False, min_value=0)


def _radio(label: str, choices: Any, called: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": f"Choose {called}", "invalid_choice": f"Choose {called}"},
    )


class FeedbackForm(forms.Form):
    pace = _radio("How was the pace?", Pace.choices, "how the pace felt")
    usefulness = _radio("How useful was the session?", Rating.choices, "how useful the session was")
    facilitation = _radio("How well was it run?", Rating.choices, "how well the session was run")
    recommend = _radio(
        "How likely are you to recommend a session like this to a colleague?",
        [(n, str(n)) for n in range(11)],
        "a number from 0 to 10",
    )
    change = TextBlock(
        label="One thing to change (optional)",
        max_length=1000,
        short_name="Your suggestion",
        help_text="Please do not write your name or anyone else's.",
    )


class EvaluationOpenForm(forms.Form):
    title = _line(
        "Name of this evaluation",
        200,
        "A name for this evaluation",
        required=True,
        help_text="For example, “After six months”.",
    )


class EvaluationForm(forms.Form):
    slower = _radio("Without the programme, this change would have been…", Slower.choices, "an answer")
    helped = TextBlock(label="What helped most? (optional)", max_length=1000, short_name="What helped")
    hindered = TextBlock(
        label="What got in the way? (optional)", max_length=1000, short_name="What got in the way"
    )


class MeasureChoice(forms.ModelMultipleChoiceField[Any]):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


def _money(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=0,
        error_messages={
            "invalid": "Enter an amount in whole pounds, like 25000",
            "min_value": "Enter an amount of 0 or more",
            "max_digits": "Enter an amount below £1,000,000,000,000",
            "max_decimal_places": "Enter whole pounds, without pence",
        },
    )


class ValueCaseForm(forms.Form):
    title = _line(
        "What this value case is for",
        200,
        "What the value case is for",
        required=True,
        help_text="A change idea, like “Same-day visits by the community team”, or the whole programme.",
    )
    costs = _money("Costs in pounds (optional)")
    cost_notes = TextBlock(
        label="What the costs are (optional)", max_length=3000, short_name="What the costs are"
    )
    cashable = _money("Cashable benefits in pounds a year (optional)")
    non_cashable = TextBlock(
        label="Benefits that cannot be banked (optional)",
        max_length=3000,
        short_name="The other benefits",
        help_text="Fewer falls, carers who feel listened to, staff who stay.",
    )
    hours_released = forms.IntegerField(
        label="Staff time released, in hours a month (optional)",
        required=False,
        min_value=0,
        max_value=1_000_000,
        error_messages={
            "invalid": "Enter the hours as a whole number, like 40",
            "min_value": "Enter 0 hours or more",
            "max_value": "Enter 1,000,000 hours or fewer",
        },
    )
    measures = MeasureChoice(
        queryset=None,
        required=False,
        label="Measures that will show it (optional)",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Choose measures from the list",
            "invalid_pk_value": "Choose measures from the list",
        },
    )
    assumptions = TextBlock(
        label="Assumptions",
        max_length=5000,
        short_name="The assumptions",
        required=True,
        help_text="What has to be true for these numbers to hold. One a line.",
        error_messages={"required": "Write down the assumptions behind the numbers"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from mobilise.measurement.models import Measure

        measures: Any = self.fields["measures"]
        measures.queryset = Measure.objects.filter(programme=programme).order_by("name")
