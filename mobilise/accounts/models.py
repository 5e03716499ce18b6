"""People and the organisations they belong to."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

from mobilise.core.concurrency import VersionedModel


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("Enter an email address")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(VersionedModel, AbstractUser):
    """A person who signs in with their email address; `version` guards profile edits."""

    username = None  # type: ignore[assignment]
    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150, blank=True)
    job_title = models.CharField(max_length=150, blank=True)
    organisations: models.ManyToManyField[Organisation, Any] = models.ManyToManyField(
        "Organisation", blank=True, related_name="people"
    )

    class Meta(AbstractUser.Meta):  # type: ignore[name-defined,misc]
        # Kept from AbstractUser: the first abstract parent's Meta would otherwise replace it.
        swappable = "AUTH_USER_MODEL"

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.full_name or self.email


class OrganisationType(models.TextChoices):
    NHS_TRUST = "nhs_trust", "NHS trust"
    GP_PRACTICE = "gp_practice", "GP practice"
    COMMISSIONER = "commissioner", "Commissioner or ICB"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    PUBLIC_HEALTH = "public_health", "Public health"
    VOLUNTARY = "voluntary", "Voluntary and community"
    PATIENT_GROUP = "patient_group", "Patient and public group"
    HEALTHWATCH = "healthwatch", "Healthwatch"
    OTHER = "other", "Other"


# ODS codes are 3 to 8 letters and digits, e.g. RR7 (a trust), A81001 (a GP practice), QHM.
ods_code_validator = RegexValidator(
    r"^[A-Z0-9]{3,8}$",
    "Enter an ODS code of 3 to 8 letters and numbers, like RR7 or A81001",
)


class Organisation(models.Model):
    name = models.CharField(max_length=200)
    type = models.CharField(max_length=32, choices=OrganisationType.choices)
    ods_code = models.CharField("ODS code", max_length=8, blank=True, validators=[ods_code_validator])
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["ods_code"],
                condition=~models.Q(ods_code=""),
                name="organisation_unique_ods_code",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.ods_code = self.ods_code.strip().upper()
        super().save(*args, **kwargs)
