"""What the library may find and copy: change ideas, driver diagrams, measures, lessons from tests, stories.

Registered from `StoriesConfig.ready()`: stories sits above improvement, measurement and pdsa, so
it can read their models without those apps knowing about the library.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from mobilise.core.history import save_as
from mobilise.improvement.models import ChangeIdea, Driver, DriverDiagram
from mobilise.library.registry import Item, register_component_labels, register_searchable
from mobilise.measurement.models import Measure, MeasureType
from mobilise.pdsa.choices import Outcome
from mobilise.pdsa.models import TestOfChange
from mobilise.programmes.models import Programme
from mobilise.workspace.models import COMPONENT_CHOICES

from .models import ConsentUse, Story, StoryKind, shown_q


def _slug(programme_id: int) -> str:
    return str(Programme.objects.filter(pk=programme_id).values_list("slug", flat=True).get())


def _live(obj: Any) -> bool:
    return getattr(obj, "deleted_at", None) is None


def diagram_item(diagram: DriverDiagram) -> Item | None:
    if not _live(diagram):
        return None
    drivers = " ".join(Driver.objects.filter(diagram=diagram).values_list("title", flat=True))
    aim = " ".join(filter(None, [diagram.aim_what, diagram.aim_for_whom, diagram.aim_how_much]))
    return Item(
        programme_id=diagram.programme_id,
        title=diagram.title,
        body=f"{aim}\n{drivers}".strip(),
        url=reverse("improvement:diagram", kwargs={"slug": _slug(diagram.programme_id), "pk": diagram.pk}),
        updated_at=diagram.updated_at,
        topic="aim",
    )


def idea_item(idea: ChangeIdea) -> Item | None:
    if not _live(idea):
        return None
    return Item(
        programme_id=idea.programme_id,
        title=idea.title,
        body=idea.description,
        url=reverse("improvement:idea", kwargs={"slug": _slug(idea.programme_id), "pk": idea.pk}),
        updated_at=idea.created_at,
        topic="change_idea",
    )


def measure_item(measure: Measure) -> Item | None:
    if not _live(measure):
        return None
    return Item(
        programme_id=measure.programme_id,
        title=measure.name,
        body=measure.definition,
        url=reverse("measurement:measure", kwargs={"slug": _slug(measure.programme_id), "pk": measure.pk}),
        updated_at=measure.updated_at,
        component=measure.component,
        topic=f"measure_{measure.type}",
    )


def test_item(test: TestOfChange) -> Item | None:
    """Tests that were abandoned are the lessons worth sharing; every finished test is findable."""
    if not _live(test):
        return None
    lesson = test.outcome == Outcome.ABANDON
    body = "\n".join(
        filter(None, [test.question, test.prediction, test.what_happened, test.study, test.act_notes])
    )
    return Item(
        programme_id=test.programme_id,
        title=test.title,
        body=body,
        url=reverse("pdsa:detail", kwargs={"slug": _slug(test.programme_id), "pk": test.pk}),
        updated_at=test.updated_at,
        topic="lesson" if lesson else "test_of_change",
    )


def story_item(story: Story) -> Item | None:
    shown = Story.objects.filter(pk=story.pk).filter(shown_q()).exists()
    if not shown:
        return None
    return Item(
        programme_id=story.programme_id,
        title=story.title,
        body=story.body,
        url=reverse("stories:story", kwargs={"slug": _slug(story.programme_id), "pk": story.pk}),
        updated_at=story.updated_at,
        component=story.component,
        topic=f"story_{story.kind}",
        can_share=story.consent_use == ConsentUse.SHARED,
    )


def _from(source: Any) -> str:
    return f"Copied from {source.programme.name}: {source}"


def copy_diagram(source_id: int, to: Programme, user: Any) -> str:
    source = DriverDiagram.objects.select_related("programme").get(pk=source_id)
    copy = DriverDiagram(
        programme=to,
        title=source.title,
        aim_what=source.aim_what,
        aim_for_whom=source.aim_for_whom,
        aim_how_much=source.aim_how_much,
        aim_by_when=source.aim_by_when,
        created_by=user,
    )
    save_as(copy, by=user, reason=_from(source))
    mapping: dict[int, Driver] = {}
    # Primary drivers first, so every secondary driver finds its new parent.
    for driver in Driver.objects.filter(diagram=source).order_by("parent_id", "position", "pk"):
        new = Driver(
            programme=to,
            diagram=copy,
            parent=mapping.get(driver.parent_id) if driver.parent_id else None,
            kind=driver.kind,
            title=driver.title,
            position=driver.position,
        )
        save_as(new, by=user, reason=_from(source))
        mapping[driver.pk] = new
    for idea in ChangeIdea.objects.filter(diagram=source).prefetch_related("drivers"):
        new_idea = ChangeIdea(
            programme=to, diagram=copy, title=idea.title, description=idea.description, position=idea.position
        )
        save_as(new_idea, by=user, reason=_from(source))
        new_idea.drivers.set([mapping[d.pk] for d in idea.drivers.all() if d.pk in mapping])
    return reverse("improvement:diagram", kwargs={"slug": to.slug, "pk": copy.pk})


def copy_measure(source_id: int, to: Programme, user: Any) -> str:
    source = Measure.objects.select_related("programme").get(pk=source_id)
    copy = Measure(
        programme=to,
        name=source.name,
        definition=f"{source.definition}\n\n(Definition from {source.programme.name}.)".strip(),
        type=source.type,
        unit=source.unit,
        improvement=source.improvement,
        target=source.target,
        frequency=source.frequency,
        chart=source.chart,
        component=source.component,
        created_by=user,
    )
    save_as(copy, by=user, reason=_from(source))
    return reverse("measurement:measure", kwargs={"slug": to.slug, "pk": copy.pk})


def register() -> None:
    register_component_labels(dict(COMPONENT_CHOICES))
    register_searchable(
        "change_idea", "Change ideas", ChangeIdea, idea_item, topics=(("change_idea", "Change ideas"),)
    )
    register_searchable(
        "driver_diagram",
        "Driver diagrams",
        DriverDiagram,
        diagram_item,
        copy=copy_diagram,
        topics=(("aim", "Aims"),),
    )
    register_searchable(
        "measure",
        "Measure definitions",
        Measure,
        measure_item,
        copy=copy_measure,
        topics=tuple((f"measure_{k}", f"{label} measures") for k, label in MeasureType.choices),
    )
    register_searchable(
        "test_of_change",
        "Tests of change",
        TestOfChange,
        test_item,
        topics=(("lesson", "Lessons from tests that were stopped"), ("test_of_change", "Tests of change")),
    )
    register_searchable(
        "story",
        "Stories",
        Story,
        story_item,
        topics=tuple((f"story_{k}", label) for k, label in StoryKind.choices),
    )
