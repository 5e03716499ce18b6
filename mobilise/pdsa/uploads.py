"""Checking an uploaded attachment by what it contains, not by what it is called.

Images are opened with Pillow, PDFs must start with the PDF signature, Word and Excel files
must be real Office zip packages of a sane size, and text files must decode as text.
"""

from __future__ import annotations

import warnings
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

from django.core.exceptions import ValidationError
from PIL import Image, UnidentifiedImageError

from .importing.reading import has_macros

MAX_BYTES = 10 * 1024 * 1024
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_PIXELS = 50_000_000
MAX_ZIP_ENTRIES = 1000  # Word and Excel files have a few dozen parts; thousands mean a zip bomb
# Control characters a text file never holds (tab, line ends, vertical tab, form feed and Ctrl-Z allowed).
_CONTROL = bytes([*range(0x00, 0x09), *range(0x0E, 0x1A), *range(0x1B, 0x20), 0x7F])
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL)

TYPES_TEXT = "a photo (PNG, JPEG, GIF or WebP), a PDF, CSV, TXT, Word (DOCX) or Excel (XLSX) file"
WRONG_TYPE = f"The selected file must be {TYPES_TEXT}"

IMAGE_FORMATS = {
    "PNG": (".png", "image/png"),
    "JPEG": (".jpg", "image/jpeg"),
    "GIF": (".gif", "image/gif"),
    "WEBP": (".webp", "image/webp"),
}
OFFICE = {
    ".docx": ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".xlsx": ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
TEXT = {".csv": "text/csv", ".txt": "text/plain"}


@dataclass(frozen=True)
class CheckedFile:
    extension: str  # the extension the stored file gets, from its content
    content_type: str
    label: str  # what to call it on the page: "Image", "PDF", ...


def check_upload(upload: IO[bytes], *, name: str, size: int) -> CheckedFile:
    """What the file really is, or ValidationError with a message for the person."""
    if size <= 0:
        raise ValidationError("The selected file is empty")
    if size > MAX_BYTES:
        raise ValidationError("The selected file must be smaller than 10 MB")
    extension = PurePath(name).suffix.lower()
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    checked = (
        _as_image(upload) or _as_pdf(head) or _as_office(upload, extension) or _as_text(upload, extension)
    )
    upload.seek(0)
    if checked is None:
        raise ValidationError(WRONG_TYPE)
    return checked


def _as_image(upload: IO[bytes]) -> CheckedFile | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image_format = image.format or ""
                if image_format not in IMAGE_FORMATS or image.width * image.height > MAX_PIXELS:
                    return None
                image.verify()
    except (
        UnidentifiedImageError,
        Image.DecompressionBombWarning,
        Image.DecompressionBombError,
        OSError,
        SyntaxError,
        ValueError,
    ):
        return None
    finally:
        upload.seek(0)
    extension, content_type = IMAGE_FORMATS[image_format]
    return CheckedFile(extension, content_type, "Image")


def _as_pdf(head: bytes) -> CheckedFile | None:
    return CheckedFile(".pdf", "application/pdf", "PDF") if head.startswith(b"%PDF-") else None


def _as_office(upload: IO[bytes], extension: str) -> CheckedFile | None:
    if extension not in OFFICE:
        return None
    required, content_type = OFFICE[extension]
    try:
        with zipfile.ZipFile(upload) as package:
            members = package.infolist()
            if len(members) > MAX_ZIP_ENTRIES:
                return None
            names = {member.filename for member in members}
            unzipped = sum(member.file_size for member in members)
            macros = has_macros(package, members)
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        upload.seek(0)
    if macros:
        raise ValidationError(
            "The selected file contains macros. Save it as an ordinary Word (.docx) or Excel (.xlsx) file"
        )
    if "[Content_Types].xml" not in names or required not in names or unzipped > MAX_UNZIPPED_BYTES:
        return None
    return CheckedFile(extension, content_type, "Word document" if extension == ".docx" else "Spreadsheet")


def _as_text(upload: IO[bytes], extension: str) -> CheckedFile | None:
    if extension not in TEXT:
        return None
    data = upload.read(MAX_BYTES + 1)
    upload.seek(0)
    if b"\x00" in data or len(data.translate(None, _NOT_CONTROL)) * 1000 > len(data):
        return None
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            data.decode("cp1252")
        except UnicodeDecodeError:
            return None
    label = "CSV file" if extension == ".csv" else "Text file"
    return CheckedFile(extension, TEXT[extension], label)
