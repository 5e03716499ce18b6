"""schemathesis against the live schema: a running server, a real token, every operation.

Every built-in check runs (no server errors, documented status codes and content types, bodies
and headers that match the schema). Path parameters point at a real programme and measure most of
the time, so the operations do real work; the permission matrix covers unknown ones. Bounded to
a few dozen examples per operation so it finishes in well under two minutes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
import requests
import schemathesis
from django.test import Client
from hypothesis import HealthCheck, settings

from mobilise.api.api import api
from mobilise.measurement.models import DataPoint
from tests.api.helpers import monthly_measure, months, token_for
from tests.factories import MembershipFactory, ProgrammeFactory, UserFactory

EXAMPLES_PER_OPERATION = 25


@dataclass
class World:
    slug: str
    measure_id: int
    secret: str


@pytest.fixture
def world(transactional_db: Any) -> World:
    programme = ProgrammeFactory(name="Emergency care")
    analyst = UserFactory(email="analyst@example.nhs.uk")
    MembershipFactory(programme=programme, user=analyst, role="member")
    measure = monthly_measure(programme, analyst)
    for i, period in enumerate(months(24)):
        DataPoint.objects.create(measure=measure, period=period, value=70.0 + (i % 5))
    return World(programme.slug, measure.pk, token_for(analyst, [programme]))


# The schema the server publishes (the first test checks the live one is the same document).
schema = schemathesis.openapi.from_dict(api.get_openapi_schema())


def test_the_live_server_publishes_this_schema(live_server: Any, world: World) -> None:
    client = Client()
    client.force_login(UserFactory(email="reader@example.nhs.uk"))
    cookie = client.cookies["sessionid"].value
    live = requests.get(
        f"{live_server.url}/api/v1/openapi.json", headers={"Cookie": f"sessionid={cookie}"}, timeout=30
    )
    assert live.status_code == 200
    assert live.json() == json.loads(json.dumps(api.get_openapi_schema()))


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_the_api_keeps_to_its_schema(case: Any, world: World, live_server: Any) -> None:
    if case.path_parameters is not None:
        if "slug" in case.path_parameters:
            case.path_parameters["slug"] = world.slug
        if "measure_id" in case.path_parameters:
            case.path_parameters["measure_id"] = world.measure_id
    case.call_and_validate(base_url=live_server.url, headers={"Authorization": f"Bearer {world.secret}"})
