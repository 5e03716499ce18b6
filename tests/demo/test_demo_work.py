"""The demo's improvement work: measures, driver diagrams, tests of change and stakeholders."""

from __future__ import annotations

from collections import Counter
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import Count, F

from mobilise.demo.seed import DEMO_SLUGS, seed_demo
from mobilise.engagement.models import Engagement, Stakeholder
from mobilise.improvement.models import ChangeIdea, Driver, DriverDiagram, TheoryItem, TheoryStep
from mobilise.measurement.models import Annotation, DataPoint, Measure, Phase
from mobilise.pdsa.models import TestOfChange
from mobilise.programmes.models import Programme

pytestmark = pytest.mark.django_db

NEIGHBOURHOOD = "hebburn-jarrow-neighbourhood-teams"
SAFER_CARE = "safer-care-early-adopter-practices"


@pytest.fixture
def demo() -> dict[str, Programme]:
    seed_demo()
    return {p.slug: p for p in Programme.objects.filter(slug__in=DEMO_SLUGS)}


def _work_counts() -> dict[str, int]:
    models: list[Any] = [
        Measure,
        DataPoint,
        Annotation,
        Phase,
        DriverDiagram,
        Driver,
        ChangeIdea,
        TheoryItem,
        TestOfChange,
        Stakeholder,
    ]
    counts = {model.__name__: model._default_manager.count() for model in models}
    counts |= {f"{model.__name__} history": model.history.count() for model in models}
    return counts


def test_every_programme_tracks_outcome_process_and_balancing_measures(demo: dict[str, Programme]) -> None:
    for programme in demo.values():
        measures = list(programme.measures.annotate(n=Count("points")))
        assert 3 <= len(measures) <= 5
        assert {m.type for m in measures} == {"outcome", "process", "balancing"}
        assert all(24 <= m.n <= 52 and m.definition and m.unit and m.component for m in measures)
    measures = Measure.objects.filter(programme__slug__in=DEMO_SLUGS)
    assert measures.exclude(target=None).count() >= 4
    assert {"week", "month"} <= set(measures.values_list("frequency", flat=True))
    p_points = DataPoint.objects.filter(measure__chart="p", measure__programme__slug__in=DEMO_SLUGS)
    assert p_points.exists()
    assert not p_points.filter(denominator=None).exists()
    assert not p_points.filter(numerator__gt=F("denominator")).exists()


def test_a_shifted_measure_starts_a_new_phase_with_a_reason(demo: dict[str, Programme]) -> None:
    phase = Phase.objects.get(measure__name__startswith="Emergency admissions")
    assert "huddles" in phase.reason
    points = list(phase.measure.points.values_list("period", "value"))
    before = [v for day, v in points if day < phase.starts]
    after = [v for day, v in points if day >= phase.starts]
    assert sum(after) / len(after) < sum(before) / len(before) - 6
    assert Annotation.objects.filter(measure__programme__slug__in=DEMO_SLUGS).count() >= 2


def test_the_charts_show_a_shift_a_steady_process_and_a_missed_target(demo: dict[str, Programme]) -> None:
    from mobilise.measurement.analysis import SeriesInput, analyse_series

    def analyse(name: str) -> Any:
        measure = Measure.objects.get(name=name)
        rows = list(measure.points.values_list("period", "value", "numerator", "denominator"))
        phases = list(measure.phases.values_list("starts", flat=True))
        return analyse_series(
            [
                SeriesInput(
                    key=measure.pk,
                    chart=measure.chart,
                    periods=[r[0] for r in rows],
                    values=[r[1] for r in rows],
                    numerators=[r[2] for r in rows],
                    denominators=[r[3] for r in rows],
                    improvement=measure.improvement,
                    unit=measure.unit,
                    target=measure.target,
                    phase_starts=phases,
                )
            ]
        )[0]

    shifted = analyse("Patients on high-risk medicines with overdue blood monitoring")
    assert shifted.phase_breaks
    steady = analyse("Care co-ordinator hours in case meetings each week")
    assert not any(steady.special_cause_at(i) for i in range(len(steady.special_cause)))


def test_two_programmes_have_a_driver_diagram_with_an_aim_and_a_theory(demo: dict[str, Programme]) -> None:
    for slug in (NEIGHBOURHOOD, SAFER_CARE):
        diagram = DriverDiagram.objects.get(programme=demo[slug])
        assert diagram.aim_for_whom and diagram.aim_how_much and diagram.aim_by_when
        assert diagram.measure is not None and diagram.measure.type == "outcome"
        primaries = diagram.drivers.filter(parent=None)
        assert primaries.count() == 3
        assert all(2 <= p.children.count() <= 3 for p in primaries)
        assert 6 <= diagram.change_ideas.count() <= 10
        shared = diagram.change_ideas.annotate(n=Count("drivers")).filter(n__gte=2)
        assert shared.exists()
        steps = Counter(TheoryItem.objects.filter(programme=demo[slug]).values_list("step", flat=True))
        assert set(steps) == set(TheoryStep.values)
        assert all(1 <= n <= 3 for n in steps.values())
    assert not DriverDiagram.objects.filter(programme__slug="six-borough-maternity-vision").exists()


def test_tests_of_change_run_across_ideas_and_sites_with_a_ramp_of_three(demo: dict[str, Programme]) -> None:
    tests = TestOfChange.objects.filter(programme__slug__in=DEMO_SLUGS)
    assert 15 <= tests.count() <= 30
    assert {"adopt", "adapt", "abandon", "next_cycle", ""} <= set(tests.values_list("outcome", flat=True))
    for test in tests.select_related("site", "programme"):
        assert test.site is not None and test.programme.partners.filter(pk=test.site.pk).exists()
    full = tests.exclude(question="").exclude(what_happened="").exclude(study="").exclude(act_notes="")
    assert full.count() >= 4
    abandoned = tests.filter(outcome="abandon")
    assert abandoned.exists() and all(t.study for t in abandoned)
    third = tests.filter(previous_cycle__previous_cycle__isnull=False).select_related("previous_cycle")
    assert third.exists()
    last = third.first()
    assert last is not None and last.previous_cycle is not None
    assert last.previous_cycle.previous_cycle is not None


def test_stakeholders_move_towards_with_and_by(demo: dict[str, Programme]) -> None:
    stakeholders = Stakeholder.objects.filter(programme=demo[NEIGHBOURHOOD])
    assert 10 <= stakeholders.count() <= 15
    assert len(set(stakeholders.values_list("engagement_current", flat=True))) == 4
    assert len(set(stakeholders.values_list("stance", flat=True))) == 5
    assert len(set(stakeholders.values_list("formal_authority", flat=True))) == 3
    history = Stakeholder.history.filter(programme_id=demo[NEIGHBOURHOOD].pk).order_by("history_date")
    earliest = {}
    for row in history:
        earliest.setdefault(row.id, row.engagement_current)
    active = (Engagement.WITH, Engagement.BY)
    assert (
        sum(level in active for level in earliest.values())
        < stakeholders.filter(engagement_current__in=active).count()
    )


def test_running_again_adds_no_work_and_reset_replaces_it(demo: dict[str, Programme]) -> None:
    before = _work_counts()
    call_command("seed_demo", stdout=StringIO())
    assert _work_counts() == before
    call_command("seed_demo", "--reset", stdout=StringIO())
    assert _work_counts() == before


def test_seasonal_notes_fall_in_their_season_whenever_the_demo_is_loaded(
    demo: dict[str, Programme],
) -> None:
    # A new user saw a June annotation called winter: the demo's dates move with today.
    winter = Annotation.objects.filter(measure__programme__in=demo.values(), text__istartswith="winter")
    assert winter.exists()
    for annotation in winter:
        assert annotation.period.month in (12, 1, 2), annotation.period
