"""Forms for audiences: naming one, choosing whose words to see, and writing their words."""

from __future__ import annotations

from typing import Any

from django import forms

from .components import COMPONENTS
from .models import Audience
from .vocabulary import DEFAULTS, KEY_TERMS

TERM_MAX_LENGTH = 120
PLAIN_ENGLISH = ""

# What each key term means, so people know what they are renaming.
TERM_HINTS: dict[str, str] = {
    "programme": "What you call this piece of work as a whole.",
    "change_model": "The framework of eight parts the workspace is built around.",
    "component": "One of the eight parts.",
    "stakeholder": "Someone with an interest in the change.",
    "test_of_change": "A small, quick trial of an idea.",
    "measure": "Something the team counts or tracks.",
    "tension": "Where two parts pull in different directions.",
    "partner": "An organisation taking part in the alliance.",
}


def term_field_name(key: str) -> str:
    return f"term_{key}"


class AudienceNameForm(forms.Form):
    name = forms.CharField(
        label="Name of the audience",
        max_length=80,
        help_text="Who these words are for, for example Clinicians, Public or Board.",
        error_messages={
            "required": "Enter a name for the audience",
            "max_length": "The name must be 80 characters or fewer",
        },
    )

    def __init__(self, *args: Any, programme: Any, audience: Audience | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.audience = audience

    def clean_name(self) -> str:
        name = str(self.cleaned_data["name"]).strip()
        others = Audience.objects.filter(programme=self.programme, name__iexact=name)
        if self.audience is not None:
            others = others.exclude(pk=self.audience.pk)
        if others.exists():
            raise forms.ValidationError(f"There is already an audience called {name}")
        return name


class AudienceWordsForm(AudienceNameForm):
    """The audience's name, and a box per component and key term; blank keeps plain English."""

    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, default in DEFAULTS.items():
            self.fields[term_field_name(key)] = forms.CharField(
                label=default[:1].upper() + default[1:],
                required=False,
                max_length=TERM_MAX_LENGTH,
                help_text=TERM_HINTS.get(key, ""),
                error_messages={
                    "max_length": f"The words for “{default}” must be {TERM_MAX_LENGTH} characters or fewer"
                },
            )

    def component_fields(self) -> list[forms.BoundField]:
        return [self[term_field_name(c.key)] for c in COMPONENTS]

    def term_fields(self) -> list[forms.BoundField]:
        return [self[term_field_name(key)] for key in KEY_TERMS]

    def terms(self) -> dict[str, str]:
        """The words entered, by key; blank means plain English."""
        return {key: str(self.cleaned_data.get(term_field_name(key)) or "").strip() for key in DEFAULTS}

    @staticmethod
    def initial_for(audience: Audience) -> dict[str, str]:
        initial = {term_field_name(key): text for key, text in audience.terms.values_list("key", "text")}
        return initial | {"name": audience.name, "version": str(audience.version)}


class AudienceChoiceForm(forms.Form):
    audience = forms.ChoiceField(
        label="Whose words do you want to see?",
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Choose plain English or one of the audiences"},
    )

    def __init__(self, *args: Any, audiences: list[Audience], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.audiences = {str(a.pk): a for a in audiences}
        choices = [(PLAIN_ENGLISH, "Plain English"), *((str(a.pk), a.name) for a in audiences)]
        self.fields["audience"].choices = choices  # type: ignore[attr-defined]

    def chosen(self) -> Audience | None:
        return self.audiences.get(self.cleaned_data.get("audience") or PLAIN_ENGLISH)
