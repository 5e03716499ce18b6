"""Checking whole files without the web: every problem in one pass, files refused before parsing."""

from __future__ import annotations

import io
import math
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from mobilise.measurement.importing.changes import plan_changes
from mobilise.measurement.importing.files import (
    check_workbook,
    csv_encoding,
    detect_kind,
    first_rows,
    header_row_index,
    open_rows,
)
from mobilise.measurement.importing.mapping import ColumnMapping, column_letter, guess, headings
from mobilise.measurement.importing.problems import FileRefused
from mobilise.measurement.importing.validate import MeasureRef, name_key, validate_rows

FALLS = MeasureRef(id=1, name="Falls", frequency="month", chart="xmr")
WAITS = MeasureRef(id=2, name="Days waiting", frequency="week", chart="xmr")
SCREENED = MeasureRef(id=3, name="Screened", frequency="month", chart="p")
BY_NAME = {name_key(m.name): m for m in (FALLS, WAITS, SCREENED)}


def check(rows, mapping, **kwargs):
    head = rows[mapping.header_row - 1]
    return validate_rows(
        iter(rows[mapping.header_row :]), mapping, headings(head), measures=BY_NAME, **kwargs
    )


def test_good_rows_are_kept_with_their_periods_and_numbers():
    rows = [["Month", "Falls"], ["Jan-24", "12"], ["February 2024", "1,204"], ["15/03/2024", "45%"]]
    result = check(rows, ColumnMapping(header_row=1, period=0, value=1), fixed=FALLS)
    assert result.ok and result.problem_count == 0
    assert [date.fromordinal(p) for p in result.rows.periods] == [
        date(2024, 1, 1),
        date(2024, 2, 1),
        date(2024, 3, 1),
    ]
    assert list(result.rows.values) == [12.0, 1204.0, 45.0]
    assert list(result.rows.row_numbers) == [2, 3, 4]


def test_every_bad_cell_is_listed_in_one_pass_with_row_and_column():
    rows = [
        ["Measure", "Period", "Value"],
        ["Falls", "31/02/2024", "12"],
        ["Fals", "March 2024", "lots"],
        ["Days waiting", "04/03/2024", "#DIV/0!"],
        ["Falls", "April 2024", "7"],
    ]
    result = check(rows, ColumnMapping(header_row=1, measure_name=0, period=1, value=2))
    assert not result.ok
    found = [(p.row, p.column, p.value) for p in result.problems]
    assert found == [
        (2, "B (Period)", "31/02/2024"),
        (3, "C (Value)", "lots"),
        (3, "A (Measure)", "Fals"),
        (4, "C (Value)", "#DIV/0!"),
    ]
    assert "There is no 29 February" not in result.problems[0].reason
    assert result.problems[0].reason == "There is no 31 February 2024"
    assert "There is no measure called “Fals” in this programme" in result.problems[2].reason
    assert result.problem_count == 4


def test_the_same_period_twice_is_a_problem_naming_the_first_row():
    rows = [["Period", "Value"], ["01/03/2024", "1"], ["April 2024", "2"], ["31/03/2024", "3"]]
    result = check(rows, ColumnMapping(header_row=1, period=0, value=1), fixed=FALLS)
    assert [(p.row, p.reason) for p in result.problems] == [
        (4, "March 2024 is already in row 2 for “Falls”. Keep one row for each period")
    ]


def test_names_match_whatever_their_case_and_spacing():
    rows = [["Measure", "Period", "Value"], ["  days   WAITING ", "2024-03-04", "3"]]
    result = check(rows, ColumnMapping(header_row=1, measure_name=0, period=1, value=2))
    assert result.ok and list(result.rows.measure_ids) == [WAITS.id]


def test_blank_rows_and_periods_without_values_are_left_out_not_refused():
    rows = [["Period", "Value"], ["Jan 2024", "4"], ["", ""], ["Feb 2024", ""], [None, None]]
    result = check(rows, ColumnMapping(header_row=1, period=0, value=1), fixed=FALLS)
    assert result.ok and len(result.rows) == 1 and result.skipped_empty == 1


def test_proportions_cannot_have_more_events_than_cases():
    rows = [
        ["Period", "Screened", "Eligible"],
        ["Jan 2024", "12", "10"],
        ["Feb 2024", "-1", "10"],
        ["Mar 2024", "5", ""],
    ]
    result = check(rows, ColumnMapping(header_row=1, period=0, numerator=1, denominator=2), fixed=SCREENED)
    reasons = [(p.row, p.reason) for p in result.problems]
    assert (
        2,
        "The numerator (12) is larger than the denominator (10), so it cannot be a proportion",
    ) in reasons
    assert (3, "The numerator is a count, so it cannot be negative") in reasons
    assert (4, "Enter the denominator as well as the numerator") in reasons


def test_a_file_over_the_row_limit_is_refused_with_one_problem():
    rows = [["Period", "Value"]] + [[f"{d}/01/2024", "1"] for d in range(1, 11)]
    result = check(rows, ColumnMapping(header_row=1, period=0, value=1), fixed=WAITS, max_rows=5)
    assert [p.reason for p in result.problems] == [
        "The file has more than 5 rows of data. Split it into smaller files and import them one at a time"
    ]


def test_only_the_first_problems_are_kept_but_all_are_counted():
    rows = [["Period", "Value"]] + [["Jan 2024", "bad"]] * 50
    result = check(rows, ColumnMapping(header_row=1, period=0, value=1), fixed=FALLS, max_problems=10)
    assert result.problem_count == 50 and len(result.problems) == 10


def test_headings_can_sit_under_a_title():
    rows = [
        ["Falls report for Jarrow", None, None],
        [None, None, None],
        ["Month", "Falls", "Bed days"],
        ["Jan-24", "3", "900"],
    ]
    assert header_row_index(rows) == 2
    result = check(rows, ColumnMapping(header_row=3, period=0, value=1), fixed=FALLS)
    assert result.ok and list(result.rows.row_numbers) == [4]


def test_columns_are_guessed_from_their_headings():
    names = headings(["Indicator", "Month", "Numerator", "Denominator", "Rate"])
    assert guess(names) == {"measure_name": 0, "period": 1, "numerator": 2, "denominator": 3, "value": 4}
    assert headings([None, "Value"]) == ["Column A", "Value"]
    assert [column_letter(i) for i in (0, 25, 26, 27)] == ["A", "Z", "AA", "AB"]


def test_changes_are_planned_against_what_is_stored():
    stored = {
        date(2024, 1, 1).toordinal(): (10, 5.0, None, None),
        date(2024, 2, 1).toordinal(): (11, 6.0, None, None),
    }
    periods = [date(2024, m, 1).toordinal() for m in (1, 2, 3)]
    nan = math.nan
    plan = plan_changes(
        stored, [0, 1, 2], periods, [5.0, 7.0, 8.0], [nan] * 3, [nan] * 3, mapped=(True, False, False)
    )
    assert (plan.create, plan.update, plan.unchanged) == ([2], [(1, 11)], 1)


# Files ------------------------------------------------------------------------------------------


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "data,encoding",
    [
        ("Period,Site\nJan-24,Gateshead – Queen Elizabeth\n".encode(), "utf-8"),
        (b"\xef\xbb\xbfPeriod,Value\nJan-24,1\n", "utf-8-sig"),
        ("Period,Site\nJan-24,Caf\u00e9 \u2013 A&E\n".encode("cp1252"), "cp1252"),
    ],
)
def test_csv_is_read_as_utf8_with_or_without_bom_or_windows_1252(tmp_path, data, encoding):
    path = _write(tmp_path, "data.csv", data)
    assert csv_encoding(path) == encoding
    rows = first_rows(path, "csv")
    assert rows[0][0] == "Period"  # no byte-order mark left on the first heading
    if encoding == "cp1252":
        assert rows[1][1] == "Caf\u00e9 \u2013 A&E"


def test_semicolon_separated_files_are_read(tmp_path):
    path = _write(tmp_path, "data.csv", b"Period;Value\n01/01/2024;1,5\n")
    assert first_rows(path, "csv") == [["Period", "Value"], ["01/01/2024", "1,5"]]


@pytest.mark.parametrize(
    "name,head,reason",
    [
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "older Excel file"),
        ("fake.xlsx", b"Period,Value", "is not a real Excel workbook"),
        ("data.zip", b"PK\x03\x04abcd", "different kind of compressed file"),
        ("report.pdf", b"%PDF-1.7", "Upload a CSV file or an Excel workbook"),
        ("data.csv", b"ab\x00\x00cd", "binary data"),
    ],
)
def test_files_that_are_not_csv_or_workbooks_are_refused(name, head, reason):
    with pytest.raises(FileRefused, match=reason):
        detect_kind(name, head)


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_a_real_workbook_is_read_with_dates_and_percentages(tmp_path):
    path = _workbook(tmp_path / "falls.xlsx", [["Month", "Rate"], [date(2024, 1, 1), 0.45]])
    from openpyxl import load_workbook

    book = load_workbook(path)
    book.active["B2"].number_format = "0%"
    book.save(path)
    check_workbook(path)
    with open_rows(path, "xlsx") as rows:
        data = list(rows)
    assert data[1][0].date() == date(2024, 1, 1)
    assert data[1][1] == 45.0


def test_a_workbook_that_expands_beyond_the_limit_is_refused_before_parsing(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (3 * 1024 * 1024))
    assert path.stat().st_size < 100 * 1024
    with pytest.raises(FileRefused, match="This workbook expands to 3 MB when opened, more than the 2 MB"):
        check_workbook(path, limit=2 * 1024 * 1024)


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    path = _write(tmp_path, "letter.xlsx", buffer.getvalue())
    with pytest.raises(FileRefused, match="This is not a real Excel workbook"):
        check_workbook(path)
    damaged = _write(tmp_path, "damaged.xlsx", b"PK\x03\x04" + b"\x00" * 40)
    with pytest.raises(FileRefused, match="damaged or is not a real Excel workbook"):
        check_workbook(damaged)
