"""Factories for stakeholders and surveys."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from mobilise.engagement.models import Stakeholder, Survey
from tests.factories import ProgrammeFactory


class StakeholderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stakeholder

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Stakeholder {n}")
    kind = "person"


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Who we go to, round {n}")
    consent_statement = "Your answers help us see how we work together. Only convenors see names."
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=1))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))
