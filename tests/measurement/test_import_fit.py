"""An import must fit the chart it feeds: a chart of percentages needs a numerator and denominator.

Reported by a new user: an Excel file imported into a p chart measure took the count column as the
value, said "18 new values added", and the chart then said "No data yet".
"""

from __future__ import annotations

import re
from datetime import date

from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from mobilise.measurement.importing.mapping import guess
from mobilise.measurement.models import DataPoint, ImportJob, ImportStatus

from .factories import MeasureFactory, monthly
from .test_imports import _import, _map, _upload, _xlsx

MISSING = ["n/a", "-", "", None, "N/A"]


@st.composite
def counts_with_totals(draw: st.DrawFn) -> list[tuple[int | str | None, int | str | None]]:
    """Rows of (events, total) with events never above the total, some cells missing."""
    rows = []
    for _ in range(draw(st.integers(2, 12))):
        total = draw(st.integers(0, 5000))
        rows.append((draw(st.integers(0, total)), total))
    if rows[0][0] == rows[0][1]:
        rows[0] = (rows[0][0], rows[0][1] + 1)  # at least one period where the events fall short
    missing = draw(st.lists(st.integers(1, len(rows) - 1), max_size=len(rows) // 2))
    gaps = draw(st.lists(st.sampled_from(MISSING), min_size=len(missing), max_size=len(missing)))
    out: list[tuple[int | str | None, int | str | None]] = list(rows)
    for index, gap in zip(missing, gaps, strict=True):
        out[index] = (gap, gap)
    return out


neutral = st.sampled_from(["Column B", "Figures", "This month", "Q", "Site total?"])


@given(counts_with_totals(), st.booleans(), neutral, neutral, st.sampled_from(["p", "pp", "u", "up", None]))
def test_two_count_columns_are_taken_as_numerator_and_denominator(rows, total_first, h1, h2, chart) -> None:
    sample = [
        ["Jan 2025", total, events] if total_first else ["Jan 2025", events, total] for events, total in rows
    ]
    guessed = guess(["Month", h1, h2], sample, chart=chart)
    assert (guessed["numerator"], guessed["denominator"]) == ((2, 1) if total_first else (1, 2))
    if chart is not None:
        assert guessed["value"] is None


@given(counts_with_totals())
def test_figures_overrule_headings_that_point_the_wrong_way(rows) -> None:
    # "Admissions" reads like a total, but here it is the smaller count.
    sample = [["Mar 2025", events, total] for events, total in rows]
    guessed = guess(["Month", "Admissions", "Count of attendances"], sample, chart="p")
    assert (guessed["numerator"], guessed["denominator"]) == (1, 2)


@given(st.lists(st.floats(0, 100, allow_nan=False), min_size=2, max_size=10))
def test_a_measure_drawn_over_time_keeps_its_value_column(values) -> None:
    sample = [["Jan 2025", v, 7] for v in values]
    guessed = guess(["Month", "Falls", "Wards"], sample, chart="xmr")
    assert guessed["value"] == 1 and guessed["numerator"] is None


def _percent_measure(cast):
    return MeasureFactory(
        programme=cast.programme, name="Discharges before noon", chart="p", unit="%", improvement="increase"
    )


def test_an_excel_file_into_a_chart_of_percentages_guesses_the_counts_and_imports_them(cast, as_member):
    measure = _percent_measure(cast)
    rows = [["Month", "Before noon", "Discharges"]]
    rows += [[d, 10 + i, 40 + i] for i, d in enumerate(monthly(16))]
    rows += [[date(2024, 5, 1), "n/a", "n/a"], [date(2024, 6, 1), "-", "-"]]
    response = _upload(as_member, cast, "noon.xlsx", _xlsx(rows), measure=measure)
    page = as_member.get(response["Location"]).content.decode()
    assert re.search(r'<option value="1" selected\s*>B: Before noon', page)  # numerator
    assert re.search(r'<option value="2" selected\s*>C: Discharges', page)  # denominator
    job = ImportJob.objects.latest("pk")
    response = _map(as_member, cast, job, measure=str(measure.pk), value="", numerator="1", denominator="2")
    page = as_member.get(response["Location"]).content.decode()
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE, job.message
    assert "16 new values added" in page
    assert (
        "2 rows have a period but no figure (an empty cell, “n/a” or “-”), so they were left as missing"
        in page
    )
    assert DataPoint.objects.filter(measure=measure, numerator__isnull=False).count() == 16
    chart = as_member.get(
        reverse("measurement:measure", kwargs={"slug": cast.programme.slug, "pk": measure.pk})
    )
    assert "No data yet" not in chart.content.decode()


def test_a_value_column_alone_is_refused_for_a_chart_of_percentages(cast, as_member):
    measure = _percent_measure(cast)
    _upload(as_member, cast, "noon.csv", b"Month,Before noon\nJan-24,12\nFeb-24,15\n", measure=measure)
    job = ImportJob.objects.latest("pk")
    page = _map(as_member, cast, job, measure=str(measure.pk), value="1").content.decode()
    assert "“Discharges before noon” is a chart of percentages" in page
    assert "Choose the numerator column" in page and "Choose the denominator column" in page
    job.refresh_from_db()
    assert job.status == ImportStatus.UPLOADED and not DataPoint.objects.exists()


def test_a_long_file_naming_a_chart_of_percentages_without_counts_is_refused_row_by_row(cast, as_member):
    _percent_measure(cast)
    data = b"Measure,Month,Value\nDischarges before noon,Jan-24,12\nDischarges before noon,Feb-24,15\n"
    job, page = _import(as_member, cast, "long.csv", data, measure_name="0", period="1", value="2")
    assert job.status == ImportStatus.REFUSED
    assert "needs a numerator and a denominator for each period" in page
    assert not DataPoint.objects.exists()


def test_the_clash_message_names_the_column_and_what_it_was_chosen_for(cast, as_member):
    measure = MeasureFactory(programme=cast.programme, name="Falls")
    _upload(as_member, cast, "falls.csv", b"Month,Falls\nJan-24,3\n", measure=measure)
    job = ImportJob.objects.latest("pk")
    page = _map(as_member, cast, job, measure=str(measure.pk), value="1", numerator="1").content.decode()
    assert "Column B: Falls is chosen for both the value and the numerator" in page
