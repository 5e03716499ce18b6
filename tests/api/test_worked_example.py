"""docs/api.md's Python example, step by step, against a running server with a real token."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import requests

from mobilise.api.models import ApiAuditLine
from mobilise.measurement.models import DataPoint
from tests.api.helpers import monthly_measure, token_for
from tests.factories import MembershipFactory, ProgrammeFactory, UserFactory

FIGURES = [71.5, 73.0, 72.4, 70.9, 74.1, 72.8, 71.7, 73.5, 72.2, 71.1, 73.9, 72.6, 70.8, 72.9,
           73.3, 71.9, 72.5, 74.0, 71.4, 72.7, 73.1, 76.0, 77.2, 78.1, 77.5, 78.8, 79.3, 78.6,
           79.9, 80.4, 79.7]  # fmt: skip


def test_pushing_a_month_of_ae_data_and_reading_the_icons(live_server: Any, transactional_db: Any) -> None:
    programme = ProgrammeFactory(name="Urgent and emergency care")
    analyst = UserFactory(email="analyst@example.nhs.uk")
    MembershipFactory(programme=programme, user=analyst, role="member")
    monthly_measure(programme, analyst, name="A&E four-hour performance", frequency="day")
    base = live_server.url + "/api/v1"
    session = requests.Session()
    session.headers["Authorization"] = "Bearer " + token_for(analyst, [programme])

    slug = session.get(f"{base}/programmes", timeout=30).json()[0]["slug"]
    measures = session.get(f"{base}/programmes/{slug}/measures", timeout=30).json()["results"]
    measure = next(m for m in measures if m["name"] == "A&E four-hour performance")

    january = [date(2026, 1, 1) + timedelta(days=i) for i in range(31)]
    points = [{"period": d.isoformat(), "value": v} for d, v in zip(january, FIGURES, strict=True)]
    sent = session.put(
        f"{base}/programmes/{slug}/measures/{measure['id']}/points",
        json={"points": points, "reason": "January from the ED warehouse"},
        timeout=60,
    )
    assert sent.status_code == 200, sent.text
    assert sent.json() == {"created": 31, "updated": 0, "unchanged": 0, "skipped": 0}

    spc = session.get(f"{base}/programmes/{slug}/measures/{measure['id']}/spc", timeout=30).json()
    # The last week runs well above the rest of the month: special cause, and higher is better.
    assert spc["variation_icon"] == "improvement_high"
    assert spc["assurance_icon"] is not None
    assert [p["period"] for p in spc["periods"]] == [d.isoformat() for d in january]
    assert DataPoint.objects.filter(measure_id=measure["id"]).count() == 31
    line = ApiAuditLine.objects.get()
    assert (line.user, line.programme, line.method) == (analyst, programme, "PUT")
