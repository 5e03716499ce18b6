"""Arrow columns as numpy arrays, for the engines' console readers (pure Python, no Django).

Read from the Arrow buffers: ``to_numpy``, and any Python value turned into Arrow, would import
pandas wherever it is installed (about a second).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, TypeVar

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    import pyarrow as pa

K = TypeVar("K", bound=Hashable)


def float_column(column: pa.ChunkedArray) -> tuple[NDArray[np.float64], bool]:
    """A float column as NaN-for-missing, and whether every present cell is finite.

    ``to_numpy`` on a column with nulls takes a slow general path that costs more than parsing
    the column did."""
    values = np.empty(len(column))
    at = 0
    for chunk in column.chunks:
        n = len(chunk)
        validity, data = chunk.buffers()
        part = values[at : at + n]
        part[:] = np.frombuffer(data, dtype=np.float64, count=n, offset=chunk.offset * 8)
        if chunk.null_count:
            bits = np.unpackbits(np.frombuffer(validity, dtype=np.uint8), bitorder="little")
            part[bits[chunk.offset : chunk.offset + n] == 0] = np.nan
        at += n
    finite = bool(np.isfinite(values).sum() == len(column) - column.null_count)
    return values, finite


def dictionary_codes(column: pa.ChunkedArray, clean: Callable[[str], K]) -> tuple[list[K], NDArray[np.int64]]:
    """Distinct cleaned values of a dictionary column (dictionaries unified), in order of first
    appearance, and each row's index into them.

    Only the distinct values pass through Python, so a column of a million rows with a few
    thousand distinct values costs a few thousand calls."""
    if column.num_chunks == 0:
        return [], np.zeros(0, dtype=np.int64)
    raw: list[str] = column.chunk(0).dictionary.to_pylist()
    codes: NDArray[np.int64] = np.concatenate(
        [
            np.frombuffer(c.indices.buffers()[1], dtype=np.int32, count=len(c), offset=c.indices.offset * 4)
            for c in column.chunks
        ],
        dtype=np.int64,  # widened as they are joined: one pass, no int32 copy
    )
    cleaned = [clean(r) for r in raw]
    first: dict[K, int] = {}
    remap = np.array([first.setdefault(c, len(first)) for c in cleaned], dtype=np.int64)
    if len(first) == len(cleaned):
        return cleaned, codes
    return list(first), remap[codes]
