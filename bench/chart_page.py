"""Benchmark: one measure's chart page (200 monthly points, two phases, missing months, 40 notes).

    python bench/chart_page.py [--runs N]

Seeds a temporary SQLite database, then times, request to response through Django's test
client, the chart page and, as its peer in the same run, the same measure's CSV download (the
same reads and SPC analysis, with no drawing). Prints wall and CPU time (the machine is shared)
for both, and the ratio of the page to its peer: what drawing the two pictures and the headline
costs on top of reading and analysing the data. Target: the page within 250 ms server time.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

N_POINTS = 200
TARGET_MS = 250.0


def configure() -> None:
    folder = tempfile.mkdtemp(prefix="mobilise-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "mobilise.settings.test"
    os.environ["MEDIA_ROOT"] = folder
    import django

    django.setup()


def seed() -> tuple[object, object, object]:
    import numpy as np

    from mobilise.measurement.models import Annotation, DataPoint, Measure, Phase
    from mobilise.programmes.models import Membership, Programme
    from mobilise.programmes.roles import Role
    from tests.factories import UserFactory

    rng = np.random.default_rng(9)
    user = UserFactory(email="convenor@bench.example")
    programme = Programme.objects.create(name="Bench alliance", challenge="Draw one chart well.")
    Membership.objects.create(programme=programme, user=user, role=Role.CONVENOR)
    measure = Measure.objects.create(
        programme=programme,
        name="Emergency admissions",
        chart="xmr",
        frequency="month",
        improvement="decrease",
        unit="admissions per 1,000 registered patients",
        target=40.0,
    )
    months = [date(2000 + k // 12, k % 12 + 1, 1) for k in range(N_POINTS + 10)]
    kept = [m for k, m in enumerate(months) if k % 21 != 7][:N_POINTS]
    values = 47 + 2 * rng.standard_normal(N_POINTS)
    values[120:] -= 11
    DataPoint.objects.bulk_create(
        DataPoint(measure=measure, period=m, value=float(v)) for m, v in zip(kept, values, strict=True)
    )
    Phase.objects.create(measure=measure, starts=kept[120], reason="Same-day triage at every site")
    Annotation.objects.bulk_create(
        Annotation(measure=measure, period=kept[k * 5], text=f"Note {k}") for k in range(40)
    )
    return programme, user, measure


def _time(client: object, url: str, runs: int) -> tuple[list[float], list[float], int]:
    walls, cpus = [], []
    size = 0
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_SELF)
        begin = time.perf_counter()
        response = client.get(url)  # type: ignore[attr-defined]
        walls.append((time.perf_counter() - begin) * 1000)
        after = resource.getrusage(resource.RUSAGE_SELF)
        cpus.append((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000)
        assert response.status_code == 200
        size = len(response.content)
    return walls, cpus, size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    configure()

    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    call_command("migrate", verbosity=0)
    programme, user, measure = seed()
    client = Client()
    client.force_login(user)
    kwargs = {"slug": programme.slug, "pk": measure.pk}  # type: ignore[attr-defined]
    page = reverse("measurement:measure", kwargs=kwargs)
    peer = reverse("measurement:measure_csv", kwargs=kwargs)
    client.get(page), client.get(peer)  # warm-up: templates compiled, caches filled
    page_wall, page_cpu, size = _time(client, page, args.runs)
    peer_wall, peer_cpu, _ = _time(client, peer, args.runs)
    pw, pc = statistics.median(page_wall), statistics.median(page_cpu)
    qw, qc = statistics.median(peer_wall), statistics.median(peer_cpu)
    print(f"Chart page ({N_POINTS} points, {size / 1024:.0f} KB): median {pw:.1f} ms wall, {pc:.1f} ms CPU")
    print(f"Peer, the CSV download of the same measure: median {qw:.1f} ms wall, {qc:.1f} ms CPU")
    print(f"Page ÷ peer: {pw / qw:.2f}× wall, {pc / max(qc, 0.001):.2f}× CPU")
    ok = pw <= TARGET_MS
    print(f"Target ≤ {TARGET_MS:.0f} ms: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
