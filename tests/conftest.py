"""The named cast every test draws on.

One programme ("ours") with a convenor, facilitator, member and viewer; an outsider who is a
convenor of a different programme; and anonymous (the plain `client`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from mobilise.programmes.models import Programme
from mobilise.programmes.roles import Role

from .factories import MembershipFactory, ProgrammeFactory, UserFactory


@pytest.fixture(autouse=True)
def _fresh_rendered_cache() -> None:
    """Each test starts with no rendered pieces kept: rolled-back ids may be used again."""
    from django.core.cache import caches

    caches["rendered"].clear()


@dataclass
class Cast:
    programme: Programme
    other_programme: Programme
    convenor: Any
    facilitator: Any
    member: Any
    viewer: Any
    outsider: Any

    def client_for(self, who: str) -> Client:
        client = Client()
        if who != "anonymous":
            client.force_login(getattr(self, who))
        return client


@pytest.fixture
def cast(db: Any) -> Cast:
    programme = ProgrammeFactory(name="Neighbourhood teams")
    other = ProgrammeFactory(name="Another alliance")
    people = {}
    for role in (Role.CONVENOR, Role.FACILITATOR, Role.MEMBER, Role.VIEWER):
        user = UserFactory(full_name=f"Test {role.label}", email=f"{role.value}@example.nhs.uk")
        MembershipFactory(programme=programme, user=user, role=role)
        people[role.value] = user
    outsider = UserFactory(full_name="Olive Outsider", email="outsider@example.nhs.uk")
    MembershipFactory(programme=other, user=outsider, role=Role.CONVENOR)
    return Cast(programme=programme, other_programme=other, outsider=outsider, **people)


@pytest.fixture
def as_convenor(cast: Cast) -> Client:
    return cast.client_for("convenor")


@pytest.fixture
def as_member(cast: Cast) -> Client:
    return cast.client_for("member")


@pytest.fixture
def as_viewer(cast: Cast) -> Client:
    return cast.client_for("viewer")


@pytest.fixture
def as_outsider(cast: Cast) -> Client:
    return cast.client_for("outsider")
