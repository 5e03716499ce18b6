"""Factories for measures and their data."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import factory

from mobilise.measurement.models import Annotation, DataPoint, ImportJob, Measure, Phase
from tests.factories import ProgrammeFactory


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Falls per 1,000 bed days {n}")
    type = "outcome"
    improvement = "decrease"
    frequency = "month"
    chart = "xmr"


class DataPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DataPoint

    measure = factory.SubFactory(MeasureFactory)
    period = factory.Sequence(lambda n: date(2020 + n // 12, n % 12 + 1, 1))
    value = 10.0


class AnnotationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Annotation

    measure = factory.SubFactory(MeasureFactory)
    period = date(2024, 3, 1)
    text = "New triage started at Jarrow"


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    measure = factory.SubFactory(MeasureFactory)
    starts = date(2024, 3, 1)
    reason = "Falls team started daily huddles"


class ImportJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImportJob

    programme = factory.SubFactory(ProgrammeFactory)
    original_name = "falls.csv"
    stored_name = "missing-file.csv"
    kind = "csv"


def monthly(n: int, start: date = date(2023, 1, 1)) -> list[date]:
    """``n`` month starts from ``start``."""
    return [
        date(start.year + (start.month - 1 + i) // 12, (start.month - 1 + i) % 12 + 1, 1) for i in range(n)
    ]


def measure_with_points(values: Sequence[float | None], **kwargs: Any) -> Measure:
    measure = MeasureFactory(**kwargs)
    DataPoint.objects.bulk_create(
        DataPoint(measure=measure, period=period, value=value)
        for period, value in zip(monthly(len(values)), values, strict=True)
    )
    return measure
