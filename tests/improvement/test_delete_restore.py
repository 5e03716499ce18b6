"""Deleting drivers asks what happens to the change ideas beneath; the bin gives it all back."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from mobilise.improvement.models import ChangeIdea, Driver, DriverDiagram

from .factories import SmallDiagram
from .helpers import text, url, version


def live_titles(model: Any) -> set[str]:
    return set(model.objects.values_list("title", flat=True))


def restore(client: Any, cast: Any, kind: str, pk: int) -> Any:
    return client.post(
        reverse("programmes:bin_restore", kwargs={"slug": cast.programme.slug, "kind": kind, "pk": pk})
    )


def home_checks(cast: Any, tree: SmallDiagram) -> Driver:
    return Driver.objects.create(
        programme=cast.programme,
        diagram=tree.diagram,
        parent=tree.other_primary,
        kind="secondary",
        title="Home hazard checks",
    )


def test_the_delete_page_asks_what_to_do_with_change_ideas_left_without_a_driver(
    as_member: Any, cast: Any, tree: SmallDiagram
) -> None:
    home_checks(cast, tree)
    page = text(as_member.get(url("driver_delete", cast.programme, pk=tree.primary.pk)))
    assert "What should happen to these change ideas?" in page
    assert "Move them to another secondary driver" in page and "Put them in the bin too" in page
    assert "Chair-based exercise at the library" in page and "Medication reviews" in page
    assert "Home hazard checks (under Safer homes)" in page


def test_with_nowhere_to_move_them_the_change_ideas_go_to_the_bin(
    as_member: Any, cast: Any, tree: SmallDiagram
) -> None:
    page = text(as_member.get(url("driver_delete", cast.programme, pk=tree.primary.pk)))
    assert "There is no other secondary driver to move them to, so they go to the bin too." in page
    assert "Move them to another secondary driver" not in page


def test_deleting_a_driver_whose_ideas_serve_other_drivers_needs_no_choice(
    as_member: Any, cast: Any, tree: SmallDiagram
) -> None:
    tree.idea.drivers.add(tree.other_secondary)
    page = text(as_member.get(url("driver_delete", cast.programme, pk=tree.secondary.pk)))
    assert "What should happen" not in page and "Change ideas that stay" in page
    as_member.post(url("driver_delete", cast.programme, pk=tree.secondary.pk), {"version": 1})
    assert "Exercise classes" not in live_titles(Driver)
    assert live_titles(ChangeIdea) == {
        "Chair-based exercise at the library",
        "Pharmacist home visits",
        "Falls huddle each week",
    }


def test_not_choosing_what_happens_to_the_change_ideas_gets_a_message(
    as_member: Any, cast: Any, tree: SmallDiagram
) -> None:
    home_checks(cast, tree)
    response = as_member.post(url("driver_delete", cast.programme, pk=tree.primary.pk), {"version": 1})
    assert "Choose what should happen to the change ideas" in text(response)
    response = as_member.post(
        url("driver_delete", cast.programme, pk=tree.primary.pk), {"version": 1, "ideas": "move"}
    )
    assert "Choose the secondary driver to move them to" in text(response)
    assert "Strength and balance" in live_titles(Driver)


def test_deleting_a_primary_driver_bins_its_drivers_and_ideas_together_and_restoring_one_brings_all_back(
    as_member: Any, as_convenor: Any, cast: Any, tree: SmallDiagram
) -> None:
    response = as_member.post(
        url("driver_delete", cast.programme, pk=tree.primary.pk), {"version": 1, "ideas": "bin"}
    )
    assert response.status_code == 302
    assert live_titles(Driver) == {"Safer homes"}
    assert live_titles(ChangeIdea) == set()
    stamps = {
        row.deleted_at
        for row in [*Driver.all_objects.exclude(title="Safer homes"), *ChangeIdea.all_objects.all()]
    }
    assert len(stamps) == 1  # one deletion, one moment

    bin_page = text(as_convenor.get(reverse("programmes:bin", kwargs={"slug": cast.programme.slug})))
    assert "Primary driver: Strength and balance" in bin_page
    assert "Change idea: Falls huddle each week" in bin_page

    restore(as_convenor, cast, "driver", tree.primary.pk)
    assert live_titles(Driver) == {
        "Safer homes",
        "Strength and balance",
        "Exercise classes",
        "Medication reviews",
    }
    assert live_titles(ChangeIdea) == {
        "Chair-based exercise at the library",
        "Pharmacist home visits",
        "Falls huddle each week",
    }
    assert set(tree.shared_idea.drivers.values_list("title", flat=True)) == {
        "Exercise classes",
        "Medication reviews",
    }
    history = text(as_member.get(url("diagram_history", cast.programme, pk=tree.diagram.pk)))
    assert (
        "Brought back “Strength and balance” from the bin with 5 other items deleted at the same time"
        in history
    )


def test_restoring_a_change_idea_binned_with_its_driver_brings_the_driver_back_too(
    as_member: Any, as_convenor: Any, cast: Any, tree: SmallDiagram
) -> None:
    as_member.post(url("driver_delete", cast.programme, pk=tree.primary.pk), {"version": 1, "ideas": "bin"})
    restore(as_convenor, cast, "change_idea", tree.idea.pk)
    assert "Strength and balance" in live_titles(Driver) and "Exercise classes" in live_titles(Driver)


def test_moving_the_change_ideas_elsewhere_keeps_them_in_the_diagram(
    as_member: Any, as_convenor: Any, cast: Any, tree: SmallDiagram
) -> None:
    other = home_checks(cast, tree)
    as_member.post(
        url("driver_delete", cast.programme, pk=tree.primary.pk),
        {"version": 1, "ideas": "move", "target": other.pk},
    )
    assert live_titles(ChangeIdea) == {
        "Chair-based exercise at the library",
        "Pharmacist home visits",
        "Falls huddle each week",
    }
    assert set(other.change_ideas.values_list("title", flat=True)) == live_titles(ChangeIdea)
    # Putting the driver back does not pull the moved ideas back under it.
    restore(as_convenor, cast, "driver", tree.primary.pk)
    assert tree.secondary.change_ideas.count() == 0
    assert ChangeIdea.objects.filter(drivers=other).count() == 3


def test_deleting_a_change_idea_and_restoring_it_puts_it_back_under_its_drivers(
    as_member: Any, as_convenor: Any, cast: Any, tree: SmallDiagram
) -> None:
    response = as_member.post(
        url("idea_delete", cast.programme, pk=tree.shared_idea.pk), {"version": 1}, follow=True
    )
    assert "“Falls huddle each week” is in the bin. A convenor can put it back within 30 days." in text(
        response
    )
    assert f'id="idea-{tree.shared_idea.pk}-under-' not in text(response)
    restore(as_convenor, cast, "change_idea", tree.shared_idea.pk)
    page = text(as_member.get(url("diagram", cast.programme, pk=tree.diagram.pk)))
    assert page.count(f'id="idea-{tree.shared_idea.pk}-under-') == 2


def test_a_deleted_diagram_leaves_the_overview_and_comes_back_whole(
    as_member: Any, as_convenor: Any, cast: Any, tree: SmallDiagram
) -> None:
    response = as_member.post(
        url("diagram_delete", cast.programme, pk=tree.diagram.pk), {"version": 1}, follow=True
    )
    assert "“Fewer falls at home” is in the bin." in text(response)
    assert "Fewer falls at home" not in text(as_member.get(url("overview", cast.programme)))
    assert as_member.get(url("diagram", cast.programme, pk=tree.diagram.pk)).status_code == 404
    assert as_member.get(url("idea", cast.programme, pk=tree.idea.pk)).status_code == 404
    restore(as_convenor, cast, "diagram", tree.diagram.pk)
    assert DriverDiagram.objects.filter(pk=tree.diagram.pk).exists()
    assert "Chair-based exercise at the library" in text(
        as_member.get(url("diagram", cast.programme, pk=tree.diagram.pk))
    )
    assert version(tree.diagram) == 2
