"""The spread journey in a real browser, at 1280 px and at 320 px, axe-checked on every page."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from mobilise.adoption.models import Practice, Site, Stage, StageChange
from tests.browser.conftest import browser, journey  # noqa: F401  (fixtures)
from tests.browser.people import PASSWORD, convenor_with_programme
from tests.browser.steps import Journey, sign_in

pytestmark = pytest.mark.browser


def _fill_date_boxes(steps: Journey, name: str, day: date) -> None:
    """Types a date into the NHS.UK date input of the field called `name`, box by box."""
    steps.page.fill(f"#{name}", str(day.day))
    steps.page.fill(f"#{name}-month", str(day.month))
    steps.page.fill(f"#{name}-year", str(day.year))


def test_convenor_tracks_spread_and_finds_sites_to_learn_from(journey: Journey, tmp_path: Path) -> None:  # noqa: F811
    journey.page.set_viewport_size({"width": 1280, "height": 900})
    convenor, programme = convenor_with_programme()
    sign_in(journey, convenor.email, PASSWORD)
    # The convenor imports the programme's sites from a spreadsheet
    journey.open(f"/p/{programme.slug}/spread/")
    journey.check_page()
    journey.follow("See and change the sites")
    journey.check_page()
    journey.follow("Import sites from a file")
    journey.check_page()
    rows = "\n".join(f"Site {i:02d},GP practice,{4000 + 50 * i},yes" for i in range(20))
    csv = tmp_path / "sites.csv"
    csv.write_text("name,type,population,in_scope\n" + rows + "\n")
    journey.page.set_input_files("#id_file", str(csv))
    journey.click("Import")
    journey.check_page()
    journey.see("20 sites imported")
    # ... starts tracking a practice with a plan
    journey.open(f"/p/{programme.slug}/spread/practices/new/")
    journey.check_page()
    launched = date.today() - timedelta(days=30 * 10)
    journey.fill("What is being spread?", "Frailty huddles")
    journey.fill("The date spreading started", launched.isoformat())
    # two milestones: a few sites soon, most of them next month
    journey.page.fill("#id_milestone1_sites", "2")
    _fill_date_boxes(journey, "milestone1_on", launched + timedelta(days=60))
    journey.page.fill("#id_milestone2_sites", "18")
    _fill_date_boxes(journey, "milestone2_on", date.today() + timedelta(days=30))
    journey.click("Start tracking")
    journey.check_page()
    journey.see("Not enough data to forecast")
    # ... the history so far (recorded earlier), then one more site by hand
    practice = Practice.objects.get(programme=programme)
    sites = list(Site.objects.filter(programme=programme).order_by("name"))
    for i, site in enumerate(sites[:9]):
        StageChange.objects.create(
            programme=programme,
            practice=practice,
            site=site,
            stage=Stage.ADOPTED,
            on=launched + timedelta(days=30 + 28 * i),
        )
    journey.select("Site", "Site 10")
    journey.select("Stage", "Adopted")
    journey.fill("The date it changed", date.today().isoformat())
    journey.click("Save the stage")
    journey.check_page()
    # Then they see the S-curve with its forecast, and that it is behind plan
    journey.see("10 of 20")
    journey.see("16% of sites")
    journey.see("50% of sites")
    journey.see("behind plan")
    assert journey.page.locator("svg[aria-labelledby='s-curve-title']").count() == 1
    journey.see("Each milestone, judged on its own date")
    # ... and put right a stage recorded on the wrong date
    journey.click("Site 10", role="link")
    journey.click_on(journey.page.get_by_role("link", name="Correct").first)
    journey.fill("The date it changed", (date.today() - timedelta(days=1)).isoformat())
    journey.click("Save the correction")
    journey.see("the record is corrected and the curve redrawn")
    # And they compare sites on a measure
    journey.open(f"/p/{programme.slug}/spread/measures/new/")
    journey.check_page()
    journey.fill("Name", "Care plans agreed")
    journey.choose("A proportion (some of a number of people or events)")
    journey.click("Add the measure")
    journey.check_page()
    lines = [
        f"Site {i:02d},2026-0{m},{150 if i == 3 else 60 + i % 4},200" for i in range(20) for m in (1, 2, 3)
    ]
    values = tmp_path / "values.csv"
    values.write_text("site,month,events,denominator\n" + "\n".join(lines) + "\n")
    journey.page.set_input_files("#id_file", str(values))
    journey.click("Import")
    journey.check_page()
    journey.see("Sites to learn from")
    journey.see("ask them what they do differently")
    # And every page still works on a 320 px phone
    journey.page.set_viewport_size({"width": 320, "height": 640})
    journey.check_page()
    journey.open(f"/p/{programme.slug}/spread/practices/{practice.pk}/")
    journey.check_page()
    width = journey.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 330, f"the practice page scrolls sideways at 320 px ({width} px wide)"
