"""Links through the chain: a change idea's tests, and test dates as annotations on a measure's chart."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from bench.seeders.learning_wall import seed_bench
from mobilise.measurement.models import Measure
from mobilise.pdsa.choices import Outcome
from mobilise.pdsa.links import test_dates_for_measure, test_summary, tests_for_change_idea
from mobilise.pdsa.models import TestOfChange
from mobilise.programmes.models import Programme

from .factories import ChangeIdeaFactory, TestOfChangeFactory

pytestmark = pytest.mark.django_db


def test_a_change_idea_lists_its_live_tests_newest_first(cast: Any) -> None:
    idea = ChangeIdeaFactory(programme=cast.programme)
    old = TestOfChangeFactory(programme=cast.programme, change_idea=idea, planned_start=date(2026, 1, 5))
    new = TestOfChangeFactory(programme=cast.programme, change_idea=idea, planned_start=date(2026, 2, 5))
    binned = TestOfChangeFactory(programme=cast.programme, change_idea=idea)
    binned.deleted_at = timezone.now()
    binned.save()
    TestOfChangeFactory(programme=cast.programme)
    assert list(tests_for_change_idea(idea.pk)) == [new, old]


def test_a_measure_gets_the_dates_of_tests_of_its_change_ideas(cast: Any) -> None:
    measure = Measure.objects.create(programme=cast.programme, name="Missed insulin doses")
    linked = ChangeIdeaFactory(programme=cast.programme)
    linked.measures.add(measure)
    TestOfChangeFactory(
        programme=cast.programme,
        change_idea=linked,
        title="Huddle on ward 3",
        planned_start=date(2026, 3, 2),
        outcome=Outcome.ADOPT,
    )
    TestOfChangeFactory(
        programme=cast.programme, change_idea=linked, title="Night huddle", planned_start=date(2026, 1, 9)
    )
    TestOfChangeFactory(programme=cast.programme, title="Unrelated test")
    assert test_dates_for_measure(measure) == [
        (date(2026, 1, 9), "Test: Night huddle"),
        (date(2026, 3, 2), "Test: Huddle on ward 3 (adopted)"),
    ]


def test_the_test_page_names_the_measures_of_its_change_idea(cast: Any) -> None:
    measure = Measure.objects.create(programme=cast.programme, name="Missed insulin doses")
    test = TestOfChangeFactory(programme=cast.programme)
    test.change_idea.measures.add(measure)
    page = (
        cast.client_for("viewer")
        .get(reverse("pdsa:detail", kwargs={"slug": cast.programme.slug, "pk": test.pk}))
        .content.decode()
    )
    assert "Missed insulin doses" in page


def test_the_summary_counts_what_exists(cast: Any) -> None:
    TestOfChangeFactory(programme=cast.programme, planned_start=date(2026, 2, 1))
    TestOfChangeFactory(programme=cast.programme, planned_start=date(2026, 3, 1))
    assert test_summary(cast.programme.pk) == {"tests": 2, "sites": 0, "latest": date(2026, 3, 1)}


def test_the_bench_command_seeds_a_large_programme(db: Any) -> None:
    seed_bench(sites=3, ideas=7, tests=50, slug="bench-small")
    programme = Programme.objects.get(slug="bench-small")
    assert programme.partners.count() == 3 and programme.change_ideas.count() == 7
    assert TestOfChange.objects.filter(programme=programme).count() == 50
    assert not TestOfChange.objects.filter(programme=programme, tested_on__isnull=True).exists()
