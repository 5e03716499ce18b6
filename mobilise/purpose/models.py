"""The shared purpose at the centre of a programme, with every revision kept."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from mobilise.core.concurrency import VersionedModel
from mobilise.programmes.models import Programme

PURPOSE_FIELDS = ("statement", "why_it_matters", "who_for", "values", "what_good_looks_like")
PARTNER_FIELDS = ("why_joined", "values", "pressures", "brings", "needs", "differences")


class SharedPurpose(VersionedModel):
    programme = models.OneToOneField(Programme, on_delete=models.CASCADE, related_name="purpose")
    statement = models.TextField(
        "our shared purpose",
        max_length=2000,
        blank=True,
        help_text="What we are trying to achieve together, in a sentence or two.",
    )
    why_it_matters = models.TextField(
        "why it matters to patients and communities", max_length=10000, blank=True
    )
    who_for = models.TextField("who it is for", max_length=5000, blank=True)
    values = models.TextField("our values", max_length=5000, blank=True)
    what_good_looks_like = models.TextField("what good will look like", max_length=10000, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    # A text field so the "what changed and why" note is not cut short at 100 characters.
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    def __str__(self) -> str:
        return f"Shared purpose of {self.programme}"

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, f).strip() for f in PURPOSE_FIELDS)


class Endorsement(models.TextChoices):
    NOT_SAID = "", "Not said yet"
    ENDORSES = "endorses", "We endorse it"
    WITH_RESERVATIONS = "reservations", "We endorse it, with reservations"
    NOT_YET = "not_yet", "We cannot endorse it yet"


class PartnerVoice(VersionedModel):
    """What one partner organisation brings to the programme, in its own words, and where it
    stands on the shared purpose. Every partner gets the same page, whatever its size or type."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="partner_voices")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    why_joined = models.TextField("why we joined", max_length=3000, blank=True)
    values = models.TextField("the values we hold", max_length=3000, blank=True)
    pressures = models.TextField("the pressures we face", max_length=3000, blank=True)
    brings = models.TextField("what we bring", max_length=3000, blank=True)
    needs = models.TextField("what we need", max_length=3000, blank=True)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    differences = models.TextField("where we see the shared purpose differently", max_length=5000, blank=True)
    endorsement = models.CharField(max_length=16, choices=Endorsement.choices, blank=True, default="")
    endorsed_purpose_version = models.PositiveIntegerField(
        null=True, blank=True, help_text="The version of the shared purpose the endorsement was about."
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "organisation"], name="one_voice_per_partner")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.programme}"
