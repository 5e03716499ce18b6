"""Uploads are judged by what is inside them: macros, zip bombs of many parts, binary 'CSV' files."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from mobilise.measurement.models import ImportJob

from .test_imports import _upload

MACRO_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"


def workbook(*, vba: bool = False, macro_type: bool = False, extra_parts: int = 0) -> bytes:
    book = Workbook()
    book.active.append(["Month", "Falls"])
    plain = io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member)
            if macro_type and member.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    MACRO_TYPE.encode(),
                )
            target.writestr(member, data)
        if vba:
            target.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0macro")
        for i in range(extra_parts):
            target.writestr(f"xl/media/part{i}.xml", b"")
    return out.getvalue()


@pytest.mark.parametrize(
    "name,data",
    [
        ("report.xlsm", workbook(vba=True, macro_type=True)),  # a real macro-enabled workbook
        ("report.xlsx", workbook(vba=True, macro_type=True)),  # the same, renamed
        ("report.xlsx", workbook(vba=True)),  # a VBA project slipped into an ordinary workbook
        ("report.xlsx", workbook(macro_type=True)),  # says it is macro-enabled
    ],
)
def test_macro_enabled_workbooks_are_refused_however_they_are_named(cast, as_member, media_root, name, data):
    page = _upload(as_member, cast, name, data).content.decode()
    assert "This workbook contains macros" in page
    assert not ImportJob.objects.exists()
    assert (
        not any((media_root / "measure-imports").glob("*"))
        if (media_root / "measure-imports").exists()
        else True
    )


def test_a_workbook_of_thousands_of_parts_is_refused(cast, as_member):
    data = workbook(extra_parts=3000)
    assert len(data) < 1024 * 1024  # small on the wire: the number of parts is the problem
    page = _upload(as_member, cast, "falls.xlsx", data).content.decode()
    assert "This workbook has 3,0" in page and "parts inside it" in page
    assert not ImportJob.objects.exists()


def test_an_ordinary_workbook_is_still_accepted(cast, as_member):
    assert _upload(as_member, cast, "falls.xlsx", workbook()).status_code == 302


@settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    text_rows=st.integers(min_value=1, max_value=200),
    junk=st.binary(min_size=64, max_size=4096).filter(
        lambda b: b"\x00" in b or sum(c < 9 or 13 < c < 32 for c in b) * 1000 > len(b) + 16 * 200
    ),
)
def test_a_binary_file_named_csv_is_refused_even_after_a_text_start(cast, as_member, text_rows, junk):
    ImportJob.objects.all().delete()
    data = b"Month,Falls\n" + b"Jan-24,3\n" * text_rows + junk
    page = _upload(as_member, cast, "falls.csv", data).content.decode()
    assert "This is not a CSV file" in page
    assert not ImportJob.objects.exists()


def test_the_upload_page_says_the_limits_before_anything_is_uploaded(cast, as_member):
    page = as_member.get(reverse("measurement:import_upload", kwargs={"slug": cast.programme.slug}))
    text = page.content.decode()
    assert "up to 50 MB and 1,000,000 rows" in text and "macros (.xlsm) are not accepted" in text
