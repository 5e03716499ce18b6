"""The diagram page, its picture and outline, the exports, and who may change what."""

from __future__ import annotations

import csv
import io
import re
from typing import Any
from xml.etree import ElementTree

from django.test import Client

from mobilise.improvement.models import Driver, DriverDiagram
from mobilise.measurement.models import Measure
from mobilise.purpose.models import SharedPurpose

from .factories import DiagramFactory, DriverFactory, IdeaFactory, SmallDiagram
from .helpers import text, url


def grow(diagram: DriverDiagram, primaries: int, secondaries: int, ideas: int) -> None:
    for p in range(primaries):
        primary = DriverFactory(diagram=diagram, title=f"Primary {p}")
        for s in range(secondaries):
            secondary = DriverFactory(diagram=diagram, parent=primary, title=f"Secondary {p}.{s}")
            for i in range(ideas):
                IdeaFactory(diagram=diagram, title=f"Idea {p}.{s}.{i}", under=[secondary])


def test_the_diagram_page_shows_the_aim_the_picture_and_the_outline(
    as_viewer: Any, cast: Any, tree: SmallDiagram
) -> None:
    SharedPurpose.objects.create(
        programme=cast.programme, statement="People with complex needs live well at home."
    )
    page = as_viewer.get(url("diagram", cast.programme, pk=tree.diagram.pk)).content.decode()
    assert "<h1>Fewer falls at home</h1>" in page
    assert "People with complex needs live well at home." in page
    assert (
        'role="img"' in page
        and '<title id="driver-diagram-title">Driver diagram: Fewer falls at home' in page
    )
    assert "The outline lists the same diagram as text." in page
    assert '<span class="improvement-kind">Primary driver:</span> Strength and balance' in page
    # The shared idea is one box in the picture, shown under both drivers in the outline.
    assert page.count(">Falls huddle each week</tspan>") == 1
    assert page.count(f'id="idea-{tree.shared_idea.pk}-under-') == 2


def test_the_page_takes_the_same_number_of_queries_whatever_the_diagram_size(
    as_member: Any, cast: Any, django_assert_max_num_queries: Any
) -> None:
    small, large = DiagramFactory(programme=cast.programme), DiagramFactory(programme=cast.programme)
    grow(small, 1, 1, 1)
    grow(large, 5, 4, 4)
    as_member.get(url("diagram", cast.programme, pk=small.pk))  # warm the session
    counts = []
    for diagram in (small, large):
        with django_assert_max_num_queries(20) as captured:
            assert as_member.get(url("diagram", cast.programme, pk=diagram.pk)).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_the_overview_lists_diagrams_in_a_fixed_number_of_queries(
    as_member: Any, cast: Any, django_assert_max_num_queries: Any
) -> None:
    for _ in range(6):
        grow(DiagramFactory(programme=cast.programme), 1, 2, 2)
    with django_assert_max_num_queries(16):
        page = text(as_member.get(url("overview", cast.programme)))
    assert page.count("3 drivers, 4 change ideas") == 6


def test_csv_export_has_one_row_per_path_from_aim_to_change_idea(
    as_viewer: Any, cast: Any, tree: SmallDiagram
) -> None:
    response = as_viewer.get(url("diagram_csv", cast.programme, pk=tree.diagram.pk))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="driver-diagram-fewer-falls-at-home.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    aim = "Fewer older people fall at home for adults over 65 in Hebburn and Jarrow by a third fewer falls"
    assert rows == [
        ["Aim", "Primary driver", "Secondary driver", "Change idea"],
        [aim, "Strength and balance", "Exercise classes", "Chair-based exercise at the library"],
        [aim, "Strength and balance", "Exercise classes", "Falls huddle each week"],
        [aim, "Strength and balance", "Medication reviews", "Pharmacist home visits"],
        [aim, "Strength and balance", "Medication reviews", "Falls huddle each week"],
        [aim, "Safer homes", "", ""],
    ]


def test_csv_export_stops_spreadsheets_running_a_title_as_a_formula(
    as_viewer: Any, cast: Any, tree: SmallDiagram
) -> None:
    Driver.objects.filter(pk=tree.other_primary.pk).update(title='=HYPERLINK("http://evil")')
    body = as_viewer.get(url("diagram_csv", cast.programme, pk=tree.diagram.pk)).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in body


def test_the_picture_downloads_as_an_svg_file(as_viewer: Any, cast: Any, tree: SmallDiagram) -> None:
    response = as_viewer.get(url("diagram_svg", cast.programme, pk=tree.diagram.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="driver-diagram-fewer-falls-at-home.svg"'
    assert response["X-Content-Type-Options"] == "nosniff"
    root = ElementTree.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"


def test_a_viewer_sees_no_editing_controls_and_cannot_edit(
    as_viewer: Any, cast: Any, tree: SmallDiagram
) -> None:
    page = text(as_viewer.get(url("diagram", cast.programme, pk=tree.diagram.pk)))
    assert "Rename" not in page and "Add a primary driver" not in page and "Move up" not in page
    response = as_viewer.post(
        url("driver_rename", cast.programme, pk=tree.primary.pk), {"title": "Hijacked", "version": 1}
    )
    assert response.status_code == 403
    assert Driver.objects.get(pk=tree.primary.pk).title == "Strength and balance"


def test_every_button_on_the_outline_posts_with_the_csrf_token(cast: Any, tree: SmallDiagram) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.member)
    page = client.get(url("diagram", cast.programme, pk=tree.diagram.pk)).content.decode()
    outline = page[page.index('<h2 id="outline">') :]
    forms = re.findall(r"<form method=\"post\".*?</form>", outline, flags=re.S)
    assert len(forms) == 1 and "csrfmiddlewaretoken" in forms[0]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', forms[0]).group(1)  # type: ignore[union-attr]
    action = re.search(
        r'formaction="([^"]+)" name="direction" value="up">Move up<span[^>]*> Medication reviews', forms[0]
    ).group(1)  # type: ignore[union-attr]
    response = client.post(action, {"csrfmiddlewaretoken": token, "version": "1", "direction": "up"})
    assert response.status_code == 302
    assert list(Driver.objects.filter(parent=tree.primary).values_list("title", flat=True)) == [
        "Medication reviews",
        "Exercise classes",
    ]


def test_a_new_diagram_shows_the_shared_purpose_and_starts_with_its_aim(as_member: Any, cast: Any) -> None:
    SharedPurpose.objects.create(programme=cast.programme, statement="People live well at home.")
    measure = Measure.objects.create(
        programme=cast.programme, name="Falls per 1,000 people", target=12, unit="falls"
    )
    form = text(as_member.get(url("diagram_add", cast.programme)))
    assert "People live well at home." in form and "Falls per 1,000 people (target 12 falls)" in form
    response = as_member.post(
        url("diagram_add", cast.programme),
        {
            "title": "Fewer falls",
            "aim_what": "Fewer falls at home",
            "aim_for_whom": "people over 65",
            "aim_how_much": "a third",
            "aim_by_when": "31/3/2027",
            "measure": measure.pk,
        },
    )
    diagram = DriverDiagram.objects.get(title="Fewer falls")
    assert response.status_code == 302 and str(diagram.aim_by_when) == "2027-03-31"
    page = text(as_member.get(response["Location"]))
    assert "31 March 2027" in page and "Falls per 1,000 people" in page and "target 12 falls" in page


def test_a_diagram_needs_a_name_and_an_aim(as_member: Any, cast: Any) -> None:
    page = text(
        as_member.post(
            url("diagram_add", cast.programme), {"title": "", "aim_what": "", "aim_by_when": "next year"}
        )
    )
    assert "Enter a name for the diagram" in page and "Enter what you will improve" in page
    assert "The date of the aim must be a real date" in page
    assert not DriverDiagram.objects.exists()


def test_a_change_ideas_page_lists_its_drivers_measures_and_tests_of_change(
    as_viewer: Any, cast: Any, tree: SmallDiagram
) -> None:
    measure = Measure.objects.create(programme=cast.programme, name="Falls per 1,000 people")
    tree.shared_idea.measures.add(measure)
    page = text(as_viewer.get(url("idea", cast.programme, pk=tree.shared_idea.pk)))
    assert "<h1>Falls huddle each week</h1>" in page
    assert "Exercise classes <span" in page and "Medication reviews <span" in page
    assert page.count("(under Strength and balance)") == 2
    assert "Falls per 1,000 people" in page
    assert "Tests of change" in page


def test_editing_a_change_idea_links_it_to_measures(as_member: Any, cast: Any, tree: SmallDiagram) -> None:
    measure = Measure.objects.create(programme=cast.programme, name="Falls per 1,000 people")
    response = as_member.post(
        url("idea_edit", cast.programme, pk=tree.idea.pk),
        {
            "title": "Chair-based exercise",
            "description": "Run by **volunteers**",
            "measures": [measure.pk],
            "version": 1,
        },
    )
    assert response.status_code == 302
    page = as_member.get(response["Location"]).content.decode()
    assert "<strong>volunteers</strong>" in page and "Falls per 1,000 people" in page


def test_pages_of_another_programmes_diagram_are_not_found(as_member: Any, cast: Any) -> None:
    theirs = DiagramFactory(programme=cast.other_programme)
    primary = DriverFactory(diagram=theirs)
    assert as_member.get(url("diagram", cast.programme, pk=theirs.pk)).status_code == 404
    assert as_member.get(url("driver_rename", cast.programme, pk=primary.pk)).status_code == 404
