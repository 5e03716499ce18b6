"""Ramps: cycles chained from small to large scale, shown as a ladder with every rung linked."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from mobilise.pdsa.ramps import Node, build_ramp

from .factories import TestOfChangeFactory


def node(pk: int, previous: int | None, day: int, scale: str = "") -> Node:
    return Node(
        pk=pk,
        previous_pk=previous,
        title=f"Cycle {pk}",
        scale=scale,
        outcome="",
        tested_on=date(2026, 3, day),
    )


def test_a_ramp_reads_from_the_first_small_cycle_to_the_largest() -> None:
    nodes = [
        node(3, 2, 20, "a whole practice"),
        node(1, None, 2, "1 patient"),
        node(2, 1, 10, "1 clinic"),
        node(9, None, 5, "unrelated"),
    ]
    rungs = build_ramp(nodes, current_pk=2)
    assert [(r.node.pk, r.cycle, r.is_current) for r in rungs] == [(1, 1, False), (2, 2, True), (3, 3, False)]


def test_two_next_cycles_from_one_test_show_as_branches() -> None:
    rungs = build_ramp([node(1, None, 1), node(2, 1, 5), node(3, 1, 9), node(4, 3, 12)], current_pk=1)
    assert [(r.node.pk, r.cycle, r.branch) for r in rungs] == [
        (1, 1, False),
        (2, 2, False),
        (3, 2, True),
        (4, 3, False),
    ]


def test_a_cycle_whose_previous_one_is_gone_starts_its_own_ramp() -> None:
    rungs = build_ramp([node(5, 4, 3), node(6, 5, 9)], current_pk=6)
    assert [r.node.pk for r in rungs] == [5, 6]


@pytest.mark.django_db
def test_the_test_page_shows_the_ramp_as_a_linked_ladder(cast: Any) -> None:
    first = TestOfChangeFactory(
        programme=cast.programme, title="One patient", scale="1 patient", planned_start=date(2026, 1, 5)
    )
    same = {"programme": cast.programme, "change_idea": first.change_idea}
    second = TestOfChangeFactory(
        **same, previous_cycle=first, title="One clinic", scale="1 clinic", planned_start=date(2026, 2, 5)
    )
    third = TestOfChangeFactory(
        **same,
        previous_cycle=second,
        title="Whole practice",
        scale="a whole practice",
        planned_start=date(2026, 3, 5),
    )
    url = reverse("pdsa:detail", kwargs={"slug": cast.programme.slug, "pk": second.pk})
    page = cast.client_for("viewer").get(url).content.decode()
    ladder = page[page.index('class="pdsa-ladder"') :]
    assert ladder.index("One patient") < ladder.index("One clinic") < ladder.index("Whole practice")
    for test in (first, third):
        assert reverse("pdsa:detail", kwargs={"slug": cast.programme.slug, "pk": test.pk}) in ladder
    assert 'aria-current="step"><strong>One clinic</strong> (this test)' in ladder
    assert "Cycle 3" in ladder and "a whole practice" in ladder
