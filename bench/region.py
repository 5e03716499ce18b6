"""Simulation: one region's database as it grows, and what partitioning buys (issue 15).

    python bench/region.py [--sizes 1,5,10,20] [--runs 200] [--partitions 16] [--keep]
    python bench/region.py --load-report .load/last.json   # also: app machines for N systems

PostgreSQL only. Makes a fresh database (DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/h_region; it refuses one that already exists, and drops the one
it made at the end unless --keep), applies the project's migrations, then grows it to each size in
--sizes, counted in integrated care systems (ICSs). One ICS at full size is 40 programmes × 200
weekly measures × 104 points ≈ 0.83 million data points, each with the "created" history row an
import writes. Rows go in by set-based SQL a week at a time across every measure, as weekly data
entry lays them out on disk (one measure's points on many pages, not side by side), the new
measures in two halves on two connections so both cores work.

At each size, through the product's own code (its ORM writes the SQL; an execute wrapper times it):
  chart      reads.measure_series for a random measure: what a measure's chart page reads
  dashboard  reads.measures_in + reads.series_inputs for a random programme: the dashboard with
             no row cached, all 200 measures' points at once
  write      services.import_writes.import_apply of a month (4 weekly points) for all 200 measures
             of a random programme, committed, then removed after the size's runs
p50/p95 over --runs (reads: their queries' time in the database; the write: the whole call), the
plan of the data-point query (EXPLAIN ANALYZE: scan type, 8 kB pages touched), and the sizes of the
data-point and history tables with their indexes.

Then, at the largest size, the same on a copy of the data-point table hash-partitioned by programme
(--partitions, default 16) in schema region_part, built by SQL (the product's migrations do not
change): first with the product's queries unchanged, then with each data-point query also filtered
on the programme (what partitioning by programme would ask of the code), so PostgreSQL reads one
partition. The copy is filled first and indexed after (quicker; its fresh indexes are more compact
than grown ones, so if anything that favours it). Writes .region/last.json and prints a Markdown
table. About 6-7 minutes on 2 cores and 9 GB of disk at the default sizes; not part of `make test`
or `make bench`.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PROGRAMMES_PER_ICS = 40
MEASURES = 200  # per programme
POINTS = 104  # weekly points per measure: two years
MONTH = 4  # weekly points written by the bulk write, per measure
POINT_TABLE = "measurement_datapoint"
HISTORY_TABLE = "measurement_historicaldatapoint"
PART_SCHEMA = "region_part"
WRITE_REASON = "region simulation: a month's write"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/h_region"


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


class Watch:
    """An execute wrapper: times every statement, keeps the last data-point query and its
    parameters (for EXPLAIN), and, when ``programme`` is set, adds the programme to each data-point
    query, as the code would have to once the table is partitioned by programme."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.programme: int | None = None
        self.last: tuple[str, Any] | None = None

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        points = f'FROM "{POINT_TABLE}"' in sql and sql.lstrip().upper().startswith("SELECT")
        if points and self.programme is not None:
            sql = sql.replace(" WHERE ", f' WHERE "{POINT_TABLE}"."programme_id" = %s AND ', 1)
            params = (self.programme, *(params or ()))
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - began
            if points:
                self.last = (sql, params)


class Region:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.ics = 0.0
        self.programmes: list[int] = []
        self.measures: list[tuple[int, int]] = []  # (measure id, programme id)
        self.by_programme: dict[int, list[int]] = {}
        today = date.today()
        self.start = today - timedelta(days=today.weekday()) - timedelta(weeks=POINTS)
        self.month = 0  # months written so far by the bulk write, past the seeded weeks


def columns(cursor: Any, table: str) -> list[str]:
    cursor.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
        "AND table_name = %s AND column_name <> 'id' ORDER BY ordinal_position",
        [table],
    )
    return [row[0] for row in cursor.fetchall()]


def copy_rows(
    cursor: Any, table: str, template: int, overrides: dict[str, str], source: str, order: str
) -> None:
    """INSERT one row per row of ``source``, each a copy of the template row with some columns set."""
    names = columns(cursor, table)
    chosen = ", ".join(overrides.get(n, f't."{n}"') for n in names)
    listed = ", ".join(f'"{n}"' for n in names)
    cursor.execute(
        f'INSERT INTO "{table}" ({listed}) SELECT {chosen} FROM {source} '
        f'CROSS JOIN (SELECT * FROM "{table}" WHERE id = %s) AS t ORDER BY {order}',
        [template],
    )


def templates() -> tuple[int, int]:
    """A programme and a measure made by the ORM, copied by SQL (every column the model sets)."""
    from mobilise.measurement.models import Measure
    from mobilise.programmes.models import Programme

    programme = Programme.objects.create(
        name="Region template", slug="region-template", challenge="Join up care across the region."
    )
    measure = Measure.objects.create(
        programme=programme, name="Template", chart="xmr", frequency="week", type="outcome"
    )
    return int(programme.pk), int(measure.pk)


FILL_URL = ""  # the database, for the fill's own connections


def split(after: int, last: int) -> list[tuple[int, int]]:
    """Ids after ``after`` up to ``last`` in two halves, as (after, up to) pairs."""
    middle = (after + last) // 2
    return [(after, middle), (middle, last)]


def in_parallel(jobs: list[list[tuple[str, list[Any]]]]) -> None:
    """Each job's statements in order on a connection of its own, the jobs side by side."""
    import psycopg

    def run(statements: list[tuple[str, list[Any]]]) -> None:
        with psycopg.connect(FILL_URL, autocommit=True) as db:
            db.execute("SET max_parallel_workers_per_gather = 0")  # rows go in in the order given
            for sql, params in statements:
                db.execute(sql, params)

    with ThreadPoolExecutor(len(jobs)) as pool:
        for done in [pool.submit(run, statements) for statements in jobs]:
            done.result()


def grow(region: Region, to_ics: float, template: tuple[int, int]) -> dict[str, float]:
    """Add programmes, measures, points and history up to ``to_ics`` ICSs' worth; seconds taken."""
    from django.db import connection

    first = len(region.programmes)
    wanted = max(1, round(to_ics * PROGRAMMES_PER_ICS))
    began = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM programmes_programme")
        before_programme = cursor.fetchone()[0]
        copy_rows(
            cursor,
            "programmes_programme",
            template[0],
            {
                "name": "'Region programme ' || g",
                "slug": "'region-programme-' || g",
                "created_at": "now()",
                "updated_at": "now()",
            },
            f"generate_series({first + 1}, {wanted}) AS g",
            "g",
        )
        cursor.execute("SELECT id FROM programmes_programme WHERE id > %s ORDER BY id", [before_programme])
        new_programmes = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM measurement_measure")
        before_measure = cursor.fetchone()[0]
        charts = "(ARRAY['xmr','xmr','xmr','xmr','xmr','xmr','xmr','xmr','p','run'])[1 + mod(g, 10)]"
        copy_rows(
            cursor,
            "measurement_measure",
            template[1],
            {
                "programme_id": "p.id",
                "name": "'Indicator ' || lpad(g::text, 3, '0')",
                "chart": charts,
                "created_at": "now()",
                "updated_at": "now()",
            },
            f"(SELECT id FROM programmes_programme WHERE id > {before_programme}) AS p "
            f"CROSS JOIN generate_series(1, {MEASURES}) AS g",
            "p.id, g",
        )
        cursor.execute(
            "SELECT id, programme_id FROM measurement_measure WHERE id > %s ORDER BY id", [before_measure]
        )
        new_measures = [(row[0], row[1]) for row in cursor.fetchall()]
        setup = time.perf_counter() - began
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {POINT_TABLE}")
        before_point = cursor.fetchone()[0]
        cursor.execute("SELECT MAX(id) FROM measurement_measure")
        last_measure = cursor.fetchone()[0]
        began = time.perf_counter()
        # A week at a time across every new measure, the order weekly data entry writes them in;
        # the measures in two halves, each on a connection of its own, so both cores work.
        halves = split(before_measure, last_measure)
        in_parallel(
            [
                [
                    (
                        f"INSERT INTO {POINT_TABLE} (measure_id, period, value, numerator, denominator, "
                        "version) SELECT id, %s, (5000 + floor(random() * 10000)) / 100, "
                        "d - floor(random() * 100), d, 1 FROM (SELECT id, 200 + floor(random() * 200) AS d "
                        "FROM measurement_measure WHERE id > %s AND id <= %s ORDER BY id) AS m",
                        [region.start + timedelta(weeks=week), low, high],
                    )
                    for week in range(POINTS)
                ]
                for low, high in halves
            ]
        )
        points = time.perf_counter() - began
        cursor.execute(f"SELECT MAX(id) FROM {POINT_TABLE}")
        last_point = cursor.fetchone()[0]
        began = time.perf_counter()
        in_parallel(
            [
                [
                    (
                        f"INSERT INTO {HISTORY_TABLE} (id, measure_id, period, value, numerator, "
                        "denominator, version, history_date, history_change_reason, history_type, "
                        "history_user_id) SELECT id, measure_id, period, value, numerator, denominator, "
                        f"version, now(), 'Seeded', '+', NULL FROM {POINT_TABLE} WHERE id > %s AND id <= %s",
                        [low, high],
                    )
                ]
                for low, high in split(before_point, last_point)
            ]
        )
        history = time.perf_counter() - began
        began = time.perf_counter()
        cursor.execute(f"VACUUM (ANALYZE) {POINT_TABLE}, {HISTORY_TABLE}, measurement_measure")
        vacuum = time.perf_counter() - began
    region.programmes += new_programmes
    region.measures += new_measures
    for measure, programme in new_measures:
        region.by_programme.setdefault(programme, []).append(measure)
    region.ics = to_ics
    return {
        "setup_s": round(setup, 1),
        "points_s": round(points, 1),
        "history_s": round(history, 1),
        "vacuum_s": round(vacuum, 1),
    }


def plan_of(sql: str, params: Any) -> dict[str, Any]:
    """EXPLAIN ANALYZE of one data-point query: the scans it used, pages touched, times."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql, params)
        found = cursor.fetchone()[0]
    top = (json.loads(found) if isinstance(found, str) else found)[0]
    scans: dict[str, int] = {}
    relations: set[str] = set()

    def walk(node: dict[str, Any]) -> None:
        if "Scan" in node["Node Type"]:
            scans[node["Node Type"]] = scans.get(node["Node Type"], 0) + 1
            if "Relation Name" in node:
                relations.add(node["Relation Name"])
        for child in node.get("Plans", []):
            walk(child)

    walk(top["Plan"])
    plan = top["Plan"]
    return {
        "scans": scans,
        "relations": len(relations),
        "pages": plan.get("Shared Hit Blocks", 0) + plan.get("Shared Read Blocks", 0),
        "pages_from_os": plan.get("Shared Read Blocks", 0),
        "rows": plan.get("Actual Rows", 0),
        "planning_ms": round(top.get("Planning Time", 0.0), 2),
        "execution_ms": round(top.get("Execution Time", 0.0), 2),
    }


def scan_words(plan: dict[str, Any]) -> str:
    """'Index Scan' or 'Bitmap Index Scan ×16', and 'SEQ SCAN' when a whole table is read."""
    words = []
    for kind, n in sorted(plan["scans"].items()):
        if kind == "Bitmap Heap Scan":
            continue  # always paired with its Bitmap Index Scan
        name = "SEQ SCAN" if kind == "Seq Scan" else kind
        words.append(name if n == 1 else f"{name} ×{n}")
    return ", ".join(words)


def summary(times: list[float]) -> dict[str, float]:
    ms = [t * 1000 for t in times]
    return {"p50_ms": round(percentile(ms, 50), 2), "p95_ms": round(percentile(ms, 95), 2), "n": len(ms)}


def measure_reads(region: Region, runs: int, watch: Watch, filtered: bool) -> dict[str, Any]:
    """The chart and the dashboard reads, through the product's code, database time only."""
    from mobilise.measurement import reads
    from mobilise.measurement.models import Measure
    from mobilise.programmes.models import Programme

    result: dict[str, Any] = {}
    chart_times: list[float] = []
    for n in range(runs + 5):
        measure_id, programme_id = region.rng.choice(region.measures)
        measure = Measure.all_objects.get(pk=measure_id)
        watch.seconds, watch.programme = 0.0, programme_id if filtered else None
        reads.measure_series(measure)
        if n >= 5:  # the first few warm the connection and the catalogue caches
            chart_times.append(watch.seconds)
    assert watch.last is not None
    result["chart"] = {**summary(chart_times), "plan": plan_of(*watch.last)}
    dashboard_times: list[float] = []
    for n in range(max(10, runs // 4) + 2):
        programme = Programme.objects.get(pk=region.rng.choice(region.programmes))
        watch.seconds, watch.programme = 0.0, programme.pk if filtered else None
        reads.series_inputs(list(reads.measures_in(programme)))
        if n >= 2:
            dashboard_times.append(watch.seconds)
    assert watch.last is not None
    result["dashboard"] = {**summary(dashboard_times), "plan": plan_of(*watch.last)}
    watch.programme = None
    return result


def measure_writes(
    region: Region, runs: int, watch: Watch, *, partitioned: bool = False, filtered: bool = False
) -> dict[str, Any]:
    """A month of points for every measure of a random programme, by the product's import code.

    On the partitioned copy the new rows' programme comes from the column's default, set to the
    programme before each write: it stands in for the line of code that would fill it."""
    from django.db import connection, transaction

    from mobilise.measurement.importing.validate import ParsedRows
    from mobilise.measurement.services.import_writes import import_apply

    first_period = region.start + timedelta(weeks=POINTS)
    times: list[float] = []
    for _ in range(runs):
        programme = region.rng.choice(region.programmes)
        rows = ParsedRows()
        weeks = [first_period + timedelta(weeks=MONTH * region.month + k) for k in range(MONTH)]
        region.month += 1
        for measure in region.by_programme[programme]:
            for n, week in enumerate(weeks):
                value = region.rng.uniform(50, 150)
                rows.append(measure, week, round(value, 2), float(round(value)), 300.0, n)
        if partitioned:  # the column the code would fill once points carry their programme
            with connection.cursor() as cursor:
                cursor.execute(
                    f"ALTER TABLE {PART_SCHEMA}.{POINT_TABLE} ALTER COLUMN programme_id SET DEFAULT %s"
                    % int(programme)
                )
        watch.programme = programme if filtered else None  # its reads name the programme too
        began = time.perf_counter()
        with transaction.atomic():
            done = import_apply(rows=rows, mapped=(True, True, True), user=None, reason=WRITE_REASON)
        times.append(time.perf_counter() - began)
        watch.programme = None
        assert done["created"] == len(rows), done
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {POINT_TABLE} WHERE period >= %s", [first_period])
        cursor.execute(f"DELETE FROM {HISTORY_TABLE} WHERE history_change_reason = %s", [WRITE_REASON])
    return {**summary(times), "rows": MEASURES * MONTH}


def sizes(schema: str = "public") -> dict[str, float]:
    from django.db import connection

    gb = 1024**3
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COALESCE(SUM(pg_table_size(c.oid)), 0), COALESCE(SUM(pg_indexes_size(c.oid)), 0) "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND c.relkind = 'r' AND (c.relname = %s OR c.relname LIKE %s)",
            [schema, POINT_TABLE, POINT_TABLE + "\\_p%"],
        )
        table, indexes = cursor.fetchone()
        cursor.execute(
            f"SELECT pg_total_relation_size('public.{HISTORY_TABLE}'), pg_database_size(current_database())"
        )
        history, database = cursor.fetchone()
        cursor.execute(f"SELECT count(*) FROM {schema}.{POINT_TABLE}")
        rows = cursor.fetchone()[0]
    return {
        "points": int(rows),
        "table_gb": round(int(table) / gb, 3),
        "indexes_gb": round(int(indexes) / gb, 3),
        "history_gb": round(int(history) / gb, 3),
        "database_gb": round(int(database) / gb, 3),
    }


def partition(partitions: int) -> dict[str, float]:
    """A copy of the data-point table, hash-partitioned by programme, in its own schema."""
    from django.db import connection

    began = time.perf_counter()
    table = f"{PART_SCHEMA}.{POINT_TABLE}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE SCHEMA {PART_SCHEMA}")
        cursor.execute(
            f"CREATE TABLE {table} (LIKE public.{POINT_TABLE} INCLUDING DEFAULTS INCLUDING IDENTITY, "
            "programme_id bigint NOT NULL) PARTITION BY HASH (programme_id)"
        )
        for k in range(partitions):
            cursor.execute(
                f"CREATE TABLE {table}_p{k:02d} PARTITION OF {table} "
                f"FOR VALUES WITH (MODULUS {partitions}, REMAINDER {k}) WITH (autovacuum_enabled = off)"
            )
        cursor.execute(f"SELECT MAX(id) FROM public.{POINT_TABLE}")
        last = cursor.fetchone()[0]
        # Filled in the table's order, two halves side by side, and indexed afterwards: quicker,
        # and the fresh indexes are more compact than grown ones, so if anything this favours it.
        in_parallel(
            [
                [
                    (
                        f"INSERT INTO {table} (id, measure_id, period, value, numerator, denominator, "
                        "version, programme_id) SELECT d.id, d.measure_id, d.period, d.value, d.numerator, "
                        f"d.denominator, d.version, m.programme_id FROM public.{POINT_TABLE} AS d "
                        "JOIN measurement_measure AS m ON m.id = d.measure_id WHERE d.id > %s AND d.id <= %s",
                        [low, high],
                    )
                ]
                for low, high in split(0, last)
            ]
        )
        # A unique constraint on a partitioned table must hold the partition key.
        cursor.execute(f"ALTER TABLE {table} ADD PRIMARY KEY (id, programme_id)")
        cursor.execute(
            f"ALTER TABLE {table} ADD CONSTRAINT part_one_point_per_period "
            "UNIQUE (measure_id, period, programme_id)"
        )
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
        )
        filled = time.perf_counter() - began
        cursor.execute(f"VACUUM (ANALYZE) {table}")
    return {"fill_s": round(filled, 1), "vacuum_s": round(time.perf_counter() - began - filled, 1)}


@contextmanager
def search_path(schema: str) -> Iterator[None]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SET search_path TO {schema}, public")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET search_path TO public")


def app_machines(report_path: Path, counts: list[int]) -> dict[str, Any] | None:
    """Arithmetic on a measured load test: app machines and database cores for N systems.

    Measured (bench/load.py, one ICS at 50 requests a second): the CPU cores gunicorn and
    PostgreSQL used. Arithmetic: a 2-core app machine kept at most 70% busy, so it has room for
    peaks; database cores scale with the requests, the busier of the steady run and the ramp's
    first step at the same rate."""
    if not report_path.exists():
        return None
    report = json.loads(report_path.read_text())
    runs = [report["steady"], *report.get("ramp", [])[:1]]
    app = database = 0.0
    for run in runs:
        cpu = run.get("cpu_seconds_per_second", {})
        served = run.get("served_per_second") or run["offered_per_second"]
        app = max(app, cpu.get("gunicorn", 0.0) / served * 50)  # cores per ICS at 50 requests/s
        database = max(database, cpu.get("postgres", 0.0) / served * 50)
    usable = 2 * 0.7
    return {
        "measured": report.get("when", ""),
        "minutes": report["steady"].get("seconds", 0) / 60,
        "app_cores_per_ics": round(app, 2),
        "database_cores_per_ics": round(database, 2),
        "breaks_at": report.get("breaks_at"),
        "first_to_run_out": report.get("first_to_run_out"),
        "machines": {str(n): max(1, math.ceil(n * app / usable)) for n in counts},
        "database_cores": {str(n): round(n * database, 1) for n in counts},
    }


def print_table(report: dict[str, Any]) -> None:
    print(
        "\n| Region | Data points | Points table + indexes | History | Chart read p50 / p95 "
        "| Dashboard read p50 / p95 | Month's write p50 / p95 | Plan (chart; dashboard) "
        "| Pages per chart / dashboard |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for step in report["steps"]:
        s, c, d, w = step["size"], step["chart"], step["dashboard"], step.get("write")
        label = step["label"]
        write = f"{w['p50_ms']:.0f} / {w['p95_ms']:.0f} ms" if w else "–"
        print(
            f"| {label} | {s['points'] / 1e6:.1f} M | {s['table_gb'] + s['indexes_gb']:.2f} GB "
            f"({s['indexes_gb']:.2f} indexes) | {s['history_gb']:.2f} GB "
            f"| {c['p50_ms']:.2f} / {c['p95_ms']:.2f} ms | {d['p50_ms']:.1f} / {d['p95_ms']:.1f} ms "
            f"| {write} | {scan_words(c['plan'])}; {scan_words(d['plan'])} "
            f"| {c['plan']['pages']} / {d['plan']['pages']} |"
        )


def database_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "") or DEFAULT_URL
    return url if url.startswith("postgres") else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,5,10,20", help="region sizes, in integrated care systems")
    parser.add_argument("--runs", type=int, default=200, help="chart reads per size (dashboards: a quarter)")
    parser.add_argument("--writes", type=int, default=12, help="month's writes per size")
    parser.add_argument("--partitions", type=int, default=16, help="hash partitions; 0 for none")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--load-report", default=str(ROOT / ".load" / "last.json"), help="bench/load.py's last report"
    )
    args = parser.parse_args(argv)
    url = database_url()
    if url is None:
        print("The region simulation runs on PostgreSQL: set DATABASE_URL to a postgres:// URL. Skipped.")
        return 0
    import psycopg

    name = url.rsplit("/", 1)[1].split("?", 1)[0]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    try:
        server = psycopg.connect(admin, autocommit=True)
    except psycopg.OperationalError as error:
        print(f"No PostgreSQL server at {admin} ({error}). Skipped.")
        return 0
    with server:
        if server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            raise SystemExit(f"Database {name} already exists: drop it, or name another in DATABASE_URL")
        server.execute(f'CREATE DATABASE "{name}"')
        version = server.execute("SHOW server_version").fetchone()
        settings = {
            k: server.execute(f"SHOW {k}").fetchone()[0]  # type: ignore[index]
            for k in ("shared_buffers", "work_mem", "effective_cache_size")
        }
    os.environ["DATABASE_URL"] = url
    global FILL_URL
    FILL_URL = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "mobilise.settings.test"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    sizes_wanted = [float(s) for s in args.sizes.split(",") if s]
    started = time.perf_counter()
    report: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 1024**3:.0f} GB memory",
        "postgresql": version[0] if version else "",
        "settings": settings,
        "shape": {"programmes_per_ics": PROGRAMMES_PER_ICS, "measures": MEASURES, "points": POINTS},
        "steps": [],
    }
    try:
        call_command("migrate", verbosity=0)
        with connection.cursor() as cursor:
            for table in (POINT_TABLE, HISTORY_TABLE):
                # Vacuumed by the simulation after each growth, so no background vacuum runs mid-timing.
                cursor.execute(f"ALTER TABLE {table} SET (autovacuum_enabled = off)")
        template = templates()
        region = Region(random.Random(15))
        watch = Watch()
        with connection.execute_wrapper(watch):
            for size in sizes_wanted:
                fill = grow(region, size, template)
                label = f"{size:g} ICS" + ("" if size == 1 else "s")
                print(f"{label}: filled in {sum(fill.values()):.0f} s {fill}", flush=True)
                step: dict[str, Any] = {"label": label, "ics": size, "fill": fill, "size": sizes()}
                step.update(measure_reads(region, args.runs, watch, filtered=False))
                step["write"] = measure_writes(region, args.writes, watch)
                report["steps"].append(step)
                print(json.dumps({k: step[k] for k in ("size", "chart", "dashboard", "write")}), flush=True)
            if args.partitions:
                fill = partition(args.partitions)
                with search_path(PART_SCHEMA):
                    base = report["steps"][-1]["label"]
                    for filtered in (False, True):
                        label = f"{base}, {args.partitions} partitions" + (
                            ", query names the programme" if filtered else ", queries unchanged"
                        )
                        step = {"label": label, "ics": region.ics, "fill": fill, "size": sizes(PART_SCHEMA)}
                        step.update(measure_reads(region, args.runs, watch, filtered=filtered))
                        step["write"] = measure_writes(
                            region, args.writes, watch, partitioned=True, filtered=filtered
                        )
                        report["steps"].append(step)
                        print(json.dumps({k: step.get(k) for k in ("size", "chart", "dashboard", "write")}))
    finally:
        connection.close()
        if not args.keep:
            with psycopg.connect(admin, autocommit=True) as server:
                server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    report["seconds"] = round(time.perf_counter() - started)
    counts = sorted({1, 5, 10, 20, *(math.ceil(s) for s in sizes_wanted)})
    report["app_machines"] = app_machines(Path(args.load_report), counts)
    out = ROOT / ".region"
    out.mkdir(exist_ok=True)
    (out / "last.json").write_text(json.dumps(report, indent=2))
    print(
        f"\nRegion simulation {report['when']}, {report['machine']}, PostgreSQL {report['postgresql']} "
        f"{settings}: {report['seconds']} s"
    )
    print_table(report)
    machines = report["app_machines"]
    if machines:
        print(
            f"\nFrom the load test of {machines['measured']} (measured: {machines['app_cores_per_ics']} app "
            f"cores and {machines['database_cores_per_ics']} database cores per ICS at 50 requests/s); "
            "arithmetic: 2-core app machines kept at most 70% busy, by ICSs in the region: "
            f"{machines['machines']}; database cores: {machines['database_cores']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
