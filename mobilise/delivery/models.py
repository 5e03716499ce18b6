"""Delivery: who leads what, the actions and risks of an adaptive plan, what was agreed, and the
levers outside the team (system drivers)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from mobilise.accounts.models import Organisation
from mobilise.core.bin import BinnableModel
from mobilise.core.concurrency import VersionedModel
from mobilise.improvement.models import ChangeIdea
from mobilise.measurement.models import Measure
from mobilise.programmes.models import Programme
from mobilise.workspace.models import COMPONENT_CHOICES, AlignmentEntry

from .components import ComponentsMixin


class ComponentLeads(VersionedModel):
    """The named leads (members) of one component, and the working group around them."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    component = models.CharField(max_length=32, choices=COMPONENT_CHOICES)
    leads = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    working_group = models.TextField(max_length=2000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[leads], excluded_fields=["updated_at"])

    class Meta:
        verbose_name_plural = "component leads"
        constraints = [
            models.UniqueConstraint(fields=["programme", "component"], name="one_leads_per_component")
        ]

    def __str__(self) -> str:
        return f"Leads of {self.get_component_display()}"


class PartnerLead(VersionedModel):
    """The person who speaks and confirms for one partner organisation in this programme."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "organisation"], name="one_lead_per_partner")
        ]

    def __str__(self) -> str:
        return f"Lead for {self.organisation}"


class ActionStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    DOING = "doing", "Doing"
    STUCK = "stuck", "Stuck"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


OPEN_STATUSES = (ActionStatus.PLANNED, ActionStatus.DOING, ActionStatus.STUCK)


class Action(ComponentsMixin, BinnableModel, VersionedModel):
    """One thing someone will do, for one or more components: a line of the adaptive plan."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    title = models.CharField("what", max_length=300)
    details = models.TextField(max_length=5000, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    partner = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=ActionStatus.choices, default=ActionStatus.PLANNED)
    in_the_way = models.TextField("what is in the way", max_length=2000, blank=True)
    tension = models.ForeignKey(
        AlignmentEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    change_idea = models.ForeignKey(
        ChangeIdea, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    measure = models.ForeignKey(Measure, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["programme", "deleted_at", "status", "due_on"], name="delivery_action_due"),
            models.Index(fields=["programme", "owner"], name="delivery_action_owner"),
        ]

    def __str__(self) -> str:
        return self.title

    def bin_label(self) -> str:
        return f"Action: {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class RiskStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Risk(ComponentsMixin, BinnableModel, VersionedModel):
    """A risk or issue, scored on the NHS 5×5 matrix, with its impact on the shared purpose."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=300)
    cause = models.TextField(max_length=3000, blank=True)
    consequence = models.TextField(max_length=3000, blank=True)
    purpose_impact = models.TextField("impact on our shared purpose", max_length=3000)
    likelihood = models.PositiveSmallIntegerField(default=3)
    impact = models.PositiveSmallIntegerField(default=3)
    score = models.PositiveSmallIntegerField(default=9, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    mitigation = models.TextField(max_length=3000, blank=True)
    review_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=RiskStatus.choices, default=RiskStatus.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-score", "pk"]
        indexes = [
            models.Index(fields=["programme", "deleted_at", "status", "-score"], name="delivery_risk_score")
        ]

    def __str__(self) -> str:
        return self.title

    def bin_label(self) -> str:
        return f"Risk: {self.title}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.score = self.likelihood * self.impact
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Agreement(ComponentsMixin, BinnableModel, VersionedModel):
    """What exactly was agreed, when and where; each partner's lead confirms it."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    title = models.CharField("the decision", max_length=300)
    details = models.TextField(max_length=5000, blank=True)
    decided_on = models.DateField()
    where = models.CharField("where it was agreed", max_length=200, blank=True)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="superseded_by"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_on", "-pk"]
        indexes = [
            models.Index(fields=["programme", "deleted_at", "-decided_on"], name="delivery_agreement_date")
        ]

    def __str__(self) -> str:
        return self.title

    def bin_label(self) -> str:
        return f"Agreement: {self.title}"


class Confirmation(models.TextChoices):
    PENDING = "pending", "Waiting to confirm"
    CONFIRMED = "confirmed", "Confirmed"
    CONCERNS = "concerns", "Has concerns"


class PartnerConfirmation(VersionedModel):
    """One partner's answer to one agreement, given by its lead (or a convenor)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="confirmations")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=16, choices=Confirmation.choices, default=Confirmation.PENDING)
    concern = models.TextField(max_length=3000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agreement", "organisation"], name="one_answer_per_partner")
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_state_display()}"


class LeverKind(models.TextChoices):
    CONTRACTS = "contracts", "Contracts and commissioning"
    PAYMENT = "payment", "Payment incentives (such as CQUIN or best practice tariffs)"
    REGULATION = "regulation", "Regulation and inspection"
    POOLED = "pooled", "Pooled budgets and Section 75 agreements"
    NATIONAL = "national", "National targets and priorities"
    WORKFORCE = "workforce", "Workforce rules"
    DATA = "data", "Data sharing agreements"
    OWN = "own", "Our own"


class Pull(models.TextChoices):
    WITH = "with", "Pulls with our shared purpose"
    MIXED = "mixed", "Pulls both ways"
    AGAINST = "against", "Pulls against our shared purpose"


class Motivation(models.TextChoices):
    INTRINSIC = "intrinsic", "Intrinsic: purpose, pride, relationships"
    EXTRINSIC = "extrinsic", "Extrinsic: contracts, targets, money"


class SystemDriver(BinnableModel, VersionedModel):
    """A lever outside the team, who holds it, which way it pulls and what the team will do."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=LeverKind.choices)
    motivation = models.CharField(max_length=16, choices=Motivation.choices, default=Motivation.EXTRINSIC)
    holder = models.CharField("who holds it", max_length=200, blank=True)
    pull = models.CharField(max_length=8, choices=Pull.choices, default=Pull.MIXED)
    how = models.TextField("how it pulls", max_length=3000, blank=True)
    response = models.TextField("what we will do", max_length=3000, blank=True)
    tension = models.ForeignKey(
        AlignmentEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name", "pk"]

    def __str__(self) -> str:
        return self.name

    def bin_label(self) -> str:
        return f"System driver: {self.name}"


class ReviewStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Review(BinnableModel, VersionedModel):
    """A dated look at the whole programme; what it saw is kept, read-only, once it is closed."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=200)
    held_on = models.DateField()
    status = models.CharField(max_length=8, choices=ReviewStatus.choices, default=ReviewStatus.OPEN)
    decided = models.TextField("what we decided", max_length=10000, blank=True)
    reflections = models.JSONField(default=dict, blank=True)
    snapshot = models.JSONField(default=dict, blank=True, editable=False)
    risk_threshold = models.PositiveSmallIntegerField(default=12)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["snapshot"])

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def bin_label(self) -> str:
        return f"Review: {self.title}"

    @property
    def is_closed(self) -> bool:
        return self.status == ReviewStatus.CLOSED


class Milestone(ComponentsMixin, BinnableModel, VersionedModel):
    """A dated point on the way, and the measure and target that will show it is reached."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=300)
    due_on = models.DateField()
    measure = models.ForeignKey(Measure, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    target = models.CharField("what will show it is reached", max_length=300, blank=True)
    reached_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title

    def bin_label(self) -> str:
        return f"Milestone: {self.title}"


class DigestChoice(VersionedModel):
    """Whether someone gets the weekly delivery digest (everyone does unless they say no)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    weekly = models.BooleanField(default=True)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Weekly digest for {self.user}: {'yes' if self.weekly else 'no'}"


class PromptDismissal(models.Model):
    """Someone said "not now" to one reason for a review; that reason is not shown to them again."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=80)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "user", "key"], name="delivery_prompt_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} dismissed {self.key}"


class PendingImport(models.Model):
    """A checked file waiting for someone to look at the preview and press "Import".

    Kept as the file itself, checked again when confirmed; `state` moves from waiting to done
    once, under a row lock, so a repeat of the same confirmation imports nothing twice."""

    WAITING, DONE = "waiting", "done"

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    what = models.CharField(max_length=10)  # "actions" or "risks"
    name = models.CharField(max_length=255)
    data = models.BinaryField()
    state = models.CharField(max_length=8, default=WAITING)
    created = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Import of {self.what} from {self.name} ({self.state})"
