"""Benchmark: delivery pages of a programme with 5,000 actions, 1,000 risks, 500 agreements, 40 reviews.

    python bench/delivery.py [--runs N]

Seeds a temporary SQLite database (or a test copy of ``DATABASE_URL`` when that names another
server), then requests each delivery list page and the programme home through Django's test
client, as a signed-in member. Reports the server time per page (median of N after a warm-up)
against the 150 ms target, and the queries per page next to the same page of a small programme
(50 actions) measured in the same run: the counts must match, so queries do not grow with rows.
Exit status 1 if any target is missed.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.harness import configure, cpu_seconds, prepare_database  # noqa: E402 (after the path is set)

N_ACTIONS, N_RISKS, N_AGREEMENTS, N_REVIEWS, N_PARTNERS = 5000, 1000, 500, 40, 6
TARGET_MS = 150.0
COMPARE_TARGET_MS = 200.0
PAGES = (
    ("workspace:home", "Programme home"),
    ("delivery:overview", "Delivery overview"),
    ("delivery:leads", "Who leads what"),
    ("delivery:actions", "Actions"),
    ("delivery:risks", "Risks and heat map"),
    ("delivery:agreements", "Agreements register"),
    ("delivery:drivers", "System drivers"),
    ("delivery:reviews", "Reviews"),
)


def seed(name: str, scale: float) -> tuple[Any, Any]:
    from mobilise.accounts.models import Organisation
    from mobilise.delivery.components import pack
    from mobilise.delivery.models import (
        Action,
        Agreement,
        ComponentLeads,
        PartnerConfirmation,
        PartnerLead,
        Risk,
        SystemDriver,
    )
    from mobilise.programmes.models import Membership, Programme
    from mobilise.programmes.roles import Role
    from mobilise.workspace.components import COMPONENTS
    from mobilise.workspace.models import Note
    from tests.factories import UserFactory

    keys = [c.key for c in COMPONENTS]
    programme = Programme.objects.create(name=name, challenge="Deliver together.")
    people = [UserFactory(email=f"p{i}@{programme.slug}.example") for i in range(30)]
    Membership.objects.bulk_create(
        Membership(programme=programme, user=p, role=Role.CONVENOR if i == 0 else Role.MEMBER)
        for i, p in enumerate(people)
    )
    partners = Organisation.objects.bulk_create(
        Organisation(name=f"{name} partner {i}", type="nhs_trust") for i in range(N_PARTNERS)
    )
    programme.partners.add(*partners)
    for i, key in enumerate(keys[:6]):
        row = ComponentLeads.objects.create(programme=programme, component=key)
        row.leads.set(people[i : i + 2])
    PartnerLead.objects.bulk_create(
        PartnerLead(programme=programme, organisation=o, lead=people[i]) for i, o in enumerate(partners)
    )
    today = date.today()
    statuses = ["planned", "doing", "stuck", "done", "dropped"]
    Action.objects.bulk_create(
        (
            Action(
                programme=programme,
                title=f"Action {i}",
                components=pack([keys[i % 8], keys[(i * 3) % 8]]),
                owner=people[i % 30],
                partner=partners[i % N_PARTNERS] if i % 2 else None,
                due_on=today + timedelta(days=(i % 200) - 60),
                status=statuses[i % 5],
                in_the_way="Waiting on a decision" if i % 5 == 2 else "",
            )
            for i in range(int(N_ACTIONS * scale))
        ),
        batch_size=2000,
    )
    Risk.objects.bulk_create(
        (
            Risk(
                programme=programme,
                title=f"Risk {i}",
                purpose_impact="Partners step back from the shared purpose.",
                likelihood=1 + i % 5,
                impact=1 + (i // 5) % 5,
                score=(1 + i % 5) * (1 + (i // 5) % 5),
                owner=people[i % 30],
                status="open" if i % 4 else "closed",
            )
            for i in range(int(N_RISKS * scale))
        ),
        batch_size=2000,
    )
    agreements = Agreement.objects.bulk_create(
        (
            Agreement(
                programme=programme,
                title=f"Agreement {i}",
                decided_on=today - timedelta(days=i),
                where="Programme board",
                components=pack([keys[i % 8]]),
            )
            for i in range(int(N_AGREEMENTS * scale))
        ),
        batch_size=2000,
    )
    PartnerConfirmation.objects.bulk_create(
        (
            PartnerConfirmation(agreement=a, organisation=o, state="confirmed" if j % 3 else "concerns")
            for a in agreements
            for j, o in enumerate(partners[:4])
        ),
        batch_size=2000,
    )
    Note.objects.bulk_create(
        Note(programme=programme, component=keys[i % 8], kind="decision", title=f"Decision {i}")
        for i in range(int(100 * scale))
    )
    SystemDriver.objects.bulk_create(
        SystemDriver(
            programme=programme, name=f"Lever {i}", kind="contracts", pull=("with", "against")[i % 2]
        )
        for i in range(40)
    )
    from mobilise.delivery.models import Review
    from mobilise.delivery.reviews import snapshot

    picture = snapshot(programme, 12)
    Review.objects.bulk_create(
        Review(
            programme=programme,
            title=f"Review {i}",
            held_on=today - timedelta(days=30 * i),
            status="closed",
            decided="Keep the huddles going; ask the ICB about the contract.",
            snapshot=picture,
        )
        for i in range(max(2, int(N_REVIEWS * scale)))
    )
    return programme, people[1]


CPU: dict[str, float] = {}  # the last page measured: median CPU ms


def measure(client: Any, url: str, runs: int) -> tuple[float, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    timings, cpu = [], []
    for _ in range(runs):
        begin, begin_cpu = time.perf_counter(), cpu_seconds() * 1000
        client.get(url)
        timings.append((time.perf_counter() - begin) * 1000)
        cpu.append(cpu_seconds() * 1000 - begin_cpu)
    CPU["last"] = statistics.median(cpu)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(timings), len(queries), len(response.content)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    own_sqlite = configure()

    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    started = time.perf_counter()
    prepare_database(own_sqlite)
    big, big_user = seed("Big alliance", 1.0)
    small, small_user = seed("Small alliance", 0.01)
    print(
        f"Seeded {N_ACTIONS:,} actions, {N_RISKS:,} risks, {N_AGREEMENTS} agreements on {connection.vendor} "
        f"in {time.perf_counter() - started:.1f} s; peer: the same pages of a programme with 1% of the rows"
    )
    big_client, small_client = Client(), Client()
    big_client.force_login(big_user)
    small_client.force_login(small_user)
    ok = True
    for name, label in PAGES:
        ms, queries, size = measure(big_client, reverse(name, kwargs={"slug": big.slug}), args.runs)
        cpu = CPU["last"]
        peer_ms, peer_queries, _ = measure(
            small_client, reverse(name, kwargs={"slug": small.slug}), args.runs
        )
        page_ok = ms <= TARGET_MS and math.isfinite(ms) and queries == peer_queries
        ok = ok and page_ok
        print(
            f"{label:<22} median {ms:6.1f} ms wall, {cpu:6.1f} ms CPU (target ≤ {TARGET_MS:.0f}), "
            f"{ms / peer_ms:4.1f}× the small "
            f"programme; {queries} queries (small: {peer_queries}); {size / 1024:.0f} KB  "
            f"{'PASS' if page_ok else 'FAIL'}"
        )
    from mobilise.delivery.models import Review

    pair = list(Review.objects.filter(programme=big).order_by("held_on").values_list("pk", flat=True)[:2])
    compare = reverse("delivery:review_compare", kwargs={"slug": big.slug}) + f"?a={pair[0]}&b={pair[1]}"
    ms, queries, size = measure(big_client, compare, args.runs)
    compare_ok = ms <= COMPARE_TARGET_MS
    ok = ok and compare_ok
    print(
        f"{'Compare two reviews':<22} median {ms:6.1f} ms wall, {CPU['last']:6.1f} ms CPU "
        f"(target ≤ {COMPARE_TARGET_MS:.0f}) "
        f"among {N_REVIEWS} "
        f"reviews; {queries} queries; {size / 1024:.0f} KB  {'PASS' if compare_ok else 'FAIL'}"
    )
    print("All delivery targets met" if ok else "A delivery target was missed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
