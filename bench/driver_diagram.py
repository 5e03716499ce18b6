"""Benchmark: the driver diagram page with 200 nodes.

    python bench/driver_diagram.py [--runs N]

Builds a programme in a temporary SQLite database with one driver diagram of 200 nodes
(6 primary drivers, 30 secondary drivers, 164 change ideas, a fifth of them serving two
secondary drivers), then requests the diagram page through Django's test client as a signed-in
member: routing, middleware, access checks, queries, layout, SVG and the editable outline.
Reports the median and best server time over N runs (after two warm-up requests) and the
number of database queries, with PASS/FAIL against the target of 100 ms.
Exit status 1 if the target is missed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

TARGET_MS = 100.0
PRIMARIES, SECONDARIES_EACH, IDEAS = 6, 5, 164


def setup_django(db_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ["DJANGO_SETTINGS_MODULE"] = "mobilise.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    import django

    # The test settings' static files check warns about an uncollected folder: not our concern here.
    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def build_diagram() -> tuple[object, str]:
    """A member, a programme and a 200-node diagram; returns (user, diagram page URL)."""
    from django.urls import reverse

    from mobilise.accounts.models import User
    from mobilise.improvement.models import ChangeIdea, Driver, DriverDiagram, DriverKind
    from mobilise.programmes.models import Membership, Programme
    from mobilise.programmes.roles import Role

    user = User.objects.create_user(email="bench@example.nhs.uk", password="a-long-bench-password-1")
    programme = Programme.objects.create(name="Bench alliance", challenge="Fewer falls at home.")
    Membership.objects.create(programme=programme, user=user, role=Role.MEMBER)
    diagram = DriverDiagram.objects.create(
        programme=programme,
        title="Fewer falls at home",
        aim_what="Reduce falls among older people living at home",
        aim_for_whom="adults over 65 in the borough",
        aim_how_much="by a third",
    )
    secondaries = []
    for p in range(PRIMARIES):
        primary = Driver.objects.create(
            programme=programme,
            diagram=diagram,
            kind=DriverKind.PRIMARY,
            title=f"Primary driver {p + 1}: people stay strong, steady and confident on their feet",
            position=p,
        )
        for s in range(SECONDARIES_EACH):
            secondaries.append(
                Driver.objects.create(
                    programme=programme,
                    diagram=diagram,
                    kind=DriverKind.SECONDARY,
                    parent=primary,
                    position=s,
                    title=f"Secondary driver {p + 1}.{s + 1}: timely strength and balance support",
                )
            )
    ideas = ChangeIdea.objects.bulk_create(
        ChangeIdea(
            programme=programme,
            diagram=diagram,
            position=i,
            title=f"Change idea {i + 1}: a weekly chair-based exercise group run with the library",
        )
        for i in range(IDEAS)
    )
    through = ChangeIdea.drivers.through
    links = [
        through(changeidea_id=idea.pk, driver_id=secondaries[i % len(secondaries)].pk)
        for i, idea in enumerate(ideas)
    ]
    links += [
        through(changeidea_id=idea.pk, driver_id=secondaries[(i + 7) % len(secondaries)].pk)
        for i, idea in enumerate(ideas)
        if i % 5 == 0
    ]
    through.objects.bulk_create(links)
    nodes = PRIMARIES + len(secondaries) + len(ideas)
    assert nodes == 200, nodes
    return user, reverse("improvement:diagram", kwargs={"slug": programme.slug, "pk": diagram.pk})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup_django(Path(folder) / "bench.sqlite3")
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        user, url = build_diagram()
        client = Client()
        client.force_login(user)
        for _ in range(2):
            assert client.get(url).status_code == 200
        timings = []
        for _ in range(args.runs):
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        median = statistics.median(timings)
        ok = median <= TARGET_MS
        print("Driver diagram page, 200 nodes (SQLite)")
        print(f"  runs:          {args.runs}")
        print(f"  median:        {median:.1f} ms")
        print(f"  best:          {min(timings):.1f} ms")
        print(f"  queries:       {len(queries)}")
        print(f"  page size:     {len(response.content) / 1024:.0f} KB")
        print(f"  target:        ≤ {TARGET_MS:.0f} ms median  {'PASS' if ok else 'FAIL'}")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
