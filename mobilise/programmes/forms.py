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
    full_name = forms.CharField(
        label="Their name (optional)",
        required=False,
        max_length=150,
        error_messages={"max_length": "A name must be 150 characters or fewer"},
    )
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


class BulkInvitationForm(forms.Form):
    """A list of people, pasted or uploaded. The checking itself is in `bulk.check`."""

    people = forms.CharField(
        label="Paste the list",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        max_length=1_000_000,
        error_messages={"max_length": "The pasted list is too long. Upload it as a file instead"},
    )
    upload = forms.FileField(label="Or upload a spreadsheet (CSV or Excel .xlsx)", required=False)
    role = forms.ChoiceField(
        label="Role for anyone whose row gives none",
        choices=[(r.value, r.label) for r in Role if r != Role.CONVENOR],
        initial=Role.MEMBER,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a role", "invalid_choice": "Choose a role"},
    )
    message = forms.CharField(
        label="Why you are inviting them (optional, goes in every email)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "The message must be 2,000 characters or fewer"},
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not data.get("people", "").strip() and not data.get("upload"):
            self.add_error("people", "Paste a list of people, or upload a spreadsheet")
        return data


class InviteRuleForm(forms.Form):
    members_may_invite = forms.BooleanField(label="Members may invite people too", required=False)
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)


class JoinLinkForm(forms.Form):
    role = forms.ChoiceField(
        label="People who join through the link become",
        choices=[(Role.MEMBER.value, "Members"), (Role.VIEWER.value, "Viewers")],
        initial=Role.MEMBER,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a role", "invalid_choice": "Choose a role"},
    )


class JoinRequestForm(forms.Form):
    reason = forms.CharField(
        label="Tell the convenor who you are and why you would like to join (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Keep it to 1,000 characters or fewer"},
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", "Let them in"), ("decline", "Decline")],
        error_messages={"required": "Choose whether to let them in", "invalid_choice": "Choose again"},
    )
