"""The form for one statement in the theory of change."""

from __future__ import annotations

from typing import Any

from django import forms

from mobilise.measurement.models import Measure

from .forms import text as text_field
from .forms import version_field
from .models import DriverDiagram, TheoryItem, TheoryStep


def _limit(name: str) -> int:
    return int(getattr(TheoryItem._meta.get_field(name), "max_length", 0) or 0)


class TheoryItemForm(forms.Form):
    step = forms.ChoiceField(
        label="Which step of the theory is it?",
        choices=TheoryStep.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the step it belongs to",
            "invalid_choice": "Choose the step it belongs to",
        },
    )
    text = text_field(
        "The statement",
        max_length=_limit("text"),
        short_name="The statement",
        required=True,
        required_message="Enter the statement",
        multiline=True,
        rows=2,
        help_text="One short line, for example “Primary care networks that already meet weekly”.",
    )
    assumptions = text_field(
        "What are we assuming? (optional)",
        max_length=_limit("assumptions"),
        short_name="The assumptions",
        multiline=True,
        rows=3,
        help_text="What has to be true for this link in the chain to hold.",
    )
    evidence = text_field(
        "What evidence do we have? (optional)",
        max_length=_limit("evidence"),
        short_name="The evidence",
        multiline=True,
        rows=3,
        help_text="Data, research or what people have seen, with where it came from.",
    )
    measures = forms.ModelMultipleChoiceField(
        label="Measures that would show it (optional)",
        queryset=Measure.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose the programme’s measures from the list"},
    )
    aims = forms.ModelMultipleChoiceField(
        label="Driver diagram aims it connects to (optional)",
        queryset=DriverDiagram.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose the programme’s driver diagrams from the list"},
    )
    version = version_field()

    def __init__(self, *args: Any, measures: Any, aims: Any, creating: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if creating:
            del self.fields["version"]
        for name, queryset in (("measures", measures), ("aims", aims)):
            field = self.fields[name]
            assert isinstance(field, forms.ModelMultipleChoiceField)
            field.queryset = queryset

    @classmethod
    def initial_for(cls, item: TheoryItem) -> dict[str, Any]:
        return {
            "step": item.step,
            "text": item.text,
            "assumptions": item.assumptions,
            "evidence": item.evidence,
            "measures": [m.pk for m in item.measures.all()],
            "aims": [a.pk for a in item.aims.all()],
            "version": item.version,
        }


class TheoryDeleteForm(forms.Form):
    version = version_field()
