"""Delivery pages run the same small number of queries with 10 items or 150."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mobilise.delivery.models import PartnerConfirmation

from .factories import ActionFactory, AgreementFactory, DriverFactory, RiskFactory, partner_of

pytestmark = pytest.mark.django_db
PAGES = [
    "workspace:home",
    "delivery:actions",
    "delivery:risks",
    "delivery:agreements",
    "delivery:drivers",
    "delivery:leads",
]


def _fill(cast: Any, n: int) -> None:
    partners = [partner_of(cast.programme) for _ in range(3)]
    for i in range(n):
        ActionFactory(
            programme=cast.programme,
            owner=cast.member,
            partner=partners[i % 3],
            components=",delivery,purpose,",
        )
        RiskFactory(programme=cast.programme, owner=cast.member, likelihood=1 + i % 5)
        agreement = AgreementFactory(programme=cast.programme)
        PartnerConfirmation.objects.create(
            agreement=agreement, organisation=partners[i % 3], state="confirmed"
        )
        DriverFactory(programme=cast.programme)


def _queries(cast: Any, name: str) -> int:
    client = cast.client_for("member")
    url = reverse(name, kwargs={"slug": cast.programme.slug})
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", PAGES)
def test_queries_do_not_grow_with_rows(cast: Any, name: str) -> None:
    _fill(cast, 10)
    few = _queries(cast, name)
    _fill(cast, 140)
    assert _queries(cast, name) == few
    assert few <= 40
