"""Forms for the programme's story, for stories, and for the public share page."""

from __future__ import annotations

import html
import re
import time
from datetime import date, timedelta
from typing import Any

import nh3
from django import forms
from django.core import signing
from django.utils import timezone

from mobilise.core.dates import DateBoxesField
from mobilise.measurement.models import Measure
from mobilise.pdsa.models import TestOfChange
from mobilise.purpose.forms import REASON_MAX_LENGTH, TextBlock
from mobilise.workspace.models import COMPONENT_CHOICES

from .models import ConsentUse, StoryKind

VERSION_ERRORS = {
    "invalid": "Reload the page and make your changes again",
    "min_value": "Reload the page and make your changes again",
}
STORY_MAX = 5000
TITLE_MAX = 200
MAX_LINKS = 2
# A person needs a few seconds at least to read the page and write something; a script does not.
MIN_SECONDS = 3
MAX_FORM_AGE = 60 * 60 * 24
STARTED_SALT = "mobilise.stories.started"
LINK_PATTERN = re.compile(r"(https?://|www\.)\S+|\b[\w-]+\.(com|org|net|uk|io|ru|info|biz)\b", re.IGNORECASE)


def _version() -> forms.IntegerField:
    return forms.IntegerField(
        required=False, min_value=0, widget=forms.HiddenInput, error_messages=VERSION_ERRORS
    )


class NarrativeForm(forms.Form):
    self_text = TextBlock(
        label="A story of self: why I care",
        max_length=5000,
        short_name="The story of self",
        help_text="A moment that made this matter to you: a patient, a colleague, a day you remember.",
    )
    us_text = TextBlock(
        label="A story of us: what we share",
        max_length=5000,
        short_name="The story of us",
        help_text="What the people you need have in common: the values and experiences you share.",
    )
    now_text = TextBlock(
        label="A story of now: why act now",
        max_length=5000,
        short_name="The story of now",
        help_text="What is at stake if nothing changes, what people can do, and why this is the moment.",
    )
    reason = TextBlock(
        label="What changed and why (optional)",
        max_length=REASON_MAX_LENGTH,
        short_name="The note",
        help_text="A short note for the history, for example “Refreshed after we moved to testing changes”.",
    )
    version = _version()


class AudienceNarrativeForm(forms.Form):
    self_text = TextBlock(label="Why I care", max_length=5000, short_name="Why I care")
    us_text = TextBlock(label="What we share", max_length=5000, short_name="What we share")
    now_text = TextBlock(label="Why act now", max_length=5000, short_name="Why act now")
    version = _version()


def clean_text(value: str) -> str:
    """Any HTML is removed, leaving only the words; line breaks are kept."""
    text = nh3.clean(value, tags=set(), attributes={}, strip_comments=True)
    # nh3 escapes what it keeps; the text is escaped again when shown, so undo its escaping here.
    return html.unescape(text).strip()


class StoryForm(forms.Form):
    kind = forms.ChoiceField(
        label="What kind of story is it?", choices=StoryKind.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(
        label="A short title",
        max_length=TITLE_MAX,
        error_messages={
            "required": "Enter a short title",
            "max_length": "The title must be 200 characters or fewer",
        },
    )
    body = forms.CharField(
        label="The story",
        max_length=STORY_MAX,
        widget=forms.Textarea,
        error_messages={
            "required": "Enter the story",
            "max_length": f"The story must be {STORY_MAX:,} characters or fewer",
        },
    )
    teller = forms.CharField(label="Who told it (optional)", max_length=200, required=False)
    anonymised = forms.BooleanField(label="Do not show who told it", required=False)
    consent_by = forms.CharField(
        label="Who gave consent",
        max_length=200,
        help_text="The person who told the story, or who agreed on their behalf.",
        error_messages={"required": "Enter who gave consent"},
    )
    consent_use = forms.ChoiceField(
        label="What they agreed it may be used for",
        choices=ConsentUse.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the story may be used for"},
    )
    consent_until = DateBoxesField(
        label="Consent lasts until (optional)",
        called="the date consent lasts until",
        required=False,
        help_text="For example, 31 3 2027. Leave blank if there is no end date.",
    )
    component = forms.ChoiceField(
        label="Which part of the change model it speaks to (optional)",
        choices=[("", "None in particular"), *COMPONENT_CHOICES],
        required=False,
    )
    measures = forms.ModelMultipleChoiceField(
        label="Measures it relates to (optional)", queryset=Measure.objects.none(), required=False
    )
    tests_of_change = forms.ModelMultipleChoiceField(
        label="Tests of change it relates to (optional)", queryset=TestOfChange.objects.none(), required=False
    )
    version = _version()

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        measures: Any = self.fields["measures"]
        measures.queryset = Measure.objects.filter(programme=programme).order_by("name")
        tests: Any = self.fields["tests_of_change"]
        tests.queryset = TestOfChange.objects.filter(programme=programme).order_by("-pk")

    def clean_title(self) -> str:
        return clean_text(self.cleaned_data["title"])

    def clean_body(self) -> str:
        return clean_text(self.cleaned_data["body"])

    def clean_consent_until(self) -> date | None:
        until: date | None = self.cleaned_data.get("consent_until")
        if until is not None and until < timezone.localdate():
            raise forms.ValidationError("The consent end date must be today or in the future")
        return until


# The public page -----------------------------------------------------------------------------

HOW_LONG = [("1", "For 1 year"), ("3", "For 3 years"), ("0", "Until I ask for it to be removed")]


class ConsentForm(forms.Form):
    consent_use = forms.ChoiceField(
        label="Who may read your story?",
        choices=[
            (ConsentUse.PROGRAMME.value, "Only the team running this work"),
            (
                ConsentUse.SHARED.value,
                "The team, and other NHS teams on Mobilise who are working on similar things",
            ),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who may read your story"},
    )
    how_long = forms.ChoiceField(
        label="How long may they keep it?",
        choices=HOW_LONG,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how long they may keep your story"},
    )
    agree = forms.BooleanField(
        label="I agree that the team may read my story and use it as I have chosen above",
        error_messages={"required": "Tick the box to say you agree, or close this page if you do not"},
    )

    def consent_until(self) -> date | None:
        years = int(self.cleaned_data["how_long"])
        return timezone.localdate() + timedelta(days=365 * years) if years else None


def started_stamp() -> str:
    return signing.dumps(time.time(), salt=STARTED_SALT)


class PublicStoryForm(forms.Form):
    kind = forms.ChoiceField(
        label="What would you like to share?",
        choices=[
            (StoryKind.PATIENT.value, "My experience as a patient"),
            (StoryKind.CARER.value, "My experience as a carer"),
            (StoryKind.STAFF.value, "My experience as a member of staff"),
            (StoryKind.COMMUNITY.value, "Something from my community"),
            (StoryKind.IDEA.value, "An idea"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what you would like to share"},
    )
    title = forms.CharField(
        label="Give it a short title",
        max_length=TITLE_MAX,
        error_messages={
            "required": "Enter a short title",
            "max_length": "The title must be 200 characters or fewer",
        },
    )
    body = forms.CharField(
        label="Your story or idea",
        max_length=STORY_MAX,
        widget=forms.Textarea,
        help_text="Please do not include other people's names or anything that could identify them.",
        error_messages={
            "required": "Write your story or idea",
            "max_length": f"Your story must be {STORY_MAX:,} characters or fewer",
        },
    )
    teller = forms.CharField(label="Your first name (optional)", max_length=100, required=False)
    anonymised = forms.BooleanField(label="Do not show my name with my story", required=False)
    # Hidden from people (and from screen readers); only a script fills it in.
    website = forms.CharField(required=False, max_length=200)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def is_bot(self) -> bool:
        """Filled the hidden field, or sent a form we never gave out: quietly ignored."""
        if self.cleaned_data.get("website"):
            return True
        return self._age() is None

    def _age(self) -> float | None:
        try:
            started = float(signing.loads(self.cleaned_data.get("started") or "", salt=STARTED_SALT))
        except (signing.BadSignature, ValueError, TypeError):
            return None
        age = time.time() - started
        return age if 0 <= age <= MAX_FORM_AGE else None

    def clean_title(self) -> str:
        return clean_text(self.cleaned_data["title"])

    def clean_body(self) -> str:
        body = clean_text(self.cleaned_data["body"])
        if not body:
            raise forms.ValidationError("Write your story or idea")
        if len(LINK_PATTERN.findall(body)) > MAX_LINKS:
            raise forms.ValidationError(f"Your story can include at most {MAX_LINKS} web addresses")
        return body

    def clean_teller(self) -> str:
        return clean_text(self.cleaned_data.get("teller") or "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        age = self._age()
        if age is not None and age < MIN_SECONDS and not self.errors:
            raise forms.ValidationError(
                "That was sent very quickly. Please check your story, then send it again."
            )
        return data
