"""Turn the improvement work (measures, driver diagram, tests of change, stakeholders) into rows.

Numbers come from a random generator seeded by each measure's key, so every run of the demo draws
the same charts. Data points are bulk-created (there are hundreds); everything else is saved one by
one with a back-dated history entry, as in `build.py`.
"""

from __future__ import annotations

import math
import random
import zlib
from datetime import date, timedelta

from mobilise.accounts.models import Organisation
from mobilise.engagement.models import Stakeholder
from mobilise.improvement.models import ChangeIdea, Driver, DriverDiagram, DriverKind, TheoryItem, TheoryStep
from mobilise.measurement.models import Annotation, DataPoint, Measure, Phase
from mobilise.pdsa.models import TestOfChange
from mobilise.programmes.models import Programme

from .build import Clock, People, _backdate, _save, _text
from .spec import ProgrammeSpec
from .work_spec import WINTER, DiagramSpec, MeasureSpec, Pattern, StakeholderSpec, TestSpec, WorkSpec

Numbers = tuple[float | None, float | None, float | None]  # value, numerator, denominator


def build_work(
    work: WorkSpec, spec: ProgrammeSpec, programme: Programme, people: People, clock: Clock
) -> None:
    measures = {m.key: _measure(m, programme, people, clock) for m in work.measures}
    ideas = _diagram(work.diagram, programme, measures, people, clock) if work.diagram else {}
    sites = _sites(spec)
    tests: dict[str, TestOfChange] = {}
    for test in work.tests:
        tests[test.key] = _test(test, programme, ideas, sites, tests, people, clock)
    for stakeholder in work.stakeholders:
        _stakeholder(stakeholder, programme, people, clock)


def periods(count: int, frequency: str, today: date) -> list[date]:
    """The last `count` complete months (on the 1st) or weeks (on Mondays), oldest first."""
    if frequency == "week":
        this_monday = today - timedelta(days=today.weekday())
        return [this_monday - timedelta(weeks=count - i) for i in range(count)]
    this_month = today.year * 12 + today.month - 1
    months = [this_month - count + i for i in range(count)]
    return [date(m // 12, m % 12 + 1, 1) for m in months]


def series(key: str, chart: str, pattern: Pattern, count: int) -> list[Numbers]:
    rng = random.Random(zlib.crc32(key.encode()))
    out: list[Numbers] = []
    for i in range(count):
        shifted = pattern.shift_at is not None and pattern.after is not None and i >= pattern.shift_at
        level = pattern.after if shifted and pattern.after is not None else pattern.level
        if chart == "p":
            size = pattern.size + rng.randint(-pattern.size // 6, pattern.size // 6)
            spread = math.sqrt(size * level * (1 - level))
            events = min(size, max(0, round(rng.gauss(size * level, spread))))
            out.append((None, float(events), float(size)))
        else:
            value = max(0.0, round(rng.gauss(level, pattern.spread), pattern.decimals))
            out.append((value, None, None))
    return out


def _measure(item: MeasureSpec, programme: Programme, people: People, clock: Clock) -> Measure:
    author = people[item.author]
    when = clock.at(120, item.name)
    measure = Measure(
        programme=programme,
        name=item.name,
        definition=_text(item.definition),
        type=item.type,
        unit=item.unit,
        improvement=item.improvement,
        target=item.target,
        frequency=item.frequency,
        chart=item.chart,
        data_owner=item.data_owner,
        component=item.component,
        created_by=author,
    )
    _save(measure, by=author, when=when)
    _backdate(measure, created_at=when, updated_at=when)
    dates = periods(item.points, item.frequency, clock.now.date())
    numbers = series(item.key, item.chart, item.pattern, item.points)
    DataPoint.objects.bulk_create(
        DataPoint(measure=measure, period=day, value=value, numerator=num, denominator=den)
        for day, (value, num, den) in zip(dates, numbers, strict=True)
    )
    if item.phase_reason and item.pattern.shift_at is not None:
        phase = Phase(
            measure=measure, starts=dates[item.pattern.shift_at], reason=item.phase_reason, created_by=author
        )
        _save(phase, by=author, when=clock.at(30, item.key))
    for index, text in item.annotations:
        if index == WINTER:
            index = max(i for i, day in enumerate(dates) if day.month == 1)
        annotation = Annotation(measure=measure, period=dates[index], text=text, created_by=author)
        _save(annotation, by=author, when=clock.at(max(1, (item.points - index) * 7), text))
    return measure


def _diagram(
    item: DiagramSpec, programme: Programme, measures: dict[str, Measure], people: People, clock: Clock
) -> dict[str, ChangeIdea]:
    author = people[item.author]
    when = clock.at(item.days_ago, item.title)
    diagram = DriverDiagram(
        programme=programme,
        title=item.title,
        aim_what=item.aim_what,
        aim_for_whom=item.aim_for_whom,
        aim_how_much=item.aim_how_much,
        aim_by_when=clock.now.date() + timedelta(days=item.aim_by_days_ahead),
        measure=measures.get(item.measure),
        created_by=author,
    )
    _save(diagram, by=author, when=when, reason="Drew the diagram")
    _backdate(diagram, created_at=when, updated_at=when)
    secondaries: dict[str, Driver] = {}
    for position, primary in enumerate(item.primaries):
        parent = Driver(
            programme=programme,
            diagram=diagram,
            kind=DriverKind.PRIMARY,
            title=primary.title,
            position=position,
        )
        _save(parent, by=author, when=when)
        for sub_position, (key, title) in enumerate(primary.secondaries):
            child = Driver(
                programme=programme,
                diagram=diagram,
                parent=parent,
                kind=DriverKind.SECONDARY,
                title=title,
                position=sub_position,
            )
            _save(child, by=author, when=when)
            secondaries[key] = child
    ideas: dict[str, ChangeIdea] = {}
    for position, idea_spec in enumerate(item.ideas):
        idea = ChangeIdea(
            programme=programme,
            diagram=diagram,
            title=idea_spec.title,
            description=_text(idea_spec.description),
            position=position,
        )
        _save(idea, by=author, when=when)
        _backdate(idea, created_at=when)
        idea.drivers.set([secondaries[key] for key in idea_spec.drivers])
        idea.measures.set([measures[key] for key in idea_spec.measures])
        ideas[idea_spec.key] = idea
    _theory(item, diagram, programme, measures, people, clock)
    return ideas


def _theory(
    item: DiagramSpec,
    diagram: DriverDiagram,
    programme: Programme,
    measures: dict[str, Measure],
    people: People,
    clock: Clock,
) -> None:
    author = people[item.author]
    when = clock.at(item.days_ago - 5, "theory" + item.title)
    positions: dict[str, int] = {}
    for statement in item.theory:
        position = positions.get(statement.step, 0)
        positions[statement.step] = position + 1
        theory = TheoryItem(
            programme=programme,
            step=statement.step,
            text=statement.text,
            assumptions=_text(statement.assumptions),
            evidence=_text(statement.evidence),
            position=position,
            created_by=author,
        )
        _save(theory, by=author, when=when)
        _backdate(theory, created_at=when, updated_at=when)
        if statement.step == TheoryStep.AS_A_RESULT and position == 0:
            theory.aims.add(diagram)
            if diagram.measure_id:
                theory.measures.add(measures[item.measure])


def _sites(spec: ProgrammeSpec) -> dict[str, Organisation]:
    by_name = {o.name: o for o in Organisation.objects.filter(name__in=[org.name for org in spec.orgs])}
    return {org.key: by_name[org.name] for org in spec.orgs}


def _test(
    item: TestSpec,
    programme: Programme,
    ideas: dict[str, ChangeIdea],
    sites: dict[str, Organisation],
    earlier: dict[str, TestOfChange],
    people: People,
    clock: Clock,
) -> TestOfChange:
    author = people[item.author]
    start = clock.now.date() - timedelta(days=item.days_ago)
    done_on = min(start + timedelta(days=6), clock.now.date()) if item.stage == "done" else None
    test = TestOfChange(
        programme=programme,
        change_idea=ideas[item.idea],
        site=sites[item.site],
        team=item.team,
        title=item.title,
        scale=item.scale,
        people_count=item.people_count,
        question=_text(item.question),
        prediction=_text(item.prediction),
        plan=_text(item.plan),
        data_to_collect=_text(item.data_to_collect),
        what_happened=_text(item.what_happened),
        observations=_text(item.observations),
        study=_text(item.study),
        prediction_result=item.prediction_result,
        outcome=item.outcome,
        act_notes=_text(item.act_notes),
        stage=item.stage,
        planned_start=start,
        done_on=done_on,
        previous_cycle=earlier[item.previous] if item.previous else None,
        created_by=author,
    )
    when = clock.at(max(item.days_ago, 0) + 3, item.key)
    _save(test, by=author, when=when)
    _backdate(test, created_at=when, updated_at=when)
    if item.people:
        test.people.set([people[key] for key in item.people])
    return test


def _stakeholder(item: StakeholderSpec, programme: Programme, people: People, clock: Clock) -> None:
    owner = people[item.owner]
    first_level, first_days = item.journey[0]
    stakeholder = Stakeholder(
        programme=programme,
        name=item.name,
        kind=item.kind,
        role=item.role,
        organisation_name=item.organisation_name,
        organisation_type=item.organisation_type,
        formal_authority=item.formal_authority,
        informal_influence=item.informal_influence,
        engagement_current=first_level,
        engagement_desired=item.desired,
        stance=item.stance,
        interest=item.interest,
        owner=owner,
        member=people[item.member] if item.member else None,
        created_by=owner,
        version=0,
    )
    when = clock.now
    # One history row per step of their journey, so the engagement chart shows them moving.
    for level, days_ago in item.journey:
        when = clock.at(days_ago, item.name + level)
        stakeholder.engagement_current = level
        stakeholder.version += 1
        stakeholder.last_contact = when.date()
        _save(stakeholder, by=owner, when=when)
    _backdate(stakeholder, created_at=clock.at(first_days, item.name + first_level), updated_at=when)
