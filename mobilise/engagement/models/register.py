"""The stakeholder register: who matters to the change, how much say they have, how engaged they are."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from mobilise.accounts.models import OrganisationType
from mobilise.core.bin import BinnableModel
from mobilise.core.concurrency import VersionedModel
from mobilise.programmes.models import Programme

from ..replays import form_key_field


class StakeholderKind(models.TextChoices):
    PERSON = "person", "A person"
    GROUP = "group", "A group or team"
    ORGANISATION = "organisation", "An organisation"


class FormalAuthority(models.TextChoices):
    NONE = "none", "None"
    SOME = "some", "Some"
    HIGH = "high", "High"


class InformalInfluence(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


# How the register pages say authority and influence (never "formal authority none").
AUTHORITY_PLAIN = {
    FormalAuthority.NONE.value: "No formal role in the programme",
    FormalAuthority.SOME.value: "Some say through their position",
    FormalAuthority.HIGH.value: "Can say yes through their position",
}
INFLUENCE_PLAIN = {
    InformalInfluence.LOW.value: "Colleagues seldom look to them",
    InformalInfluence.MEDIUM.value: "Some colleagues look to them",
    InformalInfluence.HIGH.value: "Many colleagues look to them and follow their lead",
}


class Engagement(models.TextChoices):
    """The ladder from change done to people to change done by them (aim for WITH and BY)."""

    TO = "to", "TO: change is done to them"
    FOR = "for", "FOR: change is done for them"
    WITH = "with", "WITH: change is done with them"
    BY = "by", "BY: they lead the change themselves"


class Stance(models.TextChoices):
    CHAMPION = "champion", "Champion"
    SUPPORTER = "supporter", "Supporter"
    OBSERVER = "observer", "Observer"
    SCEPTIC = "sceptic", "Sceptic"
    OPPONENT = "opponent", "Opponent"


ACTIVE_LEVELS = (Engagement.WITH, Engagement.BY)


class Stakeholder(BinnableModel, VersionedModel):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="stakeholders")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=StakeholderKind.choices, default=StakeholderKind.PERSON)
    role = models.CharField("role or job title", max_length=200, blank=True)
    organisation_name = models.CharField("organisation", max_length=200, blank=True)
    organisation_type = models.CharField(max_length=32, choices=OrganisationType.choices, blank=True)
    formal_authority = models.CharField(
        max_length=8, choices=FormalAuthority.choices, default=FormalAuthority.NONE
    )
    informal_influence = models.CharField(
        max_length=8, choices=InformalInfluence.choices, default=InformalInfluence.LOW
    )
    engagement_current = models.CharField(
        "engagement now", max_length=8, choices=Engagement.choices, default=Engagement.TO
    )
    engagement_desired = models.CharField(
        "engagement we want", max_length=8, choices=Engagement.choices, default=Engagement.WITH
    )
    stance = models.CharField(max_length=16, choices=Stance.choices, default=Stance.OBSERVER)
    interest = models.TextField("what they care about", max_length=2000, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The member who keeps in touch with them.",
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Set when this stakeholder is also a member of the programme, so they are counted once.",
    )
    last_contact = models.DateField(null=True, blank=True)
    notes = models.TextField(max_length=10000, blank=True)
    # Only to send them a pulse link when they have no account; never shown to viewers.
    email = models.EmailField("email address", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    form_key = form_key_field()

    history = HistoricalRecords(excluded_fields=["updated_at", "form_key"])

    class Meta:
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["programme", "name"])]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "form_key"],
                condition=~models.Q(form_key=""),
                name="one_stakeholder_per_form_key",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def bin_label(self) -> str:
        return f"Stakeholder: {self.name}"

    @property
    def is_active_leader(self) -> bool:
        return self.kind == StakeholderKind.PERSON and self.engagement_current in ACTIVE_LEVELS

    @property
    def has_formal_authority(self) -> bool:
        return self.formal_authority != FormalAuthority.NONE

    @property
    def authority_plain(self) -> str:
        """Their say through their position, as a sentence a busy reader takes in at a glance."""
        return AUTHORITY_PLAIN.get(self.formal_authority, "")

    @property
    def influence_plain(self) -> str:
        return INFLUENCE_PLAIN.get(self.informal_influence, "")


class CriticalMassGoal(VersionedModel):
    """How many active change leaders the programme is aiming for (the evidence says about 100)."""

    programme = models.OneToOneField(Programme, on_delete=models.CASCADE, related_name="critical_mass_goal")
    goal = models.PositiveIntegerField(default=100)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    def __str__(self) -> str:
        return f"Critical mass goal of {self.goal} for {self.programme}"
