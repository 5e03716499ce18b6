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
import math
import sys
from collections.abc import Sequence
from typing import Any, TextIO

import numpy as np

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


def read_columns(source: str, stdin: TextIO) -> dict[str, list[str | None]]:
    """Every column as text (None for a missing cell), names lower-cased.

    pyarrow parses; a row with the wrong number of cells is an error naming its line."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    try:
        data = stdin.buffer.read() if source == "-" else open(source, "rb").read()  # noqa: SIM115
    except OSError as exc:
        raise InputError(f"cannot read '{source}': {exc.strerror or exc}") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        raise InputError("the input is empty")
    header = data.split(b"\n", 1)[0].decode("utf-8", "replace").strip().split(",")
    names = [h.strip().lower() for h in header]
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
    out: dict[str, list[str | None]] = {}
    for name in names:
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


def run_curve(args: argparse.Namespace, columns: dict[str, list[str | None]]) -> dict[str, Any]:
    from .forecast import forecast_batch
    from .summary import curve_summary

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
    fc = forecast_batch(
        t,
        y,
        scope,
        horizon=args.horizon,
        free_ceiling=args.free_ceiling,
        plan_times=t if np.isfinite(pv).any() else None,
        plan_values=pv if np.isfinite(pv).any() else None,
    )
    curves = []
    for c, key in enumerate(order):
        item = {"practice": key, **curve_summary(fc, c, band=not args.no_band)}
        curves.append(item)
    return {"curves": curves}


def run_funnel(args: argparse.Namespace, columns: dict[str, list[str | None]]) -> dict[str, Any]:
    from .funnel import funnel
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


def main(argv: Sequence[str] | None = None) -> int:
    import orjson

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_INPUT
    try:
        columns = read_columns(args.file, sys.stdin)
        if not columns or not next(iter(columns.values())):
            raise InputError("the input has a heading row but no data rows")
        out = run_curve(args, columns) if args.command == "curve" else run_funnel(args, columns)
    except InputError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    sys.stdout.flush()
    sys.stdout.buffer.write(orjson.dumps(out, option=orjson.OPT_INDENT_2) + b"\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
