"""A programme's board paper: the convenor's words in a draft, and the dated versions published."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from mobilise.core.concurrency import VersionedModel
from mobilise.programmes.models import Programme


class Draft(VersionedModel):
    """What the convenor is writing for the next paper; the rest of the paper comes from live data."""

    programme = models.OneToOneField(Programme, on_delete=models.CASCADE, related_name="board_draft")
    title = models.CharField(max_length=200, blank=True)
    narrative = models.TextField("covering note", max_length=6000, blank=True)
    asks = models.TextField("the board is asked to", max_length=3000, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    def __str__(self) -> str:
        return f"Board paper draft for {self.programme}"


class PublishedPaperChanged(Exception):
    """A published paper never changes: a later one is a new version."""


class Paper(models.Model):
    """One published version, frozen: its words, its tables and its page exactly as published."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="board_papers")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    narrative = models.TextField(max_length=6000, blank=True)
    asks = models.TextField(max_length=3000, blank=True)
    content = models.JSONField()
    body_html = models.TextField()
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["programme", "number"], name="one_paper_per_number")]

    def __str__(self) -> str:
        return f"{self.title} (version {self.number})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PublishedPaperChanged("A published board paper cannot be changed; publish a new version.")
        super().save(*args, **kwargs)
