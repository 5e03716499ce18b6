"""Forms: setting up a pulse, adding a question, opening a wave, answering."""

from __future__ import annotations

from typing import Any

from django import forms

from mobilise.core.dates import DateBoxesField
from mobilise.disclosure import NHS_THRESHOLD

from .models import MAX_QUESTIONS, ORG_TYPES, ROLE_GROUPS, Cadence, Kind, Question
from .starter import SCALE_LABELS


class PulseForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200, error_messages={"required": "Enter a name"})
    cadence = forms.TypedChoiceField(
        label="How often to ask", choices=Cadence.choices, coerce=int, initial=Cadence.MONTHLY
    )
    threshold = forms.IntegerField(
        label="Smallest group shown",
        help_text=f"Groups with fewer people than this are never shown. It can be raised above "
        f"{NHS_THRESHOLD}, never lowered.",
        min_value=NHS_THRESHOLD,
        max_value=100,
        initial=NHS_THRESHOLD,
        error_messages={
            "min_value": f"The smallest group shown must be {NHS_THRESHOLD} or more",
            "required": "Enter the smallest group shown",
        },
    )
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args: Any, floor: int = NHS_THRESHOLD, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.floor = floor

    def clean_threshold(self) -> int:
        value = int(self.cleaned_data["threshold"])
        if value < self.floor:
            raise forms.ValidationError(
                f"The smallest group shown can be raised, never lowered below {self.floor}"
            )
        return value


class QuestionForm(forms.Form):
    text = forms.CharField(
        label="Your question", max_length=300, error_messages={"required": "Enter the question"}
    )
    kind = forms.ChoiceField(label="How people answer", choices=Kind.choices, initial=Kind.SCALE)


class WaveForm(forms.Form):
    questions = forms.ModelMultipleChoiceField(
        label="Questions to ask this time",
        queryset=Question.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one question"},
    )
    opens_on = DateBoxesField(label="Opens on", called="the opening date", help_text="For example, 2 3 2026")
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    closes_on = DateBoxesField(
        label="Closes on", called="the closing date", help_text="For example, 9 3 2026"
    )

    def __init__(self, *args: Any, pulse: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["questions"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = pulse.questions.all()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = data.get("questions")
        if chosen is not None and len(chosen) > MAX_QUESTIONS:
            self.add_error("questions", f"Choose {MAX_QUESTIONS} questions or fewer")
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", "The closing date must be on or after the opening date")
        return data


class AnswerForm(forms.Form):
    org_type = forms.ChoiceField(
        label="What kind of organisation do you work in?", choices=ORG_TYPES, required=False
    )
    role_group = forms.ChoiceField(
        label="Which best describes your role?", choices=ROLE_GROUPS, required=False
    )

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for q in questions:
            if q.kind == Kind.SCALE:
                self.fields[f"q{q.pk}"] = forms.TypedChoiceField(
                    label=q.text,
                    choices=[(str(v), label) for v, label in SCALE_LABELS.items()],
                    coerce=int,
                    required=False,
                    widget=forms.RadioSelect,
                )
            else:
                self.fields[f"q{q.pk}"] = forms.CharField(
                    label=q.text,
                    max_length=2000,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    error_messages={"max_length": "Keep your answer to 2,000 characters or fewer"},
                )

    def scores(self) -> dict[int, int]:
        return {
            q.pk: int(self.cleaned_data[f"q{q.pk}"])
            for q in self.questions
            if q.kind == Kind.SCALE and self.cleaned_data.get(f"q{q.pk}") not in (None, "")
        }

    def texts(self) -> dict[int, str]:
        return {
            q.pk: str(self.cleaned_data.get(f"q{q.pk}") or "")
            for q in self.questions
            if q.kind == Kind.TEXT and self.cleaned_data.get(f"q{q.pk}")
        }


class ConfirmForm(forms.Form):
    pass
