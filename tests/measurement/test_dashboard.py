"""The measurement dashboard: the MDC summary table, filters, what changed, bounded queries."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mobilise.measurement.models import DataPoint, Phase

from .factories import MeasureFactory, measure_with_points, monthly

STABLE = [20, 22, 19, 21, 20, 23, 18, 21, 22, 20, 19, 21, 20, 22, 21, 19, 20, 22, 21, 20]


def _url(cast, **params):
    url = reverse("measurement:dashboard", kwargs={"slug": cast.programme.slug})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def test_every_measure_shows_its_icons_latest_value_and_meaning(cast, as_viewer):
    measure_with_points(
        STABLE,
        programme=cast.programme,
        name="Falls",
        improvement="decrease",
        target=21,
        unit="%",
        type="outcome",
    )
    measure_with_points(
        [*STABLE, 40],
        programme=cast.programme,
        name="Visits within 2 days",
        improvement="increase",
        type="process",
    )
    MeasureFactory(programme=cast.programme, name="Staff wellbeing", type="balancing")
    page = as_viewer.get(_url(cast)).content.decode()
    assert "Summary of 3 measures" in page
    assert re.search(r"Falls</a></th>\s*<td>Outcome</td>\s*<td>20%<br>", page)
    assert "Common cause: no significant change" in page
    assert "Will hit and miss the target at random" in page
    assert "Special cause improvement: higher" in page
    assert "Special cause improvement: the latest point is above the upper limit of" in page
    assert "No data yet" in page and "No target" in page
    assert 'id="mdc-variation-common_cause"' in page  # the icons are defined once on the page
    assert "Add a measure" not in page  # a viewer cannot add


def test_what_changed_since_the_last_period_is_listed(cast, as_member):
    measure_with_points(
        [*STABLE, 40], programme=cast.programme, name="Visits within 2 days", improvement="increase"
    )
    measure_with_points(STABLE, programme=cast.programme, name="Falls")
    page = as_member.get(_url(cast)).content.decode()
    last_but_one = monthly(21)[-2]
    assert f"Visits within 2 days</a>: New special cause improvement since {last_but_one:%B %Y}." in page
    assert "Falls</a>: " not in page


def test_filters_by_component_and_type_work_without_javascript(cast, as_member):
    MeasureFactory(programme=cast.programme, name="Falls", type="outcome", component="measurement")
    MeasureFactory(programme=cast.programme, name="Huddles held", type="process", component="leadership")
    MeasureFactory(programme=cast.programme, name="Agency spend", type="balancing", component="leadership")
    page = as_member.get(_url(cast, component="leadership", type="process")).content.decode()
    assert "Huddles held" in page and "Falls" not in page and "Agency spend" not in page
    assert "Summary of 1 of 3 measures" in page and "Show all measures" in page
    page = as_member.get(_url(cast, type="nonsense")).content.decode()
    assert "Summary of 3 measures" in page  # an unknown filter shows everything rather than failing


def test_an_empty_programme_suggests_where_to_start(cast, as_member):
    page = as_member.get(_url(cast)).content.decode()
    assert "No measures yet" in page and "Add a measure" in page and "Import data from a spreadsheet" in page


def test_other_programmes_measures_never_show(cast, as_member):
    MeasureFactory(programme=cast.other_programme, name="Their secret measure")
    assert "Their secret measure" not in as_member.get(_url(cast)).content.decode()


def _seed(cast, n_measures, n_points):
    for i in range(n_measures):
        m = measure_with_points(
            [10 + (k * 7) % 5 for k in range(n_points)],
            programme=cast.programme,
            name=f"Measure {i:03}",
            chart=("xmr", "p", "run", "c")[i % 4],
        )
        DataPoint.objects.filter(measure=m).update(numerator=3, denominator=10)
        Phase.objects.create(measure=m, starts=monthly(n_points)[n_points // 2], reason="A change")


def test_the_dashboard_queries_do_not_grow_with_measures_or_points(cast, as_member):
    _seed(cast, 4, 6)
    with CaptureQueriesContext(connection) as small:
        assert as_member.get(_url(cast)).status_code == 200
    _seed(cast, 16, 30)
    with CaptureQueriesContext(connection) as large:
        page = as_member.get(_url(cast)).content.decode()
    assert "Summary of 20 measures" in page
    assert len(large) == len(small) <= 12


def test_a_rebased_measure_says_how_far_it_stepped(cast, as_viewer):
    values = [47, 46, 48, 47, 45, 49, 47, 46, 48, 47, 46, 48, 36, 35, 37, 36, 34, 36, 37, 35]
    measure = measure_with_points(values, programme=cast.programme, name="Admissions", improvement="decrease")
    Phase.objects.create(measure=measure, starts=monthly(20)[12], reason="New triage")
    page = as_viewer.get(_url(cast)).content.decode()
    assert "The average fell from 47 to 35.8 in January 2024, an improvement." in page
    assert "All 8 months since are below the old average of 47." in page
