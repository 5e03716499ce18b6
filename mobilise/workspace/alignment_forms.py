"""The form for one alignment entry: how two components interact and what the team will do."""

from __future__ import annotations

from typing import Any

from django import forms

from .models import AlignmentEntry, Relationship, TensionStatus

RELATIONSHIP_MESSAGE = "Choose whether they reinforce each other or pull apart"
STATUS_MESSAGE = "Choose where you have got to"


class AlignmentEntryForm(forms.Form):
    relationship = forms.ChoiceField(
        label="How do they relate?",
        choices=Relationship.choices,
        widget=forms.RadioSelect,
        error_messages={"required": RELATIONSHIP_MESSAGE, "invalid_choice": RELATIONSHIP_MESSAGE},
    )
    description = forms.CharField(
        label="How do they interact?",
        max_length=5000,
        widget=forms.Textarea,
        help_text="For example: our shared purpose relies on people wanting to help, "
        "but the contract pays for counts of activity.",
        error_messages={
            "required": "Describe how they interact",
            "max_length": "How they interact must be 5,000 characters or fewer",
        },
    )
    action = forms.CharField(
        label="What will we do about it? (optional)",
        max_length=5000,
        required=False,
        widget=forms.Textarea,
        help_text="For a tension, what the team will do to hold both sides together. "
        "For a pair that reinforces, how you will make the most of it.",
        error_messages={"max_length": "What you will do must be 5,000 characters or fewer"},
    )
    status = forms.ChoiceField(
        label="Where have we got to?",
        choices=TensionStatus.choices,
        widget=forms.RadioSelect,
        initial=TensionStatus.OPEN,
        help_text="Mostly for tensions: still open, being worked on, or settled for now.",
        error_messages={"required": STATUS_MESSAGE, "invalid_choice": STATUS_MESSAGE},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    @classmethod
    def for_entry(cls, entry: AlignmentEntry, data: Any = None) -> AlignmentEntryForm:
        return cls(
            data,
            initial={
                "relationship": entry.relationship,
                "description": entry.description,
                "action": entry.action,
                "status": entry.status,
                "version": entry.version,
            },
        )
