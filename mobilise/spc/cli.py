"""``mobilise-spc``: SPC analysis of a CSV file from the command line.

    mobilise-spc FILE.csv [--chart xmr|run|p|u|c|pp|up]
                 [--improvement increase|decrease|neither] [--target X]
                 [--no-screen-outliers] [--baseline N] [--rebase-at P,...]
                 [--format json|csv|parquet] [--output FILE]

``FILE`` ``-`` reads standard input.  Exit status 0 on success, 2 when the
input or the options cannot be used (the reason goes to standard error).

The whole run works on columns (pyarrow reads, numpy analyses, orjson and
pyarrow write); pyarrow and orjson are imported only when a run needs them.
"""

from __future__ import annotations

import os

#: One thread for numpy's BLAS (and any OpenMP runtime): the command does no linear algebra,
#: and a pool of spinning BLAS threads started with numpy takes CPU from pyarrow's parser and
#: the analysis thread.  Set before numpy is first imported (the package imports nothing
#: eagerly), and only where the caller has not chosen.
for _pool in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_pool, "1")

import argparse  # noqa: E402
import io  # noqa: E402
import math  # noqa: E402
import stat  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from typing import IO, NoReturn, TextIO  # noqa: E402

import numpy as np  # noqa: E402

from mobilise.console import exit_after, without_cycle_collector  # noqa: E402

from .csv_input import InputError, SeriesTable, read_input  # noqa: E402
from .types import ATTRIBUTE_CHARTS, CHART_TYPES, DENOMINATOR_CHARTS, BatchResult, BoolArray  # noqa: E402

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
    parser.add_argument(
        "--format",
        choices=("json", "csv", "parquet"),
        default="json",
        help="json (default), csv (one row per point) or parquet (the same columns)",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    return parser


def _check_counts(chart: str, table: SeriesTable) -> None:
    """Refuse data a p/u/c chart cannot mean, naming the line of the first bad point."""
    if chart not in ATTRIBUTE_CHARTS:
        return
    value, den = table.values, table.denominators
    with np.errstate(invalid="ignore"):
        problems = [value < 0]
        if chart in DENOMINATOR_CHARTS:
            problems.append(den < 0)
            if chart in ("p", "pp"):
                problems.append(value > den)
    bad = np.logical_or.reduce(problems)
    if not bad.any():
        return
    i = int(np.argmax(bad))
    line = table.line_of(int(table.rows[i]))
    v, d = float(value[i]), float(den[i])
    if v < 0:
        raise InputError(
            f"line {line}: column 'value' is {v:g}, but a {chart} chart counts "
            "events and a count cannot be negative"
        )
    if d < 0:
        raise InputError(f"line {line}: column 'denominator' is {d:g}; it cannot be negative")
    raise InputError(
        f"line {line}: {v:g} out of {d:g} is more than 100%; a p chart needs value <= denominator"
    )


def _rebase_mask(spec: str | None, table: SeriesTable) -> BoolArray:
    """Per point: a new phase starts here."""
    mask = np.zeros(table.values.shape[0], dtype=bool)
    if not spec:
        return mask
    for period in (p.strip() for p in spec.split(",")):
        if not period:
            continue
        if table.period_names is None:
            here = np.array([_same_period(str(p), period) for p in range(1, int(table.counts.max()) + 1)])
            hits = here[table.positions()]
        else:
            named = np.array([_same_period(name, period) for name in table.period_names], dtype=bool)
            hits = named[table.period_codes]
        if not hits.any():
            raise InputError(f"--rebase-at: period '{period}' is not in the data")
        mask |= hits
    return mask


def _same_period(a: str, b: str) -> bool:
    if a == b:
        return True
    try:
        return float(a) == float(b)
    except ValueError:
        return False


def _padded(per_point: np.ndarray, table: SeriesTable, fill: object) -> np.ndarray:
    """Per-point values as a ``[series x points]`` matrix."""
    width = int(table.counts.max()) if table.n_series else 0
    if per_point.size == table.n_series * width:  # every series equally long: a view will do
        return per_point.reshape(table.n_series, width)
    out = np.full((table.n_series, width), fill, dtype=per_point.dtype)
    out[np.repeat(np.arange(table.n_series), table.counts), table.positions()] = per_point
    return out


def _analysis(args: argparse.Namespace, table: SeriesTable) -> Callable[[slice], BatchResult]:
    """Check the options against the data and lay the series out as matrices; returns a
    function that analyses any run of consecutive series (each series is analysed on its own,
    so runs of them give exactly what one call for all of them gives)."""
    from .batch import analyse_batch

    chart: str = args.chart
    if chart in DENOMINATOR_CHARTS and np.isnan(table.denominators).all():
        raise InputError(f"a {chart} chart needs a 'denominator' column with numbers in it")
    _check_counts(chart, table)
    default_target = math.nan
    if args.target is not None:
        try:
            default_target = float(args.target)
        except ValueError:
            default_target = math.nan
        if not math.isfinite(default_target):
            raise InputError(f"--target must be a number, not '{args.target}'")
    targets = np.where(np.isnan(table.targets), default_target, table.targets)
    if args.baseline is not None and args.baseline < 2:
        raise InputError("--baseline must be at least 2 points")
    values = _padded(table.values, table, np.nan)
    denominators = _padded(table.denominators, table, np.nan) if chart in DENOMINATOR_CHARTS else None
    rebase = _padded(_rebase_mask(args.rebase_at, table), table, False)
    improvement = [i or args.improvement for i in table.improvements]

    def part(rows: slice) -> BatchResult:
        try:
            return analyse_batch(
                values[rows],
                chart=chart,
                denominators=None if denominators is None else denominators[rows],
                lengths=table.counts[rows],
                rebase=rebase[rows],
                baseline=args.baseline,
                improvement=improvement[rows],
                target=targets[rows],
                screen_outliers=not args.no_screen_outliers,
            )
        except ValueError as exc:
            raise InputError(str(exc)) from None

    return part


def _analyse(args: argparse.Namespace, table: SeriesTable) -> BatchResult:
    return _analysis(args, table)(slice(None))


#: Series per analysis call when writing JSON: the next run is analysed while one is written.
ANALYSIS_CHUNK = 1000


def _results_ahead(
    part: Callable[[slice], BatchResult], n_series: int, first: BatchResult
) -> Iterator[tuple[int, BatchResult]]:
    """``(first series, result)`` for each run of ``ANALYSIS_CHUNK`` series, the next run
    analysed in a second thread while the caller writes this one (numpy lets go of the
    interpreter lock for its loops, so the two share the machine's cores)."""
    from concurrent.futures import ThreadPoolExecutor

    starts = list(range(ANALYSIS_CHUNK, n_series, ANALYSIS_CHUNK))
    with ThreadPoolExecutor(max_workers=1) as pool:
        ahead = [pool.submit(part, slice(start, start + ANALYSIS_CHUNK)) for start in starts[:1]]
        yield 0, first
        for k, start in enumerate(starts):
            result = ahead.pop().result()
            if k + 1 < len(starts):
                ahead.append(pool.submit(part, slice(starts[k + 1], starts[k + 1] + ANALYSIS_CHUNK)))
            yield start, result


def _notes(result: BatchResult, table: SeriesTable, stderr: IO[str], start: int = 0) -> None:
    """Warn when a plain p/u/c chart is misleading because of over-dispersion."""
    if result.chart not in ("p", "u", "c"):
        return
    better = {"p": "--chart pp (Laney p')", "u": "--chart up (Laney u')", "c": "--chart xmr"}
    for i in np.flatnonzero(result.overdispersed).tolist():
        sid = table.ids[start + i]
        name = "the data" if sid is None else f"series '{sid}'"
        sigma_z = result.sigma_z[i, int(result.lengths[i]) - 1]
        print(
            f"{PROG}: note: {name} varies {sigma_z:.2f} times as much as a {result.chart} "
            f"chart assumes, so its limits are too narrow; consider {better[result.chart]}",
            file=stderr,
        )


def _open_output(args: argparse.Namespace, stdout: TextIO) -> IO[bytes]:
    if args.output:
        try:
            return _overwrite(args.output)
        except OSError as exc:
            raise InputError(f"cannot write '{args.output}': {exc.strerror or exc}") from None
    if args.format == "parquet" and stdout.isatty():
        raise InputError("--format parquet writes a binary file: add --output FILE")
    stdout.flush()
    return stdout.buffer


class _InPlace(io.FileIO):
    """An existing regular file written over from its start and cut to length on close.

    Emptying a file of a hundred megabytes when it is opened (``"wb"``) frees its
    pages only for the run to ask for as many again; writing over them and
    truncating at the end leaves the same file for less work."""

    def close(self) -> None:
        if not self.closed:
            try:
                self.truncate()
            finally:
                super().close()


def _overwrite(path: str) -> IO[bytes]:
    """``path`` opened for writing from its start: in place if it is a regular file
    already (see :class:`_InPlace`), otherwise as ``open(path, "wb")``."""
    try:
        regular = stat.S_ISREG(os.stat(path).st_mode)
    except OSError:  # not there yet (or unreadable): the plain open says what is wrong
        regular = False
    if regular:
        try:
            return io.BufferedWriter(_InPlace(path, "r+"))
        except OSError:  # e.g. write-only permission: the plain open decides
            pass
    return open(path, "wb")


def keep_freed_memory() -> None:
    """Ask the C allocator to keep memory the run frees and hand it out again.

    By default every large array gets fresh pages from the kernel and returns
    them when freed, so a run that makes and drops a few hundred megabytes of
    arrays spends a third of its time in the kernel clearing pages.  Only for
    the console command, whose process ends when the run does."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        libc = ctypes.CDLL(None)
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc (e.g. musl): nothing to tune
        return
    mallopt(M_MMAP_THRESHOLD, KEEP_BYTES)
    mallopt(M_TRIM_THRESHOLD, KEEP_BYTES)


#: glibc's mallopt parameters, and how much freed memory the command may keep.
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
KEEP_BYTES = 1 << 30


def run() -> NoReturn:
    """``mobilise-spc`` and ``python -m mobilise.spc``: run the command
    and leave at once (:func:`mobilise.console.exit_after`)."""
    exit_after(main)


@without_cycle_collector
def main(argv: list[str] | None = None) -> int:
    """Run the command; returns the exit status."""
    stdout, stderr = sys.stdout, sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error already reported by argparse
        return exc.code if isinstance(exc.code, int) else EXIT_INPUT
    try:
        table = read_input(args.file, sys.stdin)
        if not table.n_series:
            raise InputError("the input has a header but no data rows")
        part = _analysis(args, table)
        streamed = args.format == "json" and table.n_series > ANALYSIS_CHUNK
        result = part(slice(0, ANALYSIS_CHUNK) if streamed else slice(None))
        out = _open_output(args, stdout)
    except InputError as exc:
        print(f"{PROG}: error: {exc}", file=stderr)
        return EXIT_INPUT
    try:
        if streamed:
            from .output import write_json_parts

            write_json_parts(out, _noted(_results_ahead(part, table.n_series, result), table, stderr), table)
        else:
            from .output import WRITERS

            _notes(result, table, stderr)
            WRITERS[args.format](out, result, table)
        out.flush()
    except BrokenPipeError:  # e.g. piped into `head`
        return 0
    except InputError as exc:  # a later run of series refused (the checks above should catch it first)
        print(f"{PROG}: error: {exc}", file=stderr)
        return EXIT_INPUT
    finally:
        if args.output:
            out.close()
    return 0


def _noted(
    parts: Iterator[tuple[int, BatchResult]], table: SeriesTable, stderr: IO[str]
) -> Iterator[tuple[int, BatchResult]]:
    for start, result in parts:
        _notes(result, table, stderr, start)
        yield start, result
