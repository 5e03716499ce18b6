from __future__ import annotations

from typing import Any

from django import forms

from . import reads
from .models import Access

LIFETIMES = [("30", "30 days"), ("90", "90 days"), ("365", "A year"), ("7", "7 days")]


class TokenForm(forms.Form):
    name = forms.CharField(
        label="What is it for?",
        max_length=100,
        help_text="For example: monthly A&E upload from the trust warehouse",
        error_messages={"required": "Enter what the token is for"},
    )
    programmes = forms.ModelMultipleChoiceField(
        label="Programmes it may reach",
        queryset=reads.programmes_to_choose(None),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one programme"},
    )
    access = forms.ChoiceField(
        label="What it may do",
        choices=[
            (Access.READ.value, "Read only"),
            (Access.WRITE.value, "Read and change data (as far as your role allows)"),
        ],
        initial=Access.READ.value,
        widget=forms.RadioSelect,
    )
    days = forms.ChoiceField(
        label="Stops working after", choices=LIFETIMES, initial="90", widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programmes"].queryset = reads.programmes_to_choose(user)  # type: ignore[attr-defined]
