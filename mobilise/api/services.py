"""Writes for the API: tokens (made, used, revoked), audit lines, and many data points at once."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from mobilise.measurement.importing.mapping import ColumnMapping
from mobilise.measurement.importing.validate import MeasureRef, validate_rows
from mobilise.measurement.models import Measure
from mobilise.measurement.services.import_writes import import_apply
from mobilise.programmes.models import Programme

from .models import Access, ApiAuditLine, ApiRateWindow, ApiToken
from .tokens import digest_of, new_secret, prefix_of

# How often a token's "last used" time is written: reads should not each cost a write.
LAST_USED_EVERY = timedelta(minutes=1)
MAX_POINTS = 100_000


@transaction.atomic
def token_create(
    *, user: Any, name: str, access: str, programmes: Iterable[Programme], days: int
) -> tuple[ApiToken, str]:
    """Make a token and return it with its secret, which is not stored and cannot be shown again."""
    secret = new_secret()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=prefix_of(secret),
        digest=digest_of(secret),
        access=Access(access),
        expires_at=timezone.now() + timedelta(days=days),
    )
    token.programmes.set(list(programmes))
    return token, secret


def token_revoke(*, token: ApiToken) -> bool:
    """Stop the token working at once. False if it was already revoked."""
    return bool(
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    )


def token_used(*, token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def audit(
    *, token: ApiToken, programme: Programme | None, method: str, path: str, status: int, summary: str
) -> None:
    ApiAuditLine.objects.create(
        token=token,
        user_id=token.user_id,
        programme=programme,
        method=method,
        path=path[:300],
        status=status,
        summary=summary[:300],
    )


# The rate limit ------------------------------------------------------------------------------------


def rate_count(*, token_id: int, minute: int) -> int:
    """Count one request by the token in this clock minute and return the minute's count so far.

    One INSERT … ON CONFLICT DO UPDATE … RETURNING (SQLite 3.35+ and PostgreSQL): the database adds
    the one atomically, so two processes counting at once never lose a request. A token's first
    request in a new minute clears its older minutes, so the table holds about one row per token."""
    table = connection.ops.quote_name(ApiRateWindow._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (token_id, minute, count) VALUES (%s, %s, 1) "
            f"ON CONFLICT (token_id, minute) DO UPDATE SET count = {table}.count + 1 RETURNING count",
            [token_id, minute],
        )
        row = cursor.fetchone()
        used = int(row[0]) if row else 1
        if used == 1:
            ApiRateWindow.objects.filter(token_id=token_id, minute__lt=minute).delete()
    return used


# Many data points at once ---------------------------------------------------------------------

FIELDS = ("period", "value", "numerator", "denominator")
_COLUMN_FIELD = {"A": "period", "B": "value", "C": "numerator", "D": "denominator"}


@dataclass(frozen=True, slots=True)
class PointIn:
    period: date
    value: float | None
    numerator: float | None
    denominator: float | None


@dataclass(frozen=True, slots=True)
class PointProblem:
    index: int
    field: str
    message: str


class PointsRefused(Exception):
    def __init__(self, problems: list[PointProblem], count: int) -> None:
        super().__init__(f"{count} problems")
        self.problems = problems
        self.count = count


def points_upsert(*, measure: Measure, points: Sequence[PointIn], user: Any, reason: str) -> dict[str, int]:
    """Add or correct the measure's points for the periods given, all or nothing.

    Each point passes the same checks as a row of an imported file (the measure's chart decides
    whether a value or a numerator and denominator are needed; periods are moved to the start of
    the measure's period; a period may appear once); any problem refuses the whole call and is
    reported with the point's index and field. Points whose numbers are unchanged are left alone.
    """
    mapped = (
        any(p.value is not None for p in points),
        any(p.numerator is not None for p in points),
        any(p.denominator is not None for p in points),
    )
    mapping = ColumnMapping(
        header_row=0,
        period=0,
        value=1 if mapped[0] else None,
        numerator=2 if mapped[1] else None,
        denominator=3 if mapped[2] else None,
    )
    ref = MeasureRef(id=measure.pk, name=measure.name, frequency=measure.frequency, chart=measure.chart)
    rows = ([p.period, p.value, p.numerator, p.denominator] for p in points)
    checked = validate_rows(
        rows, mapping, list(FIELDS), measures={}, fixed=ref, max_rows=MAX_POINTS, max_problems=1000
    )
    if not points:
        return {"created": 0, "updated": 0, "unchanged": 0, "skipped": 0}
    if checked.problem_count:
        raise PointsRefused(
            [
                PointProblem(
                    index=p.row - 1,
                    field=_COLUMN_FIELD.get(p.column[:1], "") if p.column else "",
                    message=p.reason,
                )
                for p in checked.problems
            ],
            checked.problem_count,
        )
    summary = import_apply(
        rows=checked.rows, mapped=mapped, user=user, reason=reason or "Sent through the API"
    )
    return {
        "created": summary["created"],
        "updated": summary["updated"],
        "unchanged": summary["unchanged"],
        "skipped": checked.skipped_empty,
    }
