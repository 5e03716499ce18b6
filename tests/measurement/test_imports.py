"""Importing through the pages: preview and mapping, all or nothing, idempotent, history kept."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from mobilise.measurement.importing import files
from mobilise.measurement.models import DataPoint, ImportJob, ImportStatus
from mobilise.measurement.services import imports as import_service

from .factories import MeasureFactory, monthly

FALLS_CSV = "Month,Falls\n" + "".join(f"{d:%b-%y},{10 + i % 5}\n" for i, d in enumerate(monthly(24)))


def _upload(client, cast, name, data, measure=None):
    url = reverse("measurement:import_upload", kwargs={"slug": cast.programme.slug})
    payload = {"file": SimpleUploadedFile(name, data)}
    if measure is not None:
        payload["measure"] = str(measure.pk)
    return client.post(url, payload)


def _map(client, cast, job, **fields):
    url = reverse("measurement:import_mapping", kwargs={"slug": cast.programme.slug, "job_pk": job.pk})
    data = {
        "header_row": "1",
        "measure": "",
        "measure_name": "",
        "period": "0",
        "value": "1",
        "numerator": "",
        "denominator": "",
    }
    data.update(fields)
    return client.post(url, data)


def _import(client, cast, name, data, **fields):
    response = _upload(client, cast, name, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    job = ImportJob.objects.latest("pk")
    response = _map(client, cast, job, **fields)
    assert response.status_code == 302, response.content.decode()[:4000]
    job.refresh_from_db()
    return job, client.get(response["Location"]).content.decode()


def test_a_member_previews_maps_and_imports_a_csv(cast, as_member, media_root):
    falls = MeasureFactory(programme=cast.programme, name="Falls")
    response = _upload(as_member, cast, "falls.csv", FALLS_CSV.encode(), measure=falls)
    job = ImportJob.objects.get()
    assert response["Location"] == reverse(
        "measurement:import_mapping", kwargs={"slug": cast.programme.slug, "job_pk": job.pk}
    )
    stored = media_root / "measure-imports" / job.stored_name
    assert stored.exists() and job.stored_name != "falls.csv" and len(job.stored_name) > 30
    page = as_member.get(response["Location"]).content.decode()
    assert "Match the columns" in page and "Jan-23" in page and "A: Month" in page
    assert re.search(rf'<option value="{falls.pk}" selected\s*>Falls', page)  # chosen on the measure's page
    response = _map(as_member, cast, job, measure=str(falls.pk))
    page = as_member.get(response["Location"]).content.decode()
    assert "Imported into 1 measure: 24 new values added." in page
    assert DataPoint.objects.filter(measure=falls).count() == 24
    assert DataPoint.objects.get(measure=falls, period=date(2023, 1, 1)).value == 10
    point = DataPoint.objects.filter(measure=falls).first()
    assert point.history.get().history_user == cast.member
    assert point.history.get().history_change_reason == "Imported from falls.csv"
    assert not stored.exists()  # the upload is deleted once imported


def test_reimporting_the_same_file_changes_nothing_and_says_so(cast, as_member):
    falls = MeasureFactory(programme=cast.programme, name="Falls")
    _import(as_member, cast, "falls.csv", FALLS_CSV.encode(), measure=str(falls.pk))
    history = DataPoint.history.count()
    job, page = _import(as_member, cast, "falls.csv", FALLS_CSV.encode(), measure=str(falls.pk))
    assert job.message == "No changes: all 24 values were already there."
    assert "No changes: all 24 values were already there." in page
    assert DataPoint.history.count() == history


def test_a_corrected_value_updates_the_point_and_keeps_the_old_one(cast, as_member):
    falls = MeasureFactory(programme=cast.programme, name="Falls")
    _import(as_member, cast, "falls.csv", FALLS_CSV.encode(), measure=str(falls.pk))
    corrected = FALLS_CSV.replace("Mar-23,12", "Mar-23,15")
    job, _ = _import(as_member, cast, "falls-v2.csv", corrected.encode(), measure=str(falls.pk))
    assert job.summary["created"] == 0 and job.summary["updated"] == 1 and job.summary["unchanged"] == 23
    assert "1 corrected (the old value is kept in the history); 23 already there" in job.message
    point = DataPoint.objects.get(measure=falls, period=date(2023, 3, 1))
    assert point.value == 15
    assert [h.value for h in point.history.order_by("history_date")] == [12, 15]
    assert point.history.latest().history_change_reason == "Imported from falls-v2.csv"


def test_a_file_with_any_bad_cell_writes_nothing_and_lists_every_problem(cast, as_member, media_root):
    MeasureFactory(programme=cast.programme, name="Falls")
    MeasureFactory(programme=cast.programme, name="Days waiting", frequency="week")
    data = (
        "Measure,Period,Value\n"
        "Falls,Jan-24,4\n"
        "Falls,31/02/2024,5\n"
        "Falls,Mar-24,lots\n"
        "Pressure ulcers,Apr-24,2\n"
        "Days waiting,04/03/2024,3.5\n"
    )
    job, page = _import(as_member, cast, "mixed.csv", data.encode(), measure_name="0", period="1", value="2")
    assert job.status == ImportStatus.REFUSED and job.problem_count == 3
    assert DataPoint.objects.count() == 0
    assert "No values were imported: the file has 3 problems." in page
    assert "<td>3</td><td>B (Period)</td><td>31/02/2024</td><td>There is no 31 February 2024</td>" in page
    assert "<td>4</td><td>C (Value)</td><td>lots</td>" in page
    assert "There is no measure called “Pressure ulcers” in this programme" in page
    assert not any((media_root / "measure-imports").iterdir())


def test_several_measures_import_from_one_long_file(cast, as_member):
    falls = MeasureFactory(programme=cast.programme, name="Falls")
    waits = MeasureFactory(programme=cast.programme, name="Days waiting", frequency="week")
    data = "Indicator,Date,Result\nFalls,2024-01-15,3\nDays waiting,2024-01-15,4.5\nfalls,2024-02-10,2\n"
    job, page = _import(as_member, cast, "long.csv", data.encode(), measure_name="0", period="1", value="2")
    assert job.status == ImportStatus.DONE, job.problems
    assert sorted(DataPoint.objects.filter(measure=falls).values_list("period", flat=True)) == [
        date(2024, 1, 1),
        date(2024, 2, 1),
    ]  # monthly data sits on the first of the month
    assert DataPoint.objects.get(measure=waits).period == date(2024, 1, 15)
    assert "Imported into 2 measures: 3 new values added." in page


def test_windows_1252_csv_with_uk_dates_and_thousands_imports(cast, as_member):
    beds = MeasureFactory(programme=cast.programme, name="Bed days – Queen Elizabeth")
    data = 'Period,Bed days – QE\n01/01/2024,"1,234"\n01/02/2024,"1,302"\n'.encode("cp1252")
    job, _ = _import(as_member, cast, "beds.csv", data, measure=str(beds.pk))
    assert job.status == ImportStatus.DONE
    assert sorted(DataPoint.objects.values_list("value", flat=True)) == [1234.0, 1302.0]


def _xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_an_excel_workbook_imports_with_real_dates(cast, as_member):
    falls = MeasureFactory(programme=cast.programme, name="Falls")
    data = _xlsx([["Falls report"], [], ["Month", "Falls"], [date(2024, 1, 1), 3], [date(2024, 2, 1), 5]])
    job, _ = _import(as_member, cast, "falls.xlsx", data, measure=str(falls.pk), header_row="3")
    assert job.status == ImportStatus.DONE, job.problems
    assert list(DataPoint.objects.order_by("period").values_list("value", flat=True)) == [3, 5]


def test_a_workbook_bomb_is_refused_at_upload(cast, as_member, media_root, monkeypatch):
    # The real limit is 200 MB; a 2 MB limit keeps the test quick with the same check.
    monkeypatch.setattr(files, "MAX_WORKBOOK_BYTES", 2 * 1024 * 1024)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (3 * 1024 * 1024))
    assert len(buffer.getvalue()) < 20 * 1024
    response = _upload(as_member, cast, "huge.xlsx", buffer.getvalue())
    page = response.content.decode()
    assert response.status_code == 200
    assert "This workbook expands to 3 MB when opened, more than the 2 MB we accept" in page
    assert not ImportJob.objects.exists()
    assert not any((media_root / "measure-imports").iterdir())


@pytest.mark.parametrize(
    "name,data,reason",
    [
        (
            "falls.xlsx",
            b"Month,Falls\nJan-24,3\n",
            "This file is called .xlsx but is not a real Excel workbook",
        ),
        ("falls.xlsx", b"PK\x03\x04" + b"\x00" * 64, "This file is damaged or is not a real Excel workbook"),
        ("falls.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "older Excel file (.xls)"),
    ],
)
def test_a_file_that_is_not_a_workbook_is_refused_at_upload(cast, as_member, name, data, reason):
    response = _upload(as_member, cast, name, data)
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page and reason in page
    assert not ImportJob.objects.exists()


def test_a_large_file_imports_in_the_background_and_reaches_done(cast, as_member, media_root):
    measures = [
        MeasureFactory(programme=cast.programme, name=f"Ward {i} falls", frequency="day") for i in range(20)
    ]
    lines = ["Ward,Date,Falls"]
    for m in measures:
        lines += [
            f"{m.name},{d:%d/%m/%Y},{(i * 7) % 11}"
            for i, d in enumerate(date.fromordinal(date(2022, 1, 1).toordinal() + k) for k in range(1000))
        ]
    data = ("\n".join(lines) + "\n").encode()
    assert len(data) > import_service.INLINE_BYTES  # so it goes to the task queue
    job, page = _import(as_member, cast, "wards.csv", data, measure_name="0", period="1", value="2")
    assert job.status == ImportStatus.DONE, job.problems
    assert job.rows_done == 20_000 and job.rows_total == 20_000
    assert DataPoint.objects.count() == 20_000
    assert "Imported into 20 measures: 20,000 new values added." in page
    assert not any((media_root / "measure-imports").iterdir())


def test_the_progress_fragment_shows_rows_checked_while_running(cast, as_member):
    job = ImportJob.objects.create(
        programme=cast.programme,
        created_by=cast.member,
        original_name="big.csv",
        kind="csv",
        status=ImportStatus.CHECKING,
        rows_total=50_000,
        rows_done=12_000,
    )
    url = reverse("measurement:import_status", kwargs={"slug": cast.programme.slug, "job_pk": job.pk})
    fragment = as_member.get(url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.startswith('<div id="import-progress" hx-get=')
    assert 'hx-trigger="every 1s"' in fragment and "<html" not in fragment
    assert '<progress max="50000" value="12000"' in fragment and "12,000 of 50,000 rows checked" in fragment
    page = as_member.get(url).content.decode()
    assert "<h1>Importing data</h1>" in page and ">Refresh</a>" in page


def test_a_viewer_cannot_import(cast, as_viewer):
    falls = MeasureFactory(programme=cast.programme, name="Falls")
    assert _upload(as_viewer, cast, "falls.csv", FALLS_CSV.encode(), measure=falls).status_code == 403
    assert not ImportJob.objects.exists() and not DataPoint.objects.exists()


def test_the_mapping_must_say_which_measure_and_which_values(cast, as_member):
    MeasureFactory(programme=cast.programme, name="Falls")
    _upload(as_member, cast, "falls.csv", FALLS_CSV.encode())
    job = ImportJob.objects.get()
    page = _map(as_member, cast, job, value="").content.decode()
    assert "Choose the measure this data is for, or the column that names the measure" in page
    assert "Choose the column that holds the values, or both the numerator and denominator columns" in page
    job.refresh_from_db()
    assert job.status == ImportStatus.UPLOADED and not DataPoint.objects.exists()


def test_the_data_can_come_from_another_sheet_with_headings_lower_down(cast, as_member):
    falls = MeasureFactory(programme=cast.programme, name="Falls")
    book = Workbook()
    book.active.title = "Notes"
    book.active.append(["Read me first"])
    data_sheet = book.create_sheet("Data")
    for row in (["Falls by month"], [], ["Month", "Falls"], ["Jan-24", 3], ["Feb-24", 4]):
        data_sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    _upload(as_member, cast, "falls.xlsx", buffer.getvalue(), measure=falls)
    job = ImportJob.objects.get()
    url = reverse("measurement:import_mapping", kwargs={"slug": cast.programme.slug, "job_pk": job.pk})
    response = as_member.post(url, {"sheet": "Data", "header_row": "1", "preview": "1"})
    assert response["Location"] == f"{url}?header_row=1&sheet=Data"
    page = as_member.get(f"{url}?sheet=Data").content.decode()
    assert "under the headings in row 3" in page and "Feb-24" in page
    response = _map(as_member, cast, job, sheet="Data", header_row="3", measure=str(falls.pk))
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE, job.problems
    assert list(DataPoint.objects.order_by("period").values_list("value", flat=True)) == [3, 4]


def test_imported_numbers_and_dates_are_stored_exactly_as_written(cast, as_member):
    """The bulk path hands the rows to the database as text: every number and date must come back
    bit for bit, including long decimals, tiny and large magnitudes and dates before 1970."""
    cells = [
        ("1969-12-01", "0.1"),
        ("1970-01-01", "0.30000000000000004"),
        ("1900-03-01", "-2.5e-7"),
        ("2024-02-01", "123456789.12345679"),
        ("2099-12-01", "1e-300"),
        ("2024-03-01", "n/a"),
    ]
    text = "Period,Value\n" + "".join(f"{when},{value}\n" for when, value in cells)
    falls = MeasureFactory(programme=cast.programme, name="Falls")
    job, _ = _import(as_member, cast, "exact.csv", text.encode(), measure=str(falls.pk))
    assert job.status == ImportStatus.DONE, job.problems
    stored = {p.period: p.value for p in DataPoint.objects.filter(measure=falls)}
    # "n/a" is a gap: skipped, not stored; the numerator and denominator, not mapped, are empty.
    expected = {date.fromisoformat(when): float(value) for when, value in cells if value != "n/a"}
    assert stored == expected
    assert not DataPoint.objects.filter(measure=falls, numerator__isnull=False).exists()
    assert DataPoint.history.filter(measure_id=falls.pk).count() == len(expected)
