from __future__ import annotations

from django import forms

from .models import Organisation, User


class OrganisationForm(forms.ModelForm[Organisation]):
    class Meta:
        model = Organisation
        fields = ["name", "type", "ods_code"]
        labels = {
            "name": "Organisation name",
            "type": "Type of organisation",
            "ods_code": "ODS code (optional)",
        }
        widgets = {"type": forms.RadioSelect}
        error_messages = {
            "name": {
                "required": "Enter the organisation's name",
                "max_length": "The name must be 200 characters or fewer",
            },
            "type": {"required": "Choose the type of organisation"},
            "ods_code": {"max_length": "An ODS code is at most 8 letters and numbers"},
        }

    def clean_ods_code(self) -> str:
        code: str = self.cleaned_data.get("ods_code", "").strip().upper()
        if code and Organisation.objects.filter(ods_code=code).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("An organisation with this ODS code is already listed")
        return code


class ProfileForm(forms.ModelForm[User]):
    organisations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Organisations you belong to",
    )
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    class Meta:
        model = User
        fields = ["full_name", "job_title", "organisations"]
        labels = {"full_name": "Your name", "job_title": "Your role or job title (optional)"}
        error_messages = {
            "full_name": {
                "required": "Enter your name",
                "max_length": "Your name must be 150 characters or fewer",
            },
            "job_title": {"max_length": "Your role must be 150 characters or fewer"},
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["full_name"].required = True
        if not self.is_bound:
            self.initial["version"] = self.instance.version


class SignupDetailsForm(forms.Form):
    """What sign-up asks besides email and password, so nobody appears as a bare address.

    allauth adds these fields to its sign-up form and calls `signup` once the account exists."""

    full_name = forms.CharField(
        label="Your name",
        max_length=150,
        error_messages={
            "required": "Enter your name",
            "max_length": "Your name must be 150 characters or fewer",
        },
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(),
        required=False,
        label="Your organisation (optional)",
        empty_label="Choose your organisation",
        error_messages={"invalid_choice": "Choose an organisation from the list"},
    )
    job_title = forms.CharField(
        label="Your job or role",
        max_length=150,
        error_messages={
            "required": "Enter your job or role, or how you take part (for example, patient partner)",
            "max_length": "Your role must be 150 characters or fewer",
        },
    )

    def signup(self, request: object, user: User) -> None:
        user.full_name = self.cleaned_data["full_name"].strip()
        user.job_title = self.cleaned_data["job_title"].strip()
        user.save(update_fields=["full_name", "job_title"])
        if self.cleaned_data.get("organisation") is not None:
            user.organisations.add(self.cleaned_data["organisation"])
