"""What the API sends and accepts (pydantic models via django-ninja)."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Generic, TypeVar

from annotated_types import Interval
from ninja import Schema
from pydantic import BeforeValidator, Field, WithJsonSchema

from .services import MAX_POINTS

T = TypeVar("T")


def _iso_date_only(value: Any) -> Any:
    """Dates as YYYY-MM-DD text (or a date): a bare number is not quietly read as 1 January 1970."""
    if isinstance(value, date) or (isinstance(value, str) and ISO_DATE.fullmatch(value)):
        return value
    raise ValueError("Give the date as YYYY-MM-DD, for example 2026-01-31")


def _number_only(value: Any) -> Any:
    """Numbers as JSON numbers: true, false and text are refused, not read as 1, 0 or a parse."""
    if isinstance(value, bool | str):
        raise ValueError("Send a number (or null), not text or true/false")
    return value


Number = Annotated[float, BeforeValidator(_number_only)]
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
IsoDate = Annotated[date, BeforeValidator(_iso_date_only)]

# Data points keep to what a measure import accepts (measurement/importing): years 1900-2100 and
# numbers no larger than 10^15, stated in the schema so clients (and schemathesis) know before sending.
POINT_DATE_PATTERN = r"^(19\d\d|20\d\d|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"
PointDate = Annotated[
    date,
    BeforeValidator(_iso_date_only),
    WithJsonSchema({"type": "string", "format": "date", "pattern": POINT_DATE_PATTERN}),
]
PointNumber = Annotated[
    float,
    BeforeValidator(_number_only),
    Interval(ge=-1e15, le=1e15),
    WithJsonSchema({"type": "number", "minimum": -1e15, "maximum": 1e15}),
]


class Dates(Schema):
    start: IsoDate | None = Field(None, description="Only from this date (inclusive), YYYY-MM-DD")
    end: IsoDate | None = Field(None, description="Only up to this date (inclusive), YYYY-MM-DD")


class Page(Schema, Generic[T]):
    count: int = Field(description="How many there are in all (with the filters given)")
    limit: int
    offset: int
    next: str | None = Field(description="The next page's address, or null on the last page")
    results: list[T]


class ProgrammeOut(Schema):
    slug: str
    name: str
    role: str = Field(description="Your role in the programme: convenor, facilitator, member or viewer")
    may_write: bool = Field(description="Whether this token and your role let you change its data")


class MeasureOut(Schema):
    id: int
    name: str
    definition: str
    type: str
    unit: str
    improvement: str = Field(description="Which direction is better: increase, decrease or neither")
    target: float | None
    frequency: str
    chart: str
    version: int = Field(description="Send this back when you change the measure")


class MeasureChange(Schema):
    version: int = Field(description="The version you last read; a newer one gives 409")
    name: str | None = Field(None, min_length=1, max_length=200)
    definition: str | None = Field(None, max_length=5000)
    unit: str | None = Field(None, max_length=60)
    target: Number | None = None
    data_owner: str | None = Field(None, max_length=200)


class PointOut(Schema):
    id: int
    period: date
    value: float | None
    numerator: float | None
    denominator: float | None
    version: int


class PointIn(Schema):
    period: PointDate = Field(
        description="Any date in the period (YYYY-MM-DD, 1900 to 2100); it is moved to the period's start"
    )
    value: PointNumber | None = None
    numerator: PointNumber | None = None
    denominator: PointNumber | None = None


class PointsIn(Schema):
    points: list[PointIn] = Field(max_length=MAX_POINTS, description="Up to 100,000 points")
    reason: str = Field("", max_length=100, description="Kept in each point's history")


class PointsResult(Schema):
    created: int
    updated: int
    unchanged: int
    skipped: int = Field(description="Points sent with no numbers at all (nothing to store yet)")


class SpcPeriod(Schema):
    period: date
    value: float | None
    centre: float | None
    lower: float | None
    upper: float | None
    point_type: str | None = Field(description="How the point is coloured on the chart")
    special_cause: str | None


class SpcOut(Schema):
    measure: int
    chart: str
    variation_icon: str | None = Field(description="The NHS variation icon for the latest point")
    assurance_icon: str | None = Field(description="The NHS assurance icon against the target")
    meaning: str = Field(description="What the chart shows, in words")
    assurance: str | None
    problem: str | None = Field(description="Why there is no analysis yet, if there is none")
    periods: list[SpcPeriod]


class AnnotationOut(Schema):
    id: int
    period: date
    text: str
    by: str | None = Field(description="Who added it")


class AnnotationIn(Schema):
    period: IsoDate
    text: str = Field(min_length=1, max_length=300)


class TestOfChangeOut(Schema):
    id: int
    title: str
    change_idea: str
    tested_on: date
    outcome: str
    version: int


class StakeholderOut(Schema):
    id: int
    name: str
    kind: str
    role: str
    organisation_name: str


class ActionOut(Schema):
    id: int
    title: str
    status: str
    due_on: date | None
    owner: str | None
    version: int


class RiskOut(Schema):
    id: int
    title: str
    status: str
    likelihood: int
    impact: int
    score: int
    version: int
