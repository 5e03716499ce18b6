"""How many stakeholders sat at each engagement level at the end of each month, read from history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils import timezone

from mobilise.programmes.models import Programme

from .models import Engagement, Stakeholder

MAX_MONTHS = 24


@dataclass(frozen=True)
class MonthCounts:
    month: date
    counts: dict[str, int]

    @property
    def label(self) -> str:
        return f"{self.month:%b %Y}"

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def _month_starts(first: date, last: date) -> list[date]:
    months = [date(first.year, first.month, 1)]
    while months[-1] < date(last.year, last.month, 1):
        months.append(_next_month(months[-1]))
    return months[-MAX_MONTHS:]


def counts_by_month(records: list[tuple[Any, ...]], *, today: date, tz: Any = None) -> list[MonthCounts]:
    """Engagement counts at each month's end from history rows, oldest first.

    `records` are (stakeholder id, history date, history type, engagement level, deleted at)
    in time order. A stakeholder counts in a month if their latest record by its end shows
    them neither deleted nor in the bin.
    """
    if not records:
        return []
    tz = tz or timezone.get_current_timezone()
    first = timezone.localtime(records[0][1], tz).date()
    state: dict[int, str | None] = {}
    result: list[MonthCounts] = []
    i = 0
    for month in _month_starts(first, today):
        end = datetime.combine(_next_month(month), datetime.min.time(), tzinfo=tz)
        while i < len(records) and records[i][1] < end:
            pk, _when, kind, level, deleted_at = records[i]
            state[pk] = None if kind == "-" or deleted_at is not None else level
            i += 1
        counts = {level: 0 for level in Engagement.values}
        for level in state.values():
            if level is not None:
                counts[level] += 1
        result.append(MonthCounts(month, counts))
    return result


def engagement_by_month(programme: Programme, *, today: date | None = None) -> list[MonthCounts]:
    records = list(
        Stakeholder.history.filter(programme_id=programme.pk)
        .order_by("history_date", "history_id")
        .values_list("id", "history_date", "history_type", "engagement_current", "deleted_at")
    )
    return counts_by_month(records, today=today or timezone.localdate())
