"""Building sites, practices and stage histories for tests."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from mobilise.adoption import services
from mobilise.adoption.models import Practice, Site, SiteMeasure, SiteValue, Stage


def make_sites(cast: Any, n: int, *, prefix: str = "Practice") -> list[Site]:
    return [
        services.site_create(
            programme=cast.programme,
            data={"name": f"{prefix} {i:03d}", "kind": "gp_practice", "population": 5000 + 100 * i},
            user=cast.convenor,
        )
        for i in range(n)
    ]


def make_practice(cast: Any, *, launched: date | None = None, **extra: Any) -> Practice:
    data = {"name": "Frailty huddles", "launched_on": launched or date(2025, 1, 1), **extra}
    return services.practice_create(programme=cast.programme, data=data, user=cast.convenor)


def adopt(practice: Practice, site: Site, on: date, stage: str = Stage.ADOPTED, user: Any = None) -> None:
    services.stage_set(practice=practice, site=site, stage=stage, on=on, user=user)


def s_curve_history(cast: Any, practice: Practice, sites: list[Site], months: int = 14) -> None:
    """Sites adopting along an S-shape: a few early, many in the middle, then a tail."""
    start = practice.launched_on
    for i, site in enumerate(sites):
        month = round(months * (0.15 + 0.7 * i / max(len(sites) - 1, 1)))
        adopt(practice, site, start + timedelta(days=30 * month + 3))


def make_measure(cast: Any, sites: list[Site], *, better: int = 0) -> SiteMeasure:
    measure = services.measure_create(
        programme=cast.programme,
        data={"name": "Care plans agreed", "kind": "proportion", "per": 1000, "higher_is_better": True},
        user=cast.convenor,
    )
    for i, site in enumerate(sites):
        for m in (1, 2, 3):
            den = 200
            events = 60 + (i % 5) + (90 if i == better else 0)
            SiteValue.objects.create(
                measure=measure, site=site, period=date(2025, m, 1), events=events, denominator=den
            )
    return measure
