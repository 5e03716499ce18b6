from __future__ import annotations

from typing import Any

from django.db import transaction

from .forms import OrganisationForm
from .models import Organisation


@transaction.atomic
def organisation_create(*, form: OrganisationForm, created_by: Any) -> Organisation:
    organisation: Organisation = form.save()
    created_by.organisations.add(organisation)
    return organisation
