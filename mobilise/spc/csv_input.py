"""Reading the command line's CSV input into a columnar table of series.

Long format: one row per point, columns (any order, names case-insensitive)

* ``value`` (required; empty, ``NA``, ``N/A``, ``NaN`` or ``null`` = missing),
* ``series`` (optional: many series in one file),
* ``period`` (optional: the time label; without it rows are in time order),
* ``denominator`` (p, u and Laney charts),
* ``target`` and ``improvement`` (optional, per series; override the flags).

Two readers give the same :class:`SeriesTable`.  The fast one parses with
pyarrow's multi-threaded CSV reader and checks everything on whole columns; the
exact one (Python's ``csv`` module, row by row) is the definition.  Whenever
the fast reader meets anything unusual (a bad cell, a row of the wrong width,
a duplicate period, a blank row, an odd header) it steps aside and the exact
reader either reads the file or raises :class:`InputError` with the line and
column, so both the answers and the messages are the exact reader's.
"""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import math
import mmap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO, TYPE_CHECKING, Any

import numpy as np

from mobilise.columns import dictionary_codes, float_column

from .types import BoolArray, CodeArray, FloatArray, IntArray

if TYPE_CHECKING:
    from numpy.typing import NDArray

MISSING_WORDS = frozenset({"", "na", "n/a", "nan", "null"})
IMPROVEMENT_WORDS = {"increase": "increase", "decrease": "decrease", "neither": "neither"}
IMPROVEMENT_WORDS["neutral"] = "neither"
DIRECTIONS = ("increase", "decrease", "neither")
KNOWN_COLUMNS = ("value", "series", "period", "denominator", "target", "improvement")
NUMBER_COLUMNS = ("value", "denominator", "target")
#: Every capitalisation of the missing-value words, for pyarrow's exact-match null values.
NULL_CELLS = sorted(
    {"".join(c) for w in MISSING_WORDS for c in itertools.product(*({ch.lower(), ch.upper()} for ch in w))}
)


class InputError(Exception):
    """The input cannot be analysed; the message says why, in plain English."""


@dataclass
class SeriesData:
    """The rows of one series, in time order once :func:`read_series` returns."""

    id: str | None
    periods: list[str | int] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    denominators: list[float] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    target: float | None = None
    target_line: int = 0
    improvement: str | None = None
    improvement_line: int = 0


def read_bytes(source: str, stdin: IO[str]) -> bytes:
    """The whole input as bytes (a file, or standard input for ``-``), without a BOM."""
    if source == "-":
        buffer = getattr(stdin, "buffer", None)
        data: bytes = buffer.read() if buffer is not None else stdin.read().encode("utf-8")
        return data.removeprefix(b"\xef\xbb\xbf")
    try:
        with open(source, "rb") as fh:
            return fh.read().removeprefix(b"\xef\xbb\xbf")
    except FileNotFoundError:
        raise InputError(f"cannot read '{source}': there is no such file") from None
    except IsADirectoryError:
        raise InputError(f"cannot read '{source}': it is a folder, not a file") from None
    except PermissionError:
        raise InputError(f"cannot read '{source}': permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot read '{source}': {exc.strerror or exc}") from None


def decode(data: bytes | mmap.mmap, source: str) -> str:
    try:
        return str(data, "utf-8")
    except UnicodeDecodeError:
        where = "standard input is" if source == "-" else f"cannot read '{source}': it is"
        raise InputError(f"{where} not UTF-8 text") from None


def parse_number(text: str, line: int, column: str) -> float:
    """A finite number, or NaN for a missing-value word."""
    cell = text.strip()
    if cell.lower() in MISSING_WORDS:
        return math.nan
    try:
        number = float(cell)
    except ValueError:
        raise InputError(f"line {line}: column '{column}' has '{cell}', which is not a number") from None
    if not math.isfinite(number):
        raise InputError(f"line {line}: column '{column}' has '{cell}', which is not a finite number")
    return number


def _columns(header: list[str]) -> dict[str, int]:
    names = [h.strip().lower() for h in header]
    index: dict[str, int] = {}
    for i, name in enumerate(names):
        if name in KNOWN_COLUMNS and name in index:
            raise InputError(f"the header names the column '{name}' twice")
        index.setdefault(name, i)
    if "value" not in index:
        found = ", ".join(f"'{h.strip()}'" for h in header if h.strip()) or "none"
        raise InputError(f"the input has no 'value' column (columns found: {found})")
    return index


def _sort_key(periods: list[str | int]) -> Callable[[str | int], Any] | None:
    """Sort numerically if every period is a number, by date if every one is an
    ISO date or date-time; otherwise keep the file's order (None)."""
    texts = [str(p) for p in periods]
    try:
        numeric = all(math.isfinite(float(t)) for t in texts)
    except ValueError:
        numeric = False
    if numeric:
        return lambda p: float(p)
    try:
        stamps = [datetime.fromisoformat(t) for t in texts]
    except ValueError:
        return None
    if len({s.tzinfo is None for s in stamps}) > 1:
        return None  # mixing zone-aware and naive times cannot be ordered
    return lambda p: datetime.fromisoformat(str(p))


def _label(series: SeriesData) -> str:
    return "the data" if series.id is None else f"series '{series.id}'"


def _order(series: SeriesData, has_period: bool) -> None:
    """Put a series' rows in time order, refusing duplicate periods."""
    if not has_period:
        return
    key = _sort_key(series.periods)
    keys = series.periods if key is None else [key(p) for p in series.periods]
    seen: dict[Any, int] = {}
    for k, period, line in zip(keys, series.periods, series.lines, strict=True):
        if k in seen:
            raise InputError(
                f"{_label(series)} has more than one row for period '{period}' (lines {seen[k]} and {line})"
            )
        seen[k] = line
    if key is None:
        return
    order = sorted(range(len(keys)), key=lambda i: keys[i])
    series.periods = [series.periods[i] for i in order]
    series.values = [series.values[i] for i in order]
    series.denominators = [series.denominators[i] for i in order]
    series.lines = [series.lines[i] for i in order]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _cell(row: list[str], i: int | None) -> str:
    return row[i] if i is not None and i < len(row) else ""


def read_series(text: str) -> tuple[list[SeriesData], bool]:
    """Parse CSV text into series (in order of first appearance).

    Returns the series and whether the input has a ``period`` column.
    """
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader, None)
        if header is None or not any(h.strip() for h in header):
            raise InputError("the input is empty: expected a header row with a 'value' column")
        col = _columns(header)
        has_period = "period" in col
        by_id: dict[str | None, SeriesData] = {}
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise InputError(
                    f"line {line} has {_count(len(row), 'cell')} but the header has "
                    f"{_count(len(header), 'column')}"
                )
            sid: str | None = None
            if "series" in col:
                sid = _cell(row, col["series"]).strip()
                if not sid:
                    raise InputError(f"line {line}: column 'series' is empty")
            series = by_id.setdefault(sid, SeriesData(sid))
            value = parse_number(_cell(row, col["value"]), line, "value")
            period: str | int = len(series.values) + 1
            if has_period:
                period = _cell(row, col["period"]).strip()
                if not period:
                    raise InputError(f"line {line}: column 'period' is empty")
            denominator = math.nan
            if "denominator" in col:
                denominator = parse_number(_cell(row, col["denominator"]), line, "denominator")
            series.values.append(value)
            series.periods.append(period)
            series.denominators.append(denominator)
            series.lines.append(line)
            _read_series_options(series, row, col, line)
    except csv.Error as exc:
        raise InputError(f"line {reader.line_num}: the CSV is malformed ({exc})") from None
    all_series = list(by_id.values())
    for series in all_series:
        _order(series, has_period)
    return all_series, has_period


def _read_series_options(series: SeriesData, row: list[str], col: dict[str, int], line: int) -> None:
    if "target" in col:
        target = parse_number(_cell(row, col["target"]), line, "target")
        if not math.isnan(target):
            if series.target is not None and target != series.target:
                raise InputError(
                    f"{_label(series)} has more than one target "
                    f"({series.target:g} on line {series.target_line}, {target:g} on line {line})"
                )
            series.target, series.target_line = target, line
    if "improvement" in col:
        word = _cell(row, col["improvement"]).strip().lower()
        if word:
            if word not in IMPROVEMENT_WORDS:
                raise InputError(
                    f"line {line}: column 'improvement' has '{word}'; use increase, decrease or neither"
                )
            direction = IMPROVEMENT_WORDS[word]
            if series.improvement is not None and direction != series.improvement:
                raise InputError(
                    f"{_label(series)} has more than one improvement direction "
                    f"({series.improvement} on line {series.improvement_line}, "
                    f"{direction} on line {line})"
                )
            series.improvement, series.improvement_line = direction, line


@dataclass(frozen=True, slots=True)
class SeriesTable:
    """Every series' points, series after series (in order of first appearance),
    each series in time order."""

    ids: list[str | None]  # per series; [None] without a series column
    counts: IntArray  # points per series
    values: FloatArray  # per point, NaN for missing
    denominators: FloatArray  # per point, NaN for missing or without the column
    rows: IntArray  # per point: where it came from, for ``line_of``
    period_names: list[str] | None  # the distinct period labels; None without a period column
    period_codes: IntArray  # per point: index into period_names
    targets: FloatArray  # per series, NaN for none
    improvements: list[str | None]  # per series
    line_of: Callable[[int], int] = field(repr=False, compare=False)  # a point's row -> line

    @property
    def n_series(self) -> int:
        return len(self.ids)

    def positions(self) -> IntArray:
        """Per point: its index within its series."""
        starts = np.cumsum(self.counts) - self.counts
        return np.arange(int(self.counts.sum())) - np.repeat(starts, self.counts)

    def periods(self, i: int) -> list[str | int]:
        """The period labels of series ``i`` (1, 2, 3… without a period column)."""
        start = int(self.counts[:i].sum())
        n = int(self.counts[i])
        if self.period_names is None:
            return list(range(1, n + 1))
        return [self.period_names[c] for c in self.period_codes[start : start + n].tolist()]


def read_table(data: bytes | mmap.mmap, source: str = "-") -> SeriesTable:
    """Parse CSV bytes (UTF-8, no BOM) into a :class:`SeriesTable`; ``source``
    names the input in messages."""
    # The largest byte says whether it is all ASCII, without a temporary copy of the file.
    is_ascii = (
        data.isascii() if isinstance(data, bytes) else int(np.frombuffer(data, np.uint8).max(initial=0)) < 128
    )
    if not is_ascii:  # ASCII is UTF-8 already; only other text needs checking
        decode(data, source)
    fast = _read_fast(data)
    return fast if fast is not None else _read_exact(decode(data, source))


def read_input(source: str, stdin: IO[str]) -> SeriesTable:
    """Read and parse a file, or standard input for ``-``."""
    mapped = _map(source)
    return read_table(read_bytes(source, stdin) if mapped is None else mapped, source)


def _map(source: str) -> mmap.mmap | None:
    """A file mapped into memory rather than read: the pages come straight from
    the page cache, without copying 40 MB into a new bytes object.  None where
    mapping does not apply (standard input, an empty file, a byte-order mark,
    an error that ``read_bytes`` will report)."""
    if source == "-":
        return None
    try:
        with open(source, "rb") as fh:
            mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    if mapped[:3] == b"\xef\xbb\xbf":
        return None
    return mapped


def _read_exact(text: str) -> SeriesTable:
    all_series, has_period = read_series(text)
    names: dict[str, int] = {}
    codes: list[int] = []
    if has_period:
        for s in all_series:
            codes.extend(names.setdefault(str(p), len(names)) for p in s.periods)
    lines = [line for s in all_series for line in s.lines]
    return SeriesTable(
        ids=[s.id for s in all_series],
        counts=np.array([len(s.values) for s in all_series], dtype=np.int64),
        values=np.array([v for s in all_series for v in s.values], dtype=np.float64),
        denominators=np.array([d for s in all_series for d in s.denominators], dtype=np.float64),
        rows=np.array(lines, dtype=np.int64),
        period_names=list(names) if has_period else None,
        period_codes=np.array(codes, dtype=np.int64),
        targets=np.array([math.nan if s.target is None else s.target for s in all_series], dtype=np.float64),
        improvements=[s.improvement for s in all_series],
        line_of=lambda line: line,
    )


def _line_finder(data: bytes | mmap.mmap) -> Callable[[int], int]:
    """Data row (0-based, as pyarrow counts them: empty lines skipped) -> line number.
    Only error messages need it, so the file is re-read only then."""
    found: list[int] = []

    def line_of(row: int) -> int:
        if not found:
            reader = csv.reader(io.StringIO(str(data, "utf-8")))
            next(reader, None)
            found.extend(reader.line_num for record in reader if record)
        return found[row]

    return line_of


def _rank(keys: Sequence[Any]) -> IntArray:
    """Dense ranks of sortable keys (equal keys share a rank)."""
    distinct = sorted(set(keys))
    where = {k: i for i, k in enumerate(distinct)}
    return np.array([where[k] for k in keys], dtype=np.int64)


def _stable_order(key: IntArray) -> IntArray | None:
    """Indices that sort ``key`` stably, or None when it is in order already (a file
    already in order costs one pass, and no row is moved)."""
    if key.size < 2 or bool((key[1:] >= key[:-1]).all()):
        return None
    return np.argsort(key, kind="stable")


def _take(a: NDArray[Any], order: IntArray | None) -> NDArray[Any]:
    """``a`` in ``order`` (None: as it is)."""
    return a if order is None else a[order]


def _then(first: IntArray | None, second: IntArray | None) -> IntArray | None:
    """The order ``first``, then ``second`` applied to its result."""
    if first is None or second is None:
        return second if first is None else first
    return first[second]


def _period_keys(names: list[str]) -> tuple[IntArray, IntArray, CodeArray]:
    """For each distinct period: rank as a number, rank as a date (aware ones in
    UTC), and its kind: 0 number, 1 naive date, 2 zone-aware date, 3 neither."""
    number: list[float] = []
    stamps: list[datetime | None] = []
    for name in names:
        try:
            x = float(name)
        except ValueError:
            x = math.nan
        stamp = None
        if not math.isfinite(x):
            x = math.nan
            with contextlib.suppress(ValueError):
                stamp = datetime.fromisoformat(name)
        number.append(x)
        stamps.append(stamp)
    kind = np.array(
        [
            0 if not math.isnan(x) else 3 if s is None else 2 if s.tzinfo else 1
            for x, s in zip(number, stamps, strict=True)
        ],
        dtype=np.int8,
    )
    number_rank = np.zeros(len(names), dtype=np.int64)
    date_rank = np.zeros(len(names), dtype=np.int64)
    is_number = kind == 0
    number_rank[is_number] = _rank([number[i] for i in np.flatnonzero(is_number)])
    for k in (1, 2):
        pick = np.flatnonzero(kind == k)
        utc = [s.astimezone(UTC) for i in pick if (s := stamps[i]) is not None]
        date_rank[pick] = _rank(utc)
    return number_rank, date_rank, kind


def _time_order(
    names: list[str], codes: IntArray, series: IntArray, starts: IntArray
) -> tuple[bool, IntArray | None]:
    """Whether a series has a period twice (the exact reader names both lines), and the
    order of the (series-grouped) rows by series, then time (None: as they are).

    A series is sorted by number if all its periods are numbers, by date if all
    are ISO dates or date-times (all naive or all zone-aware), otherwise kept in
    file order."""
    number_rank, date_rank, kind = _period_keys(names)
    if kind.size and kind[0] != 3 and bool((kind == kind[0]).all()):
        # Every period a number, or every one a date of one sort: every series sorts by it.
        key = (number_rank if kind[0] == 0 else date_rank)[codes]
        combined = series * (int(key.max()) + 1) + key  # equal exactly where series and key are
        order = _stable_order(combined)
        c = _take(combined, order)
        return bool((c[1:] == c[:-1]).any()), order
    row_kind = kind[codes]
    all_number = np.logical_and.reduceat(row_kind == 0, starts)
    naive = np.logical_and.reduceat(row_kind == 1, starts)
    aware = np.logical_and.reduceat(row_kind == 2, starts)
    by_number, by_date = all_number[series], (naive | aware)[series]
    position = np.arange(codes.size)
    key = np.where(by_number, number_rank[codes], np.where(by_date, date_rank[codes], position))
    width = int(max(key.max(initial=0), 0)) + 1
    order = _stable_order(series * width + key)
    same = _take(np.where(by_number | by_date, key, codes), order)
    s = _take(series, order)
    if by_number.all() or (by_number | by_date).all():
        dup = (s[1:] == s[:-1]) & (same[1:] == same[:-1])
    else:  # file order: a repeated label anywhere in the series is a duplicate
        check = _stable_order(s * (len(names) + 1) + same)
        s, same = _take(s, check), _take(same, check)
        dup = (s[1:] == s[:-1]) & (same[1:] == same[:-1])
    return bool(dup.any()), order


#: Bytes per block of pyarrow's parallel CSV parse: larger than its 1 MiB default, fewer
#: blocks to stitch together (20-30 ms less on a 40 MB file).
CSV_BLOCK = 4 << 20


def _read_fast(data: bytes | mmap.mmap) -> SeriesTable | None:
    """The pyarrow reader, on input already known to be UTF-8; None whenever the exact
    reader must decide."""
    end = data.find(b"\n")
    header_line = (data[:] if end < 0 else data[:end]).decode("utf-8").removesuffix("\r")
    if header_line.count('"') % 2 or not header_line.strip():
        return None  # a quoted line break in the header, or no header
    header = next(csv.reader([header_line]))
    try:
        col = _columns(header)
    except InputError:
        return None

    import pyarrow as pa
    import pyarrow.csv as pacsv

    names = [f"c{i}" for i in range(len(header))]
    known = {name: names[i] for name, i in col.items() if name in KNOWN_COLUMNS}
    text_type = pa.dictionary(pa.int32(), pa.string())  # distinct labels are few
    types = {c: pa.float64() if name in NUMBER_COLUMNS else text_type for name, c in known.items()}
    try:
        table = pacsv.read_csv(
            pa.BufferReader(data),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1, block_size=CSV_BLOCK),
            # A line break can only be inside a value if a quote follows the header (a
            # quoted header, as pyarrow and pandas write, leaves the rows on the fast path).
            parse_options=pacsv.ParseOptions(newlines_in_values=data.find(b'"', max(end, 0)) >= 0),
            convert_options=pacsv.ConvertOptions(
                column_types=types,
                include_columns=list(types),
                null_values=NULL_CELLS,
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                check_utf8=False,  # read_table has checked the whole input already
            ),
        ).unify_dictionaries()
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, ValueError):
        return None  # a row of the wrong width, a cell that is not a number, …
    n = table.num_rows
    if n == 0:
        return None
    numbers: dict[str, FloatArray] = {}
    for name in NUMBER_COLUMNS:
        if name in known:
            numbers[name], finite = float_column(table.column(known[name]))
            if not finite:
                return None
    strings: dict[str, tuple[list[str], IntArray]] = {}
    empty: list[BoolArray] = []  # per text column: which of its distinct labels is empty
    for name, clean in (("series", str.strip), ("period", str.strip), ("improvement", _direction_word)):
        if name in known:
            uniques, codes = strings[name] = dictionary_codes(table.column(known[name]), clean)
            empty.append(np.array([u == "" for u in uniques], dtype=bool))
    # A row empty in every column read; none can be if a text column has no empty label.
    if len(header) > 1 and all(e.any() for e in empty):
        blank = np.ones(n, dtype=bool)
        for name in numbers:
            blank &= np.isnan(numbers[name])
        for e, (_, codes) in zip(empty, strings.values(), strict=True):
            blank &= e[codes]
        if blank.any():
            return None  # blank rows are skipped, "NA" rows are not: the exact reader tells them apart
    for name in ("series", "period"):
        if name in strings and "" in strings[name][0]:
            return None  # an empty series or period: an error with its line

    if "series" in strings:
        ids: list[str | None] = list(strings["series"][0])
        series_of_row = strings["series"][1]
    else:
        ids, series_of_row = [None], np.zeros(n, dtype=np.int64)
    order = _stable_order(series_of_row)
    series = _take(series_of_row, order)
    counts = np.bincount(series, minlength=len(ids)).astype(np.int64)
    starts = np.cumsum(counts) - counts

    period_names: list[str] | None = None
    period_codes = np.zeros(n, dtype=np.int64)
    if "period" in strings:
        period_names, codes = strings["period"]
        twice, within = _time_order(period_names, _take(codes, order), series, starts)
        if twice:
            return None
        order = _then(order, within)
        period_codes = _take(codes, order)

    targets = np.full(len(ids), np.nan)
    if "target" in numbers:
        t = _take(numbers["target"], order)
        low, high = np.fmin.reduceat(t, starts), np.fmax.reduceat(t, starts)
        if bool(np.any((low != high) & ~np.isnan(low))):
            return None  # two targets for one series: the exact reader names both lines
        targets = low
    improvements: list[str | None] = [None] * len(ids)
    if "improvement" in strings:
        words, codes = strings["improvement"]
        if any(w and w not in IMPROVEMENT_WORDS for w in words):
            return None
        word_code = np.array(
            [DIRECTIONS.index(IMPROVEMENT_WORDS[w]) + 1 if w else 0 for w in words], dtype=np.int64
        )
        d = _take(word_code[codes], order)
        high = np.maximum.reduceat(d, starts)
        low = np.minimum.reduceat(np.where(d == 0, len(DIRECTIONS) + 1, d), starts)
        if ((high > 0) & (low != high)).any():
            return None  # two directions for one series
        improvements = [None if h == 0 else DIRECTIONS[h - 1] for h in high.tolist()]

    return SeriesTable(
        ids=ids,
        counts=counts,
        values=_take(numbers["value"], order),
        denominators=_take(numbers["denominator"], order) if "denominator" in numbers else np.full(n, np.nan),
        rows=np.arange(n, dtype=np.int64) if order is None else order.astype(np.int64),
        period_names=period_names,
        period_codes=period_codes,
        targets=targets,
        improvements=improvements,
        line_of=_line_finder(data),
    )


def _direction_word(cell: str) -> str:
    return cell.strip().lower()
