"""Benchmark: a relationship survey of 2,000 respondents, analysed, then its results page.

    python bench/survey_results.py [--runs N] [--people N] [--ties-each N]

Seeds a temporary SQLite database with a programme, 2,000 people in its stakeholder register
(spread over 20 partner organisations of eight types) and a survey they have answered: each
names about five colleagues, mostly in their own organisation, giving about 10,000 ties.
Runs the network analysis once (the same code the background worker runs) and reports its
time, then requests the results page as the convenor (named) and the network page as a member
(anonymised) through Django's test client. Reports the median and best server time over N runs
(after two warm-up requests) and the queries per page, with PASS/FAIL against the target of
300 ms for the results page once computed. Exit status 1 if the target is missed.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

TARGET_MS = 300.0
ORGANISATIONS = 20
TYPES = (
    "nhs_trust",
    "gp_practice",
    "commissioner",
    "local_authority",
    "public_health",
    "voluntary",
    "patient_group",
    "healthwatch",
)


def setup_django(db_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ["DJANGO_SETTINGS_MODULE"] = "mobilise.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    import django

    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    logging.getLogger("django_tasks").setLevel(logging.WARNING)  # quiet the per-task log lines


def build_survey(people: int, ties_each: int) -> tuple[Any, Any, Any, int]:
    """A convenor, a member, and an answered survey; returns (convenor, member, survey, ties)."""
    from django.utils import timezone

    from mobilise.accounts.models import User
    from mobilise.engagement.models import Respondent, Stakeholder, Tie
    from mobilise.engagement.services.surveys import SurveyData, survey_create
    from mobilise.programmes.models import Membership, Programme
    from mobilise.programmes.roles import Role

    rng = random.Random(2026)
    convenor = User.objects.create_user(
        email="convenor@bench.nhs.uk", password="a-long-bench-password-1", full_name="Bench Convenor"
    )
    member = User.objects.create_user(email="member@bench.nhs.uk", password="a-long-bench-password-1")
    programme = Programme.objects.create(name="Bench alliance", challenge="Join up care for frail adults.")
    Membership.objects.create(programme=programme, user=convenor, role=Role.CONVENOR)
    Membership.objects.create(programme=programme, user=member, role=Role.MEMBER)
    Stakeholder.objects.bulk_create(
        Stakeholder(
            programme=programme,
            name=f"Colleague {i + 1:04d}",
            kind="person",
            organisation_name=f"Partner {i % ORGANISATIONS + 1}",
            organisation_type=TYPES[(i % ORGANISATIONS) % len(TYPES)],
            formal_authority="high" if i % 25 == 0 else "none",
        )
        for i in range(people - 2)
    )
    today = timezone.localdate()
    survey = survey_create(
        programme=programme,
        user=convenor,
        data=SurveyData(
            title="Advice network",
            introduction="",
            consent_statement="Only convenors see names.",
            opens_on=today,
            closes_on=today,
            questions=["Who do you go to for advice about improving this service?"],
        ),
    )
    question = survey.questions.get()
    roster = list(survey.roster.order_by("pk").values_list("pk", "organisation_name"))
    by_org: dict[str, list[int]] = {}
    for pk, org in roster:
        by_org.setdefault(org, []).append(pk)
    everyone = [pk for pk, _ in roster]
    ties: set[tuple[int, int]] = set()
    for pk, org in roster:
        colleagues = by_org[org]
        named: set[int] = set()
        while len(named) < ties_each:
            pool = colleagues if rng.random() < 0.8 else everyone
            # Some people are sought after far more than others.
            target = (
                pool[min(int(rng.paretovariate(1.2)) - 1, len(pool) - 1)]
                if rng.random() < 0.3
                else rng.choice(pool)
            )
            if target != pk:
                named.add(target)
        ties.update((pk, target) for target in named)
    Tie.objects.bulk_create(
        (Tie(survey=survey, question=question, source_id=s, target_id=t) for s, t in ties), batch_size=5000
    )
    now = timezone.now()
    answered = [pk for pk in everyone if rng.random() < 0.9]
    Respondent.objects.filter(entry_id__in=answered).update(
        consented_at=now, started_at=now, submitted_at=now
    )
    return convenor, member, survey, len(ties)


def time_page(client: Any, url: str, runs: int) -> tuple[float, float, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        assert client.get(url).status_code == 200
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(timings), min(timings), len(queries), len(response.content)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--ties-each", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup_django(Path(folder) / "bench.sqlite3")
        from django.test import Client
        from django.urls import reverse

        from mobilise.engagement.models import NetworkAnalysis
        from mobilise.engagement.rates import response_rate
        from mobilise.engagement.services.analyses import analysis_start

        start = time.perf_counter()
        convenor, member, survey, tie_count = build_survey(args.people, args.ties_each)
        seeded = time.perf_counter() - start

        start = time.perf_counter()
        analysis = analysis_start(survey=survey, user=convenor)  # the test settings run the task at once
        analysed = time.perf_counter() - start
        analysis = NetworkAnalysis.objects.get(pk=analysis.pk)
        if analysis.status != "done":
            print(f"The analysis did not finish: {analysis.status} {analysis.error}")
            return 1

        kwargs = {"slug": survey.programme.slug, "pk": survey.pk}
        named_client, member_client = Client(), Client()
        named_client.force_login(convenor)
        member_client.force_login(member)
        named = time_page(named_client, reverse("engagement:survey_results", kwargs=kwargs), args.runs)
        anonymised = time_page(member_client, reverse("engagement:survey_picture", kwargs=kwargs), args.runs)

        ok = named[0] <= TARGET_MS
        rate = response_rate(survey)
        label = (analysis.result or {}).get("diagnosis", {}).get("label")
        print(f"Relationship survey results, {args.people:,} respondents (SQLite)")
        print(f"  people on the roster:     {rate.asked:,} ({rate.percent}% answered)")
        print(f"  ties:                     {tie_count:,}")
        print(f"  seeding:                  {seeded:.1f} s")
        print(f"  analysis (once):          {analysed:.1f} s  (diagnosis: {label})")
        print(
            f"  results page, named:      median {named[0]:.1f} ms, best {named[1]:.1f} ms, "
            f"{named[2]} queries, {named[3] / 1024:.0f} KB"
        )
        print(
            f"  network page, anonymised: median {anonymised[0]:.1f} ms, best {anonymised[1]:.1f} ms, "
            f"{anonymised[2]} queries, {anonymised[3] / 1024:.0f} KB"
        )
        print(
            f"  target:                   results page ≤ {TARGET_MS:.0f} ms median  "
            f"{'PASS' if ok else 'FAIL'}"
        )
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
