"""Writing a batch result as the command line's JSON, CSV or Parquet.

All three are built from whole columns: orjson writes the numpy arrays of each
series directly, pyarrow writes CSV and Parquet from one table of every point.
No Python object is made per point, which is what makes a million points take
a fraction of a second.  Missing or undefined numbers are JSON ``null``, an
empty CSV cell or a Parquet null: never NaN.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any

import numpy as np

from .csv_input import SeriesTable
from .types import POINT_TYPES, SPECIAL_CAUSE_TYPES, BatchResult, IntArray

if TYPE_CHECKING:
    import pyarrow as pa

FORMATS = ("json", "csv", "parquet")
POINT_FIELDS = ("period", "value", "centre", "lower", "upper", "special_cause_type", "point_type")
NUMBER_FIELDS = ("value", "centre", "lower", "upper")


def _periods_json(table: SeriesTable) -> list[Any]:
    """Each series' period labels, pre-serialised once where series share them."""
    import orjson

    shared: dict[bytes, orjson.Fragment] = {}
    out: list[Any] = []
    starts = np.cumsum(table.counts) - table.counts
    names = None if table.period_names is None else np.array(table.period_names, dtype=object)
    for start, n in zip(starts.tolist(), table.counts.tolist(), strict=True):
        codes = table.period_codes[start : start + n]
        key = np.int64(n).tobytes() if names is None else codes.tobytes()
        fragment = shared.get(key)
        if fragment is None:
            labels = list(range(1, n + 1)) if names is None else names[codes].tolist()
            fragment = shared[key] = orjson.Fragment(orjson.dumps(labels))
        out.append(fragment)
    return out


def _contiguous(a: np.ndarray) -> np.ndarray:
    """orjson writes C-contiguous arrays only; a run chart's limits are broadcast NaN."""
    return a if a.flags.c_contiguous else np.ascontiguousarray(a)


#: Series per orjson call: the file is written in pieces of a few megabytes.
JSON_CHUNK = 500


def _constant_rows(rows: np.ndarray, counts: IntArray) -> np.ndarray:
    """Per series: every entry within its length is the same number, or every one is missing."""
    width = rows.shape[1]
    if width and bool((counts == width).all()):  # no padding: two reductions and one NaN test
        with np.errstate(invalid="ignore"):
            low = np.fmin.reduce(rows, axis=1)  # NaN only where the whole row is
            high = np.fmax.reduce(rows, axis=1)
        constant: np.ndarray = ((low == high) & ~np.isnan(rows).any(axis=1)) | np.isnan(low)
        return constant
    inside = np.arange(width)[None, :] < counts[:, None]
    first = rows[:, :1]
    same = (rows == first) | (np.isnan(rows) & np.isnan(first)) | ~inside
    padded: np.ndarray = same.all(axis=1) & (counts > 0)
    return padded


def _repeated_json(rows: np.ndarray, counts: IntArray) -> list[Any | None]:
    """Per series, its row pre-serialised when every entry is the same (a centre
    line or limit without phases), else None: repeating one number's text is
    much cheaper than formatting it 104 times."""
    import orjson

    out: list[Any | None] = [None] * rows.shape[0]
    picked = np.flatnonzero(_constant_rows(rows, counts) & (counts > 0))
    if not picked.size:
        return out
    # One call formats every constant, the same way orjson formats the arrays.
    texts = orjson.dumps(np.ascontiguousarray(rows[picked, 0]), option=orjson.OPT_SERIALIZE_NUMPY)
    for i, text, n in zip(picked.tolist(), texts[1:-1].split(b","), counts[picked].tolist(), strict=True):
        out[i] = orjson.Fragment(b"".join((b"[", (text + b",") * (n - 1), text, b"]")))  # one copy
    return out


def _put(out: IO[bytes], separator: bytes, body: memoryview) -> None:
    out.write(separator)
    out.write(body)


def write_json(out: IO[bytes], result: BatchResult, table: SeriesTable) -> None:
    """``{"series": [{"id", "chart", "points": {column: [one entry per period]}, icons, runs}]}``."""
    write_json_parts(out, [(0, result)], table)


def write_json_parts(out: IO[bytes], parts: Iterable[tuple[int, BatchResult]], table: SeriesTable) -> None:
    """The JSON of :func:`write_json` from the results of consecutive runs of series, each
    ``(index of its first series, its result)``, as they arrive: the command analyses the
    next run of series while this one is written.

    Written a few hundred series at a time; a second thread writes each piece
    to the file while the next is serialised (the write releases the GIL)."""
    from concurrent.futures import Future, ThreadPoolExecutor

    periods = _periods_json(table)
    with ThreadPoolExecutor(max_workers=1) as writer:
        pending: Future[Any] = writer.submit(out.write, b'{"series":[')
        separator = b""
        for start, result in parts:
            for piece in _json_pieces(result, table, start, periods):
                pending.result()  # at most one piece waits in memory; a write error surfaces here
                body = memoryview(piece)[1:-1]  # the list's items, without its brackets
                pending = writer.submit(_put, out, separator, body)
                separator = b","
        pending.result()
        out.write(b"]}\n")


def _json_pieces(result: BatchResult, table: SeriesTable, start: int, periods: list[Any]) -> Iterator[bytes]:
    """JSON lists of the documents of ``result``'s series (series ``start`` onwards in
    ``table``), ``JSON_CHUNK`` series to a list."""
    import orjson

    stop = start + result.n_series
    counts = table.counts[start:stop]
    # Whole columns become Python lists in one call each; the loop below only picks rows.
    sct = result.special_cause_type_labels().tolist()
    pt = result.point_type_labels().tolist()
    numbers = [_contiguous(getattr(result, name)) for name in ("values", "centre", "lower", "upper")]
    repeated = [_repeated_json(numbers[k], counts) for k in (1, 2, 3)]
    runs = result.runs
    n_useful = runs.n_useful.tolist()
    optional = [
        [None if v < 0 else v for v in getattr(runs, name).tolist()]
        for name in ("longest_run", "longest_run_max", "n_crossings", "n_crossings_min")
    ]
    per_series = list(
        zip(
            table.ids[start:stop],
            counts.tolist(),
            periods[start:stop],
            result.variation_icon_labels().tolist(),
            result.assurance_icon_labels().tolist(),
            n_useful,
            *optional,
            runs.signal.tolist(),
            *repeated,
            strict=True,
        )
    )
    full = result.values.shape[1]
    option = orjson.OPT_SERIALIZE_NUMPY

    def doc(i: int) -> dict[str, Any]:
        (
            sid,
            n,
            period,
            variation,
            assurance,
            useful,
            longest,
            longest_max,
            crossings,
            crossings_min,
            signal,
            centre,
            lower,
            upper,
        ) = per_series[i]
        return {
            "id": sid,
            "chart": result.chart,
            "points": {
                "period": period,
                "value": numbers[0][i, :n],
                "centre": numbers[1][i, :n] if centre is None else centre,
                "lower": numbers[2][i, :n] if lower is None else lower,
                "upper": numbers[3][i, :n] if upper is None else upper,
                "special_cause_type": sct[i] if n == full else sct[i][:n],
                "point_type": pt[i] if n == full else pt[i][:n],
            },
            "variation_icon": variation,
            "assurance_icon": assurance,
            "runs": {
                "n_useful": useful,
                "longest_run": longest,
                "longest_run_max": longest_max,
                "n_crossings": crossings,
                "n_crossings_min": crossings_min,
                "signal": signal,
            },
        }

    for begin in range(0, len(per_series), JSON_CHUNK):
        yield orjson.dumps(
            [doc(i) for i in range(begin, min(begin + JSON_CHUNK, len(per_series)))], option=option
        )


def _arrow(values: np.ndarray, null: np.ndarray | None = None) -> pa.Array:
    """A numpy array as an Arrow array (``null`` marks the nulls), built from its buffers:
    ``pa.array`` on numpy data imports pandas where it is installed, a second's start-up."""
    import pyarrow as pa

    values = np.ascontiguousarray(values)
    validity = None
    if null is not None and null.any():
        validity = pa.py_buffer(np.packbits(~null, bitorder="little"))
    kind = pa.from_numpy_dtype(values.dtype)
    return pa.Array.from_buffers(kind, len(values), [validity, pa.py_buffer(values)])


def _strings(texts: list[str]) -> pa.Array:
    """A string array from its buffers (as ``_arrow``, to keep pandas out)."""
    import pyarrow as pa

    encoded = [t.encode() for t in texts]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int32)
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    buffers = [None, pa.py_buffer(offsets), pa.py_buffer(b"".join(encoded))]
    return pa.Array.from_buffers(pa.string(), len(encoded), buffers)


def points_table(result: BatchResult, table: SeriesTable) -> pa.Table:
    """One row per point: series, period, the numbers (null where undefined) and the labels."""
    import pyarrow as pa

    n_series = table.n_series
    inside = np.arange(result.values.shape[1])[None, :] < table.counts[:, None]
    series_index = np.repeat(np.arange(n_series, dtype=np.int32), table.counts)
    names = ["" if i is None else i for i in table.ids]
    columns: dict[str, pa.Array] = {
        "series": pa.DictionaryArray.from_arrays(_arrow(series_index), _strings(names))
    }
    if table.period_names is None:
        columns["period"] = _arrow(table.positions() + 1)
    else:
        codes = _arrow(table.period_codes.astype(np.int32))
        columns["period"] = pa.DictionaryArray.from_arrays(codes, _strings(table.period_names))
    for name in NUMBER_FIELDS:
        values = getattr(result, "values" if name == "value" else name)[inside]
        columns[name] = _arrow(values, np.isnan(values))
    # Code 0 is "no special cause" (null); code k names SPECIAL_CAUSE_TYPES[k].
    sct = result.special_cause_type[inside]
    columns["special_cause_type"] = pa.DictionaryArray.from_arrays(
        _arrow(np.maximum(sct - 1, 0).astype(np.int8), sct == 0),
        _strings([str(t) for t in SPECIAL_CAUSE_TYPES[1:]]),
    )
    pt = result.point_type[inside]
    columns["point_type"] = pa.DictionaryArray.from_arrays(
        _arrow(np.maximum(pt, 0).astype(np.int8), pt < 0), _strings(list(POINT_TYPES))
    )
    return pa.table(columns)


def write_csv(out: IO[bytes], result: BatchResult, table: SeriesTable) -> None:
    """One row per point: ``series, period, value, centre, lower, upper,
    special_cause_type, point_type``; quotes only where a cell needs them."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    points = points_table(result, table)
    sink = pa.BufferOutputStream()
    try:
        pacsv.write_csv(points, sink, pacsv.WriteOptions(include_header=False, quoting_style="none"))
    except pa.ArrowInvalid:  # a name holds a comma, quote or line break: quote text cells
        sink = pa.BufferOutputStream()
        pacsv.write_csv(points, sink, pacsv.WriteOptions(include_header=False, quoting_style="needed"))
    out.write((",".join(("series", *POINT_FIELDS)) + "\n").encode())
    out.write(memoryview(sink.getvalue()))


def write_parquet(out: IO[bytes], result: BatchResult, table: SeriesTable) -> None:
    """The CSV's columns in a Parquet file (labels dictionary-encoded, nulls for missing)."""
    import pyarrow.parquet as pq

    pq.write_table(points_table(result, table), out)


WRITERS = {"json": write_json, "csv": write_csv, "parquet": write_parquet}
