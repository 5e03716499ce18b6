"""The fast reader for plain CSV files: pyarrow parses the columns, each distinct period and
measure name is read once, plain numbers convert in bulk. Any row that is not plainly good goes
through the same ``RowChecker`` as the row-by-row reader, so both readers give the same answer
(the tests hold them to it). Returns None for a file it does not handle; the caller then reads
row by row."""

from __future__ import annotations

import csv
import functools
import math
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from .. import periods
from .dates import parse_period
from .mapping import RATIO_CHARTS, ColumnMapping
from .problems import CellError
from .validate import (
    COUNT_CHARTS,
    PROPORTION_CHARTS,
    MeasureRef,
    ParsedRows,
    RowChecker,
    Validation,
    name_key,
)
from .values import is_blank, parse_number

# Plain decimals, which arrow converts exactly as Python's float() does; anything else (thousands
# commas, percentages, spaces, exponents) is read by ``parse_number`` one distinct value at a time.
BLOCK_BYTES = 2 << 20
QUOTE_CHECK_BYTES = 1 << 20
NUMBER_NAMES = ("value", "numerator", "denominator")

PLAIN = r"^-?[0-9]{1,15}(\.[0-9]{1,15})?$"

Floats = np.ndarray[Any, np.dtype[np.float64]]
Flags = np.ndarray[Any, np.dtype[np.bool_]]


@functools.cache
def use_returning_memory_pool() -> None:
    """Have Arrow allocate from jemalloc, told to hand freed pages back at once.

    Arrow's default allocator keeps what an import freed for later use, so the memory of one
    large import (or of a refused file checked just before) stays with the process and the next
    one adds to it: a 1,000,000-row import then peaks about 50 MB higher. Process-wide, once;
    where Arrow was built without jemalloc, the default stays."""
    try:
        pool = pa.jemalloc_memory_pool()
    except NotImplementedError:  # pragma: no cover - every Linux and macOS wheel has it
        return
    pa.set_memory_pool(pool)
    pa.jemalloc_set_decay_ms(0)


def no_quoted_line_breaks(
    path: Path, quote: bytes, doublequote: bool, block_bytes: int = QUOTE_CHECK_BYTES
) -> bool:
    """Every line holds an even number of quotes, so no value runs over a line end and each
    line is one row: row numbers can be counted from lines. Without doubled quotes the two
    readers could read ``""`` differently, so then it may not appear at all.

    Read a block at a time (a line may run across blocks), so the check never holds the whole
    file: a large read freed again leaves the allocator holding memory for the rest of the import."""
    carriage = crlf = 0
    odd = False  # the line running over from the previous block has an odd number of quotes
    previous_end = b""
    with path.open("rb") as handle:
        while block := handle.read(block_bytes):
            carriage += block.count(b"\r")
            crlf += block.count(b"\r\n") + (previous_end == b"\r" and block[:1] == b"\n")
            if not doublequote and (b'""' in block or previous_end + block[:1] == b'""'):
                return False
            previous_end = block[-1:]
            if quote not in block:
                if odd and b"\n" in block:
                    return False
                continue
            raw = np.frombuffer(block, dtype=np.uint8)
            quotes = np.flatnonzero(raw == quote[0])
            ends = np.flatnonzero(raw == 10)
            before = np.searchsorted(quotes, ends)
            per_line = np.diff(before, prepend=0) % 2
            if ends.size:
                if (per_line[0] + odd) % 2 or per_line[1:].any():
                    return False
                odd = bool((quotes.size - before[-1]) % 2)
            else:
                odd = bool((odd + quotes.size) % 2)
    return carriage == crlf and not odd


def _numbers(column: pa.Array, what: str) -> tuple[Floats, Flags]:
    """Each cell as a number (NaN when empty) and whether it could not be read."""
    plain = pc.match_substring_regex(column, PLAIN).to_numpy(zero_copy_only=False)
    out = np.full(len(column), math.nan)
    if plain.any():
        out[plain] = pc.cast(pc.filter(column, pa.array(plain)), pa.float64()).to_numpy()
    bad = np.zeros(len(column), dtype=bool)
    filled = pc.greater(pc.binary_length(column), 0).to_numpy(zero_copy_only=False)
    rest = np.flatnonzero(~plain & filled)
    if rest.size:
        encoded = pc.dictionary_encode(column.take(pa.array(rest)))
        results = np.full(len(encoded.dictionary) + 1, math.nan)
        failed = np.zeros(len(encoded.dictionary) + 1, dtype=bool)
        for k, raw in enumerate(encoded.dictionary.to_pylist()):
            try:
                number = parse_number(raw, percent_ok=what == "value", what=what)
            except CellError:
                failed[k] = True
            else:
                results[k] = math.nan if number is None else number
        which = encoded.indices.to_numpy(zero_copy_only=False)
        out[rest] = results[which]
        bad[rest] = failed[which]
    return out, bad


def check_csv_fast(
    path: Path,
    encoding: str,
    dialect: Any,
    mapping: ColumnMapping,
    names: Sequence[str],
    *,
    measures: Mapping[str, MeasureRef],
    fixed: MeasureRef | None,
    max_rows: int,
    max_problems: int,
    progress: Callable[[int], None] | None = None,
) -> Validation | None:
    delimiter, quote = dialect.delimiter, dialect.quotechar
    if (
        quote != '"'
        or dialect.escapechar
        or dialect.skipinitialspace
        or len(delimiter) != 1
        or encoding not in {"utf-8", "utf-8-sig"}
    ):
        return None
    use_returning_memory_pool()
    if not no_quoted_line_breaks(path, quote.encode(), bool(dialect.doublequote)):
        return None
    checker = RowChecker(mapping, names, measures=measures, fixed=fixed, max_problems=max_problems)
    width = len(names)
    odd: list[tuple[int, str]] = []

    def keep_odd(row: Any) -> str:
        odd.append((row.number, row.text))
        return "skip"

    used = sorted(checker.used)
    if any(i >= width for i in used):
        return None
    batches = _Batches(mapping, checker, measures, fixed, width, dialect)
    first = mapping.header_row + 1
    next_number = first
    rows_read = 0
    try:
        # Streamed a block at a time, so memory holds one block and the good rows, not the file.
        reader = pa_csv.open_csv(
            str(path),
            read_options=pa_csv.ReadOptions(
                skip_rows=mapping.header_row,
                column_names=[f"c{i}" for i in range(width)],
                use_threads=False,
                encoding="utf8",
                block_size=BLOCK_BYTES,
            ),
            parse_options=pa_csv.ParseOptions(
                delimiter=delimiter,
                quote_char=quote,
                double_quote=True,
                newlines_in_values=False,
                ignore_empty_lines=False,
                invalid_row_handler=keep_odd,
            ),
            convert_options=pa_csv.ConvertOptions(
                include_columns=[f"c{i}" for i in used],
                column_types={f"c{i}": pa.string() for i in used},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
        for batch in reader:
            if any(number is None for number, _ in odd):
                return None
            n = batch.num_rows
            rows_read += n
            if rows_read + len(odd) > max_rows:
                return None
            if n == 0:
                continue
            # Rows pyarrow set aside keep their numbers; this block's rows are numbered around them.
            waiting = np.array(sorted(number for number, _ in odd if number >= next_number), dtype=np.int64)
            candidates = np.arange(next_number, next_number + n + waiting.size, dtype=np.int64)
            row_numbers = candidates[~np.isin(candidates, waiting)][:n]
            next_number = int(row_numbers[-1]) + 1
            mine = [item for item in odd if item[0] < next_number and item[0] >= batches.done_before]
            batches.check({i: batch.column(f"c{i}") for i in used}, row_numbers, mine, next_number)
            if progress is not None:
                progress(rows_read + len(odd))
    except (pa.ArrowInvalid, UnicodeDecodeError, ValueError):
        return None
    if any(number is None for number, _ in odd):
        return None
    rows_read += len(odd)
    if rows_read > max_rows:
        return None
    batches.check(
        {}, np.zeros(0, dtype=np.int64), [item for item in odd if item[0] >= batches.done_before], 0
    )
    checker.parsed = batches.parsed
    if progress is not None:
        progress(rows_read)
    return checker.result(rows_read, max_rows)


class _Batches:
    """Checks one streamed block of rows at a time, keeping the good rows in file order."""

    def __init__(
        self,
        mapping: ColumnMapping,
        checker: RowChecker,
        measures: Mapping[str, MeasureRef],
        fixed: MeasureRef | None,
        width: int,
        dialect: Any,
    ) -> None:
        self.mapping, self.checker, self.measures, self.fixed = mapping, checker, measures, fixed
        self.width, self.dialect = width, dialect
        self.parsed = ParsedRows()
        self.done_before = 0  # odd rows numbered below this have been checked
        self.frequencies = sorted(
            {m.frequency for m in [*measures.values(), *([fixed] if fixed else [])]}
        ) or ["day"]
        # Each distinct period text and measure name is read once in the whole file.
        self.period_cache: dict[str, list[int] | None] = {}
        self.ref_cache: dict[str, MeasureRef | None] = {}

    def _period(self, raw: str) -> list[int] | None:
        if raw not in self.period_cache:
            try:
                day = parse_period(raw)
            except CellError:
                self.period_cache[raw] = None
            else:
                self.period_cache[raw] = [periods.normalise(day, f).toordinal() for f in self.frequencies]
        return self.period_cache[raw]

    def _ref(self, raw: str) -> MeasureRef | None:
        if raw not in self.ref_cache:
            self.ref_cache[raw] = None if is_blank(raw) else self.measures.get(name_key(raw))
        return self.ref_cache[raw]

    def check(
        self,
        columns: dict[int, pa.Array],
        row_numbers: np.ndarray[Any, np.dtype[np.int64]],
        odd: list[tuple[int, str]],
        next_number: int,
    ) -> None:
        mapping, checker, width = self.mapping, self.checker, self.width
        n = row_numbers.size
        good = np.zeros(n, dtype=bool)
        slow = np.zeros(n, dtype=bool)
        numbers: dict[str, Floats] = {what: np.full(n, math.nan) for what in NUMBER_NAMES}
        measure_ids = np.zeros(n, dtype=np.int64)
        period_ordinals = np.zeros(n, dtype=np.int64)
        if n:
            blank_used = np.ones(n, dtype=bool)
            for column in columns.values():
                blank_used &= _blank(column)
            cell_errors = np.zeros(n, dtype=bool)
            for what in NUMBER_NAMES:
                index = getattr(mapping, what)
                if index is not None:
                    numbers[what], bad = _numbers(columns[index], what)
                    cell_errors |= bad
            value, numerator, denominator = numbers["value"], numbers["numerator"], numbers["denominator"]
            no_numbers = np.isnan(value) & np.isnan(numerator) & np.isnan(denominator)

            refs: list[MeasureRef | None]
            if mapping.measure_name is None:
                assert self.fixed is not None
                refs, which = [self.fixed], np.zeros(n, dtype=np.int32)
            else:
                encoded = pc.dictionary_encode(columns[mapping.measure_name])
                which = encoded.indices.to_numpy(zero_copy_only=False)
                refs = [self._ref(raw) for raw in encoded.dictionary.to_pylist()]
            other = ~np.array([ref is not None for ref in refs] + [True], dtype=bool)[which]
            measure_ids = np.array([ref.id if ref else 0 for ref in refs] + [0], dtype=np.int64)[which]
            frequency = np.array(
                [self.frequencies.index(ref.frequency) if ref else 0 for ref in refs] + [0], dtype=np.int8
            )[which]
            count_chart = np.array([bool(ref and ref.chart in COUNT_CHARTS) for ref in refs] + [False])[which]
            proportion = np.array([bool(ref and ref.chart in PROPORTION_CHARTS) for ref in refs] + [False])[
                which
            ]

            encoded = pc.dictionary_encode(columns[mapping.period])
            when = encoded.indices.to_numpy(zero_copy_only=False)
            distinct = [self._period(raw) for raw in encoded.dictionary.to_pylist()]
            ordinals = np.zeros((len(self.frequencies), len(distinct) + 1), dtype=np.int64)
            readable = np.zeros(len(distinct) + 1, dtype=bool)
            for k, found in enumerate(distinct):
                if found is not None:
                    readable[k] = True
                    ordinals[:, k] = found
            other |= ~readable[when]
            period_ordinals = ordinals[frequency, when]

            if mapping.numerator is not None and mapping.denominator is not None:
                other |= np.isnan(numerator) != np.isnan(denominator)
            else:  # a chart of percentages or rates cannot be drawn from values: checked row by row
                other |= np.array([bool(ref and ref.chart in RATIO_CHARTS) for ref in refs] + [False])[which]
            with np.errstate(invalid="ignore"):
                other |= count_chart & ((numerator < 0) | (denominator < 0))
                other |= proportion & (denominator >= 0) & (denominator < numerator)

            # The row-by-row rules, by the mask: a number that cannot be read is a problem; a row with
            # no numbers is counted as skipped; anything else doubtful is checked row by row.
            filled = ~blank_used
            checker.skipped += int(np.count_nonzero(filled & ~cell_errors & no_numbers))
            slow = filled & (cell_errors | (~no_numbers & other))
            good = filled & ~cell_errors & ~no_numbers & ~other

        pending: list[tuple[int, list[Any]]] = [
            (int(row_numbers[k]), [columns[i][k].as_py() if i in columns else "" for i in range(width)])
            for k in np.flatnonzero(slow).tolist()
        ]
        pending += [(number, next(csv.reader([line], self.dialect), [])) for number, line in odd]
        pending.sort(key=lambda item: item[0])
        checker.parsed = ParsedRows()
        for number, cells in pending:
            checker.check(cells, number)
        if odd:
            self.done_before = max(self.done_before, max(number for number, _ in odd) + 1)
        self.done_before = max(self.done_before, next_number)

        picked = np.flatnonzero(good)
        sources = {
            "measure_ids": measure_ids,
            "periods": period_ordinals,
            "values": numbers["value"],
            "numerators": numbers["numerator"],
            "denominators": numbers["denominator"],
            "row_numbers": row_numbers,
        }
        slow_rows = checker.parsed
        order = None
        if len(slow_rows):  # rows the checker passed go back among the others, in file order
            both = np.concatenate([row_numbers[picked], np.frombuffer(slow_rows.row_numbers, dtype=np.int64)])
            order = np.argsort(both, kind="stable")
        for name, source in sources.items():
            column = source[picked]
            if order is not None:
                extra = np.frombuffer(getattr(slow_rows, name), dtype=column.dtype)
                column = np.concatenate([column, extra])[order]
            getattr(self.parsed, name).frombytes(memoryview(np.ascontiguousarray(column).data).cast("B"))
        checker.parsed = ParsedRows()


def _blank(column: pa.Array) -> Flags:
    """Empty or only spaces, exactly as ``is_blank`` says: anything with a visible ASCII character
    is filled; the few other distinct values are asked one by one."""
    visible = pc.match_substring_regex(column, "[!-~]").to_numpy(zero_copy_only=False)
    blank = np.zeros(len(column), dtype=bool)
    unsure = np.flatnonzero(~visible)
    if unsure.size:
        encoded = pc.dictionary_encode(column.take(pa.array(unsure)))
        answers = np.array([is_blank(raw) for raw in encoded.dictionary.to_pylist()] + [False])
        blank[unsure] = answers[encoded.indices.to_numpy(zero_copy_only=False)]
    return blank
