"""Benchmark: a pulse's results page with 20,000 responses × 10 questions in each of 12 waves.

    python bench/pulse_results.py [--runs N]

Seeds a temporary SQLite database (or a test copy of ``DATABASE_URL`` when that names another
server). Answers are stored as counts (see mobilise/pulse/models.py), so the seed draws 240,000
people's answers with numpy and writes the counts they add up to, exactly the rows the answer view
would have written. Then renders the results page through Django's test client: everyone, and
filtered by one organisation type and by one role group. Prints the median server time against
its target (≤ 300 ms whole page, ≤ 200 ms filtered); exit status 1 if one is missed.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.harness import configure, prepare_database  # noqa: E402 (after the path is set)

RESPONSES, WAVES = 20_000, 12
TARGET_MS, FILTERED_MS = 300.0, 200.0


def seed() -> tuple[object, object, object]:
    import numpy as np

    from mobilise.programmes.models import Membership, Programme
    from mobilise.programmes.roles import Role
    from mobilise.pulse import services
    from mobilise.pulse.models import ORG_TYPES, ROLE_GROUPS, AnswerTally, Kind, PeopleTally
    from tests.factories import UserFactory

    rng = np.random.default_rng(11)
    user = UserFactory(email="convenor@bench.example")
    programme = Programme.objects.create(name="Bench alliance", challenge="Keep the energy up.")
    Membership.objects.create(programme=programme, user=user, role=Role.CONVENOR)
    pulse = services.pulse_create(programme=programme, name="Energy", cadence=28, threshold=8, user=user)
    questions = [q for q in pulse.questions.all() if q.asked_by_default][:10]
    scale = [q for q in questions if q.kind == Kind.SCALE]
    orgs = [v for v, _ in ORG_TYPES]
    roles = [v for v, _ in ROLE_GROUPS]
    start = date(2025, 1, 6)
    for w in range(WAVES):
        sent = services.wave_open(
            pulse=pulse,
            questions=questions,
            opens_on=start + timedelta(days=28 * w),
            closes_on=start + timedelta(days=28 * w + 7),
            user=user,
            emails=[],
        )
        org = rng.choice(len(orgs), RESPONSES, p=np.r_[0.05, np.full(len(orgs) - 1, 0.95 / (len(orgs) - 1))])
        role = rng.integers(0, len(roles), RESPONSES)
        level = 3.6 - 0.05 * w
        answers = np.clip(np.rint(rng.normal(level, 1.0, (RESPONSES, len(scale)))), 1, 5).astype(int)
        rows = []
        for qi, q in enumerate(scale):
            key = org * 100 + role * 10 + answers[:, qi]
            codes, counts = np.unique(key, return_counts=True)
            for code, count in zip(codes.tolist(), counts.tolist(), strict=True):
                o, r, v = orgs[code // 100], roles[(code // 10) % 10], code % 10
                rows.append(
                    AnswerTally(wave=sent.wave, question=q, org_type=o, role_group=r, value=v, count=count)
                )
        # The rows the answer view keeps up to date, holding what 20,000 answers add up to.
        AnswerTally.objects.filter(wave=sent.wave).delete()
        AnswerTally.objects.bulk_create(rows, batch_size=2000)
        b = scale[4] if len(scale) > 5 else scale[0]
        v = scale[5] if len(scale) > 5 else scale[0]
        bi, vi = scale.index(b), scale.index(v)
        quadrant = 1 + (answers[:, bi] >= 4) * 1 + (answers[:, vi] >= 4) * 2
        key = org * 100 + role * 10 + quadrant
        codes, counts = np.unique(key, return_counts=True)
        PeopleTally.objects.filter(wave=sent.wave).delete()
        PeopleTally.objects.bulk_create(
            PeopleTally(
                wave=sent.wave,
                org_type=orgs[c // 100],
                role_group=roles[(c // 10) % 10],
                quadrant=c % 10,
                count=n,
            )
            for c, n in zip(codes.tolist(), counts.tolist(), strict=True)
        )
        type(sent.wave).objects.filter(pk=sent.wave.pk).update(answered=RESPONSES, invited=RESPONSES + 5000)
    return programme, pulse, user


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    own_sqlite = configure()

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    started = time.perf_counter()
    prepare_database(own_sqlite)
    programme, pulse, user = seed()
    print(
        f"Seeded {RESPONSES:,} responses × 10 questions × {WAVES} waves on {connection.vendor} "
        f"in {time.perf_counter() - started:.1f} s"
    )
    client = Client()
    client.force_login(user)
    url = reverse("pulse:results", kwargs={"slug": programme.slug, "pk": pulse.pk})  # type: ignore[attr-defined]
    failed = False
    for label, params, target in (
        ("results page, everyone", {}, TARGET_MS),
        ("filtered by organisation type", {"org_type": "nhs_trust"}, FILTERED_MS),
        ("filtered by role group", {"role_group": "clinical"}, FILTERED_MS),
        ("filtered by both", {"org_type": "nhs_trust", "role_group": "clinical"}, FILTERED_MS),
    ):
        response = client.get(url, params)
        assert response.status_code == 200
        timings = []
        for _ in range(args.runs):
            begin = time.perf_counter()
            client.get(url, params)
            timings.append((time.perf_counter() - begin) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(url, params)
        median = statistics.median(timings)
        ok = median <= target and math.isfinite(median)
        failed |= not ok
        print(
            f"{label}: median {median:.0f} ms (target ≤ {target:.0f} ms) {'PASS' if ok else 'FAIL'}; "
            f"{len(queries)} queries, {len(response.content) / 1024:.0f} KB"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
