from __future__ import annotations

from typing import Any

from django.db import transaction

from .forms import OrganisationForm, ProfileForm
from .models import Organisation


@transaction.atomic
def organisation_create(*, form: OrganisationForm, created_by: Any) -> Organisation:
    organisation: Organisation = form.save()
    created_by.organisations.add(organisation)
    return organisation


@transaction.atomic
def profile_update(*, form: ProfileForm) -> None:
    form.save()
