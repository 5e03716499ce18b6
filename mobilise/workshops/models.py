"""Sessions a facilitator runs with a programme, what came of them, and anonymous feedback on them."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from mobilise.accounts.models import Organisation
from mobilise.core.bin import BinnableModel
from mobilise.core.concurrency import VersionedModel
from mobilise.programmes.models import Programme
from mobilise.workspace.models import COMPONENT_CHOICES

from .themes import THEME_CHOICES, Kind


def new_token() -> str:
    return secrets.token_urlsafe(18)


class ThemeQuerySet(models.QuerySet["Theme"]):
    def live(self) -> ThemeQuerySet:
        return self.filter(archived=False)


class Theme(VersionedModel):
    """A workshop theme a programme plans sessions from: its own copy, edited freely.

    Retiring a theme archives it: it leaves the planning form, and sessions planned from it keep
    their own copy of its title and agenda.
    """

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="workshop_themes")
    # Which starter theme this began as ("vision", "data"...); blank for a theme the team added.
    key = models.CharField(max_length=20, blank=True)
    title = models.CharField(max_length=200)
    component = models.CharField(max_length=32, choices=COMPONENT_CHOICES)
    agenda = models.TextField("default agenda", max_length=5000, blank=True)
    position = models.PositiveIntegerField(default=0)
    archived = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ThemeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        indexes = [
            models.Index(fields=["programme", "archived", "position"], name="workshop_themes_in_order")
        ]

    def __str__(self) -> str:
        return self.title


class Series(BinnableModel, VersionedModel):
    """A run of workshops with one programme, planned together."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="session_series")
    title = models.CharField(max_length=200)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "series"

    def __str__(self) -> str:
        return self.title

    def bin_label(self) -> str:
        return f"Workshop series: {self.title}"


class Session(BinnableModel, VersionedModel):
    """One workshop, huddle, debrief, peer assist or action-learning set."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="sessions")
    series = models.ForeignKey(
        Series, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.WORKSHOP)
    theme = models.CharField(max_length=20, choices=THEME_CHOICES, blank=True)
    # The theme this session was planned from; its title and agenda were copied, so editing or
    # archiving the theme later never rewrites the session.
    planned_from = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions"
    )
    component = models.CharField(max_length=32, choices=COMPONENT_CHOICES, blank=True)
    title = models.CharField(max_length=200)
    held_on = models.DateField()
    place = models.CharField("place or joining link", max_length=500, blank=True)
    agenda = models.TextField(max_length=5000, blank=True)
    notes = models.TextField(max_length=10000, blank=True)
    learnt = models.TextField("what we learnt", max_length=5000, blank=True)
    organisations = models.ManyToManyField(Organisation, blank=True, related_name="+")
    people_count = models.PositiveIntegerField("how many people came", null=True, blank=True)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The secret in the feedback link and QR code; a new one closes the old link.
    feedback_token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    feedback_open = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[organisations], excluded_fields=["updated_at"])

    class Meta:
        ordering = ["held_on", "pk"]
        indexes = [
            models.Index(fields=["programme", "held_on"], name="workshops_by_date"),
            models.Index(fields=["facilitator", "held_on"], name="workshops_by_facilitator"),
        ]

    def __str__(self) -> str:
        return self.title

    def bin_label(self) -> str:
        return f"{self.get_kind_display()}: {self.title} ({self.held_on:%d %b %Y})"


class Action(VersionedModel):
    """Something agreed in a session. Until it is done it is carried into the next session's agenda."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="actions")
    text = models.CharField("what will be done", max_length=300)
    owner = models.CharField("who will do it", max_length=120, blank=True)
    done_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def is_done(self) -> bool:
        return self.done_on is not None


class Pace(models.IntegerChoices):
    TOO_SLOW = 1, "Too slow"
    BIT_SLOW = 2, "A bit slow"
    RIGHT = 3, "About right"
    BIT_FAST = 4, "A bit fast"
    TOO_FAST = 5, "Too fast"


class Rating(models.IntegerChoices):
    POOR = 1, "Poor"
    FAIR = 2, "Fair"
    GOOD = 3, "Good"
    VERY_GOOD = 4, "Very good"
    EXCELLENT = 5, "Excellent"


class Feedback(models.Model):
    """One anonymous answer to the on-the-day form. Nothing here says who sent it, or when exactly."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="feedback")
    pace = models.PositiveSmallIntegerField(choices=Pace.choices)
    usefulness = models.PositiveSmallIntegerField(choices=Rating.choices)
    facilitation = models.PositiveSmallIntegerField(choices=Rating.choices)
    recommend = models.PositiveSmallIntegerField()
    change = models.TextField("one thing to change", max_length=1000, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(recommend__lte=10), name="recommend_0_to_10"),
        ]

    def __str__(self) -> str:
        return f"Feedback on {self.session_id}"


class DeviceReceipt(models.Model):
    """That some device has answered a form: a keyed hash of a random cookie, never a person."""

    scope = models.CharField(max_length=40)
    digest = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scope", "digest"], name="one_answer_per_device")]

    def __str__(self) -> str:
        return self.scope


class Evaluation(BinnableModel, VersionedModel):
    """A short evaluation of the programme itself, opened at a point the team chooses."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="evaluations")
    title = models.CharField(max_length=200)
    token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    is_open = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def bin_label(self) -> str:
        return f"Programme evaluation: {self.title}"


class Slower(models.IntegerChoices):
    MUCH = 3, "Much slower"
    BIT = 2, "A bit slower"
    SAME = 1, "No different"
    DONT_KNOW = 0, "I do not know"


class EvaluationAnswer(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="answers")
    slower = models.PositiveSmallIntegerField(
        "without the programme, this change would have been", choices=Slower.choices
    )
    helped = models.TextField("what helped", max_length=1000, blank=True)
    hindered = models.TextField("what got in the way", max_length=1000, blank=True)

    def __str__(self) -> str:
        return f"Answer to {self.evaluation_id}"


class ValueCase(BinnableModel, VersionedModel):
    """A simple value case for a change idea or the programme, with its assumptions written down."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="value_cases")
    title = models.CharField("what this value case is for", max_length=200)
    costs = models.DecimalField("costs (£)", max_digits=12, decimal_places=0, null=True, blank=True)
    cost_notes = models.TextField("what the costs are", max_length=3000, blank=True)
    cashable = models.DecimalField(
        "cashable benefits (£ a year)", max_digits=12, decimal_places=0, null=True, blank=True
    )
    non_cashable = models.TextField("benefits that cannot be banked", max_length=3000, blank=True)
    hours_released = models.PositiveIntegerField("staff time released (hours a month)", null=True, blank=True)
    measures = models.ManyToManyField("measurement.Measure", blank=True, related_name="+")
    assumptions = models.TextField(max_length=5000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[measures])

    class Meta:
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    def bin_label(self) -> str:
        return f"Value case: {self.title}"
