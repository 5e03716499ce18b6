"""``mobilise-spc``: SPC analysis of a CSV file from the command line.

    mobilise-spc FILE.csv [--chart xmr|run|p|u|c|pp|up]
                 [--improvement increase|decrease|neither] [--target X]
                 [--no-screen-outliers] [--baseline N] [--rebase-at P,...]
                 [--format json|csv]

``FILE`` ``-`` reads standard input.  Exit status 0 on success, 2 when the
input or the options cannot be used (the reason goes to standard error).
"""

from __future__ import annotations

import argparse
import math
import sys
from typing import IO

import numpy as np

from .batch import analyse_batch
from .csv_input import InputError, SeriesData, read_series, read_text
from .output import render_csv, render_json, series_documents
from .types import ATTRIBUTE_CHARTS, CHART_TYPES, DENOMINATOR_CHARTS, BatchResult

PROG = "mobilise-spc"
EXIT_INPUT = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Statistical process control (Making Data Count) for a CSV of values.",
        epilog="Columns: value (required), series, period, denominator, target, improvement.",
    )
    parser.add_argument("file", metavar="FILE", help="CSV file to read, or - for standard input")
    parser.add_argument("--chart", choices=CHART_TYPES, default="xmr", help="default: xmr")
    parser.add_argument(
        "--improvement",
        choices=("increase", "decrease", "neither", "neutral"),
        default="increase",
        help="which direction is better (default: increase, as NHSRplotthedots)",
    )
    parser.add_argument("--target", help="target for the assurance icon")
    parser.add_argument(
        "--no-screen-outliers",
        action="store_true",
        help="do not screen large moving ranges before computing XmR limits",
    )
    parser.add_argument(
        "--baseline", type=int, metavar="N", help="fix each phase's limits on its first N points"
    )
    parser.add_argument(
        "--rebase-at", metavar="P,...", help="periods at which new phases start (comma-separated)"
    )
    parser.add_argument("--format", choices=("json", "csv"), default="json")
    return parser


def _check_counts(chart: str, all_series: list[SeriesData]) -> None:
    """Refuse data a p/u/c chart cannot mean, naming the line."""
    if chart not in ATTRIBUTE_CHARTS:
        return
    for s in all_series:
        for value, den, line in zip(s.values, s.denominators, s.lines, strict=True):
            if value < 0:
                raise InputError(
                    f"line {line}: column 'value' is {value:g}, but a {chart} chart counts "
                    "events and a count cannot be negative"
                )
            if chart not in DENOMINATOR_CHARTS:
                continue
            if den < 0:
                raise InputError(f"line {line}: column 'denominator' is {den:g}; it cannot be negative")
            if chart in ("p", "pp") and value > den:
                raise InputError(
                    f"line {line}: {value:g} out of {den:g} is more than 100%; "
                    "a p chart needs value <= denominator"
                )


def _rebase_mask(spec: str | None, all_series: list[SeriesData], n_points: int) -> np.ndarray:
    mask = np.zeros((len(all_series), n_points), dtype=bool)
    if not spec:
        return mask
    wanted = [p.strip() for p in spec.split(",") if p.strip()]
    for period in wanted:
        found = False
        for i, s in enumerate(all_series):
            for j, p in enumerate(s.periods):
                if _same_period(str(p), period):
                    mask[i, j] = True
                    found = True
        if not found:
            raise InputError(f"--rebase-at: period '{period}' is not in the data")
    return mask


def _same_period(a: str, b: str) -> bool:
    if a == b:
        return True
    try:
        return float(a) == float(b)
    except ValueError:
        return False


def _analyse(args: argparse.Namespace, all_series: list[SeriesData]) -> BatchResult:
    chart: str = args.chart
    if chart in DENOMINATOR_CHARTS and not any(not math.isnan(d) for s in all_series for d in s.denominators):
        raise InputError(f"a {chart} chart needs a 'denominator' column with numbers in it")
    _check_counts(chart, all_series)
    default_target = None
    if args.target is not None:
        try:
            default_target = float(args.target)
        except ValueError:
            default_target = math.nan
        if not math.isfinite(default_target):
            raise InputError(f"--target must be a number, not '{args.target}'")
    n_points = max(len(s.values) for s in all_series)
    shape = (len(all_series), n_points)
    values = np.full(shape, np.nan)
    denominators = np.full(shape, np.nan)
    for i, s in enumerate(all_series):
        values[i, : len(s.values)] = s.values
        denominators[i, : len(s.denominators)] = s.denominators
    targets = [s.target if s.target is not None else default_target for s in all_series]
    if args.baseline is not None and args.baseline < 2:
        raise InputError("--baseline must be at least 2 points")
    try:
        return analyse_batch(
            values,
            chart=chart,
            denominators=denominators if chart in DENOMINATOR_CHARTS else None,
            lengths=np.array([len(s.values) for s in all_series]),
            rebase=_rebase_mask(args.rebase_at, all_series, n_points),
            baseline=args.baseline,
            improvement=[s.improvement or args.improvement for s in all_series],
            target=[math.nan if t is None else t for t in targets],
            screen_outliers=not args.no_screen_outliers,
        )
    except ValueError as exc:
        raise InputError(str(exc)) from None


def _notes(result: BatchResult, all_series: list[SeriesData], stderr: IO[str]) -> None:
    """Warn when a plain p/u/c chart is misleading because of over-dispersion."""
    if result.chart not in ("p", "u", "c"):
        return
    better = {"p": "--chart pp (Laney p')", "u": "--chart up (Laney u')", "c": "--chart xmr"}
    for i, s in enumerate(all_series):
        if result.overdispersed[i]:
            name = "the data" if s.id is None else f"series '{s.id}'"
            sigma_z = result.sigma_z[i, int(result.lengths[i]) - 1]
            print(
                f"{PROG}: note: {name} varies {sigma_z:.2f} times as much as a {result.chart} "
                f"chart assumes, so its limits are too narrow; consider {better[result.chart]}",
                file=stderr,
            )


def main(argv: list[str] | None = None) -> int:
    """Run the command; returns the exit status."""
    stdout, stderr = sys.stdout, sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error already reported by argparse
        return exc.code if isinstance(exc.code, int) else EXIT_INPUT
    try:
        all_series, _ = read_series(read_text(args.file, sys.stdin))
        if not all_series:
            raise InputError("the input has a header but no data rows")
        result = _analyse(args, all_series)
    except InputError as exc:
        print(f"{PROG}: error: {exc}", file=stderr)
        return EXIT_INPUT
    _notes(result, all_series, stderr)
    docs = series_documents(result, [s.id for s in all_series], [s.periods for s in all_series])
    text = render_json(docs) if args.format == "json" else render_csv(docs)
    try:
        stdout.write(text)
        stdout.flush()
    except BrokenPipeError:  # e.g. piped into `head`
        return 0
    return 0
