"""Benchmark: the board paper of a programme with 200 measures.

    python bench/boardpaper.py [--runs N]

Seeds a throwaway SQLite database (or a test copy of ``DATABASE_URL`` when that names another
server) with a programme of 200 measures × 104 weekly points, then times real page requests
through Django's test client (median of N after a warm-up):

- the board paper as HTML, built from live data (target ≤ 500 ms), beside the measurement
  dashboard of the same 200 measures as its peer (same SPC work; the ratio is printed);
- publishing it and downloading the PDF (WeasyPrint; target ≤ 5 s).

(The facilitator's page across 20 programmes is timed by ``bench/workshops.py``.)

Prints each figure against its target; exit status 1 if any is missed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.harness import configure, cpu_seconds, prepare_database  # noqa: E402 (after the path is set)

N_MEASURES, N_POINTS = 200, 104
HTML_MS, PDF_MS = 500.0, 5000.0


def seed_measures(programme: Any) -> None:
    from bench.seeders.measures import seed_weekly_measures
    from mobilise.workspace.models import Note

    seed_weekly_measures(programme, N_MEASURES, N_POINTS, seed=14)
    Note.objects.bulk_create(
        Note(
            programme=programme,
            component=c,
            title=f"Highlight {i} for {c}",
            kind="decision" if i % 3 else "note",
        )
        for i, c in enumerate(
            ["leadership", "spread", "methodology", "delivery", "measurement", "engagement"] * 20
        )
    )


LAST_CPU_MS: list[float] = [0.0]  # median CPU time of the last median_ms call


def median_ms(runs: int, call: Callable[[], Any]) -> tuple[float, Any]:
    result = call()  # warm-up
    timings, cpu = [], []
    for _ in range(runs):
        begin, begin_cpu = time.perf_counter(), cpu_seconds() * 1000
        result = call()
        timings.append((time.perf_counter() - begin) * 1000)
        cpu.append(cpu_seconds() * 1000 - begin_cpu)
    LAST_CPU_MS[0] = statistics.median(cpu)
    return statistics.median(timings), result


def verdict(label: str, value: float, target: float, extra: str = "") -> bool:
    ok = value <= target
    print(
        f"{label}: {value:.0f} ms wall, {LAST_CPU_MS[0]:.0f} ms CPU (target ≤ {target:.0f} ms) "
        f"{'PASS' if ok else 'FAIL'}{extra}"
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    own_sqlite = configure()

    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from mobilise.programmes.models import Membership, Programme
    from mobilise.programmes.roles import Role
    from tests.factories import UserFactory

    started = time.perf_counter()
    prepare_database(own_sqlite)
    convenor = UserFactory(email="convenor@bench.example")
    programme = Programme.objects.create(name="Bench alliance", challenge="Report honestly to the board.")
    Membership.objects.create(programme=programme, user=convenor, role=Role.CONVENOR)
    seed_measures(programme)
    print(f"Seeded on {connection.vendor} in {time.perf_counter() - started:.1f} s")

    client = Client()
    client.force_login(convenor)
    slug = programme.slug
    draft_url = reverse("boardpaper:draft", kwargs={"slug": slug})
    peer_ms, _ = median_ms(
        args.runs, lambda: client.get(reverse("measurement:dashboard", kwargs={"slug": slug}))
    )
    peer_cpu = LAST_CPU_MS[0]
    html_ms, response = median_ms(args.runs, lambda: client.get(draft_url))
    assert response.status_code == 200 and "What the measures say" in response.content.decode()
    ok = verdict(
        f"Board paper HTML from live data, {N_MEASURES} measures",
        html_ms,
        HTML_MS,
        f"; peer (measurement dashboard of the same measures) {peer_ms:.0f} ms wall, {peer_cpu:.0f} ms CPU;"
        f" ratio {html_ms / peer_ms:.2f}",
    )

    begin = time.perf_counter()
    published = client.post(reverse("boardpaper:publish", kwargs={"slug": slug}))
    publish_ms = (time.perf_counter() - begin) * 1000
    assert published.status_code == 302
    print(f"Publishing (freezing data and page): {publish_ms:.0f} ms")
    paper_url = reverse("boardpaper:paper", kwargs={"slug": slug, "number": 1})
    stored_ms, _ = median_ms(args.runs, lambda: client.get(paper_url))
    ok &= verdict(
        "Published board paper HTML",
        stored_ms,
        HTML_MS,
        f"; ratio to the live paper {stored_ms / html_ms:.2f}",
    )
    pdf_url = reverse("boardpaper:paper_pdf", kwargs={"slug": slug, "number": 1})
    pdf_ms, pdf = median_ms(max(1, args.runs // 2), lambda: client.get(pdf_url))
    assert pdf.content.startswith(b"%PDF")
    ok &= verdict(
        "Board paper PDF",
        pdf_ms,
        PDF_MS,
        f" ({len(pdf.content) / 1024:.0f} KB); ratio to the published HTML page {pdf_ms / stored_ms:.1f}",
    )

    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
