"""People and programmes the journeys start from, made in the database (not through the UI)."""

from __future__ import annotations

from typing import Any

from mobilise.programmes import services
from mobilise.programmes.models import Programme
from tests.factories import PASSWORD, UserFactory

__all__ = ["PASSWORD", "convenor_with_programme", "person"]


def person(email: str, name: str) -> Any:
    return UserFactory(email=email, full_name=name)


def convenor_with_programme(name: str = "Neighbourhood teams in Hebburn and Jarrow") -> tuple[Any, Programme]:
    convenor = person("amira.convenor@example.nhs.uk", "Amira Khan")
    programme = services.programme_create(
        name=name, challenge="Join up care for adults with complex needs.", created_by=convenor
    )
    return convenor, programme
