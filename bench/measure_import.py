"""Benchmark: importing a 1,000,000-row measure CSV, upload to stored rows, on the current database.

    python bench/measure_import.py [--rows N]

Generates (seeded, never committed) a CSV of 200 daily measures × 5,000 days with a measure-name
column, then times what a person's import does: ``import_job_create`` (upload checks, file kept)
and ``import_job_start`` (the same ``run_import`` task path, run at once), until every point and
its history row are stored. The peer, measured in the same run, is the database's own bulk load of
the same rows into a table of the same shape (COPY on PostgreSQL, executemany on SQLite), so the
ratio says how close the import is to the floor. A second file with bad rows is timed to its
refusal. Uses a throwaway SQLite file, or a test copy of ``DATABASE_URL`` when that names a server.

Each import runs in a process of its own, started fresh as a background worker would be (Django
set up, nothing else loaded), and its peak memory is that process's maximum resident set: this
script's own seeding, migrations and file generation are not the import's memory. The time counts
the whole child process, start-up included.
Prints PASS/FAIL against: import ≤ 60 s, refusal ≤ 15 s, peak memory ≤ 300 MB; exit 1 on FAIL.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.harness import configure, prepare_database  # noqa: E402 (after the path is set)

N_MEASURES = 200
TARGET_SECONDS = 60.0
TARGET_REFUSAL_SECONDS = 15.0
TARGET_MB = 300.0


def write_file(path: Path, rows: int, bad: bool = False) -> None:
    """Measure, Period (UK dates), Value; ``bad`` spoils one row in 10,000 in assorted ways."""
    rng = random.Random(2024)
    days = rows // N_MEASURES
    start = date(2010, 1, 1)
    dates = [(start + timedelta(days=d)).strftime("%d/%m/%Y") for d in range(days)]
    spoil = ["n/a", "31/02/2024", "1,5", "#DIV/0!"]
    with path.open("w", newline="") as out:
        out.write("Measure,Period,Value\n")
        n = 0
        for m in range(N_MEASURES):
            name = f"Indicator {m:03}"
            for when in dates:
                n += 1
                value = f"{rng.uniform(0, 500):.2f}"
                if bad and n % 10_000 == 0:
                    kind = (n // 10_000) % 5
                    if kind == 4:
                        out.write(f"{name},{when},1,234\n")  # an unquoted thousands comma
                        continue
                    if kind == 1:
                        when = spoil[1]
                    else:
                        value = spoil[kind]
                out.write(f"{name},{when},{value}\n")


def peer_load(path: Path) -> float:
    """The database loading the same rows by itself into a table shaped like the points table."""
    from django.db import connection, transaction

    from mobilise.measurement.models import Measure

    ids = dict(Measure.objects.values_list("name", "pk"))
    begin = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE bench_peer (id integer PRIMARY KEY, measure_id bigint NOT NULL, "
            "period date NOT NULL, value double precision, UNIQUE (measure_id, period))"
            if connection.vendor == "sqlite"
            else "CREATE TABLE bench_peer (id bigserial PRIMARY KEY, measure_id bigint NOT NULL, "
            "period date NOT NULL, value double precision, UNIQUE (measure_id, period))"
        )
        with path.open(newline="") as handle:
            reader = csv.reader(handle)
            next(reader)
            rows = (
                (ids[name], f"{when[6:10]}-{when[3:5]}-{when[0:2]}", float(value))
                for name, when, value in reader
            )
            if connection.vendor == "postgresql":
                with cursor.cursor.copy("COPY bench_peer (measure_id, period, value) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                cursor.executemany(
                    "INSERT INTO bench_peer (measure_id, period, value) VALUES (%s, %s, %s)", rows
                )
        cursor.execute("DROP TABLE bench_peer")
    return time.perf_counter() - begin


def run_import(path: Path, programme_id: int, user_id: int) -> dict[str, Any]:
    """Create and run one import as a person's upload would, in this process (the child's part)."""
    from django.core.files.uploadedfile import UploadedFile

    from mobilise.accounts.models import User
    from mobilise.measurement.importing.mapping import ColumnMapping
    from mobilise.measurement.models import ImportJob
    from mobilise.measurement.services import import_job_create, import_job_start
    from mobilise.programmes.models import Programme

    programme = Programme.objects.get(pk=programme_id)
    user = User.objects.get(pk=user_id)
    with path.open("rb") as handle:
        upload = UploadedFile(handle, name=path.name, size=path.stat().st_size)
        job = import_job_create(programme=programme, user=user, upload=upload)
    import_job_start(job=job, mapping=ColumnMapping(header_row=1, period=1, value=2, measure_name=0))
    job = ImportJob.objects.get(pk=job.pk)
    return {
        "status": job.status,
        "message": job.message,
        "problems": job.problem_count,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def import_in_child(
    path: Path, programme_id: int, user_id: int, database_url: str
) -> tuple[float, dict[str, Any]]:
    """Wall time of a fresh process that runs one import, and what it reported."""
    env = {**os.environ, "DATABASE_URL": database_url}
    begin = time.perf_counter()
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(path), str(programme_id), str(user_id)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - begin
    if done.returncode != 0:
        raise SystemExit(f"the import process failed:\n{done.stderr}")
    return elapsed, json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--child", nargs=3, metavar=("FILE", "PROGRAMME", "USER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        os.environ["DJANGO_SETTINGS_MODULE"] = "mobilise.settings.test"
        import django

        django.setup()
        print(json.dumps(run_import(Path(args.child[0]), int(args.child[1]), int(args.child[2]))))
        return 0
    own_sqlite = configure()
    folder = os.environ["MEDIA_ROOT"]  # the run's own folder, which configure() made

    from django.db import connection

    from mobilise.measurement.models import DataPoint, Measure
    from mobilise.programmes.models import Membership, Programme
    from mobilise.programmes.roles import Role
    from tests.factories import UserFactory

    prepare_database(own_sqlite)
    user = UserFactory(email="convenor@bench.example")
    programme = Programme.objects.create(name="Bench alliance", challenge="Import everything at once.")
    Membership.objects.create(programme=programme, user=user, role=Role.CONVENOR)
    Measure.objects.bulk_create(
        Measure(programme=programme, name=f"Indicator {m:03}", frequency="day") for m in range(N_MEASURES)
    )
    clean, spoilt = Path(folder) / "clean.csv", Path(folder) / "spoilt.csv"
    write_file(clean, args.rows)
    write_file(spoilt, args.rows, bad=True)
    size = clean.stat().st_size / 1024**2
    print(f"{args.rows:,} rows ({size:.0f} MB CSV) on {connection.vendor}")

    database = connection.settings_dict
    if connection.vendor == "postgresql":
        database_url = (
            f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}"
            f"/{database['NAME']}"
        )
    else:
        database_url = f"sqlite:///{database['NAME']}"
    refusal, refused = import_in_child(spoilt, programme.pk, user.pk, database_url)
    print(
        f"File with bad rows refused in {refusal:.1f} s: {refused['problems']:,} problems, "
        f"status {refused['status']} (peak memory of that process {refused['peak_mb']:.0f} MB)"
    )
    elapsed, job = import_in_child(clean, programme.pk, user.pk, database_url)
    peak = job["peak_mb"]
    stored = DataPoint.objects.count()
    history = DataPoint.history.count()
    peer = peer_load(clean)
    print(f"(max RSS after the peer: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")
    print(
        f"Clean import: {elapsed:.1f} s, {stored:,} points and {history:,} history rows stored "
        f"({job['message']})"
    )
    print(
        f"Peer ({'COPY' if connection.vendor == 'postgresql' else 'executemany'} of the same rows): "
        f"{peer:.1f} s"
    )
    print(f"Import / peer: {elapsed / peer:.1f}×")
    print(f"Peak memory of the import (max RSS of the process that ran it, start-up included): {peak:.0f} MB")
    ok_time = elapsed <= TARGET_SECONDS * args.rows / 1_000_000
    ok_refusal = refusal <= TARGET_REFUSAL_SECONDS * args.rows / 1_000_000 and refused["status"] == "refused"
    ok_rows = stored == args.rows // N_MEASURES * N_MEASURES and history == stored
    ok_memory = peak <= TARGET_MB
    for label, ok in [
        (f"import ≤ {TARGET_SECONDS:.0f} s", ok_time),
        (f"refusal ≤ {TARGET_REFUSAL_SECONDS:.0f} s", ok_refusal),
        ("every row stored with history", ok_rows),
        (f"peak memory ≤ {TARGET_MB:.0f} MB", ok_memory),
    ]:
        print(f"Target {label}: {'PASS' if ok else 'FAIL'}")
    return 0 if ok_time and ok_refusal and ok_rows and ok_memory else 1


if __name__ == "__main__":
    sys.exit(main())
