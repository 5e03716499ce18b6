"""Benchmark: 100,000 data points pushed through the REST API, then the icons of 200 measures read back.

    python bench/api_bulk.py [--points N]

Seeds a throwaway SQLite database (or a test copy of ``DATABASE_URL`` when that names a server)
with a programme of 200 weekly measures × 104 points and two empty daily measures, makes a
read-and-write token, and sends the points as an analyst would: ``PUT …/measures/{id}/points``
with a Bearer token, through Django's whole request handling (test client, in process, so the
CPU time is the server's work plus the client's). 100,000 daily points cannot go to one measure in
one call: a daily measure holds at most 73,414 periods (the years 1900 to 2100 the import accepts),
so they go as two calls of 50,000, one per measure. The peer, in the same run, is a plain
``executemany`` of the same rows into a table of the same shape; the ratio is printed. Then
``GET …/spc`` is read for each of the 200 weekly measures (icons and limits, as on the chart pages).

Prints wall and CPU time for each part, and PASS/FAIL on every point stored with its history and
200 icon sets read; exit 1 on FAIL. There is no time target in the issue for this; the figures and
the ratio are the result.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.harness import configure, cpu_seconds, prepare_database  # noqa: E402 (after the path is set)

N_MEASURES = 200
N_WEEKS = 104
CALLS = 2


def peer_executemany(rows: list[tuple[int, str, float]]) -> tuple[float, float]:
    """The database storing the same rows by itself: one executemany into a same-shaped table."""
    from django.db import connection, transaction

    begin, cpu = time.perf_counter(), cpu_seconds()
    with transaction.atomic(), connection.cursor() as cursor:
        key = "integer" if connection.vendor == "sqlite" else "bigserial"
        cursor.execute(
            f"CREATE TABLE bench_peer (id {key} PRIMARY KEY, measure_id bigint NOT NULL, "
            "period date NOT NULL, value double precision, UNIQUE (measure_id, period))"
        )
        cursor.executemany("INSERT INTO bench_peer (measure_id, period, value) VALUES (%s, %s, %s)", rows)
        cursor.execute("DROP TABLE bench_peer")
    return time.perf_counter() - begin, cpu_seconds() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=100_000)
    args = parser.parse_args()
    own_sqlite = configure()

    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from mobilise.api import services
    from mobilise.measurement.models import DataPoint, Measure
    from mobilise.programmes.models import Membership, Programme
    from mobilise.programmes.roles import Role
    from tests.factories import UserFactory

    setup_test_environment()
    prepare_database(own_sqlite)
    rng = random.Random(2024)
    analyst = UserFactory(email="analyst@bench.example")
    programme = Programme.objects.create(name="Bench alliance", challenge="Push a warehouse at once.")
    Membership.objects.create(programme=programme, user=analyst, role=Role.MEMBER)
    weekly = Measure.objects.bulk_create(
        Measure(
            programme=programme, name=f"Weekly {m:03}", frequency="week", improvement="increase", target=80
        )
        for m in range(N_MEASURES)
    )
    start_week = date(2024, 1, 1)
    DataPoint.objects.bulk_create(
        DataPoint(measure=m, period=start_week + timedelta(weeks=w), value=70 + rng.gauss(0, 3) + w * 0.02)
        for m in weekly
        for w in range(N_WEEKS)
    )
    daily = [
        Measure.objects.create(programme=programme, name=f"Daily {c}", frequency="day") for c in range(CALLS)
    ]
    _, secret = services.token_create(
        user=analyst, name="Bench", access="write", programmes=[programme], days=1
    )
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    base = f"/api/v1/programmes/{programme.slug}"

    per_call = args.points // CALLS
    first_day = date(1950, 1, 1)
    batches = []
    peer_rows: list[tuple[int, str, float]] = []
    for measure in daily:
        points = [
            {"period": (first_day + timedelta(days=d)).isoformat(), "value": round(rng.uniform(0, 500), 2)}
            for d in range(per_call)
        ]
        batches.append((measure, orjson.dumps({"points": points, "reason": "Bench load"})))
        peer_rows += [(measure.pk, p["period"], p["value"]) for p in points]
    print(f"{per_call * CALLS:,} points in {CALLS} calls on {connection.vendor}")

    begin, cpu = time.perf_counter(), cpu_seconds()
    results = []
    for measure, body in batches:
        response = client.put(f"{base}/measures/{measure.pk}/points", body, content_type="application/json")
        results.append((response.status_code, response.json()))
    push_wall, push_cpu = time.perf_counter() - begin, cpu_seconds() - cpu
    stored = DataPoint.objects.filter(measure__in=daily).count()
    history = DataPoint.history.filter(measure_id__in=[m.pk for m in daily]).count()
    peer_wall, peer_cpu = peer_executemany(peer_rows)
    print(
        f"API bulk upsert: {push_wall:.2f} s wall, {push_cpu:.2f} s CPU "
        f"({stored:,} points, {history:,} history rows)"
    )
    print(f"Peer (executemany of the same rows): {peer_wall:.2f} s wall, {peer_cpu:.2f} s CPU")
    print(f"API / peer: {push_wall / peer_wall:.1f}× wall, {push_cpu / max(peer_cpu, 1e-9):.1f}× CPU")

    begin, cpu = time.perf_counter(), cpu_seconds()
    icons = []
    for measure in weekly:
        spc = client.get(f"{base}/measures/{measure.pk}/spc")
        if spc.status_code == 200:
            body = spc.json()
            icons.append((body["variation_icon"], body["assurance_icon"]))
    read_wall, read_cpu = time.perf_counter() - begin, cpu_seconds() - cpu
    print(
        f"Icons read back for {len(icons)} measures × {N_WEEKS} points: {read_wall:.2f} s wall, "
        f"{read_cpu:.2f} s CPU ({1000 * read_wall / max(len(icons), 1):.1f} ms a measure)"
    )
    print(f"Variation icons seen: {sorted({v for v, _ in icons if v})}")

    ok_stored = all(s == 200 for s, _ in results) and stored == per_call * CALLS and history == stored
    ok_icons = len(icons) == N_MEASURES and all(v for v, _ in icons)
    for label, ok in [("every point stored with history", ok_stored), ("200 icon sets read", ok_icons)]:
        print(f"Target {label}: {'PASS' if ok else 'FAIL'}")
    return 0 if ok_stored and ok_icons else 1


if __name__ == "__main__":
    sys.exit(main())
