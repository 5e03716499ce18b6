"""Reading tokens, audit lines and, for the API, each programme's rows (always within one programme)."""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

from django.db.models import Count, Model, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from mobilise.accounts.models import Organisation, User
from mobilise.delivery.models import Action, Risk
from mobilise.engagement.models import Stakeholder, Survey
from mobilise.improvement.models import ChangeIdea
from mobilise.measurement.models import Annotation, DataPoint, Measure
from mobilise.pdsa.models import TestOfChange
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import role_of
from mobilise.pulse.models import Pulse

from .models import ApiAuditLine, ApiToken
from .tokens import digest_of

_M = TypeVar("_M", bound=Model)


def tokens_of(user: Any) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).prefetch_related("programmes")


def get_token_of_user_or_404(user: Any, pk: int) -> ApiToken:
    return get_object_or_404(ApiToken, user=user, pk=pk)


def active_token(secret: str) -> ApiToken | None:
    """The token with this secret, unless it is unknown, revoked or expired (or its person inactive)."""
    token = (
        ApiToken.objects.filter(
            digest=digest_of(secret), revoked_at__isnull=True, expires_at__gt=timezone.now()
        )
        .select_related("user")
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    return token


def programmes_to_choose(user: Any) -> QuerySet[Programme]:
    """The programmes a person belongs to: the ones a new token may be given."""
    return Programme.objects.filter(memberships__user=user).order_by("name", "pk").distinct()


def token_programmes(token: ApiToken) -> list[Programme]:
    """The token's programmes in which its person still has a role."""
    return [p for p in token.programmes.order_by("name", "pk") if role_of(token.user, p) is not None]


def token_covers(token: ApiToken, programme: Programme) -> bool:
    return token.programmes.filter(pk=programme.pk).exists()


def audit_lines(token: ApiToken, limit: int = 20) -> list[ApiAuditLine]:
    return list(token.audit_lines.all()[:limit])


# Programme content for the API ---------------------------------------------------------------


def _dated(found: QuerySet[_M], field: str, start: date | None, end: date | None) -> QuerySet[_M]:
    """Rows whose `field` falls in the window (either end may be open)."""
    if start is not None:
        found = found.filter(**{f"{field}__gte": start})
    if end is not None:
        found = found.filter(**{f"{field}__lte": end})
    return found


def measures(programme: Programme) -> QuerySet[Measure]:
    return Measure.objects.filter(programme=programme).order_by("name", "pk")


def points(measure: Measure, start: date | None, end: date | None) -> QuerySet[DataPoint]:
    return _dated(DataPoint.objects.filter(measure=measure).order_by("period"), "period", start, end)


def chart_annotations(measure: Measure, start: date | None, end: date | None) -> QuerySet[Annotation]:
    return _dated(
        Annotation.objects.filter(measure=measure).select_related("created_by").order_by("period", "pk"),
        "period",
        start,
        end,
    )


def tests_of_change(programme: Programme, start: date | None, end: date | None) -> QuerySet[TestOfChange]:
    return _dated(
        TestOfChange.objects.filter(programme=programme).select_related("change_idea").order_by("pk"),
        "tested_on",
        start,
        end,
    )


def stakeholders(programme: Programme) -> QuerySet[Stakeholder]:
    return Stakeholder.objects.filter(programme=programme).order_by("name", "pk")


def actions(programme: Programme, start: date | None, end: date | None) -> QuerySet[Action]:
    return _dated(
        Action.objects.filter(programme=programme).select_related("owner").order_by("pk"),
        "due_on",
        start,
        end,
    )


def risks(programme: Programme) -> QuerySet[Risk]:
    return Risk.objects.filter(programme=programme).select_related("owner").order_by("pk")


def pulses(programme: Programme) -> QuerySet[Pulse]:
    return (
        Pulse.objects.filter(programme=programme).annotate(wave_count=Count("waves")).order_by("name", "pk")
    )


def surveys(programme: Programme) -> QuerySet[Survey]:
    return Survey.objects.filter(programme=programme).order_by("-opens_on", "-pk")


# What an id sent in a change may name: only the programme's own objects.


def change_ideas(programme: Programme) -> QuerySet[ChangeIdea]:
    return ChangeIdea.objects.filter(programme=programme)


def partners(programme: Programme) -> QuerySet[Organisation]:
    return programme.partners.all()


def members(programme: Programme) -> QuerySet[User]:
    return User.objects.filter(memberships__programme=programme)
