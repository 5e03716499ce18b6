"""Forms for adding, editing and moving stakeholders, and setting the critical-mass goal."""

from __future__ import annotations

from typing import Any

from django import forms

from mobilise.accounts.models import OrganisationType, User
from mobilise.core.dates import DateBoxesField
from mobilise.programmes.models import Programme

from ..models import Engagement, FormalAuthority, InformalInfluence, StakeholderKind, Stance
from ..models.register import AUTHORITY_PLAIN, INFLUENCE_PLAIN
from ..services.register import MAX_GOAL, StakeholderData

ENGAGEMENT_HINT = (
    "TO: change is done to them, with little say. FOR: it is done on their behalf. "
    "WITH: they help shape it. BY: they lead it themselves."
)


def _version_field() -> forms.IntegerField:
    return forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)


def _choice(
    label: str, choices: Any, message: str, *, radios: bool = True, required: bool = True, help_text: str = ""
) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        help_text=help_text,
        widget=forms.RadioSelect if radios else forms.Select,
        error_messages={"required": message, "invalid_choice": message},
    )


def _text(
    label: str, max_length: int, *, required: bool = False, textarea: bool = False, required_message: str = ""
) -> forms.CharField:
    what = label.split(" (")[0]
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=forms.Textarea if textarea else forms.TextInput,
        error_messages={
            "required": required_message,
            "max_length": f"{what} must be {max_length:,} characters or fewer",
        },
    )


class _MemberChoiceField(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return str(obj.display_name)


def _member_field(programme: Programme, label: str, empty: str, message: str, help_text: str) -> Any:
    return _MemberChoiceField(
        queryset=User.objects.filter(memberships__programme=programme).order_by("full_name", "email"),
        required=False,
        label=label,
        empty_label=empty,
        help_text=help_text,
        error_messages={"invalid_choice": message},
    )


class StakeholderForm(forms.Form):
    name = _text("Name", 200, required=True, required_message="Enter a name")
    kind = _choice(
        "Who is this?", StakeholderKind.choices, "Choose whether this is a person, a group or an organisation"
    )
    role = _text("Role or job title (optional)", 200)
    organisation_name = _text("Organisation (optional)", 200)
    organisation_type = _choice(
        "Type of organisation (optional)",
        [("", "Not recorded"), *OrganisationType.choices],
        "Choose a type of organisation",
        radios=False,
        required=False,
    )
    formal_authority = _choice(
        "How much say do they have through their position?",
        [(value, AUTHORITY_PLAIN[value]) for value in FormalAuthority.values],
        "Choose how much say they have through their position",
        help_text="Their power to say yes or no through their position: budgets, contracts, sign-off.",
    )
    informal_influence = _choice(
        "How much do colleagues listen to them?",
        [(value, INFLUENCE_PLAIN[value]) for value in InformalInfluence.values],
        "Choose how much colleagues listen to them",
        help_text="How much colleagues listen to them and follow their lead, whatever their position.",
    )
    engagement_current = _choice(
        "How engaged are they now?",
        Engagement.choices,
        "Choose how engaged they are now",
        help_text=ENGAGEMENT_HINT,
    )
    engagement_desired = _choice(
        "How engaged do we want them to be?", Engagement.choices, "Choose how engaged you want them to be"
    )
    stance = _choice(
        "Where do they stand on the change?", Stance.choices, "Choose where they stand on the change"
    )
    interest = _text("What they care about (optional)", 2000, textarea=True)
    last_contact = DateBoxesField(
        label="Last contact (optional)", called="the date of last contact", required=False
    )
    notes = _text("Notes (optional)", 10000, textarea=True)
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        max_length=254,
        help_text="Only to send them pulse links if they have no account here. Viewers never see it.",
        error_messages={
            "invalid": "Enter an email address like name@example.nhs.uk",
            "max_length": "Email address must be 254 characters or fewer",
        },
    )
    version = _version_field()

    def __init__(self, *args: Any, programme: Programme, can_see_stance: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_see_stance:
            del self.fields["stance"]
        self.fields["owner"] = _member_field(
            programme,
            "Who keeps in touch with them? (optional)",
            "Nobody yet",
            "Choose a member of the programme to keep in touch with them",
            "",
        )
        self.fields["member"] = _member_field(
            programme,
            "Are they also a member of this programme? (optional)",
            "Not a member",
            "Choose a member of the programme, or “Not a member”",
            "Link them so they are counted once among the change leaders.",
        )

    def clean_last_contact(self) -> Any:
        from django.utils import timezone

        value = self.cleaned_data.get("last_contact")
        if value is not None and value > timezone.localdate():
            raise forms.ValidationError("The date of last contact must be today or in the past")
        return value

    def data_object(self) -> StakeholderData:
        c: dict[str, Any] = self.cleaned_data
        # Without the stance field (people who may not see it) the stance is None: left as it is.
        values: dict[str, Any] = {k: c.get(k) for k in StakeholderData.__dataclass_fields__}
        return StakeholderData(**values)


class MoveForm(forms.Form):
    formal_authority = StakeholderForm.base_fields["formal_authority"]
    informal_influence = StakeholderForm.base_fields["informal_influence"]
    version = _version_field()


class GoalForm(forms.Form):
    goal = forms.IntegerField(
        label="How many active change leaders are you aiming for?",
        min_value=1,
        max_value=MAX_GOAL,
        help_text="The evidence from large-scale change suggests a critical mass of about 100 people, "
        "not 10.",
        error_messages={
            "required": "Enter the goal as a number, like 100",
            "invalid": "Enter the goal as a number, like 100",
            "min_value": "The goal must be 1 or more",
            "max_value": f"The goal must be {MAX_GOAL:,} or fewer",
        },
    )
    version = _version_field()
