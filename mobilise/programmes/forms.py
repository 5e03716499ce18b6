from __future__ import annotations

from django import forms

from mobilise.accounts.models import Organisation

from .models import Programme
from .roles import Role


class ProgrammeForm(forms.ModelForm[Programme]):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(),
        required=False,
        label="Your organisation (optional)",
        empty_label="Choose an organisation",
    )

    class Meta:
        model = Programme
        fields = ["name", "challenge"]
        labels = {"name": "Programme name"}
        error_messages = {
            "name": {
                "required": "Enter a programme name",
                "max_length": "Programme name must be 200 characters or fewer",
            },
            "challenge": {
                "required": "Describe the change challenge",
                "max_length": "The change challenge must be 2,000 characters or fewer",
            },
        }


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter an email address",
            "invalid": "Enter an email address in the correct format, like name@example.nhs.uk",
        },
    )
    role = forms.ChoiceField(
        choices=Role.choices,
        initial=Role.MEMBER,
        error_messages={"required": "Choose a role", "invalid_choice": "Choose a role"},
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(),
        required=False,
        label="Which organisation are they from? (optional)",
        empty_label="Not known",
    )
    message = forms.CharField(
        label="A message to go with the invitation (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "The message must be 2,000 characters or fewer"},
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        choices=Role.choices,
        error_messages={"required": "Choose a role", "invalid_choice": "Choose a role"},
    )
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)


class PartnerForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(),
        label="Partner organisation",
        empty_label="Choose an organisation",
        error_messages={
            "required": "Choose an organisation",
            "invalid_choice": "Choose an organisation from the list",
        },
    )
