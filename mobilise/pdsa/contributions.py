"""What tests of change add to lower apps' pages; registered in `PdsaConfig.ready()`."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from mobilise.improvement.models import ChangeIdea
from mobilise.improvement.reads import TestsOfChangeReader
from mobilise.programmes.models import Programme
from mobilise.workspace.linked import LinkedWork, plural

from .links import tests_for_change_idea
from .models import TestOfChange


def _live_tests(programme: Programme) -> int:
    return int(TestOfChange.objects.filter(programme=programme, change_idea__deleted_at__isnull=True).count())


def wall_url(programme: Programme) -> str:
    return reverse("pdsa:wall", kwargs={"slug": programme.slug})


def methodology_work(programme: Programme) -> list[LinkedWork]:
    """For the "Improvement methodology" component page: how many tests have been logged."""
    n = _live_tests(programme)
    return [LinkedWork(plural(n, "test of change logged", "tests of change logged"), wall_url(programme))]


def _tests_for_idea(idea: ChangeIdea, limit: int) -> list[Any]:
    return list(tests_for_change_idea(idea.pk)[:limit])


TESTS_READER = TestsOfChangeReader(for_idea=_tests_for_idea, count=_live_tests, wall_url=wall_url)
