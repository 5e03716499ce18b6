"""What the workspace's "Improvement methodology" component can say exists."""

from __future__ import annotations

from typing import Any

from mobilise.core.bin import move_to_bin
from mobilise.improvement.summary import improvement_summary

from .factories import DiagramFactory, SmallDiagram, TheoryItemFactory, small_diagram


def test_the_summary_counts_what_the_team_has_built(
    cast: Any, tree: SmallDiagram, django_assert_max_num_queries: Any
) -> None:
    TheoryItemFactory(programme=cast.programme, step="plus")
    TheoryItemFactory(programme=cast.programme, step="plus")
    TheoryItemFactory(programme=cast.programme, step="then")
    small_diagram(cast.other_programme)
    with django_assert_max_num_queries(6):
        summary = improvement_summary(cast.programme)
    assert {k: v for k, v in summary.items() if k != "tests_of_change"} == {
        "diagrams": 1,
        "drivers": 4,
        "change_ideas": 3,
        "theory_items": 3,
        "theory_steps_filled": 2,
    }
    assert summary["tests_of_change"] == 0


def test_binned_things_are_not_counted(cast: Any, tree: SmallDiagram) -> None:
    move_to_bin(tree.idea, by=cast.member)
    DiagramFactory(programme=cast.programme)
    move_to_bin(tree.diagram, by=cast.member)
    summary = improvement_summary(cast.programme)
    assert (summary["diagrams"], summary["drivers"], summary["change_ideas"]) == (1, 0, 0)


def test_an_empty_programme_has_nothing_yet(cast: Any) -> None:
    summary = improvement_summary(cast.programme)
    assert summary["diagrams"] == summary["theory_items"] == summary["change_ideas"] == 0
