"""Checking an uploaded file is what it claims to be, then streaming its rows.

Excel workbooks are zip files of XML. Before openpyxl sees one we check it really is a
workbook and that its members expand to no more than ``MAX_WORKBOOK_BYTES`` (the sizes come
from the zip's directory, and Python's zip reader never inflates a member beyond its declared
size, so the check bounds the work). openpyxl then reads in read-only mode, through defusedxml.
"""

from __future__ import annotations

import codecs
import csv
import zipfile
from collections.abc import Generator, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .problems import FileRefused
from .values import percent_cell

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_WORKBOOK_BYTES = 200 * 1024 * 1024
MAX_ROWS = 1_000_000
# A workbook has a few dozen parts; thousands are a zip bomb or a damaged file, never a sheet of data.
MAX_ZIP_ENTRIES = 1000
MAX_CONTENT_TYPES_BYTES = 1024 * 1024
# Control characters a text file never holds (tab, line ends, form feed and Ctrl-Z are allowed).
CONTROL_BYTES = bytes(b for b in [*range(0x00, 0x09), *range(0x0E, 0x1A), *range(0x1B, 0x20), 0x7F])
_NOT_CONTROL = bytes(b for b in range(256) if b not in CONTROL_BYTES)
MACROS = (
    "This workbook contains macros. Save it in Excel as an ordinary Excel Workbook (.xlsx) or as CSV, "
    "and upload that"
)
NOT_CSV = (
    "This is not a CSV file (it contains binary data). Save the sheet as CSV from your spreadsheet "
    "and upload it again"
)

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, and password-protected workbooks
TEXT_SUFFIXES = frozenset({".csv", ".txt", ".tsv", ""})

Cell = Any  # str, int, float, datetime, date, bool or None


def size_words(n: int) -> str:
    if n >= 1024 * 1024 * 1024:
        return f"{n / 1024**3:.1f} GB"
    if n >= 1024 * 1024:
        return f"{n / 1024**2:.0f} MB"
    return f"{max(1, round(n / 1024))} KB"


def detect_kind(name: str, head: bytes) -> str:
    """ "csv" or "xlsx" from the file's first bytes and name; raises ``FileRefused`` otherwise."""
    suffix = Path(name).suffix.lower()
    if head.startswith(OLE_MAGIC) or suffix == ".xls":
        raise FileRefused(
            "This is an older Excel file (.xls) or a password-protected workbook. "
            "Open it in Excel, save it as .xlsx or CSV without a password, and upload it again"
        )
    if suffix == ".xlsm":
        raise FileRefused(MACROS)
    if head.startswith(ZIP_MAGIC):
        if suffix == ".xlsx":
            return "xlsx"
        raise FileRefused(
            "Upload a CSV file or an Excel workbook (.xlsx). This file is a different kind of compressed file"
        )
    if suffix == ".xlsx":
        raise FileRefused(
            "This file is called .xlsx but is not a real Excel workbook. "
            "Save it again from Excel, or save it as CSV"
        )
    if suffix not in TEXT_SUFFIXES:
        raise FileRefused("Upload a CSV file or an Excel workbook (.xlsx)")
    if b"\x00" in head:
        raise FileRefused(NOT_CSV)
    return "csv"


def looks_binary(path: Path) -> bool:
    """True if the file holds a NUL byte anywhere, or more than one control character in a
    thousand: binary data, whatever its first bytes say."""
    control = size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            if b"\x00" in chunk:
                return True
            size += len(chunk)
            control += len(chunk.translate(None, _NOT_CONTROL))
    return control * 1000 > size


def check_workbook(path: Path, limit: int | None = None) -> None:
    """Refuse a file that is not a real workbook, or that would expand beyond ``limit`` bytes
    (``MAX_WORKBOOK_BYTES`` unless given)."""
    limit = MAX_WORKBOOK_BYTES if limit is None else limit
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_ENTRIES:
                raise FileRefused(
                    f"This workbook has {len(members):,} parts inside it, more than the "
                    f"{MAX_ZIP_ENTRIES:,} a real workbook has. Save just the sheet you need as CSV "
                    "and upload that"
                )
            macros = _has_macros(archive, members)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileRefused(
            "This file is damaged or is not a real Excel workbook. "
            "Save it again from Excel, or save it as CSV"
        ) from None
    names = {m.filename for m in members}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise FileRefused(
            "This is not a real Excel workbook. Save it again from Excel as .xlsx, or save it as CSV"
        )
    if any(m.flag_bits & 0x1 for m in members):
        raise FileRefused("This workbook is encrypted. Remove the password in Excel and upload it again")
    if macros:
        raise FileRefused(MACROS)
    expanded = sum(m.file_size for m in members)
    if expanded > limit:
        raise FileRefused(
            f"This workbook expands to {size_words(expanded)} when opened, more than the "
            f"{size_words(limit)} we accept. Save just the sheet you need as CSV and "
            "upload that"
        )


def _has_macros(archive: zipfile.ZipFile, members: Sequence[zipfile.ZipInfo]) -> bool:
    """A macro-enabled workbook, whatever it is called: a VBA project inside, or a content type
    that says so."""
    if any(m.filename.lower().endswith("vbaproject.bin") for m in members):
        return True
    types = next((m for m in members if m.filename == "[Content_Types].xml"), None)
    if types is None or types.file_size > MAX_CONTENT_TYPES_BYTES:
        return False
    text = archive.read(types).lower()
    return b"macroenabled" in text or b"vbaproject" in text


def csv_encoding(path: Path) -> str:
    """UTF-8 (with or without a byte-order mark) if the whole file decodes, else Windows-1252."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as handle:
        head = handle.read(len(codecs.BOM_UTF8))
        encoding = "utf-8-sig" if head == codecs.BOM_UTF8 else "utf-8"
        try:
            if encoding == "utf-8":
                decoder.decode(head)
            while chunk := handle.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return encoding


def sniff_dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def _csv_rows(path: Path) -> Generator[list[Cell], None, None]:
    encoding = csv_encoding(path)
    # Windows-1252 leaves five bytes undefined; show them as � rather than fail.
    with path.open("r", encoding=encoding, errors="replace", newline="") as text:
        dialect = sniff_dialect(text.read(64 * 1024))
        text.seek(0)
        try:
            yield from csv.reader(text, dialect)
        except csv.Error as error:
            raise FileRefused(
                f"This file could not be read as CSV ({error}). Save it as CSV from "
                "your spreadsheet and upload it again"
            ) from None


def _xlsx_rows(workbook: Any, sheet: str | None) -> Iterator[list[Cell]]:
    ws = workbook[sheet] if sheet else workbook.worksheets[0]
    for row in ws.iter_rows():
        cells: list[Cell] = []
        for cell in row:
            value = getattr(cell, "value", None)
            fmt = getattr(cell, "number_format", "") or ""
            if isinstance(value, int | float) and not isinstance(value, bool) and "%" in fmt:
                value = percent_cell(float(value))
            cells.append(value)
        yield cells


def _open_workbook(path: Path) -> Any:
    from openpyxl import load_workbook

    check_workbook(path)
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a malformed workbook
        raise FileRefused(
            "This workbook could not be opened. Save it again from Excel, or save it "
            f"as CSV ({type(error).__name__})"
        ) from None


@contextmanager
def open_rows(path: Path, kind: str, sheet: str | None = None) -> Iterator[Iterator[list[Cell]]]:
    """Every row of the file (or of one worksheet), streamed."""
    if kind == "csv":
        rows = _csv_rows(path)
        try:
            yield rows
        finally:
            rows.close()
        return
    workbook = _open_workbook(path)
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise FileRefused(f"The workbook has no sheet called “{sheet}”")
        yield _xlsx_rows(workbook, sheet)
    finally:
        workbook.close()


def sheet_names(path: Path, kind: str) -> list[str]:
    if kind != "xlsx":
        return []
    workbook = _open_workbook(path)
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


def estimate_rows(path: Path, kind: str, sheet: str | None = None) -> int | None:
    """Roughly how many rows the file has (for a progress bar), without parsing it."""
    if kind == "csv":
        count = 0
        last = b""
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                count += chunk.count(b"\n")
                last = chunk
        return count + (1 if last and not last.endswith(b"\n") else 0)
    workbook = _open_workbook(path)
    try:
        ws = workbook[sheet] if sheet else workbook.worksheets[0]
        rows = ws.max_row
        return int(rows) if rows else None
    finally:
        workbook.close()


def first_rows(path: Path, kind: str, sheet: str | None = None, limit: int = 30) -> list[list[Cell]]:
    """The first ``limit`` rows, for the preview and for finding the headings."""
    out: list[list[Cell]] = []
    with open_rows(path, kind, sheet) as rows:
        for row in rows:
            out.append(row)
            if len(out) >= limit:
                break
    return out


def header_row_index(rows: Sequence[Sequence[Cell]]) -> int:
    """0-based index of the headings: the first row with two or more filled cells (titles sit above)."""
    for index, row in enumerate(rows):
        if sum(1 for cell in row if cell is not None and str(cell).strip()) >= 2:
            return index
    return 0


def write_upload(chunks: Iterator[bytes], destination: Path, limit: int = MAX_UPLOAD_BYTES) -> int:
    """Copy an upload to disk, refusing it once it passes ``limit`` bytes."""
    written = 0
    destination.parent.mkdir(parents=True, exist_ok=True)
    with destination.open("wb") as out:
        for chunk in chunks:
            written += len(chunk)
            if written > limit:
                break
            out.write(chunk)
    if written > limit:
        destination.unlink(missing_ok=True)
        raise FileRefused(
            f"The file is larger than {size_words(limit)}. Split it into smaller files "
            "and upload them one at a time"
        )
    return written
