"""``mobilise-spread``: adoption forecasts and funnel plots from a CSV file.

    mobilise-spread curve FILE.csv [--in-scope N] [--horizon H] [--free-ceiling] [--no-band]
    mobilise-spread funnel FILE.csv [--kind proportion|rate] [--dispersion auto|none|multiplicative|additive]

``curve``: one row per date, columns ``period`` (periods since launch, a
number) and ``adopted`` (sites adopted by then, cumulative); optional
``practice`` (many curves in one file), ``in_scope`` (sites in scope) and
``plan`` (planned sites adopted by then).

``funnel``: one row per site, columns ``events`` and ``denominator``; optional
``site``.

``FILE`` ``-`` reads standard input.  JSON goes to standard output.  Exit
status 0 on success, 2 when the input or the options cannot be used (the
reason, with the line and column, goes to standard error).
"""

from __future__ import annotations

import argparse
import io
import itertools
import math
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

import numpy as np
from numpy.typing import NDArray

from mobilise.columns import dictionary_codes, float_column
from mobilise.console import exit_after, without_cycle_collector

if TYPE_CHECKING:
    import pyarrow as pa

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
#: Practices, and per practice (rows, padded with NaN) its periods, adoption and plan; its scope.
Curves = tuple[list[str | None], FloatArray, FloatArray, FloatArray, FloatArray]

PROG = "mobilise-spread"
EXIT_INPUT = 2
MISSING = frozenset({"", "na", "n/a", "nan", "null"})


class InputError(Exception):
    """The input cannot be used; the message says why, in plain English."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG, description="Spread of innovation: adoption curves and funnels."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    curve = sub.add_parser("curve", help="fit logistic and Bass curves and forecast adoption")
    curve.add_argument("file", metavar="FILE", help="CSV file, or - for standard input")
    curve.add_argument("--in-scope", type=int, help="sites in scope (unless the file has an in_scope column)")
    curve.add_argument("--horizon", type=float, default=12.0, help="periods to forecast ahead (default 12)")
    curve.add_argument(
        "--free-ceiling", action="store_true", help="estimate the ceiling, up to the sites in scope"
    )
    curve.add_argument("--no-band", action="store_true", help="leave the forecast band out of the output")
    fun = sub.add_parser("funnel", help="compare sites on a proportion or a rate")
    fun.add_argument("file", metavar="FILE", help="CSV file, or - for standard input")
    fun.add_argument("--kind", choices=("proportion", "rate"), default="proportion")
    fun.add_argument("--dispersion", choices=("auto", "none", "multiplicative", "additive"), default="auto")
    return parser


def read_bytes(source: str, stdin: TextIO) -> bytes:
    """The file's bytes (a byte-order mark dropped); an error if it cannot be read or is empty."""
    try:
        if source == "-":
            data = stdin.buffer.read()
        else:
            with open(source, "rb") as file:
                data = file.read()
    except OSError as exc:
        raise InputError(f"cannot read '{source}': {exc.strerror or exc}") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        raise InputError("the input is empty")
    return data


def _names(data: bytes) -> list[str]:
    header = data.split(b"\n", 1)[0].decode("utf-8", "replace").strip().split(",")
    return [h.strip().lower() for h in header]


def read_table(data: bytes) -> pa.Table:
    """Every column as text, names lower-cased.

    pyarrow parses; a row with the wrong number of cells is an error naming its line."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    names = _names(data)
    try:
        table = pacsv.read_csv(
            io.BytesIO(data),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1),
            convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(names, pa.string())),
        )
    except pa.ArrowInvalid as exc:
        text = str(exc)
        line = _bad_line(data, len(names))
        where = f"line {line}: " if line else ""
        raise InputError(f"{where}this row does not have {len(names)} cells like the heading row") from (
            None if line else InputError(text)
        )
    return table


def text_columns(table: pa.Table) -> dict[str, list[str | None]]:
    """Every column as a list of its cells, stripped (None for a missing cell)."""
    out: dict[str, list[str | None]] = {}
    for name in table.column_names:
        values = table.column(name).to_pylist()
        out[name] = [None if v is None or v.strip().lower() in MISSING else v.strip() for v in values]
    return out


def _bad_line(data: bytes, width: int) -> int | None:
    import csv

    for number, row in enumerate(csv.reader(io.StringIO(data.decode("utf-8", "replace"))), start=1):
        if row and len(row) != width:
            return number
    return None


def numbers(columns: dict[str, list[str | None]], name: str, *, required: bool) -> np.ndarray:
    if name not in columns:
        if required:
            raise InputError(f"the heading row has no '{name}' column")
        return np.full(len(next(iter(columns.values()))), np.nan)
    out = np.empty(len(columns[name]))
    for i, cell in enumerate(columns[name]):
        if cell is None:
            if required:
                raise InputError(f"line {i + 2}, column '{name}': a number is needed here")
            out[i] = math.nan
            continue
        try:
            out[i] = float(cell)
        except ValueError:
            raise InputError(f"line {i + 2}, column '{name}': '{cell}' is not a number") from None
        if not math.isfinite(out[i]):
            raise InputError(f"line {i + 2}, column '{name}': '{cell}' is not a number")
    return out


def curves_exact(args: argparse.Namespace, columns: dict[str, list[str | None]]) -> Curves:
    """The curves laid out cell by cell: the first problem in the file is an error with its line."""
    period = numbers(columns, "period", required=True)
    adopted = numbers(columns, "adopted", required=True)
    scope_col = numbers(columns, "in_scope", required=False)
    plan_col = numbers(columns, "plan", required=False)
    for i, (p, a) in enumerate(zip(period.tolist(), adopted.tolist(), strict=True)):
        if p < 0:
            raise InputError(
                f"line {i + 2}, column 'period': periods count from the launch, so cannot be negative"
            )
        if a < 0:
            raise InputError(f"line {i + 2}, column 'adopted': a number of sites cannot be negative")
    keys = columns.get("practice") or [None] * period.size
    order: dict[str | None, list[int]] = {}
    for i, key in enumerate(keys):
        order.setdefault(key, []).append(i)
    n = len(order)
    width = max(len(rows) for rows in order.values())
    t = np.full((n, width), np.nan)
    y = np.full((n, width), np.nan)
    pv = np.full((n, width), np.nan)
    scope = np.full(n, np.nan)
    for c, rows in enumerate(order.values()):
        rows_sorted = sorted(rows, key=lambda r: period[r])
        for j in range(1, len(rows_sorted)):
            if period[rows_sorted[j]] == period[rows_sorted[j - 1]]:
                raise InputError(f"line {rows_sorted[j] + 2}, column 'period': this period appears twice")
        t[c, : len(rows)] = period[rows_sorted]
        y[c, : len(rows)] = adopted[rows_sorted]
        pv[c, : len(rows)] = plan_col[rows_sorted]
        given = scope_col[rows_sorted]
        given = given[np.isfinite(given)]
        if given.size:
            scope[c] = given[0]
        elif args.in_scope is not None:
            scope[c] = args.in_scope
        else:
            raise InputError("say how many sites are in scope: --in-scope N, or an in_scope column")
        over = np.flatnonzero(y[c, : len(rows)] > scope[c])
        if over.size:
            raise InputError(
                f"line {rows_sorted[int(over[0])] + 2}, column 'adopted': more sites adopted "
                f"than the {scope[c]:g} in scope"
            )
    return list(order), t, y, pv, scope


#: Every spelling of a missing cell that :data:`MISSING` matches once lower-cased.
NULL_SPELLINGS = sorted(
    {"".join(c) for word in MISSING for c in itertools.product(*[(ch.lower(), ch.upper()) for ch in word])}
)
NUMBER_COLUMNS = ("period", "adopted", "in_scope", "plan")


def curves_fast(args: argparse.Namespace, data: bytes) -> Curves | None:
    """The curves read column by column (pyarrow parses the numbers), or None wherever
    :func:`curves_exact` must look at the cells: a cell that is not a plain number, a missing or
    negative one, a period twice, no scope, more sites adopted than in scope, a row of the wrong
    width. It then finds the first problem and names its line."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    names = _names(data)
    if "period" not in names or "adopted" not in names or len(set(names)) < len(names):
        return None
    types = {name: pa.float64() for name in NUMBER_COLUMNS if name in names}
    if "practice" in names:
        types["practice"] = pa.dictionary(pa.int32(), pa.string())
    try:
        table = pacsv.read_csv(
            io.BytesIO(data),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1),
            convert_options=pacsv.ConvertOptions(
                column_types=types,
                include_columns=list(types),
                null_values=NULL_SPELLINGS,
                strings_can_be_null=False,
            ),
        ).unify_dictionaries()
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    if table.num_rows == 0:
        return None
    columns = {name: float_column(table.column(name)) for name in NUMBER_COLUMNS if name in types}
    if not all(finite for _, finite in columns.values()):
        return None  # infinity, or NaN spelt in a way only the cell-by-cell reader refuses
    nothing = np.full(table.num_rows, np.nan)
    period, adopted = columns["period"][0], columns["adopted"][0]
    scope_col, plan_col = (columns[name][0] if name in columns else nothing for name in ("in_scope", "plan"))
    with np.errstate(invalid="ignore"):
        if np.isnan(period).any() or np.isnan(adopted).any() or (period < 0).any() or (adopted < 0).any():
            return None  # a number is needed and missing, or negative
    if "practice" in types:
        keys, codes = dictionary_codes(table.column("practice"), _practice)
    else:
        keys, codes = [None], np.zeros(table.num_rows, dtype=np.int64)
    n = len(keys)
    order = np.lexsort((period, codes))  # by practice, then period (stable: file order for ties)
    c = codes[order]
    ps = period[order]
    if ((c[1:] == c[:-1]) & (ps[1:] == ps[:-1])).any():
        return None
    counts = np.bincount(codes, minlength=n)
    starts = np.cumsum(counts) - counts
    pos = np.arange(order.size) - starts[c]
    width = int(counts.max())
    t = np.full((n, width), np.nan)
    y = np.full((n, width), np.nan)
    pv = np.full((n, width), np.nan)
    t[c, pos], y[c, pos], pv[c, pos] = ps, adopted[order], plan_col[order]
    # Each practice's scope: its first in_scope figure in period order, else --in-scope.
    given = scope_col[order]
    first = np.minimum.reduceat(np.where(np.isfinite(given), np.arange(given.size), given.size), starts)
    scope = np.where(first < given.size, given[np.minimum(first, given.size - 1)], np.nan)
    if args.in_scope is not None:
        scope = np.where(np.isnan(scope), float(args.in_scope), scope)
    if np.isnan(scope).any():
        return None
    with np.errstate(invalid="ignore"):
        if (y > scope[:, None]).any():
            return None
    return keys, t, y, pv, scope


def _practice(cell: str) -> str | None:
    """A practice's name as the cell-by-cell reader reads it (None for a missing cell)."""
    name = cell.strip()
    return None if name.lower() in MISSING else name


def run_curve(args: argparse.Namespace, data: bytes) -> dict[str, Any]:
    from .forecast import forecast_batch
    from .summary import curve_summaries

    laid_out = curves_fast(args, data)
    if laid_out is None:
        laid_out = curves_exact(args, _columns(data))
    keys, t, y, pv, scope = laid_out
    has_plan = bool(np.isfinite(pv).any())
    fc = forecast_batch(
        t,
        y,
        scope,
        horizon=args.horizon,
        free_ceiling=args.free_ceiling,
        plan_times=t if has_plan else None,
        plan_values=pv if has_plan else None,
    )
    summaries = curve_summaries(fc, band=not args.no_band)
    return {"curves": [{"practice": key, **item} for key, item in zip(keys, summaries, strict=True)]}


def _columns(data: bytes) -> dict[str, list[str | None]]:
    """The cells as text, for the cell-by-cell checks; an error if there are no data rows."""
    table = read_table(data)
    if not table.num_columns or not table.num_rows:
        raise InputError("the input has a heading row but no data rows")
    return text_columns(table)


def run_funnel(args: argparse.Namespace, data: bytes) -> dict[str, Any]:
    from .funnel import funnel

    columns = _columns(data)
    from .summary import funnel_summary

    events = numbers(columns, "events", required=True)
    den = numbers(columns, "denominator", required=True)
    for i, (e, d) in enumerate(zip(events.tolist(), den.tolist(), strict=True)):
        if d <= 0:
            raise InputError(f"line {i + 2}, column 'denominator': it must be more than 0")
        if e < 0:
            raise InputError(f"line {i + 2}, column 'events': a count cannot be negative")
        if args.kind == "proportion" and e > d:
            raise InputError(f"line {i + 2}, column 'events': more events than the denominator")
    names = [s or f"site {i + 1}" for i, s in enumerate(columns.get("site") or [None] * events.size)]
    try:
        result = funnel(events, den, kind=args.kind, dispersion=args.dispersion)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    return funnel_summary(result, names)


def run() -> NoReturn:
    """``mobilise-spread`` and ``python -m mobilise.spread``: run the command
    and leave at once (:func:`mobilise.console.exit_after`)."""
    exit_after(main)


@without_cycle_collector
def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status."""
    import orjson

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_INPUT
    try:
        data = read_bytes(args.file, sys.stdin)
        out = run_curve(args, data) if args.command == "curve" else run_funnel(args, data)
    except InputError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    sys.stdout.flush()
    try:
        sys.stdout.buffer.write(orjson.dumps(out, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE))
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. piped into `head`
        return 0
    return 0


if __name__ == "__main__":  # pragma: no cover
    run()
