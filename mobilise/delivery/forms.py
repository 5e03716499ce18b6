"""Forms for leads, actions, risks, agreements, confirmations and system drivers.

Forms check what a person typed; services check that links stay inside the programme.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q

from mobilise.accounts.models import Organisation, User
from mobilise.core.dates import DateBoxesField
from mobilise.improvement.models import ChangeIdea
from mobilise.measurement.models import Measure
from mobilise.programmes.models import Programme
from mobilise.workspace.models import AlignmentEntry

from . import components
from .models import ActionStatus, Confirmation, LeverKind, Motivation, Pull, RiskStatus
from .reviews import PRINCIPLES

DATE_FORMATS = ["%d/%m/%Y", "%d %m %Y", "%Y-%m-%d", "%d-%m-%Y"]
SCORES = [(n, str(n)) for n in range(1, 6)]
LIKELIHOOD = [(1, "1 Rare"), (2, "2 Unlikely"), (3, "3 Possible"), (4, "4 Likely"), (5, "5 Almost certain")]
IMPACT = [(1, "1 Negligible"), (2, "2 Minor"), (3, "3 Moderate"), (4, "4 Major"), (5, "5 Catastrophic")]


def version_field() -> forms.IntegerField:
    return forms.IntegerField(
        required=False,
        min_value=0,
        widget=forms.HiddenInput,
        error_messages={"invalid": "Reload the page and make your changes again"},
    )


def text(label: str, max_length: int, *, required: str = "", area: bool = False, help_text: str = "") -> Any:
    what = label.split(" (")[0].rstrip("?")
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=bool(required),
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 3}) if area else forms.TextInput,
        error_messages={
            "required": required,
            "max_length": f"{what} must be {max_length:,} characters or fewer",
        },
    )


def date(
    label: str, *, required: str = "", help_text: str = "For example, 27 3 2026", not_in_future: bool = False
) -> DateBoxesField:
    called = "the " + label.split(" (")[0].lower()
    field = DateBoxesField(
        label=label, called=called, required=bool(required), help_text=help_text, not_in_future=not_in_future
    )
    if required:
        field.error_messages["required"] = required
    return field


def choice(label: str, options: Any, message: str, *, radios: bool = True, required: bool = True) -> Any:
    return forms.TypedChoiceField(
        label=label,
        choices=options,
        coerce=lambda v: int(v) if str(v).isdigit() else v,
        required=required,
        widget=forms.RadioSelect if radios else forms.Select,
        error_messages={"required": message, "invalid_choice": message},
    )


class NamedChoice(forms.ModelChoiceField[Any]):
    def label_from_instance(self, obj: Any) -> str:
        return str(getattr(obj, "display_name", None) or obj)


class PeopleChoice(forms.ModelMultipleChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return str(obj.display_name)


def members(programme: Programme, keep: Any = None) -> Any:
    """Members of the programme, plus whoever is already chosen (someone who has left stays visible)."""
    keep_ids = [k for k in (keep if isinstance(keep, list | tuple) else [keep]) if k]
    return (
        User.objects.filter(Q(memberships__programme=programme) | Q(pk__in=keep_ids))
        .distinct()
        .order_by("full_name", "email")
    )


def partners(programme: Programme) -> Any:
    return Organisation.objects.filter(programmes=programme).order_by("name")


def optional(queryset: Any, label: str, empty: str, message: str) -> NamedChoice:
    return NamedChoice(
        queryset=queryset,
        required=False,
        label=label,
        empty_label=empty,
        error_messages={"invalid_choice": message},
    )


def components_field(label: str = "Which components does it serve?", *, required: bool = True) -> Any:
    return forms.MultipleChoiceField(
        label=label,
        choices=components.choices(),
        required=required,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one component it serves",
            "invalid_choice": "Choose components from the list",
        },
    )


class LeadsForm(forms.Form):
    working_group = text(
        "Working group (optional)",
        2000,
        area=True,
        help_text="Anyone else helping, in your own words: names, teams or a group that meets.",
    )
    version = version_field()

    def __init__(self, *args: Any, programme: Programme, keep: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leads"] = PeopleChoice(
            queryset=members(programme, keep),
            required=False,
            label="Who leads this?",
            help_text="One or more people. Leaving it empty is fine: it stays an open invitation.",
            widget=forms.CheckboxSelectMultiple,
            error_messages={
                "invalid_choice": "Choose people from the list",
                "invalid_pk_value": "Choose people from the list",
            },
        )
        self.order_fields(["leads", "working_group"])


class PartnerLeadForm(forms.Form):
    version = version_field()

    def __init__(self, *args: Any, programme: Programme, keep: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead"] = optional(
            members(programme, keep),
            "Who leads for this partner?",
            "Nobody yet",
            "Choose a member of the programme",
        )
        self.order_fields(["lead"])


class ActionForm(forms.Form):
    title = text("What will be done?", 300, required="Enter what will be done")
    details = text("More detail (optional)", 5000, area=True)
    components = components_field()
    due_on = date("Due date (optional)")
    status = choice("Where is it now?", ActionStatus.choices, "Choose where the action is now")
    in_the_way = text(
        "What is in the way? (if stuck)",
        2000,
        area=True,
        help_text="Say what would unstick it, so others can help.",
    )
    version = version_field()

    def __init__(
        self, *args: Any, programme: Programme, keep_owner: int | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"] = optional(
            members(programme, keep_owner),
            "Who will do it? (optional)",
            "Nobody yet",
            "Choose a member of the programme",
        )
        self.fields["partner"] = optional(
            partners(programme),
            "For which partner organisation? (optional)",
            "Not one partner",
            "Choose a partner from the list",
        )
        self.fields["tension"] = optional(
            AlignmentEntry.objects.filter(programme=programme).order_by("first", "second", "pk"),
            "Does it act on something in the alignment grid? (optional)",
            "No",
            "Choose an entry of the alignment grid",
        )
        self.fields["change_idea"] = optional(
            ChangeIdea.objects.filter(programme=programme).order_by("title", "pk"),
            "Change idea it puts into practice (optional)",
            "None",
            "Choose a change idea from the list",
        )
        self.fields["measure"] = optional(
            Measure.objects.filter(programme=programme).order_by("name", "pk"),
            "Measure that will show it worked (optional)",
            "None",
            "Choose a measure from the list",
        )
        self.order_fields(
            ["title", "details", "components", "owner", "partner", "due_on", "status", "in_the_way"]
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("status") == ActionStatus.STUCK and not (cleaned.get("in_the_way") or "").strip():
            self.add_error("in_the_way", "Say what is in the way, so others can help")
        return cleaned


class RiskForm(forms.Form):
    title = text("The risk or issue", 300, required="Enter the risk or issue")
    cause = text("What could cause it? (optional)", 3000, area=True)
    consequence = text("What would happen? (optional)", 3000, area=True)
    purpose_impact = text(
        "Impact on our shared purpose",
        3000,
        required="Say how this would affect our shared purpose",
        area=True,
        help_text="How would this get in the way of what we are trying to achieve together?",
    )
    components = components_field(required=False, label="Which components does it touch? (optional)")
    likelihood = choice("How likely is it?", LIKELIHOOD, "Choose how likely it is")
    impact = choice("How bad would it be?", IMPACT, "Choose how bad it would be")
    mitigation = text("What we are doing about it (optional)", 3000, area=True)
    review_on = date("Next review date (optional)")
    status = choice("Is it still open?", RiskStatus.choices, "Choose whether the risk is still open")
    version = version_field()

    def __init__(
        self, *args: Any, programme: Programme, keep_owner: int | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"] = optional(
            members(programme, keep_owner),
            "Who owns it? (optional)",
            "Nobody yet",
            "Choose a member of the programme",
        )
        self.order_fields(
            ["title", "cause", "consequence", "purpose_impact", "components", "likelihood", "impact", "owner"]
        )


class AgreementForm(forms.Form):
    title = text("What did we agree?", 300, required="Enter what was agreed")
    details = text("More detail (optional)", 5000, area=True)
    decided_on = date("Date agreed", required="Enter the date it was agreed")
    where = text(
        "Where was it agreed? (optional)", 200, help_text="For example, the programme board on 4 March."
    )
    components = components_field(label="Which components does it touch?")
    version = version_field()


class ConfirmationForm(forms.Form):
    state = choice(
        "Does your organisation confirm this?",
        [(Confirmation.CONFIRMED, "Yes, we confirm it"), (Confirmation.CONCERNS, "We have concerns")],
        "Choose whether your organisation confirms it",
    )
    concern = text("What is the concern? (if any)", 3000, area=True)
    version = version_field()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("state") == Confirmation.CONCERNS and not (cleaned.get("concern") or "").strip():
            self.add_error("concern", "Say what the concern is")
        return cleaned


class DriverForm(forms.Form):
    name = text(
        "The lever",
        200,
        required="Enter the lever",
        help_text="For example, the community services contract.",
    )
    kind = choice(
        "What kind of lever is it?", LeverKind.choices, "Choose what kind of lever it is", radios=False
    )
    motivation = choice("What does it work through?", Motivation.choices, "Choose what it works through")
    holder = text("Who holds it? (optional)", 200)
    pull = choice("Which way does it pull?", Pull.choices, "Choose which way it pulls")
    how = text("How does it pull? (optional)", 3000, area=True)
    response = text("What will we do? (optional)", 3000, area=True)
    version = version_field()

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tension"] = optional(
            AlignmentEntry.objects.filter(programme=programme).order_by("first", "second", "pk"),
            "Linked entry in the alignment grid (optional)",
            "None",
            "Choose an entry of the alignment grid",
        )


class ReviewStartForm(forms.Form):
    title = text(
        "Name of the review",
        200,
        required="Enter a name for the review",
        help_text="For example, “Spring review”.",
    )
    held_on = date("Date of the review", required="Enter the date of the review")
    version = version_field()  # a new review: always 0, like every add form that shows a default


class ReviewForm(forms.Form):
    decided = text("What did we decide?", 10000, area=True)
    version = version_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i, prompt in enumerate(PRINCIPLES, start=1):
            self.fields[f"principle_{i}"] = text(f"{prompt} (optional)", 2000, area=True)

    def reflections(self) -> dict[str, str]:
        return {k: v for k, v in self.cleaned_data.items() if k.startswith("principle_") and v}


class CloseForm(forms.Form):
    version = version_field()


class PromptDismissForm(forms.Form):
    reason = forms.CharField(max_length=80)
    back = forms.CharField(max_length=20, required=False)


class MilestoneForm(forms.Form):
    title = text("The milestone", 300, required="Enter the milestone")
    due_on = date(
        "Date",
        required="Enter the date of the milestone",
        help_text="A date in the past is fine: it records history. For example, 27 3 2026",
    )
    components = components_field(required=False, label="Which components does it mark? (optional)")
    target = text(
        "What will show it is reached? (optional)",
        300,
        help_text="For example, 80% of referrals through the shared form.",
    )
    reached_on = date("Date reached (optional)", not_in_future=True)
    version = version_field()

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measure"] = optional(
            Measure.objects.filter(programme=programme).order_by("name", "pk"),
            "Measure that will show it (optional)",
            "None",
            "Choose a measure from the list",
        )
        self.order_fields(["title", "due_on", "components", "measure", "target", "reached_on"])
