"""Reads for the learning wall: the feed, its filter choices and the counts of experimentation.

Every function here runs a fixed number of queries, whatever the number of tests.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.db.models.lookups import In
from django.utils import timezone

from mobilise.accounts.models import Organisation, User
from mobilise.improvement.models import ChangeIdea
from mobilise.programmes.models import Membership

from .models import TestOfChange
from .wall_filters import WallFilterForm, apply_filters

PER_PAGE = 25


def _in_programmes(queryset: QuerySet[Any], programme_ids: Sequence[int]) -> QuerySet[Any]:
    if len(programme_ids) == 1:
        return queryset.filter(programme_id=programme_ids[0])
    return queryset.filter(programme_id__in=list(programme_ids))


def _binned_ideas(programme_ids: Sequence[int]) -> QuerySet[Any]:
    return _in_programmes(ChangeIdea.all_objects.filter(deleted_at__isnull=False), programme_ids).values("pk")


def wall_tests(programme_ids: Sequence[int]) -> QuerySet[TestOfChange]:
    """Every live test in these programmes whose change idea is not in the bin, newest first."""
    # A subquery for the (few) binned change ideas rather than a join, so counts can use one index.
    tests = _in_programmes(TestOfChange.objects.all(), programme_ids)
    return tests.exclude(change_idea_id__in=_binned_ideas(programme_ids)).order_by("-tested_on", "-pk")


def feed_page(
    tests: QuerySet[TestOfChange], page_number: Any, *, known_count: int | None = None
) -> Page[TestOfChange]:
    """One page of the feed. `known_count` saves counting again when the counts already did."""
    shown = tests.select_related("change_idea", "site", "programme").defer(
        "plan",
        "data_to_collect",
        "what_happened",
        "change_idea__description",
        "programme__challenge",
        "programme__stage_note",
    )
    paginator = Paginator(shown, PER_PAGE)
    if known_count is not None:
        paginator.__dict__["count"] = known_count  # Paginator.count is a cached_property
    return paginator.get_page(page_number)


@dataclass(frozen=True)
class WallCounts:
    """The scale of experimentation: many small tests by many people, across many sites."""

    tests: int
    this_month: int
    sites: int
    people_named: int
    people_counted: int
    ideas_tested: int
    ideas_total: int

    @property
    def ideas_share(self) -> int:
        """Percentage of change ideas with at least one test (0 when there are none)."""
        return round(100 * self.ideas_tested / self.ideas_total) if self.ideas_total else 0


def month_bounds(today: date) -> tuple[date, date]:
    return today.replace(day=1), today.replace(day=calendar.monthrange(today.year, today.month)[1])


def wall_counts(programme_ids: Sequence[int], *, today: date | None = None) -> WallCounts:
    """Three queries: the tests' aggregates, the members named on them, the change ideas."""
    first, last = month_bounds(today or timezone.localdate())
    tests = wall_tests(programme_ids).order_by()
    totals = tests.aggregate(
        tests=Count("pk"),
        this_month=Count("pk", filter=Q(tested_on__gte=first, tested_on__lte=last)),
        sites=Count("site", distinct=True),
        ideas_tested=Count("change_idea", distinct=True),
        people_counted=Sum("people_count"),
    )
    people_named = _people_named(programme_ids)
    ideas_total = _in_programmes(ChangeIdea.objects.all(), programme_ids).count()
    return WallCounts(
        tests=totals["tests"],
        this_month=totals["this_month"],
        sites=totals["sites"],
        people_named=people_named,
        people_counted=totals["people_counted"] or 0,
        ideas_tested=totals["ideas_tested"],
        ideas_total=ideas_total,
    )


def _people_named(programme_ids: Sequence[int]) -> int:
    """Members named on at least one live test, counted the way each database does quickest.

    PostgreSQL: the distinct people on the programmes' live tests, one pass that grows with the
    tests (2,750 members, 2,000 tests: 12 ms, where an EXISTS per member took 246 ms). SQLite, the
    embedded default for one team: an early-stopping look-up per member, which it does in 3 ms for
    150 members and 5,000 tests where the distinct count took 117 ms.
    """
    members = Membership.objects.filter(programme_id__in=list(programme_ids)).values("user_id")
    through = TestOfChange.people.through.objects
    binned = _binned_ideas(programme_ids)
    if connection.vendor != "sqlite":
        named = (
            through.filter(
                testofchange__deleted_at__isnull=True,
                testofchange__programme_id__in=list(programme_ids),
                user_id__in=members,
            )
            .exclude(testofchange__change_idea_id__in=binned)
            .aggregate(n=Count("user_id", distinct=True))
        )
        return int(named["n"] or 0)
    per_member = through.filter(user_id=OuterRef("pk"), testofchange__deleted_at__isnull=True).exclude(
        testofchange__change_idea_id__in=binned
    )
    # SQLite has no table statistics unless ANALYZE has run, and would scan the programme's tests
    # once per member; `+ 0` hides that index so it looks up each member's few tests instead.
    per_member = per_member.filter(In(F("testofchange__programme_id") + 0, list(programme_ids)))
    # EXISTS inside the aggregate's FILTER runs per member, stopping at the first test found.
    counted = User.objects.filter(pk__in=members).aggregate(n=Count("pk", filter=Q(Exists(per_member))))
    return int(counted["n"] or 0)


def programme_filter_form(data: Any, programme_id: int) -> WallFilterForm:
    """The filter form for one programme's wall, its choices read in three queries."""
    ideas = list(
        ChangeIdea.objects.filter(programme_id=programme_id).order_by("title").values_list("pk", "title")
    )
    sites = list(
        Organisation.objects.filter(programmes__pk=programme_id).order_by("name").values_list("pk", "name")
    )
    # Every team that ever tested (binned tests too): one pass over the (programme, team) index.
    teams = list(
        TestOfChange.all_objects.filter(programme_id=programme_id)
        .exclude(team="")
        .order_by("team")
        .values_list("team", flat=True)
        .distinct()
    )
    return WallFilterForm(data, change_ideas=ideas, sites=sites, teams=teams)


def filtered(tests: QuerySet[TestOfChange], form: WallFilterForm) -> tuple[QuerySet[TestOfChange], bool]:
    """The tests that match the valid filters, and whether any filter is in use."""
    values = form.values()
    return apply_filters(tests, values), bool(values)
