"""What new users tripped on, walked through at a desktop width and a phone width, axe on every page.

Each journey is one report from issue 9: nudges that counted instead of inviting, an alignment grid
that ran off the screen, an Excel import that fed a chart of percentages nothing it could draw, an
aim that read "by from 40% to 70%", drivers that needed a page each, and a power map that said
"None formal authority".
"""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from mobilise.core.bin import move_to_bin
from mobilise.engagement.models import Stakeholder
from mobilise.improvement.models import Driver, DriverDiagram
from mobilise.measurement.models import DataPoint, Measure

from .people import PASSWORD, convenor_with_programme
from .steps import Journey, sign_in

pytestmark = pytest.mark.browser

WIDTHS = [1280, 320]


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def width(request: pytest.FixtureRequest, journey: Journey) -> int:
    journey.page.set_viewport_size({"width": request.param, "height": 900})
    return int(request.param)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def no_sideways_scrolling(journey: Journey) -> None:
    overflow = journey.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{journey.path()} scrolls sideways by {overflow}px"


def test_nudges_invite_and_the_alignment_grid_fits_the_screen(journey: Journey, width: int) -> None:
    # Given a convenor with a new programme, still framing its issue
    convenor, programme = convenor_with_programme()
    sign_in(journey, convenor.email, PASSWORD)
    # When they look at their programmes
    journey.open("/programmes/")
    # Then they are invited to look at what matters now, not told how much is undone
    journey.see(
        "Would it help to look at Our shared purpose, Leadership for change and Transparent measurement"
    )
    body = journey.page.locator("main").inner_text()
    assert "of 8 components" not in body and "Spread of innovation" not in body
    no_sideways_scrolling(journey)
    # And the programme's home, whose table of components stacks on a phone
    journey.open(f"/p/{programme.slug}/")
    no_sideways_scrolling(journey)
    # When they open the alignment grid
    journey.open(f"/p/{programme.slug}/alignment/")
    journey.see("Nothing recorded yet. Would it help to start with a pair the team often argues about?")
    assert "pairs considered" not in journey.page.locator("main").inner_text()
    # Then it is one picture with each pair once, inside the screen
    picture = journey.page.locator("svg.mobilise-grid-picture")
    assert picture.locator("a").count() == 28
    box = picture.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    no_sideways_scrolling(journey)
    # And a square leads to its pair
    journey.click_on(picture.get_by_role("link", name=re.compile("Our shared purpose and System drivers")))
    journey.see_heading("Our shared purpose and System drivers")


def _workbook(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)  # type: ignore[union-attr]
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_an_excel_file_of_counts_fills_a_chart_of_percentages(journey: Journey, width: int) -> None:
    # Given a measure drawn as a chart of percentages
    convenor, programme = convenor_with_programme()
    measure = Measure.objects.create(
        programme=programme, name="Discharges before noon", chart="p", unit="%", frequency="month"
    )
    rows: list[list[Any]] = [["Month", "Before noon", "Discharges"]]
    rows += [[date(2024, m, 1), 8 + m, 40 + m] for m in range(1, 13)]
    rows += [[date(2025, 1, 1), "n/a", "n/a"], [date(2025, 2, 1), "-", ""]]
    sign_in(journey, convenor.email, PASSWORD)
    # When they upload a workbook with a count column and a total column
    journey.open(f"/p/{programme.slug}/measures/import/?measure={measure.pk}")
    journey.page.get_by_label("File").set_input_files(
        {"name": "noon.xlsx", "mimeType": "application/octet-stream", "buffer": _workbook(rows)}
    )
    journey.click("Upload and preview")
    # Then the counts are already matched as numerator and denominator
    assert journey.page.get_by_label("Numerator", exact=True).input_value() == "1"
    assert journey.page.get_by_label("Denominator", exact=True).input_value() == "2"
    no_sideways_scrolling(journey)
    # When they import
    journey.click("Import the data")
    # Then the months marked n/a or - are left as missing, with a note, not refused
    journey.see("12 new values added")
    journey.see("left as missing")
    assert DataPoint.objects.filter(measure=measure, numerator__isnull=False).count() == 12
    # And the chart has data, and is named plainly with the technical name as a hint
    journey.open(f"/p/{programme.slug}/measures/{measure.pk}/")
    assert "No data yet" not in journey.page.locator("main").inner_text()
    journey.see("Chart of percentages (p chart)")
    no_sideways_scrolling(journey)
    # And when the measure is deleted, the bin says what it holds
    move_to_bin(measure, by=convenor)
    journey.open(f"/p/{programme.slug}/bin/")
    journey.see("It holds 1 measure now.")


def test_an_aim_reads_as_a_sentence_and_drivers_go_in_one_after_another(journey: Journey, width: int) -> None:
    # Given a convenor starting a driver diagram
    convenor, programme = convenor_with_programme()
    sign_in(journey, convenor.email, PASSWORD)
    journey.open(f"/p/{programme.slug}/improvement/diagrams/new/")
    journey.fill("Name of the diagram", "Discharge before noon")
    journey.fill("What will we improve?", "Raise the share of discharges before noon")
    journey.fill("By how much?", "from 40% to 70%")
    journey.click("Create the diagram")
    diagram = DriverDiagram.objects.get(programme=programme)
    # When they add three primary drivers from the keyboard, pressing Enter after each
    journey.follow("Add a primary driver")
    for name in ("Plan the day before", "Medicines ready early", "Transport booked"):
        assert journey.page.evaluate("document.activeElement.name") == "title"
        journey.page.keyboard.type(name)
        with journey.page.expect_navigation():
            journey.page.keyboard.press("Enter")
        journey.check_page()
    # Then all three are there, listed on the same page
    journey.see("Added “Transport booked”.")
    assert Driver.objects.filter(diagram=diagram, parent=None).count() == 3
    no_sideways_scrolling(journey)
    # And the aim reads properly wherever it is summed up
    journey.open(f"/p/{programme.slug}/improvement/")
    text = journey.page.locator("main").inner_text()
    assert "from 40% to 70%" in text and "by from" not in text


def test_the_power_map_names_its_rows_plainly(journey: Journey, width: int) -> None:
    # Given a stakeholder with no formal authority whom colleagues listen to
    convenor, programme = convenor_with_programme()
    Stakeholder.objects.create(
        programme=programme,
        name="Ward sister on 7B",
        kind="person",
        formal_authority="none",
        informal_influence="high",
    )
    sign_in(journey, convenor.email, PASSWORD)
    # When they open the power and influence map
    journey.open(f"/p/{programme.slug}/stakeholders/map/")
    # Then the rows read as phrases
    journey.see("No formal authority")
    assert "None formal authority" not in journey.page.locator("main").inner_text()
    no_sideways_scrolling(journey)
