"""One integrated care system's worth of data, for the load test and the page benchmarks.

At full size (`Scale()`): 10,000 people, 40 programmes, and in the largest programmes 200 measures
× 104 weekly points, 2,000 tests of change, a 100-node driver diagram and an analysed relationship
survey. `TINY` is the same shape small enough for a unit test. Rows go in with bulk_create and
without history records: this is load for timing, not content.

    DJANGO_SETTINGS_MODULE=mobilise.settings.load DATABASE_URL=… python -m bench.seeders.ics [--tiny]
"""

from __future__ import annotations

import argparse
import os
import random
import time
from dataclasses import dataclass, field
from datetime import date, timedelta

PASSWORD = "load-test-password-2026"
EMAIL_DOMAIN = "ics.load.example.nhs.uk"


@dataclass(frozen=True)
class Scale:
    people: int = 10_000
    programmes: int = 40
    large: int = 2  # programmes seeded at full size; the rest get `small` of each thing
    measures: int = 200
    points: int = 104
    tests: int = 2_000
    diagram_nodes: int = 100
    survey_people: int = 1_000
    ties_each: int = 5
    small: int = 10


TINY = Scale(
    people=60,
    programmes=3,
    large=1,
    measures=6,
    points=20,
    tests=40,
    diagram_nodes=12,
    survey_people=30,
    ties_each=3,
    small=2,
)


@dataclass
class Seeded:
    """What the load test needs to find its way: who to sign in as and where the pages are."""

    programmes: list[str] = field(default_factory=list)  # slugs, largest first
    convenors: list[str] = field(default_factory=list)  # emails of convenors of the largest programme
    members: list[str] = field(default_factory=list)  # emails of members of the largest programme
    measures: list[int] = field(default_factory=list)  # measure ids in the largest programme
    tests: list[int] = field(default_factory=list)  # a sample of test ids in the largest programme
    survey: int = 0  # the analysed survey in the largest programme
    pages: dict[str, list[str]] = field(default_factory=dict)  # page group: paths, for the load mix

    def as_json(self) -> dict[str, object]:
        return dict(self.__dict__)


def seed_ics(scale: Scale = Scale(), *, seed: int = 15) -> Seeded:
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from mobilise.accounts.models import Organisation, OrganisationType, User
    from mobilise.programmes.models import Membership, Programme
    from mobilise.programmes.roles import Role

    rng = random.Random(seed)
    seeded = Seeded()
    with transaction.atomic():
        types = list(OrganisationType)
        orgs = Organisation.objects.bulk_create(
            Organisation(name=f"ICS partner {n:02d}", type=types[n % len(types)]) for n in range(40)
        )
        hashed = make_password(PASSWORD)  # hashed once: everyone shares it
        people = User.objects.bulk_create(
            (
                User(
                    email=f"person{n:05d}@{EMAIL_DOMAIN}",
                    full_name=f"Person {n:05d}",
                    password=hashed,
                )
                for n in range(scale.people)
            ),
            batch_size=2000,
        )
        programmes = [
            Programme.objects.create(
                name=f"ICS programme {p + 1:02d}",
                slug=f"ics-programme-{p + 1:02d}",
                challenge="Join up care for people with frailty across the system.",
            )
            for p in range(scale.programmes)
        ]
        memberships = []
        for n, person in enumerate(people):
            homes = {n % scale.programmes}
            if n % 4 == 0:  # a quarter of the system works on the large programmes too
                homes.add(n % scale.large)
            for p in homes:
                role = Role.CONVENOR if n < scale.programmes else (Role.VIEWER if n % 9 == 0 else Role.MEMBER)
                memberships.append(Membership(programme=programmes[p], user=person, role=role))
        Membership.objects.bulk_create(memberships, batch_size=5000)
        for p, programme in enumerate(programmes):
            programme.partners.add(*orgs[p % 10 :: 4])
        seeded.programmes = [p.slug for p in programmes]
        # Convenors of the largest programme: the first few people, each in it as well as their own.
        seeded.convenors = [people[n].email for n in range(0, scale.programmes, 4)]
        seeded.members = [people[n].email for n in range(scale.programmes, scale.people, 4) if n % 9 != 0][
            :200
        ]
    for p, programme in enumerate(programmes):
        large = p < scale.large
        owner = people[p]
        with transaction.atomic():
            measures = _measures(rng, programme, scale.measures if large else scale.small, scale.points)
            ideas = _diagram(programme, owner, scale.diagram_nodes if large else scale.small)
            tests = _tests(rng, programme, owner, ideas, orgs, people, scale.tests if large else scale.small)
        if p == 0:
            seeded.measures = measures
            seeded.tests = tests[:: max(1, len(tests) // 200)]
            seeded.survey = _survey(rng, programme, owner, scale.survey_people, scale.ties_each)
    seeded.pages = page_groups(seeded)
    return seeded


def page_groups(seeded: Seeded) -> dict[str, list[str]]:
    """The pages of the largest programme that the load mix visits, grouped as they are reported."""
    from django.urls import reverse

    from mobilise.improvement.models import DriverDiagram
    from mobilise.measurement.models import Measure

    slug = seeded.programmes[0]
    plain = Measure.objects.filter(pk__in=seeded.measures[:40], chart="xmr").values_list("pk", flat=True)
    on = {"slug": slug}
    diagram = DriverDiagram.objects.filter(programme__slug=slug).values_list("pk", flat=True).first()
    return {
        "home": [reverse("programmes:list"), reverse("workspace:home", kwargs=on)],
        "tests_list": [reverse("pdsa:wall", kwargs=on), reverse("pdsa:wall", kwargs=on) + "?page=2"],
        "test": [reverse("pdsa:detail", kwargs={**on, "pk": pk}) for pk in seeded.tests[:20]],
        "dashboard": [reverse("measurement:dashboard", kwargs=on)],
        "measure": [reverse("measurement:measure", kwargs={**on, "pk": pk}) for pk in seeded.measures[:20]],
        "diagram": [reverse("improvement:diagram", kwargs={**on, "pk": diagram})],
        "survey_results": [reverse("engagement:survey_results", kwargs={**on, "pk": seeded.survey})],
        "survey_picture": [reverse("engagement:survey_picture", kwargs={**on, "pk": seeded.survey})],
        "people": [reverse("programmes:members", kwargs=on)],
        "register": [reverse("engagement:stakeholders", kwargs=on)],
        "point_form": [reverse("measurement:point_add", kwargs={**on, "pk": pk}) for pk in plain],
    }


def _measures(rng: random.Random, programme: object, count: int, points: int) -> list[int]:
    from mobilise.measurement.models import DataPoint, Measure, Phase

    charts = ["xmr"] * 8 + ["p", "run"]
    measures = Measure.objects.bulk_create(
        Measure(
            programme=programme,
            name=f"Indicator {i + 1:03}",
            chart=charts[i % len(charts)],
            frequency="week",
            type=("outcome", "process", "balancing")[i % 3],
            improvement=("increase", "decrease", "neither")[i % 3],
            target=None if i % 2 else 100.0,
            unit="%" if charts[i % len(charts)] == "p" else "",
            component=("measurement", "delivery", "leadership", "")[i % 4],
        )
        for i in range(count)
    )
    start = date.today() - timedelta(weeks=points)
    start -= timedelta(days=start.weekday())
    rows = []
    for m in measures:
        level = rng.uniform(50, 150)
        shift = rng.randrange(points) if rng.random() < 0.3 else points
        for k in range(points):
            value = level * (1.2 if k >= shift else 1.0) + rng.gauss(0, level * 0.08)
            den = float(rng.randrange(200, 400))
            rows.append(
                DataPoint(
                    measure=m,
                    period=start + timedelta(weeks=k),
                    value=round(value, 2),
                    numerator=float(min(den, max(0, round(value)))),
                    denominator=den,
                )
            )
    DataPoint.objects.bulk_create(rows, batch_size=5000)
    if points > 60:
        Phase.objects.bulk_create(
            Phase(measure=m, starts=start + timedelta(weeks=60), reason="New pathway") for m in measures[::7]
        )
    return [m.pk for m in measures]


def _tests(
    rng: random.Random,
    programme: object,
    owner: object,
    ideas: list[object],
    orgs: list[object],
    people: list[object],
    count: int,
) -> list[int]:
    from mobilise.pdsa.choices import Outcome, PredictionResult, Stage
    from mobilise.pdsa.models import TestOfChange

    outcomes = (Outcome.ADOPT, Outcome.ADAPT, Outcome.ABANDON, Outcome.NEXT_CYCLE, Outcome.UNDECIDED)
    start = date.today() - timedelta(days=2 * 365)
    rows = []
    for n in range(count):
        outcome = rng.choice(outcomes)
        planned = start + timedelta(days=rng.randrange(2 * 365))
        test = TestOfChange(
            programme=programme,
            change_idea=rng.choice(ideas),
            site=rng.choice(orgs),
            team=rng.choice(("District nursing", "Frailty team", "Reception", "Pharmacy")),
            title=f"Test of change {n + 1}",
            scale="1 clinic",
            people_count=rng.randrange(1, 12),
            created_by=owner,
            planned_start=planned,
            done_on=planned + timedelta(days=7) if outcome else None,
            question="Will a morning huddle cut delays?",
            prediction="Fewer delays by Friday.",
            observations="Staff said the huddle took longer than planned.",
            study="Results partly matched the prediction.",
            outcome=outcome,
            stage=Stage.DONE if outcome else Stage.DOING,
            prediction_result=PredictionResult.UNKNOWN,
        )
        test.set_tested_on()
        rows.append(test)
    tests = TestOfChange.objects.bulk_create(rows, batch_size=2000)
    through = TestOfChange.people.through
    named = people[: min(len(people), 300)]
    through.objects.bulk_create(
        (
            through(testofchange_id=t.pk, user_id=person.pk)  # type: ignore[attr-defined]
            for t in tests
            for person in rng.sample(named, min(2, len(named)))
        ),
        batch_size=5000,
    )
    return [t.pk for t in tests]


def _diagram(programme: object, owner: object, nodes: int) -> list[object]:
    """A driver diagram of about `nodes` nodes; returns its change ideas."""
    from mobilise.improvement.models import ChangeIdea, Driver, DriverDiagram, DriverKind

    diagram = DriverDiagram.objects.create(
        programme=programme,
        title="Fewer emergency admissions",
        aim_what="Cut admissions by a fifth",
        created_by=owner,
    )
    primaries = [
        Driver.objects.create(
            programme=programme,
            diagram=diagram,
            kind=DriverKind.PRIMARY,
            title=f"Primary {n + 1}",
            position=n,
        )
        for n in range(max(1, nodes // 20))
    ]
    secondaries = Driver.objects.bulk_create(
        Driver(
            programme=programme,
            diagram=diagram,
            kind=DriverKind.SECONDARY,
            parent=primaries[n % len(primaries)],
            title=f"Secondary {n + 1}",
            position=n,
        )
        for n in range(max(1, nodes // 5))
    )
    ideas = ChangeIdea.objects.bulk_create(
        ChangeIdea(programme=programme, diagram=diagram, position=n, title=f"Diagram idea {n + 1}")
        for n in range(max(1, nodes - len(primaries) - len(secondaries)))
    )
    ChangeIdea.drivers.through.objects.bulk_create(
        ChangeIdea.drivers.through(changeidea_id=idea.pk, driver_id=secondaries[n % len(secondaries)].pk)
        for n, idea in enumerate(ideas)
    )
    return list(ideas)


def _survey(rng: random.Random, programme: object, convenor: object, people: int, ties_each: int) -> int:
    from django.utils import timezone

    from mobilise.engagement.models import NetworkAnalysis, Respondent, Stakeholder, Tie
    from mobilise.engagement.services.analyses import analysis_start
    from mobilise.engagement.services.surveys import SurveyData, survey_create
    from mobilise.engagement.tasks import analyse_survey

    types = ("nhs_trust", "gp_practice", "local_authority", "voluntary", "patient_group")
    Stakeholder.objects.bulk_create(
        Stakeholder(
            programme=programme,
            name=f"Colleague {i + 1:04d}",
            kind="person",
            organisation_name=f"Partner {i % 20 + 1}",
            organisation_type=types[i % len(types)],
            formal_authority="high" if i % 25 == 0 else "none",
        )
        for i in range(people)
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
    roster = list(survey.roster.order_by("pk").values_list("pk", flat=True))
    ties = set()
    for n, source in enumerate(roster):
        colleagues = roster[(n // 50) * 50 : (n // 50) * 50 + 50]
        for _ in range(ties_each):
            pool = colleagues if rng.random() < 0.8 else roster
            target = (
                pool[min(int(rng.paretovariate(1.2)) - 1, len(pool) - 1)]
                if rng.random() < 0.3
                else rng.choice(pool)
            )
            if target != source:
                ties.add((source, target))
    Tie.objects.bulk_create(
        (Tie(survey=survey, question=question, source_id=s, target_id=t) for s, t in ties), batch_size=5000
    )
    now = timezone.now()
    Respondent.objects.filter(entry_id__in=roster[: len(roster) * 9 // 10]).update(
        consented_at=now, started_at=now, submitted_at=now
    )
    analysis = analysis_start(survey=survey, user=convenor)
    analyse_survey.call(analysis.pk)  # here and now, not on a worker: the seed ends analysed
    assert NetworkAnalysis.objects.get(pk=analysis.pk).status == "done"
    return int(survey.pk)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Seed one integrated care system's worth of data.")
    parser.add_argument("--tiny", action="store_true", help="the shape only, for a quick look")
    parser.add_argument("--out", default="", help="write what was seeded (JSON) to this file")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mobilise.settings.load")
    import django

    django.setup()
    import orjson

    started = time.perf_counter()
    seeded = seed_ics(TINY if args.tiny else Scale())
    print(f"Seeded an integrated care system in {time.perf_counter() - started:.0f} s")
    if args.out:
        with open(args.out, "wb") as out:
            out.write(orjson.dumps(seeded.as_json(), option=orjson.OPT_INDENT_2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
