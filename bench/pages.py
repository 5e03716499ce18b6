"""Per-page CPU time and queries on a seeded integrated care system (bench/seeders/ics.py).

    DATABASE_URL=postgres://…/h_load python bench/pages.py [--runs N] [--seeded .load/seeded.json]

Serves each page group of the load mix through Django's test client, signed in as the largest
programme's convenor, and prints the median CPU time of this process per request (the test client
serves in-process, so it is the server's work; CPU, not wall time, because the machine is shared)
the database server's CPU for our connection when it is PostgreSQL on this machine (mean: the
kernel counts it in 10 ms ticks), and the number of queries. Uses the load settings, so the
middleware is production's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def backend_cpu_ms(pid: int) -> float:
    """CPU time of the database's server process for our connection (PostgreSQL on this machine)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seeded", default=str(ROOT / ".load" / "seeded.json"))
    parser.add_argument("--only", default="", help="comma-separated page groups")
    args = parser.parse_args()
    if not Path(args.seeded).exists():
        print("No seeded integrated care system here yet: `make load` seeds one.")
        return 0
    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/h_load")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mobilise.settings.load")
    os.environ.setdefault("SECRET_KEY", "load-test-only-" + "x" * 50)
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    import django

    django.setup()
    import orjson
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.seeders.ics import Seeded, page_groups
    from mobilise.accounts.models import User

    seeded = orjson.loads(Path(args.seeded).read_bytes())
    seeded["pages"] = page_groups(Seeded(**seeded))
    client = Client(headers={"Accept-Encoding": "gzip"})  # as browsers ask: compressing is work too
    client.force_login(User.objects.get(email=seeded["convenors"][0]))
    pid = 0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
    only = set(filter(None, args.only.split(",")))
    print(
        f"{'page group':<16} {'CPU ms':>8} {'DB CPU':>8} {'wall ms':>8} {'queries':>8} {'KB':>6}"
        f"   (median of {args.runs})"
    )
    for group, paths in seeded["pages"].items():
        if only and group not in only:
            continue
        path = paths[0]
        response = client.get(path)  # warm-up: templates compiled, caches filled
        assert response.status_code == 200, (path, response.status_code)
        cpu, wall, db = [], [], []
        for _ in range(args.runs):
            begin, begin_wall, begin_db = time.process_time(), time.perf_counter(), backend_cpu_ms(pid)
            client.get(path)
            cpu.append((time.process_time() - begin) * 1000)
            wall.append((time.perf_counter() - begin_wall) * 1000)
            db.append(backend_cpu_ms(pid) - begin_db)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        size = len(response.content) / 1024
        print(
            f"{group:<16} {statistics.median(cpu):>8.1f} {statistics.mean(db):>8.1f} "
            f"{statistics.median(wall):>8.1f} "
            f"{len(queries):>8} {size:>6.0f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
