"""Tests of change (Plan, Do, Study, Act cycles), their attachments, and imports of old PDSA logs."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any
from uuid import uuid4

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from mobilise.accounts.models import Organisation
from mobilise.core.bin import BinnableModel
from mobilise.core.concurrency import VersionedModel
from mobilise.improvement.models import ChangeIdea
from mobilise.programmes.models import Programme

from .choices import Outcome, PredictionResult, Stage


class TestOfChange(BinnableModel, VersionedModel):
    """One small test of a change idea, run by a team at a site: a whole PDSA cycle."""

    __test__ = False  # not a pytest test class, despite the name

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="tests_of_change")
    change_idea = models.ForeignKey(ChangeIdea, on_delete=models.CASCADE, related_name="tests_of_change")
    site = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="tests_of_change"
    )
    team = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=200)
    scale = models.CharField(max_length=200, blank=True)
    people = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="tests_of_change")
    people_count = models.PositiveIntegerField("how many people took part", null=True, blank=True)

    # Plan
    question = models.TextField(max_length=2000, blank=True)
    prediction = models.TextField(max_length=2000, blank=True)
    plan = models.TextField("who, what, where and when", max_length=4000, blank=True)
    data_to_collect = models.TextField(max_length=2000, blank=True)
    # Do
    what_happened = models.TextField(max_length=4000, blank=True)
    observations = models.TextField(max_length=4000, blank=True)
    # Study
    study = models.TextField("results against the prediction", max_length=4000, blank=True)
    prediction_result = models.CharField(
        max_length=16, choices=PredictionResult.choices, blank=True, default=PredictionResult.UNKNOWN
    )
    # Act
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True, default=Outcome.UNDECIDED)
    act_notes = models.TextField("what we will do next", max_length=2000, blank=True)

    stage = models.CharField(max_length=16, choices=Stage.choices, default=Stage.PLANNED)
    planned_start = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    # When the test happened (done date, else planned start): the wall sorts and filters on it.
    tested_on = models.DateField(editable=False)
    previous_cycle = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="next_cycles"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[people], excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-tested_on", "-pk"]
        verbose_name = "test of change"
        verbose_name_plural = "tests of change"
        indexes = [
            models.Index(fields=["programme", "-tested_on", "-id"], name="pdsa_wall_newest"),
            models.Index(fields=["change_idea", "-tested_on"], name="pdsa_by_change_idea"),
            models.Index(fields=["programme", "site", "-tested_on"], name="pdsa_by_site"),
            models.Index(fields=["programme", "outcome", "-tested_on"], name="pdsa_by_outcome"),
            models.Index(fields=["programme", "team"], name="pdsa_by_team"),
            # Covers the wall's counts, so they read the index and never the (wide) rows.
            models.Index(
                name="pdsa_wall_counts",
                fields=["programme", "deleted_at", "change_idea", "site", "tested_on", "people_count"],
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def bin_label(self) -> str:
        return f"Test of change: {self.title}"

    def set_tested_on(self) -> None:
        self.tested_on = self.done_on or self.planned_start

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.set_tested_on()
        super().save(*args, **kwargs)


def attachment_path(instance: Attachment, filename: str) -> str:
    # A random stored name (the person's own file name is kept in `original_name`, never on disk).
    return f"pdsa/attachments/{uuid4().hex}{PurePath(filename).suffix.lower()}"


class Attachment(BinnableModel):
    """A photo of a whiteboard, a data collection form: stored under a random name, served as a download."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    test = models.ForeignKey(TestOfChange, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=200)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    description = models.CharField(max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name

    def bin_label(self) -> str:
        return f"Attachment: {self.original_name} (on “{self.test.title}”)"


class ImportStatus(models.TextChoices):
    HAS_ERRORS = "has_errors", "Has errors"
    READY = "ready", "Ready to import"
    IMPORTED = "imported", "Imported"


class PdsaImport(models.Model):
    """An uploaded PDSA log, checked in full, waiting for the person to confirm the import."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=255)
    status = models.CharField(max_length=16, choices=ImportStatus.choices)
    rows = models.JSONField(default=list)
    errors = models.JSONField(default=list)
    unused_columns = models.JSONField(default=list)
    imported_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Import of {self.filename}"
