"""Benchmark: the measurement dashboard of a programme with 200 measures × 104 weekly points.

    python bench/dashboard.py [--runs N]

Seeds a temporary SQLite database (or a test copy of ``DATABASE_URL`` when that names another
server), renders the dashboard through Django's test client and reports the server time per
render (median of N, after a warm-up), the number of queries, and the share spent in the SPC
engine. Prints PASS/FAIL against the target; exit status 1 if it fails.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.harness import configure, prepare_database  # noqa: E402 (after the path is set)

N_MEASURES = 200
N_POINTS = 104
TARGET_MS = 500.0


def seed() -> tuple[object, object]:
    from bench.seeders.measures import seed_weekly_measures
    from mobilise.measurement.models import Phase
    from mobilise.programmes.models import Membership, Programme
    from mobilise.programmes.roles import Role
    from tests.factories import UserFactory

    user = UserFactory(email="convenor@bench.example")
    programme = Programme.objects.create(name="Bench alliance", challenge="Measure everything at once.")
    Membership.objects.create(programme=programme, user=user, role=Role.CONVENOR)
    measures, weeks = seed_weekly_measures(programme, N_MEASURES, N_POINTS, seed=2024)
    Phase.objects.bulk_create(Phase(measure=m, starts=weeks[60], reason="New pathway") for m in measures[::7])
    return programme, user


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    own_sqlite = configure()

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from mobilise.measurement import analysis
    from mobilise.measurement.reads import series_inputs

    started = time.perf_counter()
    prepare_database(own_sqlite)
    programme, user = seed()
    print(
        f"Seeded {N_MEASURES} measures × {N_POINTS} weekly points on {connection.vendor} "
        f"in {time.perf_counter() - started:.1f} s"
    )

    client = Client()
    client.force_login(user)
    url = reverse("measurement:dashboard", kwargs={"slug": programme.slug})
    response = client.get(url)  # warm-up: templates compiled, caches filled
    assert response.status_code == 200 and f"Summary of {N_MEASURES} measures" in response.content.decode()
    timings = []
    for _ in range(args.runs):
        begin = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - begin) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)

    from mobilise.measurement.models import Measure

    measures = list(Measure.objects.filter(programme=programme).order_by("name"))
    engine = []
    for _ in range(args.runs):
        inputs = series_inputs(measures)
        begin = time.perf_counter()
        analysis.analyse_series(inputs)
        engine.append((time.perf_counter() - begin) * 1000)

    median = statistics.median(timings)
    print(
        f"Dashboard render, server time: median {median:.0f} ms, fastest {min(timings):.0f} ms "
        f"over {args.runs} runs ({len(response.content) / 1024:.0f} KB of HTML)"
    )
    print(f"Queries per render: {len(queries)}")
    print(f"SPC engine (4 batch calls, one per chart type): median {statistics.median(engine):.1f} ms")
    ok = median <= TARGET_MS and math.isfinite(median)
    print(f"Target ≤ {TARGET_MS:.0f} ms: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
