"""Demo content for spread: neighbourhood sites, one practice spreading along an S-curve with a
plan it is slightly behind, and a measure by site with one site clearly doing better."""

from __future__ import annotations

import zlib
from datetime import date, timedelta
from typing import Any

from mobilise.adoption.models import (
    Milestone,
    Practice,
    Site,
    SiteKind,
    SiteMeasure,
    SiteValue,
    Stage,
    StageChange,
)

from .content.people import CONVENOR

PLACES = (
    "Abbey", "Beacon", "Castle", "Dale", "Elm", "Ferry", "Grange", "Harbour", "Ivy", "Juniper",
    "Kings", "Lark", "Meadow", "Northgate", "Orchard", "Priory", "Quay", "Riverside", "Station",
    "Tannery", "Upton", "Vale", "Willow", "Yew",
)  # fmt: skip


def build(spec: Any, programme: Any, people: Any, clock: Any) -> None:
    convenor = people[CONVENOR]
    today: date = clock.now.date()
    salt = zlib.crc32(spec.slug.encode())
    sites = Site.objects.bulk_create(
        Site(
            programme=programme,
            name=f"{place} Surgery",
            organisation=f"{place} Primary Care Network" if i % 3 else "",
            kind=SiteKind.GP_PRACTICE,
            population=4000 + (salt + 977 * i) % 9000,
            in_scope=i < 22,
            created_by=convenor,
        )
        for i, place in enumerate(PLACES)
    )
    launched = today - timedelta(days=30 * 14)
    practice = Practice.objects.create(
        programme=programme,
        name="Proactive frailty huddles",
        description="A weekly 30-minute huddle of the practice team and community nurses about people "
        "whose frailty is getting worse.",
        launched_on=launched,
        created_by=convenor,
    )
    Milestone.objects.bulk_create(
        [
            Milestone(practice=practice, on=launched + timedelta(days=30 * 6), sites=4),
            Milestone(practice=practice, on=today + timedelta(days=60), sites=18),
        ]
    )
    changes = []
    for i, site in enumerate(sites[:13]):
        month = 1 + round(12 * (i / 12) ** 0.8)
        adopted_on = launched + timedelta(days=30 * month + (salt + i) % 20)
        changes.append(
            StageChange(
                programme=practice.programme,
                practice=practice,
                site=site,
                stage=Stage.TRYING,
                on=adopted_on - timedelta(days=35),
                created_by=convenor,
            )
        )
        changes.append(
            StageChange(
                programme=practice.programme,
                practice=practice,
                site=site,
                stage=Stage.ADOPTED,
                on=adopted_on,
                created_by=convenor,
            )
        )
        if i < 4:
            changes.append(
                StageChange(
                    programme=practice.programme,
                    practice=practice,
                    site=site,
                    stage=Stage.SUSTAINED,
                    on=adopted_on + timedelta(days=150),
                    created_by=convenor,
                )
            )
    for site in sites[13:17]:
        changes.append(
            StageChange(
                programme=practice.programme,
                practice=practice,
                site=site,
                stage=Stage.AWARE,
                on=today - timedelta(days=40),
                created_by=convenor,
            )
        )
    StageChange.objects.bulk_create(changes)
    measure = SiteMeasure.objects.create(
        programme=programme, name="Care and support plans agreed", kind="proportion", created_by=convenor
    )
    first = date(today.year, today.month, 1)
    months = [(first - timedelta(days=31 * k)).replace(day=1) for k in range(6, 0, -1)]
    values = []
    for i, site in enumerate(sites):
        for k, month in enumerate(months):
            den = 40 + (salt + 13 * i + 7 * k) % 60
            share = 0.42 + ((salt + 31 * i + 5 * k) % 17) / 100 + (0.3 if i == 2 else 0.0)
            values.append(
                SiteValue(
                    measure=measure,
                    site=site,
                    period=month,
                    events=round(den * min(share, 0.98)),
                    denominator=den,
                )
            )
    SiteValue.objects.bulk_create(values)
