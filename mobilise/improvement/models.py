"""Driver diagrams (aim → primary → secondary drivers → change ideas) and the theory of change."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from mobilise.core.bin import BinnableModel
from mobilise.core.concurrency import VersionedModel
from mobilise.measurement.models import Measure
from mobilise.programmes.models import Programme


class DriverDiagram(BinnableModel, VersionedModel):
    """One aim and the drivers and change ideas that should get us there."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="driver_diagrams")
    title = models.CharField(max_length=200)
    aim_what = models.TextField("what we will improve", max_length=2000)
    aim_for_whom = models.CharField("for whom", max_length=300, blank=True)
    aim_how_much = models.CharField("by how much", max_length=300, blank=True)
    aim_by_when = models.DateField("by when", null=True, blank=True)
    measure = models.ForeignKey(
        Measure, null=True, blank=True, on_delete=models.SET_NULL, related_name="aims"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def bin_label(self) -> str:
        return f"Driver diagram: {self.title}"


class DriverKind(models.TextChoices):
    PRIMARY = "primary", "Primary driver"
    SECONDARY = "secondary", "Secondary driver"


class Driver(BinnableModel):
    """A primary driver (no parent) or a secondary driver (under a primary driver)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    diagram = models.ForeignKey(DriverDiagram, on_delete=models.CASCADE, related_name="drivers")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    kind = models.CharField(max_length=16, choices=DriverKind.choices)
    title = models.CharField(max_length=300)
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title

    def bin_label(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"


class ChangeIdea(BinnableModel):
    """Something to try. It may serve several secondary drivers; tests of change belong to it."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="change_ideas")
    diagram = models.ForeignKey(DriverDiagram, on_delete=models.CASCADE, related_name="change_ideas")
    drivers = models.ManyToManyField(Driver, blank=True, related_name="change_ideas")
    measures = models.ManyToManyField(Measure, blank=True, related_name="change_ideas")
    title = models.CharField(max_length=300)
    description = models.TextField(max_length=5000, blank=True)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[drivers])

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title

    def bin_label(self) -> str:
        return f"Change idea: {self.title}"
