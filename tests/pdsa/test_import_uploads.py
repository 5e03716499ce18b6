"""PDSA logs and attachments: macro-enabled Office files, zip bombs of many parts and binary 'CSV' refused."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from mobilise.pdsa.models import Attachment, PdsaImport

from .factories import TestOfChangeFactory
from .test_import import send

pytestmark = pytest.mark.django_db


def office(kind: str, *, vba: bool = False, macro_type: bool = False, parts: int = 0) -> bytes:
    buffer = io.BytesIO()
    main = "xl/workbook.xml" if kind == "xlsx" else "word/document.xml"
    types = "application/vnd.ms-excel.sheet.macroEnabled.main+xml" if macro_type else "sheet.main+xml"
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", f'<Types><Override ContentType="{types}"/></Types>')
        package.writestr(main, "<x/>")
        if vba:
            package.writestr(main.split("/")[0] + "/vbaProject.bin", b"macro")
        for i in range(parts):
            package.writestr(f"parts/{i}.xml", b"")
    return buffer.getvalue()


def attach(cast: Any, name: str, content: bytes) -> Any:
    test = TestOfChangeFactory(programme=cast.programme)
    url = reverse("pdsa:attachment_add", kwargs={"slug": cast.programme.slug, "pk": test.pk})
    return cast.client_for("member").post(
        url, {"file": SimpleUploadedFile(name, content), "description": "Board"}
    )


@pytest.mark.parametrize(
    "name,content",
    [
        ("log.xlsm", office("xlsx", vba=True, macro_type=True)),
        ("log.xlsx", office("xlsx", vba=True, macro_type=True)),
        ("log.xlsx", office("xlsx", vba=True)),
        ("log.xlsx", office("xlsx", macro_type=True)),
    ],
)
def test_a_macro_enabled_log_is_refused(cast: Any, name: str, content: bytes) -> None:
    page = send(cast, name, content).content.decode()
    assert "This workbook contains macros" in page and not PdsaImport.objects.exists()


def test_a_log_of_thousands_of_parts_is_refused(cast: Any) -> None:
    page = send(cast, "log.xlsx", office("xlsx", parts=2000)).content.decode()
    assert "too many parts" in page and not PdsaImport.objects.exists()


def test_a_binary_log_named_csv_is_refused_even_after_a_text_start(cast: Any) -> None:
    content = (
        b"Change idea,Test name,Planned start\n" + b"Texts,SMS,2026-02-10\n" * 400 + bytes(range(1, 32)) * 20
    )
    page = send(cast, "log.csv", content).content.decode()
    assert "This is not a CSV file" in page and not PdsaImport.objects.exists()


@pytest.mark.parametrize(
    "name,content",
    [
        ("notes.docx", office("docx", vba=True, macro_type=True)),
        ("sheet.xlsx", office("xlsx", macro_type=True)),
    ],
)
def test_a_macro_enabled_attachment_is_refused(cast: Any, name: str, content: bytes) -> None:
    page = attach(cast, name, content).content.decode()
    assert "The selected file contains macros" in page and not Attachment.objects.exists()


def test_an_attachment_of_thousands_of_parts_or_binary_text_is_refused(cast: Any) -> None:
    for name, content in [
        ("sheet.xlsx", office("xlsx", parts=2000)),
        ("notes.txt", b"Minutes of the huddle\n" * 50 + bytes(range(1, 32)) * 20),
    ]:
        page = attach(cast, name, content).content.decode()
        assert "The selected file must be" in page
    assert not Attachment.objects.exists()


def test_an_ordinary_workbook_log_is_still_read(cast: Any) -> None:
    book = Workbook()
    book.active.append(["Change idea", "Test name", "Planned start"])
    book.active.append(["Texts", "SMS", "2026-02-10"])
    buffer = io.BytesIO()
    book.save(buffer)
    send(cast, "log.xlsx", buffer.getvalue())
    assert PdsaImport.objects.exists()
