"""Forms for a test of change, its attachments and imports of PDSA logs."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.utils import timezone

from mobilise.accounts.models import Organisation, User
from mobilise.core.dates import DateBoxesField, date_boxes
from mobilise.improvement.models import ChangeIdea
from mobilise.programmes.models import Programme

from .choices import Outcome, PredictionResult, Stage
from .fields import EARLIEST_YEAR, LATEST_YEAR, TextBlock
from .models import TestOfChange

MAX_PEOPLE_COUNT = 100_000


def _limit(name: str) -> int:
    field = TestOfChange._meta.get_field(name)
    assert isinstance(field, models.CharField | models.TextField) and field.max_length is not None
    return int(field.max_length)


def _text(name: str, label: str, short_name: str, **kwargs: Any) -> TextBlock:
    return TextBlock(label=label, max_length=_limit(name), short_name=short_name, **kwargs)


def _line(name: str, label: str, short_name: str, **kwargs: Any) -> forms.CharField:
    limit = _limit(name)
    messages = {"max_length": f"{short_name} must be {limit:,} characters or fewer"}
    messages.update(kwargs.pop("error_messages", {}))
    return forms.CharField(label=label, max_length=limit, strip=True, error_messages=messages, **kwargs)


class ChangeIdeaChoice(forms.ModelChoiceField[ChangeIdea]):
    def label_from_instance(self, obj: ChangeIdea) -> str:
        return str(obj.title)


class PersonChoice(forms.ModelMultipleChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return str(obj.display_name)


class TestForm(forms.Form):
    """Every phase of the cycle on one page, so a team can fill it in as the test goes."""

    title = _line(
        "title",
        "Name of the test",
        "The name",
        help_text="A few words others will recognise, like “Text reminders at Oak Lane surgery”.",
        error_messages={"required": "Enter a name for the test"},
    )
    change_idea = ChangeIdeaChoice(
        queryset=ChangeIdea.objects.none(),
        label="Change idea",
        empty_label="Choose a change idea",
        error_messages={
            "required": "Choose the change idea this test belongs to",
            "invalid_choice": "Choose the change idea this test belongs to",
        },
    )
    site = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label="Site (optional)",
        empty_label="Not at one site",
        error_messages={"invalid_choice": "Choose a site from the list"},
    )
    team = _line(
        "team",
        "Team (optional)",
        "The team",
        required=False,
        help_text="For example, “District nursing, east locality”.",
    )
    scale = _line(
        "scale",
        "Scale (optional)",
        "The scale",
        required=False,
        help_text="How big the test is, like 1 patient, 1 clinic, a morning, a whole practice.",
    )
    people = PersonChoice(
        queryset=User.objects.none(),
        required=False,
        label="People involved from this programme",
        error_messages={
            "invalid_choice": "Choose people from the list",
            "invalid_pk_value": "Choose people from the list",
        },
    )
    people_count = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=MAX_PEOPLE_COUNT,
        label="How many people took part (optional)",
        help_text="Count everyone, including people who do not use Mobilise.",
        error_messages={
            "invalid": "Enter how many people took part as a number, like 6",
            "min_value": "The number of people must be 0 or more",
            "max_value": f"The number of people must be {MAX_PEOPLE_COUNT:,} or fewer",
        },
    )
    planned_start = DateBoxesField(
        label="When the test starts",
        called="the date the test starts",
        help_text="For example, 15 3 2026",
        earliest_year=EARLIEST_YEAR,
        latest_year=LATEST_YEAR,
    )
    question = _text("question", "What question will this test answer?", "The question")
    prediction = _text("prediction", "What do you predict will happen?", "The prediction")
    plan = _text("plan", "Who, what, where and when", "The plan")
    data_to_collect = _text("data_to_collect", "What data will you collect?", "The data to collect")
    stage = forms.ChoiceField(
        choices=Stage.choices,
        initial=Stage.PLANNED,
        widget=forms.RadioSelect,
        label="Where the test is now",
        error_messages={
            "required": "Choose where the test is now",
            "invalid_choice": "Choose where the test is now",
        },
    )
    what_happened = _text("what_happened", "What happened?", "What happened")
    observations = _text(
        "observations",
        "What did you notice?",
        "The observations",
        help_text="Problems, surprises, what people said.",
    )
    study = _text("study", "What did the results show, compared with the prediction?", "The results")
    prediction_result = forms.ChoiceField(
        choices=PredictionResult.choices,
        required=False,
        widget=forms.RadioSelect,
        label="Did it turn out as predicted?",
        error_messages={"invalid_choice": "Choose whether it turned out as predicted"},
    )
    outcome = forms.ChoiceField(
        choices=Outcome.choices,
        required=False,
        widget=forms.RadioSelect,
        label="What will you do now?",
        help_text="Abandoning a test is a result too: what you learnt stays on the learning wall.",
        error_messages={"invalid_choice": "Choose what you will do now"},
    )
    act_notes = _text("act_notes", "What next, and why?", "What next")
    done_on = DateBoxesField(
        label="When the test was done (optional)",
        called="the date the test was done",
        required=False,
        help_text="For example, 29 3 2026",
        earliest_year=EARLIEST_YEAR,
        latest_year=LATEST_YEAR,
    )
    version = forms.IntegerField(
        required=False,
        min_value=0,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": "Reload the page and make your changes again",
            "min_value": "Reload the page and make your changes again",
        },
    )

    def __init__(
        self,
        *args: Any,
        programme: Programme,
        keep_site: Organisation | None = None,
        fixed_idea: ChangeIdea | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        # The next cycle of a ramp tests the same idea, so it is shown rather than chosen.
        self.fixed_idea = fixed_idea
        if fixed_idea is not None:
            del fields["change_idea"]
        else:
            fields["change_idea"].queryset = ChangeIdea.objects.filter(programme=programme).order_by("title")
        sites = models.Q(programmes=programme)
        if keep_site is not None:  # a site that has since stopped being a partner stays choosable
            sites |= models.Q(pk=keep_site.pk)
        fields["site"].queryset = Organisation.objects.filter(sites).distinct().order_by("name")
        fields["people"].queryset = User.objects.filter(memberships__programme=programme).order_by(
            "full_name", "email"
        )

    def parts(self, name: str) -> dict[str, Any]:
        """The day, month and year boxes of a date field, for the template."""
        return date_boxes(self[name])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.fixed_idea is not None:
            data["change_idea"] = self.fixed_idea
        start, done = data.get("planned_start"), data.get("done_on")
        if done and done > timezone.localdate():
            self.add_error("done_on", "The date the test was done must be today or in the past")
        elif start and done and done < start:
            self.add_error(
                "done_on", "The date the test was done must be the same as or after the start date"
            )
        return data


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label="Choose a file",
        allow_empty_file=True,
        error_messages={
            "required": "Select a file to upload",
            "empty": "The selected file is empty",
            "invalid": "Select a file to upload",
        },
    )
    description = forms.CharField(
        label="What is it? (optional)",
        required=False,
        max_length=300,
        strip=True,
        help_text="For example, “Whiteboard from the Tuesday huddle”.",
        error_messages={"max_length": "The description must be 300 characters or fewer"},
    )


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
