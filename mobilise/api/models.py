"""Personal access tokens for the REST API, and one audit line for each change made through it.

Only a SHA-256 digest of each token is stored: the token itself is shown once, when it is made.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from mobilise.programmes.models import Programme


class Access(models.TextChoices):
    READ = "read", "Read only"
    WRITE = "write", "Read and write"


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("what it is for", max_length=100)
    # The first characters of the token, shown in lists so a person can tell their tokens apart.
    prefix = models.CharField(max_length=16)
    digest = models.CharField(max_length=64, unique=True)
    access = models.CharField(max_length=8, choices=Access.choices, default=Access.READ)
    programmes = models.ManyToManyField(Programme, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def may_write(self) -> bool:
        return self.access == Access.WRITE


class ApiAuditLine(models.Model):
    """A change made through the API: who, with which token, what, when and the outcome."""

    token = models.ForeignKey(ApiToken, on_delete=models.SET_NULL, null=True, related_name="audit_lines")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, null=True, related_name="+")
    method = models.CharField(max_length=8)
    path = models.CharField(max_length=300)
    status = models.PositiveSmallIntegerField()
    summary = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.method} {self.path} {self.status}"


class ApiRateWindow(models.Model):
    """How many requests a token has made in one clock minute, kept in the database so that every
    application process counts against the same limit (a per-process cache would not)."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="+")
    minute = models.BigIntegerField(help_text="Minutes since 1970 (UTC)")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["token", "minute"], name="api_rate_window_once")]

    def __str__(self) -> str:
        return f"{self.count} requests by token {self.token_id} in minute {self.minute}"
