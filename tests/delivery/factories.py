"""Factories for delivery items."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory

from mobilise.delivery.models import Action, Agreement, Risk, SystemDriver
from tests.factories import OrganisationFactory, ProgrammeFactory


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Action {n}")
    components = ",delivery,"
    due_on = dt.date(2026, 6, 1)


class RiskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Risk

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Risk {n}")
    purpose_impact = "Fewer people get joined-up care."
    likelihood = 3
    impact = 4


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Agreement {n}")
    decided_on = dt.date(2026, 3, 4)
    components = ",purpose,"


class DriverFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SystemDriver

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Lever {n}")
    kind = "contracts"


def partner_of(programme: Any) -> Any:
    organisation = OrganisationFactory()
    programme.partners.add(organisation)
    return organisation
