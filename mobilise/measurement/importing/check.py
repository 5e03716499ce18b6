"""Check a whole stored file against a mapping: the fast columnar reader for plain CSV files, the
row-by-row reader for everything else. Both give the same answer (the tests hold them to it)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from itertools import islice
from pathlib import Path

from .files import open_rows
from .mapping import ColumnMapping, headings
from .validate import MeasureRef, Validation, validate_rows


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
