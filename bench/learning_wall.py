"""Benchmark of the learning wall at scale: 40 sites, 300 change ideas, 20,000 tests of change.

    python bench/learning_wall.py [--tests 20000] [--runs 9]

Seeds a fresh database with `bench/seeders/learning_wall.py`'s data, signs in as the programme's facilitator
and times, through Django's test client (server time, no network), the median of several runs of:

* the learning wall's first page,
* a filtered search (words + outcome + date range),
* a search for a word no test contains (the slowest case for a text search; reported, no target).

It runs on a temporary SQLite file and, when `BENCH_DATABASE_URL` is set (a PostgreSQL URL
whose user may create databases), on a temporary PostgreSQL database too. Each database runs in
its own process, because Django's settings are fixed per process. Targets: ≤ 150 ms for the
first page and the filtered search, with the query count printed. Exit status 1 if one fails.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 150.0
SITES, IDEAS = 40, 300


def child(database_url: str, tests: int, runs: int) -> dict[str, Any]:
    """Seed, time and report on one database. Runs in its own process."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "mobilise.settings.test"
    os.environ["DATABASE_URL"] = database_url
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_databases, teardown_databases
    from django.urls import reverse

    from bench.seeders.learning_wall import seed_bench

    name = f"bench_learning_wall_{os.getpid()}"
    if connection.vendor == "sqlite":
        name = str(Path(tempfile.mkdtemp()) / f"{name}.sqlite3")
    connection.settings_dict["TEST"]["NAME"] = name
    old = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    try:
        started = time.perf_counter()
        seeded = seed_bench(sites=SITES, ideas=IDEAS, tests=tests)
        seed_seconds = time.perf_counter() - started
        if connection.vendor == "postgresql":  # what autovacuum would soon do after a bulk load
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        client = Client()
        client.force_login(seeded.user)
        url = reverse("pdsa:wall", kwargs={"slug": seeded.programme.slug})
        year_ago = (date.today() - timedelta(days=365)).isoformat()
        cases = {
            "first page": {},
            "filtered search": {"q": "huddle", "outcome": "abandon", "date_from": year_ago},
            "rare word": {"q": "zebra"},
        }
        results = {}
        for label, params in cases.items():
            for _ in range(2):  # warm caches and the connection
                assert client.get(url, params).status_code == 200
            with CaptureQueriesContext(connection) as captured:
                client.get(url, params)
            query_count = len(captured)  # read now: every request clears the connection's query log
            timings = []
            for _ in range(runs):
                began = time.perf_counter()
                response = client.get(url, params)
                timings.append((time.perf_counter() - began) * 1000)
                assert response.status_code == 200
            results[label] = {"ms": statistics.median(timings), "queries": query_count}
        return {"vendor": connection.vendor, "seed_seconds": seed_seconds, "results": results}
    finally:
        teardown_databases(old, verbosity=0)


def run_child(database_url: str, tests: int, runs: int) -> dict[str, Any] | None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, __file__, "--child", database_url, "--tests", str(tests), "--runs", str(runs)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(done.stdout + done.stderr, file=sys.stderr)
        return None
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tests", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.tests, args.runs)))
        return 0

    urls = {"SQLite": "sqlite:///bench-placeholder.sqlite3"}  # the test database gets a temporary file
    if os.environ.get("BENCH_DATABASE_URL"):
        urls["PostgreSQL"] = os.environ["BENCH_DATABASE_URL"]
    print(
        f"Learning wall: {SITES} sites, {IDEAS} change ideas, {args.tests:,} tests of change; "
        f"server time through Django's test client, median of {args.runs} runs."
    )
    if "PostgreSQL" not in urls:
        print("(Set BENCH_DATABASE_URL to a PostgreSQL URL to run on PostgreSQL as well.)")
    failed = False
    for label, url in urls.items():
        report = run_child(url, args.tests, args.runs)
        if report is None:
            print(f"{label}: FAIL (the benchmark could not run; see the error above)")
            failed = True
            continue
        print(f"{label} (seeded in {report['seed_seconds']:.1f} s)")
        for case, figures in report["results"].items():
            line = f"  {case:<16} {figures['ms']:7.1f} ms  {figures['queries']:3d} queries"
            if case == "rare word":
                print(f"{line}  (worst case for text search; no target)")
                continue
            ok = figures["ms"] <= TARGET_MS
            failed |= not ok
            print(f"{line}  target ≤ {TARGET_MS:.0f} ms  {'PASS' if ok else 'FAIL'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
