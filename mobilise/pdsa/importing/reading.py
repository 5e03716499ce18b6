"""Reading an uploaded PDSA log (CSV or .xlsx) into a header and rows, refusing files that are not one.

A workbook is a zip of XML: before openpyxl opens it we check it is a real workbook whose members
expand to no more than `MAX_UNZIPPED_BYTES`. openpyxl reads in read-only mode (through defusedxml).
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
MAX_ROWS = 10_000
NOT_A_WORKBOOK = "This file is not a real Excel workbook. Save it again from Excel, or as CSV"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls files and password-protected workbooks
MAX_ZIP_ENTRIES = 1000  # a workbook has a few dozen parts; thousands mean a zip bomb or damage
MACROS = "This workbook contains macros. Save it in Excel as an ordinary Excel Workbook (.xlsx) or as CSV"
NOT_CSV = "This is not a CSV file (it contains binary data). Save the sheet as CSV and upload it again"
# Control characters a text file never holds (tab, line ends, vertical tab, form feed and Ctrl-Z allowed).
_CONTROL = bytes([*range(0x00, 0x09), *range(0x0E, 0x1A), *range(0x1B, 0x20), 0x7F])
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL)


class FileRefused(Exception):
    """The file cannot be read as a PDSA log; the message says why, for the person."""


@dataclass(frozen=True)
class Table:
    headings: list[str]
    rows: list[tuple[int, list[Any]]]  # (spreadsheet row number, cells), blank rows left out
    ragged: bool = False  # a workbook: rows are padded to the widest row, so only extra content counts


def read_table(upload: IO[bytes], *, name: str, size: int) -> Table:
    if size <= 0:
        raise FileRefused("The selected file is empty")
    if size > MAX_FILE_BYTES:
        raise FileRefused("The selected file must be smaller than 5 MB. Split it into smaller files")
    data = upload.read(MAX_FILE_BYTES + 1)
    suffix = PurePath(name).suffix.lower()
    if data.startswith(OLE_MAGIC) or suffix == ".xls":
        raise FileRefused(
            "This is an older Excel file (.xls) or has a password. Save it as .xlsx or CSV "
            "without a password and upload it again"
        )
    if suffix == ".xlsm":
        raise FileRefused(MACROS)
    if suffix == ".xlsx":
        return _table(_workbook_rows(data), ragged=True)
    elif suffix in {".csv", ".txt"}:
        raw_rows = _csv_rows(data)
    else:
        raise FileRefused("The selected file must be a CSV or Excel (.xlsx) file")
    return _table(raw_rows)


Numbered = list[tuple[int, list[Any]]]


def _filled(rows: Any) -> Numbered:
    """The rows with something in them, numbered as the spreadsheet numbers them (from 1)."""
    numbered: Numbered = []
    for number, row in enumerate(rows, start=1):
        if not all(_blank(cell) for cell in row):
            numbered.append((number, list(row)))
            if len(numbered) > MAX_ROWS + 1:
                raise FileRefused(
                    f"The file has more than {MAX_ROWS:,} rows. Import {MAX_ROWS:,} tests or fewer at a time"
                )
    return numbered


def _table(numbered: Numbered, *, ragged: bool = False) -> Table:
    if not numbered:
        raise FileRefused("The file is empty. Put the column headings in the first row and one test a row")
    (_, header), body = numbered[0], numbered[1:]
    if not body:
        raise FileRefused(
            "The file has headings but no tests under them. Add one test a row under the headings "
            "and upload it again"
        )
    headings = [str(cell).strip() if cell is not None else "" for cell in header]
    return Table(headings=headings, rows=body, ragged=ragged)


def _blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _csv_rows(data: bytes) -> Numbered:
    # The whole file, not just its start: binary data after a text-like beginning is still binary.
    if b"\x00" in data or len(data.translate(None, _NOT_CONTROL)) * 1000 > len(data):
        raise FileRefused(NOT_CSV)
    text = _decode(data)
    try:
        dialect: Any = csv.Sniffer().sniff(text[:16384], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return _filled(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as error:
        raise FileRefused(
            f"This file could not be read as CSV ({error}). Save it as CSV and try again"
        ) from None


def has_macros(package: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> bool:
    """A macro-enabled Office file, whatever its name: a VBA project inside, or a content type saying so."""
    if any(member.filename.lower().endswith("vbaproject.bin") for member in members):
        return True
    types = next((m for m in members if m.filename == "[Content_Types].xml"), None)
    if types is None or types.file_size > 1024 * 1024:
        return False
    text = package.read(types).lower()
    return b"macroenabled" in text or b"vbaproject" in text


def _workbook_rows(data: bytes) -> Numbered:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
            if len(members) > MAX_ZIP_ENTRIES:
                raise FileRefused(
                    "This workbook has too many parts inside it. Save the sheet as CSV and upload that"
                )
            macros = has_macros(package, members)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileRefused(NOT_A_WORKBOOK) from None
    names = {member.filename for member in members}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise FileRefused(NOT_A_WORKBOOK)
    if any(member.flag_bits & 0x1 for member in members):
        raise FileRefused("This workbook has a password. Remove it in Excel and upload the file again")
    if macros:
        raise FileRefused(MACROS)
    if sum(member.file_size for member in members) > MAX_UNZIPPED_BYTES:
        raise FileRefused("This workbook is too big once opened. Save the sheet as CSV and upload that")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of error for a damaged workbook
        raise FileRefused("This workbook could not be opened. Save it again from Excel, or as CSV") from None
    try:
        return _filled(workbook.worksheets[0].iter_rows(values_only=True))
    finally:
        workbook.close()
