"""Two people editing the same diagram or theory: nobody's change is lost without them knowing."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client

from mobilise.improvement.models import Driver

from .factories import SmallDiagram, TheoryItemFactory
from .helpers import text, url, version


def test_a_stale_rename_is_refused_with_the_persons_text_kept_and_what_changed_shown(
    as_member: Any, as_convenor: Any, cast: Any, tree: SmallDiagram
) -> None:
    form_page = as_member.get(url("driver_rename", cast.programme, pk=tree.primary.pk))
    loaded = int(re.search(r'name="version" value="(\d+)"', form_page.content.decode()).group(1))  # type: ignore[union-attr]
    # Meanwhile the convenor adds a driver and renames another.
    as_convenor.post(
        url("driver_add", cast.programme, pk=tree.diagram.pk),
        {"title": "Confident carers", "version": loaded},
    )
    as_convenor.post(
        url("driver_rename", cast.programme, pk=tree.other_primary.pk),
        {"title": "Safer homes and streets", "version": loaded + 1},
    )

    response = as_member.post(
        url("driver_rename", cast.programme, pk=tree.primary.pk),
        {"title": "Strength, balance and confidence", "version": loaded},
    )
    assert response.status_code == 409
    page = text(response)
    assert "Someone else changed this diagram while you were working on it" in page
    assert "Added the primary driver “Confident carers”" in page
    assert "Renamed “Safer homes” to “Safer homes and streets”" in page
    assert "Test Convenor" in page
    assert "Strength, balance and confidence" in page  # their text is still on the form
    assert f'name="version" value="{loaded + 2}"' in page
    assert Driver.objects.get(pk=tree.primary.pk).title == "Strength and balance"

    # Saving again, having seen the changes, goes through.
    response = as_member.post(
        url("driver_rename", cast.programme, pk=tree.primary.pk),
        {"title": "Strength, balance and confidence", "version": loaded + 2},
    )
    assert response.status_code == 302
    assert Driver.objects.get(pk=tree.primary.pk).title == "Strength, balance and confidence"


def test_a_stale_move_up_button_shows_what_changed_and_offers_to_do_it_again(
    as_member: Any, as_convenor: Any, cast: Any, tree: SmallDiagram
) -> None:
    as_convenor.post(
        url("driver_rename", cast.programme, pk=tree.secondary.pk),
        {"title": "Strength classes", "version": 1},
    )
    response = as_member.post(
        url("driver_reorder", cast.programme, pk=tree.other_secondary.pk), {"direction": "up", "version": 1}
    )
    assert response.status_code == 409
    page = text(response)
    assert "Renamed “Exercise classes” to “Strength classes”" in page
    assert "Move “Medication reviews” up?" in page
    assert 'name="version" value="2"' in page and 'name="direction" value="up"' in page
    assert list(Driver.objects.filter(parent=tree.primary).values_list("title", flat=True)) == [
        "Strength classes",
        "Medication reviews",
    ]


def test_a_stale_delete_is_refused_and_nothing_goes_to_the_bin(
    as_member: Any, as_convenor: Any, cast: Any, tree: SmallDiagram
) -> None:
    as_convenor.post(
        url("idea_add", cast.programme, pk=tree.other_secondary.pk),
        {"title": "Pill organisers", "version": 1},
    )
    response = as_member.post(
        url("driver_delete", cast.programme, pk=tree.other_secondary.pk), {"version": 1, "ideas": "bin"}
    )
    assert response.status_code == 409
    assert "Added the change idea “Pill organisers” under “Medication reviews”" in text(response)
    assert Driver.objects.filter(pk=tree.other_secondary.pk).exists()


def test_every_edit_to_the_diagram_moves_its_version_on(
    as_member: Any, cast: Any, tree: SmallDiagram
) -> None:
    steps = [
        ("driver_add", tree.diagram.pk, {"title": "New primary"}),
        ("driver_rename", tree.primary.pk, {"title": "Renamed"}),
        ("driver_reorder", tree.other_secondary.pk, {"direction": "up"}),
        ("idea_edit", tree.idea.pk, {"title": "Chair-based exercise", "description": "At the library"}),
        ("idea_delete", tree.other_idea.pk, {}),
    ]
    for expected, (name, pk, data) in enumerate(steps, start=1):
        response = as_member.post(url(name, cast.programme, pk=pk), {**data, "version": expected})
        assert response.status_code == 302, name
        assert version(tree.diagram) == expected + 1, name


def test_a_stale_theory_edit_keeps_the_persons_text_and_shows_their_words(cast: Any) -> None:
    item = TheoryItemFactory(programme=cast.programme, step="plus", text="Small tests of change by teams")
    first, second = cast.client_for("member"), cast.client_for("facilitator")
    edit = url("theory_item_edit", cast.programme, pk=item.pk)
    second.post(edit, {"step": "plus", "text": "Small tests of change by front-line teams", "version": 1})
    response = first.post(
        edit,
        {
            "step": "plus",
            "text": "Many small tests of change",
            "version": 1,
            "evidence": "The 2022 positive deviants report",
        },
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else changed this statement while you were editing it" in page
    assert "Many small tests of change" in page and "The 2022 positive deviants report" in page
    assert '<ins class="mobilise-diff-ins">front-line </ins>' in page
    assert 'name="version" value="2"' in page
    item.refresh_from_db()
    assert item.text == "Small tests of change by front-line teams"


def test_only_one_of_two_people_saving_from_the_same_version_wins(cast: Any, tree: SmallDiagram) -> None:
    first: Client = cast.client_for("member")
    second: Client = cast.client_for("facilitator")
    a = first.post(url("driver_rename", cast.programme, pk=tree.primary.pk), {"title": "A", "version": 1})
    b = second.post(url("driver_rename", cast.programme, pk=tree.primary.pk), {"title": "B", "version": 1})
    assert (a.status_code, b.status_code) == (302, 409)
    assert Driver.objects.get(pk=tree.primary.pk).title == "A"
