"""Proof under load: gunicorn on PostgreSQL, seeded as one integrated care system, driven by locust.

    python bench/load.py --run [--minutes 2] [--rate 50] [--ramp 50,75,100,150] [--reseed]
    python bench/load.py            # print the last run's summary (.load/last.json), if there is one

`--run` seeds a PostgreSQL database once (bench/seeders/ics.py; `--reseed` starts again), starts
gunicorn (3 sync workers, the load settings: production's, on loopback) and runs locust headless
at `--rate` requests per second for `--minutes`. It reads the server's own timings from each
response's Server-Timing header and writes p50/p95/p99 per page group, the error rate and the rate
served to .load/last.json. Then a ramp: a short run at each offered rate, reporting where the
server stops keeping up and the first resource to run out (the machine's CPU, or gunicorn's
workers all busy). DATABASE_URL names the database (default: h_load on 127.0.0.1).
Targets (issue 15): p95 ≤ 200 ms for pages and ≤ 500 ms for chart and dashboard pages, p99 ≤ 1 s,
errors < 0.1%.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / ".load"
PY = sys.executable
BIN = Path(PY).parent
CHART_GROUPS = {"dashboard", "measure", "survey_results", "survey_picture", "diagram"}
WORKERS = 3
PORT = int(os.environ.get("LOAD_PORT", "8765"))


def environment(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="mobilise.settings.load",
        DATABASE_URL=database_url,
        SECRET_KEY=env.get("SECRET_KEY", "load-test-only-" + "k" * 50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        PYTHONPATH=str(ROOT),
    )
    return env


def prepare(database_url: str, reseed: bool, env: dict[str, str]) -> None:
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as db:
        exists = db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and reseed:
            db.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            db.execute(f'CREATE DATABASE "{name}"')
    seeded = OUT / "seeded.json"
    if not exists or not seeded.exists():
        print(f"Seeding {name}: migrations, then one integrated care system (a minute or two)…")
        subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run([PY, "-m", "bench.seeders.ics", "--out", str(seeded)], cwd=ROOT, env=env, check=True)
        with psycopg.connect(database_url, autocommit=True) as db:
            db.execute("ANALYZE")
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    # Sessions made directly, so the run does not start with everyone hashing a password at once.
    script = (
        "import django, json; django.setup()\n"
        "from django.conf import settings; from django.test import Client\n"
        "from mobilise.accounts.models import User\n"
        "from bench.seeders.ics import Seeded, page_groups\n"
        f"seeded = json.load(open({str(seeded)!r}))\n"
        "seeded['pages'] = page_groups(Seeded(**seeded))\n"
        "def session(email):\n"
        "    c = Client(); c.force_login(User.objects.get(email=email))\n"
        "    return c.cookies[settings.SESSION_COOKIE_NAME].value\n"
        "print(json.dumps({'cookie': settings.SESSION_COOKIE_NAME, 'pages': seeded['pages'],\n"
        "    'convenors': [session(e) for e in seeded['convenors']],\n"
        "    'members': [session(e) for e in seeded['members'][:40]]}))\n"
    )
    made = subprocess.run([PY, "-c", script], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    (OUT / "sessions.json").write_text(made.stdout.strip().splitlines()[-1])


class Sampler(threading.Thread):
    """CPU use of the machine, gunicorn (master and workers), PostgreSQL and locust, once a second."""

    def __init__(self, gunicorn_pid: int) -> None:
        super().__init__(daemon=True)
        self.gunicorn_pid = gunicorn_pid
        self.stopped = threading.Event()
        self.samples: list[dict[str, float]] = []

    @staticmethod
    def _ticks_by_name() -> dict[str, int]:
        totals: dict[str, int] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                text = stat.read_text()
                cmdline = (stat.parent / "cmdline").read_bytes()
            except OSError:
                continue
            fields = text.rsplit(")", 1)[1].split()
            ticks = int(fields[11]) + int(fields[12])
            name = "postgres" if b"postgres" in cmdline else ""
            name = "gunicorn" if b"gunicorn" in cmdline else name
            name = "locust" if b"locust" in cmdline else name
            if name:
                totals[name] = totals.get(name, 0) + ticks
        return totals

    @staticmethod
    def _machine() -> tuple[int, int]:
        parts = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        return sum(parts), parts[3] + parts[4]

    def run(self) -> None:
        hz = os.sysconf("SC_CLK_TCK")
        before, (total0, idle0) = self._ticks_by_name(), self._machine()
        while not self.stopped.wait(1.0):
            after, (total1, idle1) = self._ticks_by_name(), self._machine()
            sample = {
                k: (after.get(k, 0) - before.get(k, 0)) / hz for k in ("gunicorn", "postgres", "locust")
            }
            sample["machine_busy"] = 1 - (idle1 - idle0) / max(1, total1 - total0)
            self.samples.append(sample)
            before, total0, idle0 = after, total1, idle1

    def summary(self) -> dict[str, float]:
        if not self.samples:
            return {}
        keys = self.samples[0].keys()
        return {k: round(statistics.mean(s[k] for s in self.samples), 3) for k in keys}


def start_gunicorn(env: dict[str, str]) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "mobilise.wsgi",
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{PORT}",
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(60):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/health/live", timeout=2)
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def run_locust(env: dict[str, str], rate: int, seconds: int, timings: Path) -> float:
    started = time.monotonic()
    subprocess.run(
        [
            str(BIN / "locust"),
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--users",
            str(rate),
            "--spawn-rate",
            str(max(5, rate // 5)),
            "--run-time",
            f"{seconds}s",
            "--host",
            f"http://127.0.0.1:{PORT}",
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--stop-timeout",
            "5",
        ],
        cwd=ROOT,
        env={**env, "LOAD_SESSIONS": str(OUT / "sessions.json"), "LOAD_TIMINGS": str(timings)},
        check=False,
        stdout=subprocess.DEVNULL,
    )
    return time.monotonic() - started


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def summarise(timings: dict[str, list[list[float]]], seconds: float) -> dict[str, Any]:
    groups = {}
    total = errors = 0
    busy = 0.0
    for group, rows in sorted(timings.items()):
        app = [r[0] for r in rows if r[0] >= 0]
        cpu = [r[1] for r in rows if r[1] >= 0]
        failed = sum(1 for r in rows if not r[2] or r[2] >= 400)
        total, errors, busy = total + len(rows), errors + failed, busy + sum(app) / 1000
        groups[group] = {
            "requests": len(rows),
            "errors": failed,
            "p50_ms": round(percentile(app, 50), 1),
            "p95_ms": round(percentile(app, 95), 1),
            "p99_ms": round(percentile(app, 99), 1),
            "cpu_p50_ms": round(percentile(cpu, 50), 1),
            "target_p95_ms": 500 if group in CHART_GROUPS else 200,
        }
    return {
        "requests": total,
        "served_per_second": round(total / seconds, 1) if seconds else 0,
        "error_rate": round(errors / total, 5) if total else 0,
        "worker_occupancy": round(busy / (WORKERS * seconds), 3) if seconds else 0,
        "groups": groups,
    }


def measured_run(
    env: dict[str, str], server: subprocess.Popen[bytes], rate: int, seconds: int
) -> dict[str, Any]:
    timings = OUT / f"timings-{rate}.json"
    timings.unlink(missing_ok=True)
    sampler = Sampler(server.pid)
    sampler.start()
    elapsed = run_locust(env, rate, seconds, timings)
    sampler.stopped.set()
    found = json.loads(timings.read_text()) if timings.exists() else {}
    result = summarise(found, min(elapsed, seconds))
    result.update(offered_per_second=rate, seconds=seconds, cpu_seconds_per_second=sampler.summary())
    return result


def meets(result: dict[str, Any]) -> bool:
    groups = result["groups"].values()
    return (
        result["error_rate"] < 0.001
        and all(g["p95_ms"] <= g["target_p95_ms"] and g["p99_ms"] <= 1000 for g in groups)
        and result["served_per_second"] >= 0.95 * result["offered_per_second"]
    )


def first_to_run_out(step: dict[str, Any]) -> str:
    cpu = step["cpu_seconds_per_second"]
    cores = os.cpu_count() or 1
    if cpu.get("machine_busy", 0) >= 0.9:
        return (
            f"the machine's CPU ({cores} cores {cpu['machine_busy']:.0%} busy: gunicorn "
            f"{cpu.get('gunicorn', 0):.2f}, PostgreSQL {cpu.get('postgres', 0):.2f}, "
            f"locust {cpu.get('locust', 0):.2f} cores)"
        )
    if step["worker_occupancy"] >= 0.9:
        return f"gunicorn's {WORKERS} sync workers (busy {step['worker_occupancy']:.0%} of the time)"
    return "nothing saturated yet (latency grew first)"


def print_summary(report: dict[str, Any]) -> None:
    main = report["steady"]
    print(
        f"Load test {report['when']}: offered {main['offered_per_second']} req/s for "
        f"{main['seconds'] / 60:g} min; served {main['served_per_second']} req/s, "
        f"errors {main['error_rate']:.2%}, {main['requests']} requests"
    )
    print(f"  {'page group':<16} {'n':>6} {'p50':>7} {'p95':>7} {'p99':>7} {'CPU p50':>8}  target p95")
    for group, g in main["groups"].items():
        ok = "ok" if g["p95_ms"] <= g["target_p95_ms"] and g["p99_ms"] <= 1000 else "MISSED"
        print(
            f"  {group:<16} {g['requests']:>6} {g['p50_ms']:>7.0f} {g['p95_ms']:>7.0f} {g['p99_ms']:>7.0f} "
            f"{g['cpu_p50_ms']:>8.0f}  ≤{g['target_p95_ms']} {ok}"
        )
    cpu = main["cpu_seconds_per_second"]
    print(f"  CPU (cores): {cpu}; gunicorn workers busy {main['worker_occupancy']:.0%}")
    for step in report.get("ramp", []):
        print(
            f"  ramp: offered {step['offered_per_second']:>4} → served {step['served_per_second']:>5} req/s, "
            f"worst p95 {max((g['p95_ms'] for g in step['groups'].values()), default=0):.0f} ms, "
            f"errors {step['error_rate']:.2%}"
        )
    if report.get("breaks_at"):
        print(f"  breaks at {report['breaks_at']} req/s; first to run out: {report['first_to_run_out']}")
    print(f"  meets the targets: {'yes' if report['meets'] else 'no'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", action="store_true", help="run the load test (otherwise print the last)")
    parser.add_argument("--minutes", type=float, default=float(os.environ.get("LOAD_MINUTES", "2")))
    parser.add_argument("--rate", type=int, default=50)
    parser.add_argument("--ramp", default="50,75,100,150", help="offered rates for the ramp; '' for none")
    parser.add_argument("--ramp-seconds", type=int, default=30)
    parser.add_argument("--reseed", action="store_true")
    args = parser.parse_args()
    last = OUT / "last.json"
    if not args.run:
        if last.exists():
            print_summary(json.loads(last.read_text()))
        else:
            print("No load test has run here yet: `make load` runs one.")
        return 0
    OUT.mkdir(exist_ok=True)
    database_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/h_load")
    if not database_url.startswith("postgres"):
        raise SystemExit("The load test runs on PostgreSQL: set DATABASE_URL to a postgres:// URL")
    env = environment(database_url)
    prepare(database_url, args.reseed, env)
    server = start_gunicorn(env)
    try:
        steady = measured_run(env, server, args.rate, int(args.minutes * 60))
        report: dict[str, Any] = {
            "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "steady": steady,
        }
        report["meets"] = meets(steady)
        report["ramp"] = []
        for rate in [int(r) for r in args.ramp.split(",") if r]:
            step = measured_run(env, server, rate, args.ramp_seconds)
            report["ramp"].append(step)
            if not meets(step):
                report["breaks_at"] = rate
                report["first_to_run_out"] = first_to_run_out(step)
                break
    finally:
        server.terminate()
        server.wait(timeout=30)
    last.write_text(json.dumps(report, indent=2))
    print_summary(report)
    return 0 if report["meets"] else 1


if __name__ == "__main__":
    sys.exit(main())
