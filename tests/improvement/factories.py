"""Factories for driver diagrams and the theory of change (rows written directly, version 1)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import factory

from mobilise.improvement.models import ChangeIdea, Driver, DriverDiagram, DriverKind, TheoryItem, TheoryStep


class DiagramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DriverDiagram

    title = factory.Sequence(lambda n: f"Fewer falls at home {n}")
    aim_what = "Fewer older people fall at home"
    aim_for_whom = "adults over 65 in Hebburn and Jarrow"
    aim_how_much = "a third fewer falls"


class DriverFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Driver

    diagram = factory.SubFactory(DiagramFactory)
    programme = factory.SelfAttribute("diagram.programme")
    kind = factory.LazyAttribute(lambda o: DriverKind.PRIMARY if o.parent is None else DriverKind.SECONDARY)
    parent = None
    title = factory.Sequence(lambda n: f"Driver {n}")
    position = factory.Sequence(lambda n: n)


class IdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChangeIdea
        skip_postgeneration_save = True

    diagram = factory.SubFactory(DiagramFactory)
    programme = factory.SelfAttribute("diagram.programme")
    title = factory.Sequence(lambda n: f"Change idea {n}")
    position = factory.Sequence(lambda n: n)

    @factory.post_generation
    def under(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.drivers.add(*extracted)


class TheoryItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TheoryItem

    step = TheoryStep.IF_WE_HAVE
    text = factory.Sequence(lambda n: f"Statement {n}")
    position = factory.Sequence(lambda n: n)


@dataclass
class SmallDiagram:
    """Aim → two primary drivers; the first has two secondary drivers, each with a change idea,
    and one idea that serves both."""

    diagram: DriverDiagram
    primary: Driver
    other_primary: Driver
    secondary: Driver
    other_secondary: Driver
    idea: ChangeIdea
    other_idea: ChangeIdea
    shared_idea: ChangeIdea


def small_diagram(programme: Any) -> SmallDiagram:
    diagram = DiagramFactory(programme=programme, title="Fewer falls at home")
    primary = DriverFactory(diagram=diagram, title="Strength and balance")
    other_primary = DriverFactory(diagram=diagram, title="Safer homes")
    secondary = DriverFactory(diagram=diagram, parent=primary, title="Exercise classes")
    other_secondary = DriverFactory(diagram=diagram, parent=primary, title="Medication reviews")
    return SmallDiagram(
        diagram=diagram,
        primary=primary,
        other_primary=other_primary,
        secondary=secondary,
        other_secondary=other_secondary,
        idea=IdeaFactory(diagram=diagram, title="Chair-based exercise at the library", under=[secondary]),
        other_idea=IdeaFactory(diagram=diagram, title="Pharmacist home visits", under=[other_secondary]),
        shared_idea=IdeaFactory(
            diagram=diagram, title="Falls huddle each week", under=[secondary, other_secondary]
        ),
    )
