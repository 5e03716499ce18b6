"""Attachments: checked by what they contain, kept under random names, served only as downloads."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from mobilise.pdsa.models import Attachment

from .factories import TestOfChangeFactory

pytestmark = pytest.mark.django_db


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(buffer, "PNG")
    return buffer.getvalue()


def docx_bytes(with_document: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        if with_document:
            package.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def upload(cast: Any, test: Any, name: str, content: bytes, who: str = "member") -> Any:
    url = reverse("pdsa:attachment_add", kwargs={"slug": cast.programme.slug, "pk": test.pk})
    return cast.client_for(who).post(url, {"file": SimpleUploadedFile(name, content), "description": "Board"})


@pytest.mark.parametrize(
    "name,content,stored_as,content_type",
    [
        ("whiteboard.png", png_bytes(), ".png", "image/png"),
        ("whiteboard photo.PNG.jpeg", png_bytes(), ".png", "image/png"),  # the content decides, not the name
        ("run chart.pdf", b"%PDF-1.7\n%...", ".pdf", "application/pdf"),
        ("tally.csv", b"date,missed\n2026-03-02,4\n", ".csv", "text/csv"),
        (
            "notes.docx",
            docx_bytes(),
            ".docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_allowed_files_are_kept_under_a_random_name(
    cast: Any, media_root: Path, name: str, content: bytes, stored_as: str, content_type: str
) -> None:
    test = TestOfChangeFactory(programme=cast.programme)
    response = upload(cast, test, name, content)
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == content_type
    assert attachment.original_name.endswith(stored_as)
    stored = Path(attachment.file.name)
    assert stored.suffix == stored_as and name.split(".")[0] not in stored.name and len(stored.stem) == 32
    assert (media_root / attachment.file.name).read_bytes() == content


@pytest.mark.parametrize(
    "name,content",
    [
        ("photo.png", b"MZ\x90\x00 this is a Windows program"),
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("notes.docx", docx_bytes(with_document=False)),
        ("data.xlsx", b"PK\x03\x04 not really a zip"),
        ("notes.txt", b"\x00\x01\x02 binary"),
        ("drawing.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
    ],
)
def test_other_kinds_of_file_are_refused_with_a_clear_message(cast: Any, name: str, content: bytes) -> None:
    test = TestOfChangeFactory(programme=cast.programme)
    page = upload(cast, test, name, content).content.decode()
    assert "The selected file must be a photo (PNG, JPEG, GIF or WebP), a PDF, CSV, TXT" in page
    assert not Attachment.objects.exists()


def test_a_file_over_10_mb_is_refused(cast: Any) -> None:
    test = TestOfChangeFactory(programme=cast.programme)
    page = upload(cast, test, "scan.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024)).content.decode()
    assert "The selected file must be smaller than 10 MB" in page
    assert not Attachment.objects.exists()


def test_an_empty_file_and_no_file_are_explained(cast: Any) -> None:
    test = TestOfChangeFactory(programme=cast.programme)
    assert "The selected file is empty" in upload(cast, test, "empty.txt", b"").content.decode()
    url = reverse("pdsa:attachment_add", kwargs={"slug": cast.programme.slug, "pk": test.pk})
    assert "Select a file to upload" in cast.client_for("member").post(url, {}).content.decode()


def test_a_download_is_an_attachment_with_nosniff(cast: Any) -> None:
    test = TestOfChangeFactory(programme=cast.programme)
    upload(cast, test, "ward board.png", png_bytes())
    attachment = Attachment.objects.get()
    url = reverse(
        "pdsa:attachment", kwargs={"slug": cast.programme.slug, "pk": test.pk, "attachment_pk": attachment.pk}
    )
    response = cast.client_for("viewer").get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="ward board.png"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == png_bytes()


def test_outsiders_and_wrong_test_ids_get_404(cast: Any) -> None:
    test = TestOfChangeFactory(programme=cast.programme)
    other = TestOfChangeFactory(programme=cast.programme)
    upload(cast, test, "board.png", png_bytes())
    attachment = Attachment.objects.get()
    url = reverse(
        "pdsa:attachment", kwargs={"slug": cast.programme.slug, "pk": test.pk, "attachment_pk": attachment.pk}
    )
    assert cast.client_for("outsider").get(url).status_code == 404
    wrong = reverse(
        "pdsa:attachment",
        kwargs={"slug": cast.programme.slug, "pk": other.pk, "attachment_pk": attachment.pk},
    )
    assert cast.client_for("member").get(wrong).status_code == 404


def test_a_binned_attachment_is_no_longer_served(cast: Any) -> None:
    test = TestOfChangeFactory(programme=cast.programme)
    upload(cast, test, "board.png", png_bytes())
    attachment = Attachment.objects.get()
    kwargs = {"slug": cast.programme.slug, "pk": test.pk, "attachment_pk": attachment.pk}
    member = cast.client_for("member")
    assert member.post(reverse("pdsa:attachment_delete", kwargs=kwargs)).status_code == 302
    assert member.get(reverse("pdsa:attachment", kwargs=kwargs)).status_code == 404
    bin_url = reverse("programmes:bin", kwargs={"slug": cast.programme.slug})
    bin_page = cast.client_for("convenor").get(bin_url)
    assert "Attachment: board.png" in bin_page.content.decode()


def test_the_test_page_lists_its_files_as_downloads(cast: Any) -> None:
    test = TestOfChangeFactory(programme=cast.programme)
    upload(cast, test, "board.png", png_bytes())
    page = (
        cast.client_for("viewer")
        .get(reverse("pdsa:detail", kwargs={"slug": cast.programme.slug, "pk": test.pk}))
        .content.decode()
    )
    assert "board.png" in page and " download>" in page and "Board" in page
