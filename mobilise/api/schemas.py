"""What the API sends and accepts (pydantic models via django-ninja)."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Generic, Literal, TypeVar

from annotated_types import Interval
from ninja import Schema
from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema, model_validator

from mobilise.accounts.models import OrganisationType
from mobilise.delivery.models import ActionStatus, RiskStatus
from mobilise.engagement.models.register import (
    Engagement,
    FormalAuthority,
    InformalInfluence,
    StakeholderKind,
)
from mobilise.pdsa.choices import Outcome, PredictionResult, Stage

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
    version: int


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


# Survey and pulse results: aggregates that passed disclosure control, never anyone's answers ---------


class PulseOut(Schema):
    id: int
    name: str
    threshold: int = Field(description="The smallest group whose answers are shown (at least 8)")
    waves: int = Field(description="How many waves have been sent")


class PulseWaveOut(Schema):
    number: int
    opens_on: date
    closes_on: date


class PulseCell(Schema):
    wave: int
    people: int | None = Field(
        description="People who answered this question in this wave, rounded to the nearest 5; "
        "null when fewer than the threshold answered or the wave is not shown"
    )
    mean: float | None = Field(description="The average answer, 1 to 5; null when withheld")
    share_agreeing: float | None = Field(
        description="The share answering 4 or 5, from 0 to 1; null when withheld"
    )
    withheld: str | None = Field(description="Why the count and mean are not given, if they are not")
    share_withheld: str | None = Field(description="Why the share is not given, if it is not")
    signal: str | None = Field(description="SPC point type of the mean across waves, as on the chart")


class PulseQuestionOut(Schema):
    id: int
    key: str
    name: str
    text: str
    variation_icon: str | None = Field(description="The NHS variation icon for the latest shown wave")
    waves: list[PulseCell]


class PulseResultsOut(Schema):
    pulse: int
    name: str
    threshold: int
    org_type: str | None = Field(description="The organisation type looked at, or null for everyone")
    role_group: str | None = Field(description="The role group looked at, or null for everyone")
    refusal: str | None = Field(description="Why some waves are not shown for this group, if they are not")
    waves: list[PulseWaveOut]
    questions: list[PulseQuestionOut]
    summary: list[str] = Field(description="What the results say, in words, as on the results page")


class SurveyOut(Schema):
    id: int
    title: str
    opens_on: date
    closes_on: date
    imported: bool = Field(description="Loaded from an edge list rather than answered in Mobilise")


class OrganisationRateOut(Schema):
    organisation: str = Field(description="Organisations with fewer than 8 people asked are merged")
    asked: int | None = Field(description="People asked, rounded to 5; null when fewer than 8")
    answered: int | None = Field(description="Null when it, or those yet to answer, are fewer than 8")
    share: float | None = Field(description="The share who have answered, 0 to 1; null when withheld")
    withheld: str | None = Field(description="Why the count or share is not given, if it is not")


class SurveySummaryOut(Schema):
    survey: int
    title: str
    open: bool
    asked: int | None = Field(description="People asked to answer, rounded to 5; null when fewer than 8")
    answered: int | None = Field(description="People who have answered; null when withheld")
    share: float | None = Field(description="The response rate, 0 to 1; null when withheld")
    withheld: str | None = Field(description="Why the rate is not given, if it is not")
    enough_for_diagnosis: bool = Field(description="Whether at least 70% have answered")
    by_organisation: list[OrganisationRateOut]


# Changing tests of change, stakeholders, actions and risks ---------------------------------------
# Limits are the web forms' (the same model fields); a body names only what it sets, and an update
# carries the version that was read (a newer one gives 409). In a change, a field left out is left as
# it is; null empties only the fields that may be empty (an owner, a date), and is refused elsewhere.


def _years_from(earliest: int) -> Any:
    def check(day: date) -> date:
        if not earliest <= day.year <= 2100:
            raise ValueError(f"Give a date between {earliest} and 2100")
        return day

    return check


_DAY = r"-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"
# Dates on the delivery and register forms: years 1900 to 2100 (the points' own limits).
# The default of a field a change may leave out but not empty (typed Any so it suits any field).
UNCHANGED: Any = None
WorkDate = Annotated[
    date,
    BeforeValidator(_iso_date_only),
    AfterValidator(_years_from(1900)),
    WithJsonSchema({"type": "string", "format": "date", "pattern": POINT_DATE_PATTERN}),
]
# Tests of change: years 1990 to 2100, as on the test form.
TestDate = Annotated[
    date,
    BeforeValidator(_iso_date_only),
    AfterValidator(_years_from(1990)),
    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^(199\d|20\d\d|2100)" + _DAY}),
]
Id = Annotated[int, Field(ge=1, le=2**31 - 1)]
Version = Annotated[
    int, Field(ge=1, le=2**31 - 1, description="The version you last read; a newer one gives 409")
]


class Body(Schema):
    """A JSON object: ninja's Schema would otherwise read attributes off any value (a string's .title)."""

    @model_validator(mode="wrap")
    @classmethod
    def _an_object(cls, value: Any, handler: Any) -> Any:
        if not isinstance(value, dict) and not isinstance(value, cls):
            raise ValueError("Send a JSON object")
        return handler(value)


class TestOfChangeWrite(Body):
    title: str = Field(min_length=1, max_length=200, pattern=r"\S")
    change_idea: Id = Field(description="The id of the change idea this test belongs to")
    site: Id | None = Field(None, description="The id of a partner organisation where it is tested")
    team: str = Field("", max_length=200)
    scale: str = Field("", max_length=200)
    people_count: int | None = Field(None, ge=0, le=100_000)
    planned_start: TestDate
    done_on: TestDate | None = None
    question: str = Field("", max_length=2000)
    prediction: str = Field("", max_length=2000)
    plan: str = Field("", max_length=4000)
    data_to_collect: str = Field("", max_length=2000)
    stage: Stage = Stage.PLANNED
    what_happened: str = Field("", max_length=4000)
    observations: str = Field("", max_length=4000)
    study: str = Field("", max_length=4000)
    prediction_result: PredictionResult = PredictionResult.UNKNOWN
    outcome: Outcome = Outcome.UNDECIDED
    act_notes: str = Field("", max_length=2000)


class TestOfChangeChange(Body):
    version: Version
    title: str = Field(UNCHANGED, min_length=1, max_length=200, pattern=r"\S")
    change_idea: Id = Field(UNCHANGED)
    site: Id | None = None
    team: str = Field(UNCHANGED, max_length=200)
    scale: str = Field(UNCHANGED, max_length=200)
    people_count: int | None = Field(None, ge=0, le=100_000)
    planned_start: TestDate = Field(UNCHANGED)
    done_on: TestDate | None = None
    question: str = Field(UNCHANGED, max_length=2000)
    prediction: str = Field(UNCHANGED, max_length=2000)
    plan: str = Field(UNCHANGED, max_length=4000)
    data_to_collect: str = Field(UNCHANGED, max_length=2000)
    stage: Stage = Field(UNCHANGED)
    what_happened: str = Field(UNCHANGED, max_length=4000)
    observations: str = Field(UNCHANGED, max_length=4000)
    study: str = Field(UNCHANGED, max_length=4000)
    prediction_result: PredictionResult = Field(UNCHANGED)
    outcome: Outcome = Field(UNCHANGED)
    act_notes: str = Field(UNCHANGED, max_length=2000)


class StakeholderWrite(Body):
    name: str = Field(min_length=1, max_length=200, pattern=r"\S")
    kind: StakeholderKind = StakeholderKind.PERSON
    role: str = Field("", max_length=200)
    organisation_name: str = Field("", max_length=200)
    organisation_type: OrganisationType | Literal[""] = ""
    formal_authority: FormalAuthority = FormalAuthority.NONE
    informal_influence: InformalInfluence = InformalInfluence.LOW
    engagement_current: Engagement = Engagement.TO
    engagement_desired: Engagement = Engagement.WITH
    interest: str = Field("", max_length=2000)
    owner: Id | None = Field(None, description="The id of the member who keeps in touch with them")
    last_contact: WorkDate | None = None
    notes: str = Field("", max_length=10000)


class StakeholderChange(Body):
    version: Version
    name: str = Field(UNCHANGED, min_length=1, max_length=200, pattern=r"\S")
    kind: StakeholderKind = Field(UNCHANGED)
    role: str = Field(UNCHANGED, max_length=200)
    organisation_name: str = Field(UNCHANGED, max_length=200)
    organisation_type: OrganisationType | Literal[""] = Field(UNCHANGED)
    formal_authority: FormalAuthority = Field(UNCHANGED)
    informal_influence: InformalInfluence = Field(UNCHANGED)
    engagement_current: Engagement = Field(UNCHANGED)
    engagement_desired: Engagement = Field(UNCHANGED)
    interest: str = Field(UNCHANGED, max_length=2000)
    owner: Id | None = None
    last_contact: WorkDate | None = None
    notes: str = Field(UNCHANGED, max_length=10000)


class ActionWrite(Body):
    title: str = Field(min_length=1, max_length=300, pattern=r"\S")
    details: str = Field("", max_length=5000)
    owner: Id | None = Field(None, description="The id of the member who will do it")
    partner: Id | None = Field(None, description="The id of the partner organisation it is for")
    due_on: WorkDate | None = None
    status: ActionStatus = ActionStatus.PLANNED
    in_the_way: str = Field("", max_length=2000, description="Needed when the status is stuck")
    change_idea: Id | None = None
    measure: Id | None = None


class ActionChange(Body):
    version: Version
    title: str = Field(UNCHANGED, min_length=1, max_length=300, pattern=r"\S")
    details: str = Field(UNCHANGED, max_length=5000)
    owner: Id | None = None
    partner: Id | None = None
    due_on: WorkDate | None = None
    status: ActionStatus = Field(UNCHANGED)
    in_the_way: str = Field(UNCHANGED, max_length=2000)
    change_idea: Id | None = None
    measure: Id | None = None


class RiskWrite(Body):
    title: str = Field(min_length=1, max_length=300, pattern=r"\S")
    cause: str = Field("", max_length=3000)
    consequence: str = Field("", max_length=3000)
    purpose_impact: str = Field(min_length=1, max_length=3000, pattern=r"\S")
    likelihood: int = Field(3, ge=1, le=5, description="1 rare to 5 almost certain")
    impact: int = Field(3, ge=1, le=5, description="1 negligible to 5 catastrophic")
    owner: Id | None = None
    mitigation: str = Field("", max_length=3000)
    review_on: WorkDate | None = None
    status: RiskStatus = RiskStatus.OPEN


class RiskChange(Body):
    version: Version
    title: str = Field(UNCHANGED, min_length=1, max_length=300, pattern=r"\S")
    cause: str = Field(UNCHANGED, max_length=3000)
    consequence: str = Field(UNCHANGED, max_length=3000)
    purpose_impact: str = Field(UNCHANGED, min_length=1, max_length=3000, pattern=r"\S")
    likelihood: int = Field(UNCHANGED, ge=1, le=5)
    impact: int = Field(UNCHANGED, ge=1, le=5)
    owner: Id | None = None
    mitigation: str = Field(UNCHANGED, max_length=3000)
    review_on: WorkDate | None = None
    status: RiskStatus = Field(UNCHANGED)
