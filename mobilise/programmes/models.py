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
    members_may_invite = models.BooleanField(
        "members may invite people",
        default=False,
        help_text="Convenors and facilitators can always invite; this lets members invite too.",
    )
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


class BatchStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to send"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"


class InvitationBatch(models.Model):
    """A list of people invited in one go (or one reminder round), sent by the background worker."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="invitation_batches")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    is_reminder = models.BooleanField(default=False)
    total = models.PositiveIntegerField(default=0)
    sent = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=8, choices=BatchStatus.choices, default=BatchStatus.QUEUED)
    message = models.TextField(max_length=2000, blank=True)
    base_url = models.CharField(max_length=300, help_text="Where links in the emails point.")

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.total} invitations to {self.programme_id}"


class Invitation(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    full_name = models.CharField(max_length=150, blank=True)
    job_title = models.CharField(max_length=150, blank=True)
    organisation_name = models.CharField(
        max_length=200, blank=True, help_text="As written in the list, when it matched no known organisation."
    )
    batch = models.ForeignKey(
        InvitationBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitations"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(default=0)
    remind_batch = models.ForeignKey(
        InvitationBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="reminding"
    )
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
        indexes = [models.Index(fields=["programme", "accepted_at", "withdrawn_at"])]

    def __str__(self) -> str:
        return f"Invitation for {self.email} to {self.programme}"

    @property
    def display_name(self) -> str:
        return self.full_name or self.email

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.withdrawn_at is None


class JoinLink(models.Model):
    """A link a convenor can share (in a meeting, a newsletter): anyone with it may ask to join.

    Asking is not joining: a convenor approves each request. Links expire and can be revoked."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="join_links")
    token = models.CharField(max_length=43, unique=True)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.MEMBER)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Join link for {self.programme_id}"

    def is_usable(self, now: Any = None) -> bool:
        from django.utils import timezone

        return self.revoked_at is None and self.expires_at > (now or timezone.now())


class RequestStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for a convenor"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"


class JoinRequest(models.Model):
    """Someone who used a join link and is waiting for a convenor to let them in."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="join_requests")
    link = models.ForeignKey(JoinLink, null=True, on_delete=models.SET_NULL, related_name="requests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(max_length=1000, blank=True)
    status = models.CharField(max_length=8, choices=RequestStatus.choices, default=RequestStatus.WAITING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "user"],
                condition=models.Q(status="waiting"),
                name="one_waiting_request_each",
            )
        ]

    def __str__(self) -> str:
        return f"Request by {self.user_id} to join {self.programme_id}"
