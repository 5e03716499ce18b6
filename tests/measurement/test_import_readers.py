"""The fast columnar CSV reader and the row-by-row reader agree on every file: same rows, same problems."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mobilise.measurement.importing.check import check_file
from mobilise.measurement.importing.mapping import ColumnMapping
from mobilise.measurement.importing.validate import MeasureRef, name_key

MEASURES = [
    MeasureRef(id=1, name="Falls", frequency="month", chart="xmr"),
    MeasureRef(id=2, name="Waits", frequency="week", chart="c"),
    MeasureRef(id=3, name="Screened", frequency="day", chart="p"),
]
BY_NAME = {name_key(m.name): m for m in MEASURES}

NAMES = st.sampled_from(["Falls", " falls ", "WAITS", "Screened", "Fals", "", "  "])
PERIODS = st.sampled_from(
    [
        "01/03/2024",
        "2024-03-04",
        "March 2024",
        "31/02/2024",
        "Mar-24",
        "",
        "2024-W10",
        "13/13/2024",
        "w/c 4/3/24",
    ]
)
NUMBERS = st.one_of(
    st.integers(-50, 10**7).map(str),
    st.floats(-1e6, 1e6, allow_nan=False).map(lambda f: f"{f:.3f}"),
    st.sampled_from(
        ["", " ", "1,234", '"1,234"', "45%", "n/a", "#DIV/0!", "1,5", "£12", " 7 ", "1e3", ".5", "-0"]
    ),
)
ROW = st.tuples(NAMES, PERIODS, NUMBERS, NUMBERS, NUMBERS, st.integers(-1, 1))


def _csv(rows: list[tuple[str, str, str, str, str, int]], crlf: bool) -> str:
    lines = ["Measure,Period,Value,Numerator,Denominator"]
    for name, period, value, numerator, denominator, extra in rows:
        cells = [name, period, value, numerator, denominator]
        cells = cells[:4] if extra < 0 else cells + ["x"] * extra
        lines.append(",".join(cells))
    end = "\r\n" if crlf else "\n"
    return end.join(lines) + end


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(ROW, min_size=0, max_size=30),
    crlf=st.booleans(),
    columns=st.sampled_from(["value", "ratio", "both"]),
    named=st.booleans(),
)
def test_both_readers_give_the_same_answer(rows, crlf, columns, named):
    mapping = ColumnMapping(
        header_row=1,
        period=1,
        value=2 if columns in {"value", "both"} else None,
        numerator=3 if columns in {"ratio", "both"} else None,
        denominator=4 if columns in {"ratio", "both"} else None,
        measure_name=0 if named else None,
    )
    fixed = None if named else MEASURES[2]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.csv"
        path.write_text(_csv(rows, crlf), encoding="utf-8", newline="")
        fast = check_file(path, "csv", mapping, measures=BY_NAME, fixed=fixed, fast=True)
        slow = check_file(path, "csv", mapping, measures=BY_NAME, fixed=fixed, fast=False)
    assert fast.problems == slow.problems
    assert (fast.problem_count, fast.rows_read, fast.skipped_empty) == (
        slow.problem_count,
        slow.rows_read,
        slow.skipped_empty,
    )
    for name in ("measure_ids", "periods", "values", "numerators", "denominators", "row_numbers"):
        assert str(list(getattr(fast.rows, name))) == str(list(getattr(slow.rows, name))), name


def _whole_file_answer(data: bytes, doublequote: bool) -> bool:
    """The definition: every line (the last one too) holds an even number of quotes, every
    carriage return starts a CRLF, and without doubled quotes "" never appears."""
    if data.count(b"\r") != data.count(b"\r\n"):
        return False
    if not doublequote and b'""' in data:
        return False
    return all(line.count(b'"') % 2 == 0 for line in data.split(b"\n"))


@settings(max_examples=300, deadline=None, database=None)
@given(
    text=st.lists(st.sampled_from(['"', "\n", "\r\n", "\r", "a", ",", '""']), max_size=40).map("".join),
    block=st.integers(1, 9),
    doublequote=st.booleans(),
)
def test_the_line_break_check_reads_in_blocks_with_the_whole_file_answer(
    text: str, block: int, doublequote: bool
) -> None:
    """The check streams the file a block at a time; wherever the blocks split a line, a CRLF or
    a doubled quote, it says what reading the whole file at once says."""
    from mobilise.measurement.importing.columnar import no_quoted_line_breaks

    data = text.encode()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.csv"
        path.write_bytes(data)
        assert no_quoted_line_breaks(path, b'"', doublequote, block) == _whole_file_answer(data, doublequote)
