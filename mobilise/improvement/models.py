"""Driver diagrams (aim → primary → secondary drivers → change ideas) and the theory of change."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from mobilise.core.bin import BinnableModel
from mobilise.core.concurrency import VersionedModel
from mobilise.measurement.models import Measure
from mobilise.programmes.models import Programme


class DriverDiagram(BinnableModel, VersionedModel):
    """One aim and the drivers and change ideas that should get us there.

    `version` moves on with every edit anywhere in the diagram; each history row's change
    reason says what the edit was, so a refused save can show what happened since.
    """

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

    # A text field: "Moved “…” under “…”" easily passes simple-history's default of 100 characters.
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def bin_label(self) -> str:
        return f"Driver diagram: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("improvement:diagram", kwargs={"slug": self.programme.slug, "pk": self.pk})


class BinnedTogether(BinnableModel):
    """Binnable rows that come back with everything deleted alongside them.

    One deletion gives every row it bins the same `deleted_at`; restoring any of them from the
    programme's bin brings back the rest (`services.restoring.restore_with_batch`, registered for
    the bin in `ImprovementConfig.ready()`).
    """

    class Meta:
        abstract = True


class DriverKind(models.TextChoices):
    PRIMARY = "primary", "Primary driver"
    SECONDARY = "secondary", "Secondary driver"


class Driver(BinnedTogether):
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

    @property
    def is_primary(self) -> bool:
        return self.kind == DriverKind.PRIMARY


class ChangeIdea(BinnedTogether):
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

    def get_absolute_url(self) -> str:
        return reverse("improvement:idea", kwargs={"slug": self.programme.slug, "pk": self.pk})


class TheoryStep(models.TextChoices):
    """The links of the chain, in reading order."""

    IF_WE_HAVE = "if_we_have", "If we have"
    PLUS = "plus", "Plus"
    AND = "and", "And"
    THEN = "then", "Then"
    THIS_WILL_MEAN = "this_will_mean", "This will mean"
    AS_A_RESULT = "as_a_result", "As a result"


STEP_MEANINGS: dict[str, str] = {
    TheoryStep.IF_WE_HAVE: "the shared context",
    TheoryStep.PLUS: "our approach",
    TheoryStep.AND: "the community we build",
    TheoryStep.THEN: "what we will be able to do",
    TheoryStep.THIS_WILL_MEAN: "changed practice",
    TheoryStep.AS_A_RESULT: "outcomes for people",
}


class TheoryItem(BinnableModel, VersionedModel):
    """One short statement in one step of the programme's theory of change."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="theory_items")
    step = models.CharField(max_length=20, choices=TheoryStep.choices)
    text = models.CharField(max_length=300)
    assumptions = models.TextField(max_length=2000, blank=True)
    evidence = models.TextField(max_length=2000, blank=True)
    measures = models.ManyToManyField(Measure, blank=True, related_name="theory_items")
    aims = models.ManyToManyField(DriverDiagram, blank=True, related_name="theory_items")
    position = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text

    def bin_label(self) -> str:
        return f"Theory of change, {self.get_step_display().lower()}: {self.text}"
