"""Programmes: one change challenge pursued by an alliance of organisations."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from mobilise.accounts.models import Organisation
from mobilise.core.concurrency import VersionedModel

from .roles import Role


class Stage(models.TextChoices):
    FRAME = "frame", "Framing the issue"
    ENGAGE = "engage", "Engaging people"
    CHANGE = "change", "Making changes"
    ATTRACT = "attract", "Attracting more people"


class Outcome(models.TextChoices):
    UNDER_WAY = "", "Still under way"
    NORM = "norm", "Becoming the norm"
    PLATEAU = "plateau", "Reached a plateau"
    OUT_OF_ENERGY = "out_of_energy", "Running out of energy"


class ProgrammeQuerySet(models.QuerySet["Programme"]):
    def for_user(self, user: Any) -> ProgrammeQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(memberships__user=user)


class Programme(VersionedModel):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    challenge = models.TextField(
        "the change challenge",
        max_length=2000,
        help_text="In a sentence or two, the change this alliance wants to make.",
    )
    partners = models.ManyToManyField(Organisation, blank=True, related_name="programmes")
    stage = models.CharField(max_length=16, choices=Stage.choices, default=Stage.FRAME)
    cycle_round = models.PositiveSmallIntegerField(
        default=1, help_text="How many times the team has been round the cycle."
    )
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True, default="")
    stage_note = models.TextField(max_length=2000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = unique_slug(self.name)
        super().save(*args, **kwargs)


def unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "programme"
    slug, n = base, 2
    while Programme.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class Membership(VersionedModel):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.MEMBER)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["programme", "user"], name="one_membership_each")]
        ordering = ["programme", "user__full_name", "user__email"]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) in {self.programme}"


class Invitation(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.MEMBER)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(max_length=2000, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation for {self.email} to {self.programme}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.withdrawn_at is None
