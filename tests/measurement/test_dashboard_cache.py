"""The dashboard's rows are kept rendered per version of each measure, and never shown stale."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mobilise.measurement.importing.validate import ParsedRows
from mobilise.measurement.services.import_writes import import_apply
from mobilise.measurement.services.measures import measure_update
from mobilise.measurement.services.points import (
    phase_add,
    phase_delete,
    point_add,
    point_delete,
    point_update,
)

from .factories import measure_with_points, monthly

STABLE = [20, 22, 19, 21, 20, 23, 18, 21, 22, 20, 19, 21, 20, 22, 21, 19, 20, 22, 21, 20]


def _page(cast, client) -> str:
    response = client.get(reverse("measurement:dashboard", kwargs={"slug": cast.programme.slug}))
    assert response.status_code == 200
    return response.content.decode()


def _row(page: str, name: str) -> str:
    return page.split(f">{name}</a>", 1)[1].split("</tr>", 1)[0]


def _reads_points(queries) -> bool:
    return any("measurement_datapoint" in q["sql"] for q in queries.captured_queries)


def test_a_second_visit_reads_no_points_and_shows_the_same_rows(cast, as_member):
    for n in range(5):
        measure_with_points(STABLE, programme=cast.programme, name=f"Measure {n}")
    with CaptureQueriesContext(connection) as first:
        before = _page(cast, as_member)
    with CaptureQueriesContext(connection) as second:
        after = _page(cast, as_member)
    assert _reads_points(first) and not _reads_points(second)
    assert len(second) < len(first) <= 12
    assert before.count("<tr>") == after.count("<tr>") == 6  # the heading row and five measures
    assert (
        after.split("<tbody", 1)[1].split("</table>")[0] == before.split("<tbody", 1)[1].split("</table>")[0]
    )


def test_each_write_to_a_measure_shows_at_once(cast, as_member):
    measure = measure_with_points(STABLE, programme=cast.programme, name="Falls", unit="%")
    other = measure_with_points(STABLE, programme=cast.programme, name="Visits")
    assert "<td>20%<br>" in _page(cast, as_member)
    next_month = monthly(len(STABLE) + 1)[-1]
    point = point_add(
        measure=measure, period=next_month, value=55, numerator=None, denominator=None, user=cast.convenor
    )
    page = _page(cast, as_member)
    assert "<td>55%<br>" in page and "Special cause" in page
    point_update(point=point, value=21, numerator=None, denominator=None, user=cast.convenor)
    assert "<td>21%<br>" in _page(cast, as_member)
    point_delete(point=point, user=cast.convenor)
    unphased = _row(_page(cast, as_member), "Falls")
    assert "<td>20%<br>" in unphased
    phase = phase_add(measure=measure, starts=monthly(10)[-1], reason="New pathway", user=cast.convenor)
    assert _row(_page(cast, as_member), "Falls") != unphased
    phase_delete(phase=phase, user=cast.convenor)
    assert _row(_page(cast, as_member), "Falls") == unphased
    measure_update(measure=measure, data={"name": "Falls at home"}, expected_version=None, user=cast.convenor)
    page = _page(cast, as_member)
    assert "Falls at home</a>" in page and ">Falls</a>" not in page
    assert "Visits</a>" in page and other.pk  # the untouched measure still shows


def test_an_import_moves_the_rows_of_the_measures_it_wrote(cast, as_member):
    measure = measure_with_points(STABLE, programme=cast.programme, name="Falls", unit="%")
    assert "<td>20%<br>" in _page(cast, as_member)
    rows = ParsedRows()
    rows.append(measure.pk, date(2030, 1, 1), 64.0, None, None, 2)
    import_apply(
        rows=rows,
        mapped=(True, False, False),
        user=cast.convenor,
        reason="Import",
    )
    assert "<td>64%<br>" in _page(cast, as_member)
