"""Check a whole stored file against a mapping: the fast columnar reader for plain CSV files, the
row-by-row reader for everything else. Both give the same answer (the tests hold them to it)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from itertools import islice
from pathlib import Path

from .columnar import check_csv_fast
from .files import MAX_ROWS, csv_encoding, open_rows, sniff_dialect
from .mapping import ColumnMapping, headings
from .validate import MAX_PROBLEMS_KEPT, MeasureRef, Validation, validate_rows


def check_file(
    path: Path,
    kind: str,
    mapping: ColumnMapping,
    *,
    measures: Mapping[str, MeasureRef],
    fixed: MeasureRef | None = None,
    progress: Callable[[int], None] | None = None,
    fast: bool = True,
) -> Validation:
    """Every problem in the file, or its good rows; ``fast=False`` forces the row-by-row reader."""
    if fast and kind == "csv":
        with open_rows(path, kind) as rows:
            head = list(islice(rows, mapping.header_row))
        encoding = csv_encoding(path)
        with path.open("r", encoding=encoding, errors="replace", newline="") as text:
            dialect = sniff_dialect(text.read(64 * 1024))
        checked = check_csv_fast(
            path,
            encoding,
            dialect,
            mapping,
            headings(head[-1]) if head else [],
            measures=measures,
            fixed=fixed,
            max_rows=MAX_ROWS,
            max_problems=MAX_PROBLEMS_KEPT,
            progress=progress,
        )
        if checked is not None:
            return checked
    with open_rows(path, kind, mapping.sheet) as rows:
        head = list(islice(rows, mapping.header_row))
        names = headings(head[-1]) if head else []
        return validate_rows(
            rows,
            mapping,
            names,
            measures=measures,
            fixed=fixed,
            ragged=kind == "xlsx",
            progress=progress,
        )
