"""Factories for the workspace: notes and the team's status of a component."""

from __future__ import annotations

import factory

from mobilise.workspace.models import ComponentState, Note, NoteKind, Status
from tests.factories import ProgrammeFactory, UserFactory


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Note

    programme = factory.SubFactory(ProgrammeFactory)
    component = "leadership"
    kind = NoteKind.NOTE
    title = factory.Sequence(lambda n: f"Ward huddle {n}")
    body = "We met the **ward sisters** on Tuesday."
    author = factory.SubFactory(UserFactory)


class ComponentStateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ComponentState

    programme = factory.SubFactory(ProgrammeFactory)
    component = "leadership"
    status = Status.EXPLORING
