"""Pulses: short repeated check-ins on energy, belonging and agency, kept anonymous by design.

What is stored about answers is counts, never a person's set of answers:
- `AnswerTally`: how many people in a wave, organisation type and role group gave each score to
  each question;
- `PeopleTally`: how many people answered in each wave and group, and where they sit on the
  belonging 2x2 (computed at the moment of answering and then forgotten);
- `Comment`: free text, with no group, person or time beside it.
An `Invitation` holds an email address (to send and remind) and an HMAC of the link's token (the
token itself is never stored, and the HMAC key lives outside the database). Nothing joins an
invitation to the counts it added to.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from mobilise.accounts.models import OrganisationType
from mobilise.core.bin import BinnableModel
from mobilise.core.concurrency import VersionedModel
from mobilise.disclosure import NHS_THRESHOLD
from mobilise.programmes.models import Programme


class Cadence(models.IntegerChoices):
    FORTNIGHTLY = 14, "Every two weeks"
    MONTHLY = 28, "Every four weeks"
    QUARTERLY = 91, "Every three months"


class RoleGroup(models.TextChoices):
    CLINICAL = "clinical", "Clinical or care staff"
    MANAGEMENT = "management", "Manager or leader"
    SUPPORT = "support", "Support, admin or technical"
    PUBLIC = "public", "Patient, carer or member of the public"
    OTHER = "other", "Something else"


class Kind(models.TextChoices):
    SCALE = "scale", "Agree or disagree (1 to 5)"
    TEXT = "text", "Free text"


class Theme(models.TextChoices):
    ENERGY = "energy", "Energy"
    BELONGING = "belonging", "Belonging"
    AGENCY = "agency", "Agency"
    COMMITMENT = "commitment", "Commitment"
    VALUES = "values", "Values"
    COMMENT = "comment", "In their own words"
    OTHER = "other", "Your own question"


ORG_TYPES = [("", "Prefer not to say"), *OrganisationType.choices]
ROLE_GROUPS = [("", "Prefer not to say"), *RoleGroup.choices]
SCALE = (1, 2, 3, 4, 5)
AGREE_FROM = 4  # 4 "agree" and 5 "strongly agree"
MAX_QUESTIONS = 10


class Quadrant(models.IntegerChoices):
    UNKNOWN = 0, "Did not say"
    EXCLUSION = 1, "Exclusion"
    ASSIMILATION = 2, "Assimilation"
    DIFFERENTIATION = 3, "Differentiation"
    INCLUSION = 4, "Inclusion"


class Pulse(BinnableModel, VersionedModel):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="pulses")
    name = models.CharField(max_length=200)
    cadence = models.PositiveSmallIntegerField(choices=Cadence.choices, default=Cadence.MONTHLY)
    threshold = models.PositiveSmallIntegerField(
        "smallest group shown",
        default=NHS_THRESHOLD,
        validators=[MinValueValidator(NHS_THRESHOLD)],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name


class Question(VersionedModel):
    pulse = models.ForeignKey(Pulse, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(max_length=40)
    text = models.CharField(max_length=300)
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.SCALE)
    theme = models.CharField(max_length=16, choices=Theme.choices, default=Theme.OTHER)
    position = models.PositiveSmallIntegerField(default=0)
    asked_by_default = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["pulse", "key"], name="pulse_question_key")]

    def __str__(self) -> str:
        return self.text


class Wave(models.Model):
    pulse = models.ForeignKey(Pulse, on_delete=models.CASCADE, related_name="waves")
    number = models.PositiveSmallIntegerField()
    opens_on = models.DateField()
    closes_on = models.DateField()
    questions = models.ManyToManyField(Question, related_name="waves")
    invited = models.PositiveIntegerField(default=0)
    answered = models.PositiveIntegerField(default=0)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["answered"])

    class Meta:
        ordering = ["pulse", "number"]
        constraints = [models.UniqueConstraint(fields=["pulse", "number"], name="pulse_wave_number")]

    def __str__(self) -> str:
        return f"Wave {self.number}"


class Invitation(models.Model):
    """The right to answer one wave once. The token is never stored: only its HMAC."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    token_hmac = models.CharField(max_length=64, unique=True)
    used = models.BooleanField(default=False)
    # What the background worker still has to email: "ask" (the first link) or "remind" (a new one).
    outbox = models.CharField(max_length=8, blank=True, default="")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["wave", "email"], name="pulse_invitation_once")]

    def __str__(self) -> str:
        return f"Link for wave {self.wave_id}"


class AnswerTally(models.Model):
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="answer_tallies")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="tallies")
    org_type = models.CharField(max_length=32, blank=True)
    role_group = models.CharField(max_length=16, blank=True)
    value = models.PositiveSmallIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "question", "org_type", "role_group", "value"], name="pulse_answer_tally"
            )
        ]

    def __str__(self) -> str:
        return f"Answers counted in wave {self.wave_id}"


class PeopleTally(models.Model):
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="people_tallies")
    org_type = models.CharField(max_length=32, blank=True)
    role_group = models.CharField(max_length=16, blank=True)
    quadrant = models.PositiveSmallIntegerField(choices=Quadrant.choices, default=Quadrant.UNKNOWN)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "org_type", "role_group", "quadrant"], name="pulse_people_tally"
            )
        ]

    def __str__(self) -> str:
        return f"People counted in wave {self.wave_id}"


class Comment(models.Model):
    """Free text, with nothing beside it that could say whose it is."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="comments")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="comments")
    text = models.TextField(max_length=2000)
    redacted = models.BooleanField(default=False)

    history = HistoricalRecords(excluded_fields=["text"])

    def __str__(self) -> str:
        return f"Comment in wave {self.wave_id}"
