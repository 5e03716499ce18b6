"""Forms for setting up a survey, importing an edge list and answering."""

from __future__ import annotations

from typing import Any

from django import forms

from mobilise.core.dates import DateBoxesField

from ..services.surveys import MAX_QUESTIONS, SurveyData

DEFAULT_QUESTIONS = (
    "Who do you go to for advice about improving this service?\nWho do you work with on this programme?"
)
DEFAULT_CONSENT = (
    "Your answers show how people across the partner organisations are connected, so that the "
    "programme can strengthen those links. Only the convenors and facilitators see names. Everyone "
    "else in the programme sees the pattern without names, and no one sees your answers on their "
    "own. You can stop at any time."
)


def _date(label: str, what: str) -> DateBoxesField:
    return DateBoxesField(label=label, called=f"the {what}")


class SurveyForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={"required": "Enter a title", "max_length": "Title must be 200 characters or fewer"},
    )
    introduction = forms.CharField(
        label="A word of introduction (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        help_text="Respondents see this first: why you are asking and what you will do with the answers.",
        error_messages={"max_length": "The introduction must be 2,000 characters or fewer"},
    )
    questions = forms.CharField(
        label="Questions",
        widget=forms.Textarea,
        max_length=MAX_QUESTIONS * 301,
        help_text=f"One question a line, up to {MAX_QUESTIONS}. Each asks people to name others.",
        error_messages={
            "required": "Enter at least one question",
            "max_length": f"Enter {MAX_QUESTIONS} questions or fewer, each 300 characters or fewer",
        },
    )
    consent_statement = forms.CharField(
        label="Consent statement",
        max_length=2000,
        widget=forms.Textarea,
        help_text="Respondents must agree to this before they answer.",
        error_messages={
            "required": "Enter a consent statement",
            "max_length": "The consent statement must be 2,000 characters or fewer",
        },
    )
    opens_on = _date("Opens on", "opening date")
    closes_on = _date("Closes on", "closing date")
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def clean_questions(self) -> list[str]:
        lines = [" ".join(line.split()) for line in self.cleaned_data["questions"].splitlines()]
        questions = [line for line in lines if line]
        if not questions:
            raise forms.ValidationError("Enter at least one question")
        if len(questions) > MAX_QUESTIONS:
            raise forms.ValidationError(f"Enter {MAX_QUESTIONS} questions or fewer")
        if any(len(q) > 300 for q in questions):
            raise forms.ValidationError("Each question must be 300 characters or fewer")
        return questions

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", "The closing date must be the same as or after the opening date")
        return cleaned

    def data_object(self) -> SurveyData:
        c = self.cleaned_data
        return SurveyData(
            title=c["title"],
            introduction=c["introduction"],
            consent_statement=c["consent_statement"],
            opens_on=c["opens_on"],
            closes_on=c["closes_on"],
            questions=c["questions"],
        )


class ImportForm(forms.Form):
    title = forms.CharField(
        label="Name this network",
        max_length=200,
        help_text="For example: Advice network from the March workshop.",
        error_messages={
            "required": "Enter a name for the network",
            "max_length": "The name must be 200 characters or fewer",
        },
    )
    file = forms.FileField(
        label="Upload a CSV file",
        help_text="The first row must be source,target and, if you like, weight. One row for each tie.",
        error_messages={
            "required": "Choose a CSV file to upload",
            "empty": "The file you chose is empty",
            "invalid": "Choose a CSV file to upload",
        },
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError("The file must be a CSV file")
        return upload


class ConsentForm(forms.Form):
    consent = forms.BooleanField(
        label="I agree to take part",
        required=True,
        error_messages={"required": "Tick the box to say you agree to take part, or close this page"},
    )


class AnswerForm(forms.Form):
    chosen = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose people from the list"},
    )
    typed_names = forms.CharField(
        label="Anyone not on the list? (optional)",
        required=False,
        max_length=4000,
        widget=forms.Textarea,
        help_text="One name a line.",
        error_messages={"max_length": "Names must be 4,000 characters or fewer in all"},
    )
    find = forms.CharField(
        label="Find someone by name",
        required=False,
        max_length=100,
        error_messages={"max_length": "Search for 100 characters or fewer"},
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chosen"].choices = choices  # type: ignore[attr-defined]

    def typed(self) -> list[str]:
        return [line for line in self.cleaned_data["typed_names"].splitlines() if line.strip()]
