"""What a programme writes about each Change Model component, and how components align."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from mobilise.core.bin import BinnableModel
from mobilise.core.concurrency import VersionedModel
from mobilise.programmes.models import Programme

from .components import COMPONENTS

COMPONENT_CHOICES = [(c.key, c.name) for c in COMPONENTS]


class Status(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    EXPLORING = "exploring", "Exploring"
    IN_PLACE = "in_place", "In place"
    NEEDS_ATTENTION = "needs_attention", "Needs attention"


class ComponentState(VersionedModel):
    """The team's own view of where a component stands: theirs to set, never a score."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="component_states")
    component = models.CharField(max_length=32, choices=COMPONENT_CHOICES)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "component"], name="one_state_per_component")
        ]

    def __str__(self) -> str:
        return f"{self.get_component_display()}: {self.get_status_display()}"


class NoteKind(models.TextChoices):
    NOTE = "note", "Note"
    DECISION = "decision", "Decision"
    EVIDENCE = "evidence", "Evidence"


class Note(BinnableModel, VersionedModel):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="notes")
    component = models.CharField(max_length=32, choices=COMPONENT_CHOICES)
    kind = models.CharField(max_length=16, choices=NoteKind.choices, default=NoteKind.NOTE)
    title = models.CharField(max_length=200)
    body = models.TextField(max_length=20000, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["programme", "component"])]

    def __str__(self) -> str:
        return self.title

    def bin_label(self) -> str:
        return f"{self.get_kind_display()}: {self.title} ({self.get_component_display()})"


class Relationship(models.TextChoices):
    REINFORCING = "reinforcing", "They reinforce each other"
    TENSION = "tension", "They pull apart"


class TensionStatus(models.TextChoices):
    OPEN = "open", "Open"
    ADDRESSED = "addressed", "Being addressed"
    SETTLED = "settled", "Settled"


class AlignmentEntry(BinnableModel, VersionedModel):
    """How two components reinforce or pull against each other, and what the team will do."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="alignments")
    first = models.CharField(max_length=32, choices=COMPONENT_CHOICES)
    second = models.CharField(max_length=32, choices=COMPONENT_CHOICES)
    relationship = models.CharField(max_length=16, choices=Relationship.choices)
    description = models.TextField(
        "how they interact",
        max_length=5000,
        help_text="For example: intrinsic motivation versus contract levers.",
    )
    action = models.TextField("what we will do about it", max_length=5000, blank=True)
    status = models.CharField(max_length=16, choices=TensionStatus.choices, default=TensionStatus.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["first", "second", "-created_at"]
        verbose_name_plural = "alignment entries"

    def __str__(self) -> str:
        return f"{self.get_first_display()} and {self.get_second_display()}"

    def bin_label(self) -> str:
        return f"Alignment: {self} ({self.get_relationship_display().lower()})"

    @property
    def is_open_tension(self) -> bool:
        return self.relationship == Relationship.TENSION and self.status == TensionStatus.OPEN


class Audience(BinnableModel, VersionedModel):
    """A named audience (clinicians, public, board) with its own words for the workspace."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="audiences")
    name = models.CharField(max_length=80)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def bin_label(self) -> str:
        return f"Audience words: {self.name}"


class Term(models.Model):
    audience = models.ForeignKey(Audience, on_delete=models.CASCADE, related_name="terms")
    key = models.CharField(max_length=40)
    text = models.CharField(max_length=120)

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["audience", "key"], name="one_term_per_key")]

    def __str__(self) -> str:
        return f"{self.key} → {self.text}"


class AudienceChoice(models.Model):
    """Which audience's words a member has chosen to see the workspace in."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    audience = models.ForeignKey(Audience, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["programme", "user"], name="one_audience_choice")]

    def __str__(self) -> str:
        return f"{self.user} sees {self.programme} in the words for {self.audience}"
