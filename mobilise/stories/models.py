"""The programme's story (of self, of us, of now) and the stories people tell about care."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from mobilise.core.bin import BinnableModel
from mobilise.core.concurrency import VersionedModel
from mobilise.measurement.models import Measure
from mobilise.pdsa.models import TestOfChange
from mobilise.programmes.models import Programme
from mobilise.workspace.models import COMPONENT_CHOICES, Audience

NARRATIVE_FIELDS = ("self_text", "us_text", "now_text")


class Narrative(VersionedModel):
    """The programme's story: why I care, what we share, why act now. Every save is a revision."""

    programme = models.OneToOneField(Programme, on_delete=models.CASCADE, related_name="narrative")
    self_text = models.TextField("a story of self: why I care", max_length=5000, blank=True)
    us_text = models.TextField("a story of us: what we share", max_length=5000, blank=True)
    now_text = models.TextField("a story of now: why act now", max_length=5000, blank=True)
    # The stage the programme was at when the story was last saved: a new stage asks for a refresh.
    stage_when_written = models.CharField(max_length=16, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    def __str__(self) -> str:
        return f"The story of {self.programme}"

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, f).strip() for f in NARRATIVE_FIELDS)


class AudienceNarrative(VersionedModel):
    """The same story told for one audience (their words, their concerns)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    audience = models.ForeignKey(Audience, on_delete=models.CASCADE, related_name="+")
    self_text = models.TextField("a story of self: why I care", max_length=5000, blank=True)
    us_text = models.TextField("a story of us: what we share", max_length=5000, blank=True)
    now_text = models.TextField("a story of now: why act now", max_length=5000, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "audience"], name="one_story_per_audience")
        ]

    def __str__(self) -> str:
        return f"The story of {self.programme} for {self.audience}"


class StoryKind(models.TextChoices):
    PATIENT = "patient", "A patient's story"
    CARER = "carer", "A carer's story"
    STAFF = "staff", "A staff story"
    COMMUNITY = "community", "A community story"
    IDEA = "idea", "An idea"


class ConsentUse(models.TextChoices):
    PROGRAMME = "programme", "Only within this programme"
    SHARED = "shared", "Within this programme and in the shared library for other NHS teams"


class StoryStatus(models.TextChoices):
    WAITING = "waiting", "Waiting to be read"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Not used"


def shown_q() -> models.Q:
    """Stories that may be shown: accepted, not withdrawn, consent not run out (the bin hides the rest)."""
    return models.Q(status=StoryStatus.ACCEPTED, withdrawn_at__isnull=True) & (
        models.Q(consent_until__isnull=True) | models.Q(consent_until__gte=timezone.localdate())
    )


class Story(BinnableModel, VersionedModel):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="stories")
    kind = models.CharField(max_length=16, choices=StoryKind.choices, default=StoryKind.PATIENT)
    title = models.CharField(max_length=200)
    body = models.TextField(max_length=5000)
    teller = models.CharField("who told it", max_length=200, blank=True)
    anonymised = models.BooleanField(default=False)
    consent_by = models.CharField("who consented", max_length=200, blank=True)
    consent_use = models.CharField(max_length=16, choices=ConsentUse.choices, default=ConsentUse.PROGRAMME)
    consent_until = models.DateField(null=True, blank=True)
    component = models.CharField(max_length=32, choices=COMPONENT_CHOICES, blank=True)
    measures = models.ManyToManyField(Measure, blank=True, related_name="+")
    tests_of_change = models.ManyToManyField(TestOfChange, blank=True, related_name="+")
    status = models.CharField(max_length=16, choices=StoryStatus.choices, default=StoryStatus.ACCEPTED)
    from_public_link = models.BooleanField(default=False)
    # A one-way hash of the sender's address and the day, only for limiting how often one sender posts.
    sender_key = models.CharField(max_length=64, blank=True, db_index=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["sender_key"])

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["programme", "status", "created_at"])]

    def __str__(self) -> str:
        return self.title

    def bin_label(self) -> str:
        return f"Story: {self.title}"

    @property
    def shown_teller(self) -> str:
        return "Anonymous" if self.anonymised or not self.teller.strip() else self.teller


class ShareLink(models.Model):
    """The "share your story or idea" page; a new nonce makes old links and QR codes stop working."""

    programme = models.OneToOneField(Programme, on_delete=models.CASCADE, related_name="share_link")
    nonce = models.CharField(max_length=32)
    is_open = models.BooleanField(default=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Share page for {self.programme}"
