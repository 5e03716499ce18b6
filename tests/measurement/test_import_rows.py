"""A row whose cells do not line up with the headings is refused with its row number, never trimmed."""

from __future__ import annotations

import io
import tempfile
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from mobilise.measurement.importing.check import check_file
from mobilise.measurement.importing.mapping import ColumnMapping
from mobilise.measurement.importing.validate import MeasureRef, name_key
from mobilise.measurement.models import DataPoint, ImportJob, ImportStatus

from .factories import MeasureFactory
from .test_imports import _import

WAITS = MeasureRef(id=7, name="Waits", frequency="day", chart="xmr")
BY_NAME = {name_key(WAITS.name): WAITS}
CHECKS = settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


def _check(text: str, suffix: str = ".csv", **kwargs: object) -> object:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"data{suffix}"
        path.write_text(text, encoding="utf-8", newline="")
        mapping = ColumnMapping(header_row=1, period=0, value=1)
        return check_file(path, "csv", mapping, measures=BY_NAME, fixed=WAITS, **kwargs)


# Each row: how many cells it has beyond (or short of) the two headings, and its whole-number value.
ROWS = st.lists(
    st.tuples(st.integers(min_value=-1, max_value=3), st.integers(min_value=0, max_value=999_999)),
    min_size=1,
    max_size=40,
)


@CHECKS
@given(rows=ROWS, fast=st.booleans())
def test_rows_with_extra_or_missing_cells_are_each_refused_by_row_number(
    rows: list[tuple[int, int]], fast: bool
) -> None:
    lines = ["Period,Value"]
    for i, (extra, value) in enumerate(rows):
        cells = [(date(2024, 1, 1) + timedelta(days=i)).isoformat(), str(value)]
        cells = cells[:1] if extra < 0 else cells + ["1"] * extra
        lines.append(",".join(cells))
    result = _check("\n".join(lines) + "\n", fast=fast)
    wrong = [i + 2 for i, (extra, _) in enumerate(rows) if extra != 0]
    assert [p.row for p in result.problems] == wrong  # type: ignore[attr-defined]
    for problem, count in zip(result.problems, [2 + e for e, _ in rows if e != 0], strict=True):  # type: ignore[attr-defined]
        assert problem.reason.startswith(f"This row has {count} cells but there are 2 headings")
    if not wrong:
        assert list(result.rows.values) == [float(v) for _, v in rows]  # type: ignore[attr-defined]


@CHECKS
@given(values=st.lists(st.tuples(st.integers(0, 10**9), st.booleans()), min_size=1, max_size=40))
def test_numbers_with_thousands_commas_are_read_only_when_quoted(values: list[tuple[int, bool]]) -> None:
    lines = ["Period,Value"]
    for i, (value, quoted) in enumerate(values):
        shown = f"{value:,}"
        lines.append(
            f"{date(2024, 1, 1) + timedelta(days=i):%d/%m/%Y}," + (f'"{shown}"' if quoted else shown)
        )
    result = _check("\r\n".join(lines) + "\r\n")
    split = [i + 2 for i, (value, quoted) in enumerate(values) if not quoted and value >= 1000]
    assert [p.row for p in result.problems] == split  # type: ignore[attr-defined]
    if not split:
        assert list(result.rows.values) == [float(v) for v, _ in values]  # type: ignore[attr-defined]


def test_the_reported_row_is_refused_through_the_pages_and_nothing_is_stored(cast, as_member):
    falls = MeasureFactory(programme=cast.programme, name="Falls")
    csv = "Period,Value\n2024-03-01,12\n2024-04-01,1,234\n2024-05-01,9\n"
    job, page = _import(as_member, cast, "falls.csv", csv.encode(), measure=str(falls.pk))
    assert job.status == ImportStatus.REFUSED
    assert "This row has 3 cells but there are 2 headings" in page
    assert job.problems[0]["row"] == 3
    assert not DataPoint.objects.exists()


def test_a_workbook_value_beyond_the_last_heading_is_refused(cast, as_member):
    falls = MeasureFactory(programme=cast.programme, name="Falls")
    book = Workbook()
    sheet = book.active
    sheet.append(["Period", "Value"])
    sheet.append([date(2024, 3, 1), 12])
    sheet.append([date(2024, 4, 1), 1, 234])
    buffer = io.BytesIO()
    book.save(buffer)
    job, page = _import(as_member, cast, "falls.xlsx", buffer.getvalue(), measure=str(falls.pk))
    assert job.status == ImportStatus.REFUSED and job.problems[0]["row"] == 3
    assert "This row has something in column C, which has no heading" in page
    assert not DataPoint.objects.exists() and ImportJob.objects.count() == 1
