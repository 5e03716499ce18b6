"""Measures a programme tracks, their data points, annotations and phases."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from mobilise.core.bin import BinnableModel
from mobilise.core.concurrency import VersionedModel
from mobilise.programmes.models import Programme
from mobilise.workspace.models import COMPONENT_CHOICES


class MeasureType(models.TextChoices):
    OUTCOME = "outcome", "Outcome"
    PROCESS = "process", "Process"
    BALANCING = "balancing", "Balancing"


class Improvement(models.TextChoices):
    INCREASE = "increase", "Higher is better"
    DECREASE = "decrease", "Lower is better"
    NEITHER = "neither", "Neither"


class Frequency(models.TextChoices):
    DAY = "day", "Daily"
    WEEK = "week", "Weekly"
    MONTH = "month", "Monthly"
    QUARTER = "quarter", "Quarterly"
    YEAR = "year", "Yearly"


class ChartType(models.TextChoices):
    XMR = "xmr", "XmR (individuals) chart"
    RUN = "run", "Run chart"
    P = "p", "p chart (proportions)"
    U = "u", "u chart (rates)"
    C = "c", "c chart (counts)"
    LANEY_P = "pp", "Laney p′ chart (proportions with very large denominators)"
    LANEY_U = "up", "Laney u′ chart (rates with very large denominators)"


# What people see: a plain name first, the technical name after it as a hint for analysts.
PLAIN_CHART_NAMES: dict[str, tuple[str, str]] = {
    ChartType.XMR: ("Chart over time", "XmR chart"),
    ChartType.RUN: ("Simple chart over time", "run chart"),
    ChartType.P: ("Chart of percentages", "p chart"),
    ChartType.U: ("Chart of rates", "u chart"),
    ChartType.C: ("Chart of counts", "c chart"),
    ChartType.LANEY_P: ("Chart of percentages from very large totals", "Laney p′ chart"),
    ChartType.LANEY_U: ("Chart of rates from very large totals", "Laney u′ chart"),
}


def chart_name(chart: str, *, hint: bool = True) -> str:
    """'Chart of percentages (p chart)', or just the plain name."""
    plain, technical = PLAIN_CHART_NAMES.get(chart, (chart, ""))
    return f"{plain} ({technical})" if hint and technical else plain


class Measure(BinnableModel, VersionedModel):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="measures")
    name = models.CharField(max_length=200)
    definition = models.TextField("operational definition", max_length=5000, blank=True)
    type = models.CharField(max_length=16, choices=MeasureType.choices, default=MeasureType.OUTCOME)
    unit = models.CharField(max_length=60, blank=True)
    improvement = models.CharField(max_length=16, choices=Improvement.choices, default=Improvement.INCREASE)
    target = models.FloatField(null=True, blank=True)
    frequency = models.CharField(max_length=16, choices=Frequency.choices, default=Frequency.MONTH)
    chart = models.CharField(max_length=8, choices=ChartType.choices, default=ChartType.XMR)
    data_owner = models.CharField(max_length=200, blank=True)
    component = models.CharField(max_length=32, choices=COMPONENT_CHOICES, blank=True)
    baseline_points = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Fix the limits to the first N points."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Moves on whenever the measure or anything its chart is drawn from (points, phases) is written,
    # so cached summaries keyed on it are never stale (`touch_measures`, measurement/summaries.py).
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def bin_label(self) -> str:
        return f"Measure: {self.name}"

    @property
    def chart_name(self) -> str:
        return chart_name(self.chart)


class DataPoint(VersionedModel):
    # No index of its own: the (measure, period) unique index serves every lookup by measure, and
    # one index fewer to keep up makes a 1,000,000-row import faster.
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="points", db_index=False)
    period = models.DateField()
    value = models.FloatField(null=True, blank=True)
    numerator = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)

    # Who made a history entry is kept without a database constraint on the user: PostgreSQL checks
    # such a constraint row by row, a third of a 1,000,000-row import's time (decision record).
    history = HistoricalRecords(user_db_constraint=False)

    class Meta:
        ordering = ["measure", "period"]
        constraints = [models.UniqueConstraint(fields=["measure", "period"], name="one_point_per_period")]

    def __str__(self) -> str:
        return f"{self.measure}: {self.period} = {self.value}"


class Annotation(models.Model):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="annotations")
    period = models.DateField()
    text = models.CharField(max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["period"]

    def __str__(self) -> str:
        return f"{self.period}: {self.text}"


class Phase(models.Model):
    """A rebase: limits are recalculated from this period, for a recorded reason."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="phases")
    starts = models.DateField()
    reason = models.TextField(max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["starts"]
        constraints = [models.UniqueConstraint(fields=["measure", "starts"], name="one_phase_per_start")]

    def __str__(self) -> str:
        return f"New phase from {self.starts}"


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", "Waiting for you to match the columns"
    QUEUED = "queued", "Waiting to start"
    CHECKING = "checking", "Checking every row"
    SAVING = "saving", "Saving"
    DONE = "done", "Done"
    REFUSED = "refused", "Not imported"
    FAILED = "failed", "Something went wrong"


class ImportJob(models.Model):
    """One uploaded file on its way into a programme's measures, and what became of it."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="measure_imports")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    original_name = models.CharField(max_length=255)
    # A random name under MEDIA_ROOT; emptied once the file has been deleted.
    stored_name = models.CharField(max_length=100, blank=True)
    kind = models.CharField(max_length=8)  # "csv" or "xlsx"
    size = models.BigIntegerField(default=0)
    measure = models.ForeignKey(Measure, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    mapping = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=16, choices=ImportStatus.choices, default=ImportStatus.UPLOADED)
    rows_total = models.PositiveIntegerField(null=True, blank=True)
    rows_done = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True)
    problem_count = models.PositiveIntegerField(default=0)
    summary = models.JSONField(default=dict, blank=True)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Import of {self.original_name}"

    @property
    def is_running(self) -> bool:
        return self.status in (ImportStatus.QUEUED, ImportStatus.CHECKING, ImportStatus.SAVING)


def touch_measures(ids: Iterable[int]) -> None:
    """Mark these measures' data as changed (their `updated_at`), inside the writer's transaction."""
    Measure.all_objects.filter(pk__in=list(ids)).update(updated_at=timezone.now())
