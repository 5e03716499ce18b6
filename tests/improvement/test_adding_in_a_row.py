"""Adding several drivers in a row on one page: Enter saves and brings back an empty name field."""

from __future__ import annotations

from typing import Any

from mobilise.improvement.models import Driver
from tests.improvement.factories import SmallDiagram

from .helpers import text, url, version


def test_enter_saves_and_comes_back_for_the_next_name(as_member: Any, cast: Any, tree: SmallDiagram) -> None:
    add = url("driver_add", cast.programme, pk=tree.diagram.pk)
    for name in ("Confident carers", "Safer homes", "Quick help after a fall"):
        response = as_member.post(add, {"title": name, "version": version(tree.diagram)})
        assert response.status_code == 302 and response["Location"] == add
    page = text(as_member.get(add))
    # The name field is empty, focused and single-line, so Enter submits; the list shows what is there.
    assert 'name="title" type="text" value="" autofocus' in page
    assert "Added “Quick help after a fall”." in page
    for name in ("Confident carers", "Safer homes", "Quick help after a fall"):
        assert f"<li>{name}</li>" in page
    assert Driver.objects.filter(diagram=tree.diagram, parent=None).count() >= 3


def test_the_second_button_saves_and_goes_back_to_the_diagram(
    as_member: Any, cast: Any, tree: SmallDiagram
) -> None:
    add = url("driver_add", cast.programme, pk=tree.diagram.pk) + f"?parent={tree.primary.pk}"
    response = as_member.post(add, {"title": "Carer training", "version": version(tree.diagram), "done": "1"})
    assert response["Location"].startswith(url("diagram", cast.programme, pk=tree.diagram.pk))
    assert Driver.objects.get(title="Carer training").parent == tree.primary


def test_a_missing_name_keeps_the_page_and_says_what_to_enter(
    as_member: Any, cast: Any, tree: SmallDiagram
) -> None:
    add = url("driver_add", cast.programme, pk=tree.diagram.pk)
    page = text(as_member.post(add, {"title": "", "version": version(tree.diagram)}))
    assert "Enter a name for the driver" in page and "autofocus" not in page
