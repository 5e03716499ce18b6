"""One cast per test module, rolled back after each test: the permission matrix runs ~1,000 tests.

Building the cast is most of the cost of a matrix test, so the module builds it once inside an
outer transaction; each test's own transaction is a savepoint inside it, so nothing a test
creates (objects for URL kwargs, the changes a permitted POST makes) reaches the next test.
Import `cast` from here into a test module to use it in place of tests/conftest.py's `cast`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from mobilise.programmes.roles import Role
from tests.conftest import Cast
from tests.factories import MembershipFactory, ProgrammeFactory, UserFactory


def make_cast() -> Cast:
    """The same people and programmes as tests/conftest.py's `cast`."""
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


@pytest.fixture(scope="module")
def module_cast(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Cast]:
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        built = make_cast()
    try:
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def cast(module_cast: Cast, db: Any) -> Cast:
    for programme in (module_cast.programme, module_cast.other_programme):
        programme.refresh_from_db()  # a previous test may have changed this row before its rollback
        programme.__dict__.pop("_role_cache", None)  # roles cached by mobilise.programmes.roles.role_of
    return module_cast
