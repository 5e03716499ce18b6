"""Charts as people see them, at a desktop width and a phone width, axe on every page.

The reports from issue 9: SPC markers stacked on each other, labels cut off ("dmissions"), a
missing month closed up with no gap, pictures unreadable at 320 px, a headline that said "no
significant change" after a rebase hid a step; and the engagement charts' end labels overlapping
with no key. The browser measures the text here, so this also checks the server's estimates.
"""

from __future__ import annotations

import itertools
import os
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from mobilise.engagement.models import Stakeholder
from mobilise.measurement.models import Annotation, DataPoint, Measure, Phase
from tests.engagement.factories import StakeholderFactory
from tests.measurement.factories import monthly

from .people import PASSWORD, convenor_with_programme
from .pictures import BOX, drawn_for_this_width, words_fit_and_stand_apart
from .steps import Journey, sign_in

pytestmark = pytest.mark.browser

WIDTHS = [1280, 320]


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def width(request: pytest.FixtureRequest, journey: Journey) -> int:
    journey.page.set_viewport_size({"width": request.param, "height": 900})
    return int(request.param)


def no_sideways_scrolling(journey: Journey) -> None:
    overflow = journey.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{journey.path()} scrolls sideways by {overflow}px"


def test_an_spc_chart_tells_its_story_and_reads_at_any_width(
    journey: Journey, width: int, tmp_path: Path
) -> None:
    # Given a measure whose admissions stepped down after a new triage, with a month missing,
    # three notes on one day and a long unit
    convenor, programme = convenor_with_programme()
    measure = Measure.objects.create(
        programme=programme,
        name="Emergency admissions",
        chart="xmr",
        unit="admissions per 1,000 registered patients",
        improvement="decrease",
        frequency="month",
        target=40,
    )
    periods = monthly(30, date(2023, 1, 1))
    values = [47, 46, 48, 47, 45, 49, 47, 46, 48, 47, 46, 48, 47, 47, 46, 48]
    values += [36, 35, 37, 36, 34, 36, 37, 35, 36, 36, 35, 37, 36, 35]
    DataPoint.objects.bulk_create(
        DataPoint(measure=measure, period=p, value=v)
        for i, (p, v) in enumerate(zip(periods, values, strict=True))
        if i != 8
    )
    Phase.objects.create(measure=measure, starts=periods[16], reason="Same-day triage at every site")
    for text in ("Triage pilot starts", "New rota", "Winter plan agreed"):
        Annotation.objects.create(measure=measure, period=periods[16], text=text)
    sign_in(journey, convenor.email, PASSWORD)
    # When they open its chart
    journey.open(f"/p/{programme.slug}/measures/{measure.pk}/")
    # Then the headline above the chart tells the story of the step, not "no significant change"
    journey.see("The average fell from 46.9 to 35.8")
    journey.see("(same-day triage at every site), an improvement")
    journey.see("All 14 months since are below the old average")
    # And the picture drawn for this width is the one shown, with every word inside it and apart
    shown = "wide" if width > 640 else "narrow"
    picture = journey.page.locator(f"svg.measurement-chart--{shown}")
    assert picture.is_visible()
    assert journey.page.locator("svg.measurement-chart:visible").count() == 1
    words_fit_and_stand_apart(picture)
    # And the three notes on one day share one marker; the missing month leaves a gap
    assert picture.locator("g.chart-note").count() == 1
    line = picture.locator("path[stroke='#4c6272']").get_attribute("d") or ""
    assert line.count("M") == 2
    # And there is one marker per value
    assert picture.locator("g.chart-point").count() == 29
    no_sideways_scrolling(journey)
    picture.screenshot(path=str(tmp_path / f"spc-{width}.png"))
    if os.environ.get("CHART_SCREENSHOTS"):
        picture.screenshot(path=f"{os.environ['CHART_SCREENSHOTS']}/spc-{width}.png")


def test_engagement_over_time_has_a_key_in_words_and_labels_apart(journey: Journey, width: int) -> None:
    # Given a register kept for 20 months where every level ends each month with the same count
    convenor, programme = convenor_with_programme()
    for level in ("to", "for", "with", "by"):
        StakeholderFactory(programme=programme, engagement_current=level)
    Stakeholder.history.filter(programme_id=programme.pk).update(
        history_date=timezone.now() - timedelta(days=610)
    )
    sign_in(journey, convenor.email, PASSWORD)
    # When they look at engagement over time
    journey.open(f"/p/{programme.slug}/stakeholders/over-time/")
    # Then the chart has a key in words, and the end labels at the right do not overlap
    key = journey.page.get_by_role("list", name="Key to the chart")
    assert key.get_by_role("listitem").count() == 4
    for level in ("TO", "FOR", "WITH", "BY"):
        assert key.get_by_text(level, exact=True).is_visible()
    # And the picture drawn for this width is the one shown, every word inside it and apart
    picture = drawn_for_this_width(journey, width)
    words_fit_and_stand_apart(picture)
    dates = picture.locator("text.engagement-chart__tick").filter(
        has_text=re.compile(r"^[A-Z][a-z]{2} \d{4}$")
    )
    assert 3 <= dates.count() <= (8 if width > 640 else 4)
    labels = picture.locator("text.engagement-chart__label")
    boxes = sorted((b["y"], b["y"] + b["height"]) for b in (labels.nth(i).evaluate(BOX) for i in range(4)))
    for (_, bottom), (top, _) in itertools.pairwise(boxes):
        assert bottom <= top + 1, "two end labels overlap"
    no_sideways_scrolling(journey)
