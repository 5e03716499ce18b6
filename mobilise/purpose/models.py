"""The shared purpose at the centre of a programme, with every revision kept."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from mobilise.core.concurrency import VersionedModel
from mobilise.programmes.models import Programme

PURPOSE_FIELDS = ("statement", "why_it_matters", "who_for", "values", "what_good_looks_like")


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
