"""Factories for tests of change and the change ideas they belong to."""

from __future__ import annotations

from datetime import date

import factory

from mobilise.improvement.models import ChangeIdea, DriverDiagram
from mobilise.pdsa.choices import Stage
from mobilise.pdsa.models import TestOfChange
from tests.factories import ProgrammeFactory


class DriverDiagramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DriverDiagram

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Fewer emergency admissions {n}")
    aim_what = "Cut emergency admissions for adults with complex needs."


class ChangeIdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChangeIdea

    programme = factory.SubFactory(ProgrammeFactory)
    diagram = factory.SubFactory(DriverDiagramFactory, programme=factory.SelfAttribute("..programme"))
    title = factory.Sequence(lambda n: f"Daily huddle idea {n}")


class TestOfChangeFactory(factory.django.DjangoModelFactory):
    __test__ = False  # a factory, not a pytest class

    class Meta:
        model = TestOfChange

    programme = factory.SubFactory(ProgrammeFactory)
    change_idea = factory.SubFactory(ChangeIdeaFactory, programme=factory.SelfAttribute("..programme"))
    title = factory.Sequence(lambda n: f"Test {n}")
    question = "Will a morning huddle cut missed visits?"
    prediction = "Missed visits fall by a third."
    stage = Stage.PLANNED
    planned_start = date(2026, 3, 2)
