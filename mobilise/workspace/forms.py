"""Forms for the component pages, notes and the stage of the change cycle."""

from __future__ import annotations

from django import forms

from mobilise.programmes.models import Outcome, Stage

from .models import NoteKind, Status
from .services import MAX_ROUND


def _version_field() -> forms.IntegerField:
    return forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=Status.choices,
        widget=forms.RadioSelect,
        label="Where does the team think this stands?",
        help_text="This is the team's own view, to help you talk about it. It is not a score.",
        error_messages={
            "required": "Choose where the team thinks this stands",
            "invalid_choice": "Choose where the team thinks this stands",
        },
    )
    version = _version_field()


class NoteForm(forms.Form):
    kind = forms.ChoiceField(
        choices=NoteKind.choices,
        widget=forms.RadioSelect,
        initial=NoteKind.NOTE,
        label="What are you adding?",
        help_text="A decision is something the team has agreed. Evidence is data, research or an "
        "example from elsewhere that backs up your thinking.",
        error_messages={
            "required": "Choose whether this is a note, a decision or evidence",
            "invalid_choice": "Choose whether this is a note, a decision or evidence",
        },
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={"required": "Enter a title", "max_length": "Title must be 200 characters or fewer"},
    )
    body = forms.CharField(
        label="Details (optional)",
        required=False,
        max_length=20000,
        widget=forms.Textarea,
        help_text="You can use Markdown: **bold**, *italic*, lists and links.",
        error_messages={"max_length": "Details must be 20,000 characters or fewer"},
    )
    version = _version_field()


class StageForm(forms.Form):
    stage = forms.ChoiceField(
        choices=Stage.choices,
        widget=forms.RadioSelect,
        label="Which stage are you at now?",
        error_messages={
            "required": "Choose the stage the programme is at",
            "invalid_choice": "Choose the stage the programme is at",
        },
    )
    cycle_round = forms.IntegerField(
        label="Which time round the cycle is this?",
        min_value=1,
        max_value=MAX_ROUND,
        help_text="Most programmes go round several times. Enter 1 for the first time.",
        error_messages={
            "required": "Enter which time round the cycle this is, as a number",
            "invalid": "Enter which time round the cycle this is, as a number",
            "min_value": "Round must be 1 or more",
            "max_value": f"Round must be {MAX_ROUND} or fewer",
        },
    )
    outcome = forms.ChoiceField(
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        required=False,
        label="How is it going overall?",
        error_messages={"invalid_choice": "Choose how things are going, or “Still under way”"},
    )
    note = forms.CharField(
        label="A note about where you are (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"max_length": "The note must be 2,000 characters or fewer"},
    )
    version = _version_field()
