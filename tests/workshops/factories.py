"""Sessions and series for tests."""

from __future__ import annotations

from datetime import date

import factory

from mobilise.workshops.models import Action, Series, Session, Theme


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series

    title = factory.Sequence(lambda n: f"Workshop series {n}")


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    title = factory.Sequence(lambda n: f"Session {n}")
    held_on = date(2026, 3, 2)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    text = factory.Sequence(lambda n: f"Action {n}")
    programme = factory.SelfAttribute("session.programme")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    title = factory.Sequence(lambda n: f"Theme {n}")
    component = "purpose"
    agenda = "Why this matters\nWhat we will try next"
    position = factory.Sequence(lambda n: n)
