"""Relationship surveys: who people go to, collected by name-generator questions or imported."""

from __future__ import annotations

import secrets
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from mobilise.accounts.models import OrganisationType
from mobilise.core.bin import BinnableModel
from mobilise.core.concurrency import VersionedModel
from mobilise.programmes.models import Programme

from ..replays import form_key_field
from .register import Stakeholder


class SurveySource(models.TextChoices):
    ANSWERS = "answers", "Answers to the survey"
    IMPORT = "import", "An imported list of ties"


class Survey(BinnableModel, VersionedModel):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="surveys")
    title = models.CharField(max_length=200)
    introduction = models.TextField(max_length=2000, blank=True)
    consent_statement = models.TextField(max_length=2000, blank=True)
    opens_on = models.DateField()
    closes_on = models.DateField()
    source = models.CharField(max_length=8, choices=SurveySource.choices, default=SurveySource.ANSWERS)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    form_key = form_key_field()

    history = HistoricalRecords(excluded_fields=["updated_at", "form_key"])

    class Meta:
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "form_key"],
                condition=~models.Q(form_key=""),
                name="one_survey_per_form_key",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def bin_label(self) -> str:
        return f"Relationship survey: {self.title}"

    @property
    def is_imported(self) -> bool:
        return self.source == SurveySource.IMPORT

    def is_open_on(self, day: date | None = None) -> bool:
        day = day or timezone.localdate()
        return not self.is_imported and self.opens_on <= day <= self.closes_on


class Question(models.Model):
    """A name generator: "Who do you go to for advice about improving this service?"."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=300)

    class Meta:
        ordering = ["survey", "position"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "position"], name="one_question_per_position")
        ]

    def __str__(self) -> str:
        return self.text


class RosterEntry(models.Model):
    """Someone who can be named in a survey: a member, a stakeholder or a name typed by a respondent.

    `number` is a stable, random pseudonym ("Person 17") for the anonymised view.
    """

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="roster")
    key = models.CharField(max_length=40)
    number = models.PositiveIntegerField()
    name = models.CharField(max_length=200)
    organisation_name = models.CharField(max_length=200, blank=True)
    organisation_type = models.CharField(max_length=32, choices=OrganisationType.choices, blank=True)
    formal_authority = models.BooleanField(null=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    stakeholder = models.ForeignKey(
        Stakeholder, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    typed_in = models.BooleanField(default=False, help_text="Named by a respondent, not on the roster.")

    class Meta:
        ordering = ["survey", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "key"], name="one_roster_key_per_survey"),
            models.UniqueConstraint(fields=["survey", "number"], name="one_pseudonym_per_survey"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def pseudonym(self) -> str:
        return f"Person {self.number}"


def new_nonce() -> str:
    return secrets.token_urlsafe(12)


class Respondent(models.Model):
    """Someone asked to answer the survey. Their single-use link carries a signed id and nonce."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="respondents")
    entry = models.OneToOneField(RosterEntry, on_delete=models.CASCADE, related_name="respondent")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    link_nonce = models.CharField(max_length=32, default=new_nonce)
    consented_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    used_link = models.BooleanField(default=False, help_text="Answered through the link, not signed in.")
    step = models.PositiveSmallIntegerField(default=0, help_text="The last question they reached.")
    # Sending by email: `outbox` says what the worker still has to send them ("ask" or "remind").
    outbox = models.CharField(max_length=8, blank=True, default="")
    emailed_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["survey", "pk"]
        indexes = [models.Index(fields=["survey", "submitted_at"])]

    def __str__(self) -> str:
        return f"Respondent {self.pk} to {self.survey_id}"


class Tie(models.Model):
    """One person naming another, in answer to a question (or from an imported edge list)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="ties")
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.CASCADE, related_name="ties"
    )
    source = models.ForeignKey(RosterEntry, on_delete=models.CASCADE, related_name="ties_out")
    target = models.ForeignKey(RosterEntry, on_delete=models.CASCADE, related_name="ties_in")
    weight = models.FloatField(default=1.0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "question", "source", "target"], name="one_tie_per_answer"
            )
        ]
        indexes = [models.Index(fields=["survey", "source"])]

    def __str__(self) -> str:
        return f"{self.source_id} → {self.target_id}"


class AnalysisStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    DONE = "done", "Finished"
    FAILED = "failed", "Could not finish"


class NetworkAnalysis(models.Model):
    """One run of the network engine over a survey's ties, computed in the background."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="analyses")
    status = models.CharField(max_length=8, choices=AnalysisStatus.choices, default=AnalysisStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    step = models.CharField(max_length=200, blank=True)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "network analyses"

    def __str__(self) -> str:
        return f"Analysis {self.pk} of {self.survey_id} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (AnalysisStatus.DONE, AnalysisStatus.FAILED)


class IntroductionChoice(models.TextChoices):
    CONFIRMED = "confirmed", "Worth making"
    DISMISSED = "dismissed", "Not for now"


class IntroductionDecision(models.Model):
    """A person's decision on a suggested introduction: the engine suggests, people decide."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="introduction_decisions")
    first = models.ForeignKey(RosterEntry, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(RosterEntry, on_delete=models.CASCADE, related_name="+")
    decision = models.CharField(max_length=12, choices=IntroductionChoice.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "first", "second"], name="one_decision_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.first_id} and {self.second_id}: {self.decision}"
