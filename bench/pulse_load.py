"""Load: answers sent through the real views at 50 a second, on PostgreSQL, none lost or doubled.

    python bench/pulse_load.py [--seconds 10] [--rate 50] [--workers 4]
    python bench/pulse_load.py --seconds 600      # the issue's 10-minute run
    python bench/pulse_load.py --conn-max-age 0   # a new database connection per request

Beside the rate it prints CPU seconds per recorded answer: the server's (gunicorn's workers, read
from /proc while the clock runs) and this script's (resource.getrusage), because the machine may
be shared and a rate alone says little on a loaded machine. Gunicorn runs with persistent database
connections (DATABASE_CONN_MAX_AGE=60, as a deployment sets it) unless told otherwise.

Creates a throwaway PostgreSQL database (``DATABASE_URL`` if it names PostgreSQL, else
postgres://postgres@127.0.0.1:5432/), opens a pulse wave with one single-use link per submission
to make, starts gunicorn on a loopback port, and sends submissions at a steady rate from a pool of
threads, each as a phone would: every phone first opens its link (GET, before the clock starts),
then the timed part sends the answers (POST, with the CSRF token and form key the page gave) at the
steady rate. One in ten links is also sent a second time, at once, from
another thread (a double tap). At the end it checks the database: every accepted submission is
counted once (0 lost), no link counted twice (0 duplicated), and the rate held. Prints each figure
against its target; exit status 1 if one is missed. The database is dropped afterwards.
"""

from __future__ import annotations

import argparse
import http.client
import http.cookies
import os
import re
import resource
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGET_RATE = 50.0


def database_url() -> tuple[str, str, str]:
    given = os.environ.get("DATABASE_URL", "")
    base = given if given.startswith("postgres") else "postgres://postgres@127.0.0.1:5432/postgres"
    parts = urlsplit(base)
    name = f"mobilise_bench_pulse_load_{os.getpid()}"
    admin = parts._replace(path="/postgres").geturl()
    return admin, parts._replace(path=f"/{name}").geturl(), name


def server_cpu(master: int) -> float:
    """CPU seconds used so far by gunicorn's master and its workers (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pids = [master]
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Phone:
    """One person's phone: opens the link (untimed), then sends the form (timed)."""

    def __init__(self, port: int, path: str) -> None:
        self.port, self.path = port, path
        self.headers: dict[str, str] = {}
        self.hidden: dict[str, str] = {}

    def open(self) -> int:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            conn.request("GET", self.path)
            page = conn.getresponse()
            body = page.read().decode()
            cookie = http.cookies.SimpleCookie()
            for header in page.headers.get_all("Set-Cookie") or []:
                cookie.load(header)
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
            key = re.search(r'name="submission_key" value="([^"]+)"', body)
            self.hidden = {"csrfmiddlewaretoken": token.group(1) if token else ""}
            if key:
                self.hidden["submission_key"] = key.group(1)
            self.headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": "; ".join(f"{k}={m.value}" for k, m in cookie.items()),
                "Referer": f"http://127.0.0.1:{self.port}{self.path}",
            }
            return int(page.status)
        finally:
            conn.close()

    def send(self, fields: dict[str, str]) -> int:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            conn.request("POST", self.path, body=urlencode({**fields, **self.hidden}), headers=self.headers)
            sent = conn.getresponse()
            sent.read()
            return int(sent.status)
        finally:
            conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--rate", type=float, default=TARGET_RATE, help="submissions per second")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--conn-max-age", type=int, default=60, help="DATABASE_CONN_MAX_AGE for gunicorn")
    args = parser.parse_args()
    admin, url, name = database_url()

    import psycopg

    try:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        print(f"pulse load: FAIL, PostgreSQL is needed and could not be reached ({exc})")
        return 1
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "mobilise.settings.test",
        "DATABASE_CONN_MAX_AGE": str(args.conn_max_age),
    }
    os.environ.update(env)
    server = None
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.utils import timezone

        from mobilise.programmes.models import Membership, Programme
        from mobilise.programmes.roles import Role
        from mobilise.pulse import services
        from mobilise.pulse.models import AnswerTally, Comment, Invitation, Kind, PeopleTally, Wave
        from tests.factories import UserFactory

        call_command("migrate", verbosity=0)
        total = int(args.seconds * args.rate)
        user = UserFactory(email="convenor@bench.example")
        programme = Programme.objects.create(name="Load alliance", challenge="Answer fast.")
        Membership.objects.create(programme=programme, user=user, role=Role.CONVENOR)
        pulse = services.pulse_create(programme=programme, name="Energy", cadence=28, threshold=8, user=user)
        questions = [q for q in pulse.questions.all() if q.asked_by_default]
        today = timezone.localdate()
        sent = services.wave_open(
            pulse=pulse,
            questions=questions,
            opens_on=today,
            closes_on=today,
            user=user,
            emails=[f"p{i}@load.example" for i in range(total)],
        )
        tokens = list(sent.links.values())
        fields = {"org_type": "nhs_trust", "role_group": "clinical"}
        for i, q in enumerate(questions):
            fields[f"q{q.pk}"] = "More time to think" if q.kind == Kind.TEXT else str(1 + i % 5)
        from django.db import connections

        connections.close_all()

        port = free_port()
        server = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "mobilise.wsgi:application",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                str(args.workers),
                "--threads",
                "4",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)

        # Workers load Django when they start: wait until every one answers before the clock starts.
        def warm() -> None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            conn.request("GET", f"/pulse/{tokens[0]}/")  # renders the answer page; uses nothing
            conn.getresponse().read()
            conn.close()

        with ThreadPoolExecutor(max_workers=args.workers * 4) as pool:
            list(pool.map(lambda _: warm(), range(args.workers * 16)))
        phones = [Phone(port, f"/pulse/{token}/") for token in tokens]
        with ThreadPoolExecutor(max_workers=args.workers * 4) as pool:
            opened = list(pool.map(lambda phone: phone.open(), phones))
        assert set(opened) == {200}, sorted(set(opened))
        statuses: list[int] = []
        latencies: list[float] = []
        lock = threading.Lock()

        def one(phone: Phone) -> None:
            begin = time.perf_counter()
            status = phone.send(fields)
            with lock:
                statuses.append(status)
                latencies.append(time.perf_counter() - begin)

        server_cpu_before = server_cpu(server.pid)
        own_before = resource.getrusage(resource.RUSAGE_SELF)
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=64) as pool:
            for i, phone in enumerate(phones):
                due = started + i / args.rate
                delay = due - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
                pool.submit(one, phone)
                if i % 10 == 0:
                    pool.submit(one, phone)  # a double tap: the same form sent again at once
        elapsed = time.perf_counter() - started
        server_cpu_used = server_cpu(server.pid) - server_cpu_before
        own_after = resource.getrusage(resource.RUSAGE_SELF)
        own_cpu = (own_after.ru_utime - own_before.ru_utime) + (own_after.ru_stime - own_before.ru_stime)

        scale = sum(1 for q in questions if q.kind == Kind.SCALE)
        accepted = statuses.count(200)
        wave = Wave.objects.get(pk=sent.wave.pk)
        people = sum(PeopleTally.objects.filter(wave=wave).values_list("count", flat=True))
        answers = sum(AnswerTally.objects.filter(wave=wave).values_list("count", flat=True))
        used = Invitation.objects.filter(wave=wave, used=True).count()
        comments = Comment.objects.filter(wave=wave).count()
        lost = total - used
        duplicated = max(0, people - used) + max(0, wave.answered - used) + max(0, comments - used)
        rate = used / elapsed
        latencies.sort()
        p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else float("nan")
        ok_counts = people == used == wave.answered == comments and answers == used * scale
        ok = lost == 0 and duplicated == 0 and ok_counts and rate >= TARGET_RATE * 0.98
        others = sorted({s for s in statuses if s != 200})
        print(
            f"pulse load on PostgreSQL, {args.seconds:.0f} s: {used:,} of {total:,} submissions recorded "
            f"at {rate:.1f}/s (target ≥ {TARGET_RATE:.0f}/s); lost {lost}, duplicated {duplicated} "
            f"(target 0 and 0); {accepted - used} double taps given the first answer's page, "
            f"{len(others) and sum(statuses.count(o) for o in others)} refused; "
            f"send p95 {p95 * 1000:.0f} ms; CPU per answer: "
            f"server {server_cpu_used / max(used, 1) * 1000:.1f} ms, "
            f"load script {own_cpu / max(used, 1) * 1000:.1f} ms (wall {elapsed:.1f} s; "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores). {'PASS' if ok else 'FAIL'}"
        )
        return 0 if ok else 1
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main())
