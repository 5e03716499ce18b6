"""Spreading what works: the sites a programme spreads to, the practices being spread, each site's
stage over time, and measures recorded per site.

A site's stage is never overwritten: each change is a dated `StageChange`, so the adoption curve
can be drawn as it stood on any date.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from mobilise.accounts.models import ods_code_validator
from mobilise.core.bin import BinnableModel
from mobilise.core.concurrency import VersionedModel
from mobilise.improvement.models import ChangeIdea
from mobilise.pdsa.models import TestOfChange
from mobilise.programmes.models import Programme


class SiteKind(models.TextChoices):
    GP_PRACTICE = "gp_practice", "GP practice"
    WARD = "ward", "Ward"
    TEAM = "team", "Team"
    NEIGHBOURHOOD = "neighbourhood", "Neighbourhood"
    PLACE = "place", "Place"
    OTHER = "other", "Other"


class Stage(models.TextChoices):
    NOT_YET = "not_yet", "Not yet"
    AWARE = "aware", "Aware"
    TRYING = "trying", "Trying it"
    ADOPTED = "adopted", "Adopted"
    SUSTAINED = "sustained", "Sustained"
    STOPPED = "stopped", "Stopped"


#: Stages that count as having adopted the practice.
ADOPTED_STAGES = frozenset({Stage.ADOPTED, Stage.SUSTAINED})


class Site(BinnableModel, VersionedModel):
    """A unit of spread: a GP practice, a ward, a team, a neighbourhood or a place."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="spread_sites")
    name = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200, blank=True)
    kind = models.CharField("type", max_length=16, choices=SiteKind.choices, default=SiteKind.OTHER)
    ods_code = models.CharField("ODS code", max_length=8, blank=True, validators=[ods_code_validator])
    population = models.PositiveIntegerField("population or list size", null=True, blank=True)
    in_scope = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["programme", "deleted_at", "name"], name="adoption_site_list")]

    def __str__(self) -> str:
        return self.name

    def bin_label(self) -> str:
        return f"Site: {self.name}"


class Practice(BinnableModel, VersionedModel):
    """Something being spread: a change idea from the programme, or a named practice."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="spread_practices")
    name = models.CharField(max_length=200)
    change_idea = models.ForeignKey(
        ChangeIdea, null=True, blank=True, on_delete=models.SET_NULL, related_name="spread_practices"
    )
    description = models.TextField(max_length=2000, blank=True)
    launched_on = models.DateField("spreading since")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def bin_label(self) -> str:
        return f"Practice being spread: {self.name}"


class Milestone(models.Model):
    """A step of the plan: so many sites adopted by a date. A practice may have several."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="milestones")
    on = models.DateField("date")
    sites = models.PositiveIntegerField("sites adopted by then", validators=[MinValueValidator(1)])

    history = HistoricalRecords()

    class Meta:
        ordering = ["on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "on"], name="adoption_one_milestone_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.sites} sites by {self.on}"


class StageChange(BinnableModel, VersionedModel):
    """A site moved to a stage on a date, by hand or because a test of change there ended "adopt".

    A wrong record can be corrected (its history keeps what it said before) or put in the bin."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="spread_stage_changes")
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="stage_changes")
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="stage_changes")
    stage = models.CharField(max_length=16, choices=Stage.choices)
    on = models.DateField("date")
    note = models.CharField(max_length=300, blank=True)
    source_test = models.ForeignKey(
        TestOfChange, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["on", "pk"]
        indexes = [models.Index(fields=["practice", "site", "on"], name="adoption_stage_by_site")]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "site", "source_test"],
                condition=models.Q(source_test__isnull=False),
                name="adoption_one_change_per_test",
            )
        ]

    def __str__(self) -> str:
        return f"{self.site} {self.get_stage_display()} on {self.on}"

    def bin_label(self) -> str:
        return f"Stage recorded: {self.site}, {self.get_stage_display().lower()} on {self.on:%-d %B %Y}"


class MeasureKind(models.TextChoices):
    PROPORTION = "proportion", "A proportion (some of a number of people or events)"
    RATE = "rate", "A rate (events per population or time)"


class SiteMeasure(BinnableModel, VersionedModel):
    """A measure recorded at each site, for comparing sites in a funnel plot."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="spread_measures")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=MeasureKind.choices, default=MeasureKind.PROPORTION)
    per = models.PositiveIntegerField("rates shown per", default=1000)
    higher_is_better = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def bin_label(self) -> str:
        return f"Measure by site: {self.name}"


class SiteValue(models.Model):
    """One site's count and denominator for one month."""

    measure = models.ForeignKey(SiteMeasure, on_delete=models.CASCADE, related_name="values")
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="measure_values")
    period = models.DateField("month")
    events = models.FloatField(validators=[MinValueValidator(0)])
    denominator = models.FloatField(validators=[MinValueValidator(0)])

    history = HistoricalRecords()

    class Meta:
        ordering = ["period", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "site", "period"], name="adoption_one_value_a_month")
        ]

    def __str__(self) -> str:
        return f"{self.site} {self.period:%b %Y}"
