from __future__ import annotations

from typing import Any

from django.db import transaction

from mobilise.core.concurrency import lock_for_edit

from .forms import OrganisationForm, ProfileForm
from .models import Organisation


@transaction.atomic
def organisation_create(*, form: OrganisationForm, created_by: Any) -> Organisation:
    organisation: Organisation = form.save()
    created_by.organisations.add(organisation)
    return organisation


@transaction.atomic
def profile_update(*, form: ProfileForm, expected_version: int | None) -> None:
    """Save the person's details, or raise EditConflict if another of their tabs saved first."""
    current = lock_for_edit(form.instance, expected_version)
    current.full_name = form.cleaned_data["full_name"]
    current.job_title = form.cleaned_data["job_title"]
    # Only the profile's own fields: a password or sign-in changed meanwhile is left as it is.
    current.save(update_fields=["full_name", "job_title", "version"])
    current.organisations.set(form.cleaned_data["organisations"])
