"""Building the tree from the keyboard: moves, reorders and links keep the diagram's shape."""

from __future__ import annotations

from typing import Any

from mobilise.improvement.models import ChangeIdea, Driver, DriverKind

from .factories import DiagramFactory, DriverFactory, IdeaFactory, SmallDiagram
from .helpers import text, url, version


def titles_under(parent: Driver) -> list[str]:
    return list(Driver.objects.filter(parent=parent).values_list("title", flat=True))


def test_moving_a_driver_under_one_of_its_own_drivers_is_refused(
    as_member: Any, cast: Any, tree: SmallDiagram
) -> None:
    response = as_member.post(
        url("driver_move", cast.programme, pk=tree.primary.pk),
        {"parent": tree.secondary.pk, "version": version(tree.diagram)},
    )
    assert response.status_code == 200
    assert (
        "“Exercise classes” is beneath “Strength and balance”, so “Strength and balance” cannot go under it"
        in text(response)
    )
    tree.primary.refresh_from_db()
    assert tree.primary.parent_id is None and version(tree.diagram) == 1


def test_a_secondary_driver_cannot_go_under_another_secondary_driver(
    as_member: Any, cast: Any, tree: SmallDiagram
) -> None:
    response = as_member.post(
        url("driver_move", cast.programme, pk=tree.other_secondary.pk),
        {"parent": tree.secondary.pk, "version": 1},
    )
    assert (
        "“Exercise classes” is a secondary driver. A secondary driver cannot have drivers beneath it"
        in text(response)
    )
    assert titles_under(tree.secondary) == []


def test_a_primary_driver_with_drivers_beneath_it_cannot_become_a_secondary(
    as_member: Any, cast: Any, tree: SmallDiagram
) -> None:
    response = as_member.post(
        url("driver_move", cast.programme, pk=tree.primary.pk),
        {"parent": tree.other_primary.pk, "version": 1},
    )
    assert "has secondary drivers beneath it, so it cannot become a secondary driver" in text(response)


def test_a_driver_cannot_move_under_itself(as_member: Any, cast: Any, tree: SmallDiagram) -> None:
    response = as_member.post(
        url("driver_move", cast.programme, pk=tree.other_primary.pk),
        {"parent": tree.other_primary.pk, "version": 1},
    )
    assert "“Safer homes” cannot go under itself" in text(response)


def test_moving_a_secondary_driver_to_another_primary_takes_its_change_ideas(
    as_member: Any, cast: Any, tree: SmallDiagram
) -> None:
    response = as_member.post(
        url("driver_move", cast.programme, pk=tree.secondary.pk),
        {"parent": tree.other_primary.pk, "version": 1},
    )
    assert response.status_code == 302
    assert titles_under(tree.other_primary) == ["Exercise classes"]
    assert set(tree.secondary.change_ideas.values_list("title", flat=True)) == {
        "Chair-based exercise at the library",
        "Falls huddle each week",
    }
    assert version(tree.diagram) == 2


def test_a_primary_driver_with_nothing_beneath_can_become_a_secondary(
    as_member: Any, cast: Any, tree: SmallDiagram
) -> None:
    as_member.post(
        url("driver_move", cast.programme, pk=tree.other_primary.pk),
        {"parent": tree.primary.pk, "version": 1},
    )
    tree.other_primary.refresh_from_db()
    assert tree.other_primary.kind == DriverKind.SECONDARY and tree.other_primary.parent == tree.primary


def test_a_secondary_driver_with_change_ideas_cannot_go_to_the_top_level(
    as_member: Any, cast: Any, tree: SmallDiagram
) -> None:
    response = as_member.post(
        url("driver_move", cast.programme, pk=tree.secondary.pk), {"parent": "", "version": 1}
    )
    assert "change ideas go under secondary drivers" in text(response)


def test_the_move_form_offers_the_top_level_and_the_other_primary_drivers(
    as_member: Any, cast: Any, tree: SmallDiagram
) -> None:
    page = text(as_member.get(url("driver_move", cast.programme, pk=tree.secondary.pk)))
    assert "At the top level, as a primary driver" in page and "Under Safer homes" in page
    assert "Under Exercise classes" not in page


def test_drivers_move_up_and_down_among_their_siblings(as_member: Any, cast: Any, tree: SmallDiagram) -> None:
    as_member.post(
        url("driver_reorder", cast.programme, pk=tree.other_secondary.pk), {"direction": "up", "version": 1}
    )
    assert titles_under(tree.primary) == ["Medication reviews", "Exercise classes"]
    response = as_member.post(
        url("driver_reorder", cast.programme, pk=tree.other_secondary.pk),
        {"direction": "up", "version": 2},
        follow=True,
    )
    assert "“Medication reviews” is already at the top." in text(response)
    assert version(tree.diagram) == 2


def test_change_ideas_move_up_and_down_under_a_driver(as_member: Any, cast: Any, tree: SmallDiagram) -> None:
    under = f"?driver={tree.secondary.pk}"
    as_member.post(
        url("idea_reorder", cast.programme, pk=tree.shared_idea.pk) + under, {"direction": "up", "version": 1}
    )
    assert list(ChangeIdea.objects.filter(drivers=tree.secondary).values_list("title", flat=True)) == [
        "Falls huddle each week",
        "Chair-based exercise at the library",
    ]


def test_a_change_idea_can_serve_several_secondary_drivers_and_appears_under_each(
    as_member: Any, cast: Any, tree: SmallDiagram
) -> None:
    third = DriverFactory(diagram=tree.diagram, parent=tree.other_primary, title="Home hazard checks")
    response = as_member.post(
        url("idea_link", cast.programme, pk=tree.idea.pk), {"driver": third.pk, "version": 1}
    )
    assert response.status_code == 302
    assert set(tree.idea.drivers.values_list("title", flat=True)) == {
        "Exercise classes",
        "Home hazard checks",
    }
    page = text(as_member.get(url("diagram", cast.programme, pk=tree.diagram.pk)))
    assert page.count(f'id="idea-{tree.idea.pk}-under-') == 2
    assert "Also serves: Home hazard checks" in page


def test_linking_a_change_idea_to_a_primary_driver_is_refused(
    as_member: Any, cast: Any, tree: SmallDiagram
) -> None:
    response = as_member.post(
        url("idea_link", cast.programme, pk=tree.idea.pk), {"driver": tree.primary.pk, "version": 1}
    )
    assert "Choose a secondary driver from the list" in text(response)
    assert tree.idea.drivers.count() == 1


def test_unlinking_keeps_a_shared_change_idea_under_its_other_driver(
    as_member: Any, cast: Any, tree: SmallDiagram
) -> None:
    as_member.post(
        url("idea_unlink", cast.programme, pk=tree.shared_idea.pk) + f"?driver={tree.secondary.pk}",
        {"version": 1},
    )
    assert list(tree.shared_idea.drivers.values_list("title", flat=True)) == ["Medication reviews"]


def test_unlinking_a_change_ideas_last_driver_is_refused(
    as_member: Any, cast: Any, tree: SmallDiagram
) -> None:
    response = as_member.post(
        url("idea_unlink", cast.programme, pk=tree.idea.pk),
        {"version": 1, "driver": tree.secondary.pk},
        follow=True,
    )
    assert (
        "“Chair-based exercise at the library” only serves “Exercise classes”. Link it to another driver "
        "first, or delete it." in text(response)
    )
    assert tree.idea.drivers.count() == 1


def test_moving_a_change_idea_swaps_one_driver_for_another(
    as_member: Any, cast: Any, tree: SmallDiagram
) -> None:
    page = as_member.get(url("idea_move", cast.programme, pk=tree.idea.pk) + f"?from={tree.secondary.pk}")
    assert "It will stop serving “Exercise classes”" in text(page)
    response = as_member.post(
        url("idea_move", cast.programme, pk=tree.idea.pk),
        {"from_driver": tree.secondary.pk, "driver": tree.other_secondary.pk, "version": 1},
    )
    assert response.status_code == 302
    assert list(tree.idea.drivers.values_list("title", flat=True)) == ["Medication reviews"]


def test_adding_drivers_and_change_ideas_builds_the_tree(
    as_member: Any, cast: Any, tree: SmallDiagram
) -> None:
    as_member.post(
        url("driver_add", cast.programme, pk=tree.diagram.pk), {"title": "Confident carers", "version": 1}
    )
    primary = Driver.objects.get(title="Confident carers")
    as_member.post(
        url("driver_add", cast.programme, pk=tree.diagram.pk) + f"?parent={primary.pk}",
        {"title": "Carer training", "version": 2},
    )
    secondary = Driver.objects.get(title="Carer training")
    assert secondary.parent == primary and secondary.kind == DriverKind.SECONDARY
    as_member.post(
        url("idea_add", cast.programme, pk=secondary.pk), {"title": "Falls awareness sessions", "version": 3}
    )
    assert list(secondary.change_ideas.values_list("title", flat=True)) == ["Falls awareness sessions"]
    history = text(as_member.get(url("diagram_history", cast.programme, pk=tree.diagram.pk)))
    assert "Added the change idea “Falls awareness sessions” under “Carer training”" in history
    assert "Test Member" in history


def test_an_empty_name_gets_a_clear_message(as_member: Any, cast: Any, tree: SmallDiagram) -> None:
    response = as_member.post(
        url("driver_rename", cast.programme, pk=tree.primary.pk), {"title": " ", "version": 1}
    )
    assert "Enter a name for the driver" in text(response)
    response = as_member.post(
        url("driver_rename", cast.programme, pk=tree.primary.pk), {"title": "x" * 301, "version": 1}
    )
    assert "The name must be 300 characters or fewer" in text(response)


def test_a_change_idea_from_another_diagram_cannot_be_linked_here(
    as_member: Any, cast: Any, tree: SmallDiagram
) -> None:
    stranger = IdeaFactory(diagram=DiagramFactory(programme=cast.programme))
    response = as_member.post(
        url("idea_link", cast.programme, pk=stranger.pk), {"driver": tree.secondary.pk, "version": 1}
    )
    assert "Choose a secondary driver from the list" in text(response)
