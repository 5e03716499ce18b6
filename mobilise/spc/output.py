"""Writing a batch result as the command line's JSON, CSV or Parquet.

All three are built from whole columns: orjson writes the numpy arrays of each
series directly, pyarrow writes CSV and Parquet from one table of every point.
No Python object is made per point, which is what makes a million points take
a fraction of a second.  Missing or undefined numbers are JSON ``null``, an
empty CSV cell or a Parquet null: never NaN.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any

import numpy as np

from .csv_input import SeriesTable
from .types import POINT_TYPES, SPECIAL_CAUSE_TYPES, BatchResult

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


def write_json(out: IO[bytes], result: BatchResult, table: SeriesTable) -> None:
    """``{"series": [{"id", "chart", "points": {column: [one entry per period]}, icons, runs}]}``."""
    import orjson

    periods = _periods_json(table)
    sct = result.special_cause_type_labels()
    pt = result.point_type_labels()
    variation = result.variation_icon_labels().tolist()
    assurance = result.assurance_icon_labels().tolist()
    runs = result.runs
    runs_columns = [
        (name, getattr(runs, name).tolist())
        for name in ("n_useful", "longest_run", "longest_run_max", "n_crossings", "n_crossings_min")
    ]
    signal = runs.signal.tolist()
    docs = []
    for i, n in enumerate(table.counts.tolist()):
        run = {name: (None if col[i] < 0 and name != "n_useful" else col[i]) for name, col in runs_columns}
        run["signal"] = signal[i]
        docs.append(
            {
                "id": table.ids[i],
                "chart": result.chart,
                "points": {
                    "period": periods[i],
                    "value": np.ascontiguousarray(result.values[i, :n]),
                    "centre": np.ascontiguousarray(result.centre[i, :n]),
                    "lower": np.ascontiguousarray(result.lower[i, :n]),  # a run chart's are broadcast NaN
                    "upper": np.ascontiguousarray(result.upper[i, :n]),
                    "special_cause_type": sct[i, :n].tolist(),
                    "point_type": pt[i, :n].tolist(),
                },
                "variation_icon": variation[i],
                "assurance_icon": assurance[i],
                "runs": run,
            }
        )
    out.write(orjson.dumps({"series": docs}, option=orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_APPEND_NEWLINE))


def points_table(result: BatchResult, table: SeriesTable) -> pa.Table:
    """One row per point: series, period, the numbers (null where undefined) and the labels."""
    import pyarrow as pa

    n_series = table.n_series
    inside = np.arange(result.values.shape[1])[None, :] < table.counts[:, None]
    series_index = np.repeat(np.arange(n_series, dtype=np.int32), table.counts)
    names = ["" if i is None else i for i in table.ids]
    columns: dict[str, pa.Array] = {
        "series": pa.DictionaryArray.from_arrays(series_index, pa.array(names, type=pa.string()))
    }
    if table.period_names is None:
        columns["period"] = pa.array(table.positions() + 1)
    else:
        codes = table.period_codes.astype(np.int32)
        columns["period"] = pa.DictionaryArray.from_arrays(
            codes, pa.array(table.period_names, type=pa.string())
        )
    for name in NUMBER_FIELDS:
        values = getattr(result, "values" if name == "value" else name)[inside]
        columns[name] = pa.array(values, mask=np.isnan(values))
    # Code 0 is "no special cause" (null); code k names SPECIAL_CAUSE_TYPES[k].
    sct = result.special_cause_type[inside]
    columns["special_cause_type"] = pa.DictionaryArray.from_arrays(
        pa.array(np.maximum(sct - 1, 0).astype(np.int8), mask=sct == 0),
        pa.array(SPECIAL_CAUSE_TYPES[1:], type=pa.string()),
    )
    pt = result.point_type[inside]
    columns["point_type"] = pa.DictionaryArray.from_arrays(
        pa.array(np.maximum(pt, 0), mask=pt < 0), pa.array(POINT_TYPES, type=pa.string())
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
