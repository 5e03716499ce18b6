"""A large programme for the learning wall's benchmark: many sites, change ideas and tests.

Rows go in with bulk_create and without history records: this is load for timing, not content.
`bench/learning_wall.py` uses it; to look at the wall by hand, seed your dev database with

    python -m bench.seeders.seed_learning_wall [--sites 40] [--ideas 300] [--tests 20000] [--slug …]
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction

from mobilise.accounts.models import Organisation, OrganisationType, User
from mobilise.improvement.models import ChangeIdea, Driver, DriverDiagram, DriverKind
from mobilise.pdsa.choices import Outcome, PredictionResult, Stage
from mobilise.pdsa.models import TestOfChange
from mobilise.programmes.models import Membership, Programme
from mobilise.programmes.roles import Role

WORDS = (
    "huddle",
    "reminder",
    "discharge",
    "falls",
    "frailty",
    "pharmacy",
    "carer",
    "referral",
    "triage",
    "handover",
    "checklist",
    "telephone",
    "virtual ward",
    "social prescribing",
    "medication review",
)
SCALES = ("1 patient", "3 patients", "1 morning", "1 clinic", "1 week on one ward", "a whole practice")
TEAMS = (
    "District nursing",
    "Frailty team",
    "Practice nurses",
    "Reception",
    "Pharmacy",
    "Care coordinators",
    "Discharge team",
    "Social care",
)
PEOPLE = 150  # members named on tests (each test names one to three of them)
OUTCOMES = (Outcome.ADOPT, Outcome.ADAPT, Outcome.ABANDON, Outcome.NEXT_CYCLE, Outcome.UNDECIDED)


@dataclass(frozen=True)
class Seeded:
    programme: Programme
    user: User
    sites: int
    ideas: int
    tests: int


@transaction.atomic
def seed_bench(
    *,
    sites: int = 40,
    ideas: int = 300,
    tests: int = 20_000,
    slug: str = "bench-learning-wall",
    seed: int = 4,
) -> Seeded:
    rng = random.Random(seed)
    programme = Programme.objects.create(
        name="Learning wall benchmark",
        slug=slug,
        challenge="Many small tests of change across a whole system.",
    )
    user = User.objects.create_user(f"facilitator@{slug}.example.nhs.uk", full_name="Bench Facilitator")
    Membership.objects.create(programme=programme, user=user, role=Role.FACILITATOR)
    orgs = Organisation.objects.bulk_create(
        [
            Organisation(name=f"Bench practice {n:03d}", type=OrganisationType.GP_PRACTICE)
            for n in range(sites)
        ]
    )
    programme.partners.add(*orgs)
    diagram = DriverDiagram.objects.create(
        programme=programme,
        title="Fewer emergency admissions",
        aim_what="Cut emergency admissions by a fifth",
        created_by=user,
    )
    primaries = [
        Driver.objects.create(
            programme=programme,
            diagram=diagram,
            kind=DriverKind.PRIMARY,
            title=f"Primary driver {n + 1}",
            position=n,
        )
        for n in range(3)
    ]
    secondaries = [
        Driver.objects.create(
            programme=programme,
            diagram=diagram,
            kind=DriverKind.SECONDARY,
            parent=primaries[n % 3],
            title=f"Secondary driver {n + 1}",
            position=n,
        )
        for n in range(6)
    ]
    change_ideas = ChangeIdea.objects.bulk_create(
        [
            ChangeIdea(
                programme=programme,
                diagram=diagram,
                position=n,
                title=f"{rng.choice(WORDS).capitalize()} idea {n + 1}",
            )
            for n in range(ideas)
        ]
    )
    ChangeIdea.drivers.through.objects.bulk_create(
        [
            ChangeIdea.drivers.through(changeidea_id=idea.pk, driver_id=secondaries[n % 6].pk)
            for n, idea in enumerate(change_ideas)
        ]
    )
    people = User.objects.bulk_create(
        [
            User(email=f"person{n}@{slug}.example.nhs.uk", full_name=f"Bench person {n}", password="!")
            for n in range(PEOPLE)
        ]
    )
    Membership.objects.bulk_create([Membership(programme=programme, user=person) for person in people])
    _seed_tests(rng, programme, user, orgs, change_ideas, tests)
    _name_people(rng, programme, people)
    return Seeded(programme, user, sites, ideas, tests)


def _seed_tests(
    rng: random.Random,
    programme: Programme,
    user: User,
    orgs: list[Organisation],
    change_ideas: list[ChangeIdea],
    count: int,
) -> None:
    start = date.today() - timedelta(days=3 * 365)
    batch: list[TestOfChange] = []
    for n in range(count):
        word = rng.choice(WORDS)
        planned = start + timedelta(days=rng.randrange(3 * 365 + 30))
        outcome = rng.choice(OUTCOMES)
        done = planned + timedelta(days=rng.randrange(1, 21)) if outcome else None
        test = TestOfChange(
            programme=programme,
            change_idea=rng.choice(change_ideas),
            site=rng.choice(orgs),
            team=rng.choice(TEAMS),
            title=f"{word.capitalize()} test {n + 1}",
            scale=rng.choice(SCALES),
            people_count=rng.randrange(1, 12),
            created_by=user,
            planned_start=planned,
            done_on=done,
            question=f"Will a {word} change help {rng.choice(TEAMS).lower()}?",
            prediction=f"We expect fewer delays with the {word}.",
            observations=f"Staff said the {rng.choice(WORDS)} took longer than planned.",
            study=f"Results {rng.choice(('matched', 'partly matched', 'did not match'))} the prediction.",
            outcome=outcome,
            stage=Stage.DONE if outcome else rng.choice((Stage.PLANNED, Stage.DOING)),
            prediction_result=rng.choice(list(PredictionResult)) if outcome else PredictionResult.UNKNOWN,
        )
        test.set_tested_on()
        batch.append(test)
        if len(batch) == 2000:
            TestOfChange.objects.bulk_create(batch)
            batch = []
    TestOfChange.objects.bulk_create(batch)


def _name_people(rng: random.Random, programme: Programme, people: list[User]) -> None:
    through = TestOfChange.people.through
    rows = []
    for test_id in TestOfChange.objects.filter(programme=programme).values_list("pk", flat=True):
        rows += [
            through(testofchange_id=test_id, user_id=person.pk)
            for person in rng.sample(people, rng.randrange(1, 4))
        ]
    through.objects.bulk_create(rows, batch_size=5000)
