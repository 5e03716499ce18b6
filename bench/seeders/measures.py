"""Weekly indicators of every chart type for the measurement benchmarks (dashboard, board paper).

Rows go in with bulk_create and without history records: this is load for timing, not content.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

#: Chart types of the 200 measures, in order.
CHARTS = ["xmr"] * 160 + ["p"] * 20 + ["run"] * 10 + ["c"] * 10


def seed_weekly_measures(
    programme: Any, n_measures: int = 200, n_points: int = 104, *, seed: int = 2024
) -> tuple[list[Any], list[date]]:
    """``n_measures`` weekly measures from 2 January 2023, each of ``n_points`` weeks: a level
    between 50 and 150 with 8% noise, and in three in ten a step up of a fifth from a random week.
    p charts get a numerator and denominator for every week. Returns the measures and the weeks."""
    import numpy as np

    from mobilise.measurement.models import DataPoint, Measure

    rng = np.random.default_rng(seed)
    charts = (CHARTS * (n_measures // len(CHARTS) + 1))[:n_measures]
    measures = Measure.objects.bulk_create(
        Measure(
            programme=programme,
            name=f"Indicator {i:03}",
            chart=charts[i],
            frequency="week",
            type=("outcome", "process", "balancing")[i % 3],
            improvement=("increase", "decrease", "neither")[i % 3],
            target=None if i % 2 else 100.0,
            unit="%" if charts[i] == "p" else "",
            component=("measurement", "delivery", "leadership", "")[i % 4],
        )
        for i in range(n_measures)
    )
    weeks = [date(2023, 1, 2) + timedelta(weeks=k) for k in range(n_points)]
    points = []
    for m in measures:
        level = rng.uniform(50, 150)
        values = level + level * 0.08 * rng.standard_normal(n_points)
        if rng.random() < 0.3:
            values[rng.integers(30, 90) :] += level * 0.2
        for period, v in zip(weeks, values, strict=True):
            den = float(rng.integers(200, 400))
            points.append(
                DataPoint(
                    measure=m,
                    period=period,
                    value=round(float(v), 2),
                    numerator=float(min(den, max(0, round(v)))),
                    denominator=den,
                )
            )
    DataPoint.objects.bulk_create(points, batch_size=5000)
    return measures, weeks
