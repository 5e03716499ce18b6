from __future__ import annotations

from typing import Any

from django import forms
from django.db import models

from mobilise.accounts.models import User

from .models import Endorsement, SharedPurpose

REASON_MAX_LENGTH = 500


class TextBlock(forms.CharField):
    """Multi-line text whose length is counted the way the person sees it (one character per line break)."""

    def __init__(self, *, label: str, max_length: int, short_name: str, **kwargs: Any) -> None:
        super().__init__(
            label=label,
            max_length=max_length,
            required=False,
            strip=True,
            widget=forms.Textarea,
            **kwargs,
            error_messages={"max_length": f"{short_name} must be {max_length:,} characters or fewer"},
        )

    def to_python(self, value: Any) -> str:
        return str(super().to_python(value)).replace("\r\n", "\n")


def _limit(name: str) -> int:
    field = SharedPurpose._meta.get_field(name)
    assert isinstance(field, models.TextField) and field.max_length is not None
    return int(field.max_length)


class PurposeForm(forms.Form):
    statement = TextBlock(
        label="Our shared purpose",
        max_length=_limit("statement"),
        short_name="The shared purpose",
        help_text="What we are trying to achieve together, in a sentence or two.",
    )
    why_it_matters = TextBlock(
        label="Why it matters to patients and communities",
        max_length=_limit("why_it_matters"),
        short_name="Why it matters",
    )
    who_for = TextBlock(label="Who it is for", max_length=_limit("who_for"), short_name="Who it is for")
    values = TextBlock(label="Our values", max_length=_limit("values"), short_name="Our values")
    what_good_looks_like = TextBlock(
        label="What good will look like",
        max_length=_limit("what_good_looks_like"),
        short_name="What good will look like",
    )
    reason = TextBlock(
        label="What changed and why (optional)",
        max_length=REASON_MAX_LENGTH,
        short_name="The note",
        help_text="A short note for the history, for example “Added carers after the March workshop”.",
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


class PartnerVoiceForm(forms.Form):
    why_joined = forms.CharField(
        label="Why we joined", required=False, max_length=3000, widget=forms.Textarea
    )
    values = forms.CharField(
        label="The values we hold", required=False, max_length=3000, widget=forms.Textarea
    )
    pressures = forms.CharField(
        label="The pressures we face", required=False, max_length=3000, widget=forms.Textarea
    )
    brings = forms.CharField(label="What we bring", required=False, max_length=3000, widget=forms.Textarea)
    needs = forms.CharField(label="What we need", required=False, max_length=3000, widget=forms.Textarea)
    lead = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        label="Our lead in the programme",
        empty_label="Nobody named",
    )
    differences = forms.CharField(
        label="Where we see the shared purpose differently",
        required=False,
        max_length=5000,
        widget=forms.Textarea,
    )
    endorsement = forms.ChoiceField(
        label="Where do you stand on the shared purpose as it is now?",
        choices=Endorsement.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lead = self.fields["lead"]
        assert isinstance(lead, forms.ModelChoiceField)
        lead.queryset = User.objects.filter(memberships__programme=programme).order_by("full_name", "email")
        for f in self.fields.values():
            if isinstance(f, forms.CharField) and f.max_length:
                f.error_messages["max_length"] = f"Keep this to {f.max_length:,} characters or fewer"
