"""What the one-time form keys cost: saving a note with a key against the same save without one.

    python bench/submission_keys.py [--runs 200]

Through Django's test client (server time, no network), on a temporary SQLite file and, when
`BENCH_DATABASE_URL` is set (a PostgreSQL URL whose user may create databases), on a temporary
PostgreSQL database too. Prints the median time of: a note saved without a key (the peer), the
same save with a key, and a replay of a saved key, each with its ratio to the peer. Target: a
keyed save within 1.5 times the peer. Exit status 1 if it is missed.
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
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TARGET_RATIO = 1.5


def child(database_url: str, runs: int) -> dict[str, float]:
    """Time the three cases on one database. Runs in its own process."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "mobilise.settings.test"
    os.environ["DATABASE_URL"] = database_url
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_databases, teardown_databases
    from django.urls import reverse

    from mobilise.core.submissions import FIELD, new_key
    from tests.factories import MembershipFactory, ProgrammeFactory, UserFactory

    name = f"bench_submission_keys_{os.getpid()}"
    if connection.vendor == "sqlite":
        name = str(Path(tempfile.mkdtemp()) / f"{name}.sqlite3")
    connection.settings_dict["TEST"]["NAME"] = name
    old = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    try:
        programme = ProgrammeFactory()
        user = UserFactory()
        MembershipFactory(programme=programme, user=user, role="member")
        client = Client()
        client.force_login(user)
        url = reverse("workspace:note_create", kwargs={"slug": programme.slug, "component": "delivery"})
        form = {"kind": "note", "title": "Ward huddles", "body": "Daily at nine."}
        replayed = new_key()
        assert client.post(url, {**form, FIELD: replayed}).status_code == 302

        def timed(data: Any) -> float:
            started = time.perf_counter()
            assert client.post(url, data()).status_code == 302
            return (time.perf_counter() - started) * 1000

        cases = {
            "no key (peer)": lambda: form,
            "with a key": lambda: {**form, FIELD: new_key()},
            "replay of a saved key": lambda: {**form, FIELD: replayed},
        }
        for data in cases.values():  # warm up
            timed(data)
        samples: dict[str, list[float]] = {label: [] for label in cases}
        for _ in range(runs):  # interleaved, so load on the machine hits every case alike
            for label, data in cases.items():
                samples[label].append(timed(data))
        return {label: statistics.median(times) for label, times in samples.items()}
    finally:
        teardown_databases(old, verbosity=0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.runs)))
        return 0
    databases = {"SQLite": "sqlite:///bench.sqlite3"}
    if os.environ.get("BENCH_DATABASE_URL"):
        databases["PostgreSQL"] = os.environ["BENCH_DATABASE_URL"]
    failed = False
    for label, url in databases.items():
        out = subprocess.run(
            [sys.executable, __file__, "--child", url, "--runs", str(args.runs)],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        ).stdout
        medians = json.loads(out.strip().splitlines()[-1])
        peer = medians["no key (peer)"]
        print(f"{label}: saving a note, median of {args.runs}")
        for case, ms in medians.items():
            print(f"  {case:<24} {ms:7.2f} ms  {ms / peer:5.2f}× the peer")
        ratio = medians["with a key"] / peer
        if ratio > TARGET_RATIO:
            print(f"  MISSED: a keyed save took {ratio:.2f}× the peer (target ≤ {TARGET_RATIO}×)")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
