"""The fast (pyarrow) CSV reader agrees with the exact (csv module) reader on
every input: the same table, or the same message naming the same line."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mobilise.spc.csv_input import InputError, SeriesTable, _read_exact, read_table

pytestmark = pytest.mark.filterwarnings("error")

# Cells that exercise every rule: numbers in several spellings, missing words in
# any case, padding, things that are not numbers or not finite.
number_cells = st.one_of(
    st.integers(-5, 60).map(str),
    st.floats(-1e6, 1e6, allow_nan=False).map(repr),
    st.sampled_from(
        ["", "NA", "na", "N/a", "NaN", "nan", "NULL", "null", " 3", "4 ", "+2", "1e3", ".5", "5."]
    ),
    st.sampled_from(["x", "1,5", "inf", "-inf", "1_0", "-nan", "  ", "0x10"]),
)
series_cells = st.sampled_from(["A", "B", " A", "A ", "C", "", "a,b", 'q"x', "Ünïcode", "multi\nline"])
period_cells = st.one_of(
    st.integers(1, 12).map(str),
    st.sampled_from(["1.0", "2.5", "10", "", " 3"]),
    st.sampled_from(["2024-01-01", "2024-01-08", "2024-02-01", "2024-01-01T00:00", "2024-01-01T00:00+01:00"]),
    st.sampled_from(["Jan", "Feb", "Mar", "week 1", "week 2"]),
)
improvement_cells = st.sampled_from(["", "increase", "Decrease", " neither ", "neutral", "up"])
# The same columns with only cells a careful export would hold, so that most
# files take the fast path and its sorting and per-series checks are exercised.
good_numbers = st.one_of(st.integers(0, 60).map(str), st.sampled_from(["", "NA", "2.5", "1e1"]))
CLEAN = {
    "value": good_numbers,
    "series": st.sampled_from(["A", "B", "C", " A", "D,E"]),
    "period": st.one_of(
        st.integers(1, 40).map(str),
        st.integers(1, 28).map(lambda d: f"2024-02-{d:02d}"),
        st.sampled_from(["Jan", "Feb", "Mar", "Apr"]),
    ),
    "denominator": good_numbers,
    "target": st.sampled_from(["", "5"]),
    "improvement": st.sampled_from(["", "decrease"]),
    "note": st.sampled_from(["", "hello"]),
}
COLUMNS = {
    "value": number_cells,
    "series": series_cells,
    "period": period_cells,
    "denominator": number_cells,
    "target": st.one_of(st.just(""), st.sampled_from(["5", "7", "NA"])),
    "improvement": improvement_cells,
    "note": st.sampled_from(["", "hello", "x,y"]),
}


def quote(cell: str) -> str:
    if any(ch in cell for ch in ',"\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    names = draw(
        st.lists(st.sampled_from(list(COLUMNS)), min_size=1, max_size=4, unique=True).filter(
            lambda c: "value" in c
        )
    )
    header = [draw(st.sampled_from([n, n.upper(), n.title(), f" {n}"])) for n in names]
    clean = draw(st.booleans())
    cells_of = CLEAN if clean else COLUMNS
    # Sometimes a row of the wrong width, a row of empty cells, blank lines or CRLF.
    lines = [",".join(header)]
    for _ in range(draw(st.integers(0, 30 if clean else 12))):
        cells = [quote(draw(cells_of[n])) for n in names]
        shape = draw(st.integers(0, 300 if clean else 30))
        if shape == 0:
            cells = cells[:-1]
        elif shape == 1:
            cells.append("extra")
        elif shape == 2:
            cells = [""] * len(cells)
        lines.append(",".join(cells))
        if draw(st.integers(0, 20)) == 0:
            lines.append("")
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return (newline.join(lines) + newline).encode("utf-8")


PERIOD_POOLS = [
    [str(i) for i in range(1, 60)],
    [f"{i}.5" for i in range(60)],
    [f"2024-{m:02d}-{d:02d}" for m in range(1, 13) for d in (1, 15)],
    [f"2024-03-01T{h:02d}:00+0{h % 3}:00" for h in range(24)],
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug"],
]


@st.composite
def regular_files(draw: st.DrawFn) -> bytes:
    """Files a careful export would write: unique periods per series (of one kind
    or, now and then, mixed), rows in any order, the odd missing value."""
    n_series = draw(st.integers(1, 4))
    with_series = n_series > 1 or draw(st.booleans())
    with_period = draw(st.booleans())
    extras = draw(st.lists(st.sampled_from(["denominator", "target", "improvement", "note"]), unique=True))
    rows = []
    for s in range(n_series):
        pool = draw(st.sampled_from(PERIOD_POOLS))
        if draw(st.integers(0, 5)) == 0:
            pool = pool + draw(st.sampled_from(PERIOD_POOLS))[:3]
        periods = draw(st.lists(st.sampled_from(pool), unique=True, min_size=1, max_size=len(pool)))
        target = draw(st.sampled_from(["", "5", "7"]))
        direction = draw(st.sampled_from(["", "decrease", "Increase"]))
        for p in periods:
            cells = {
                "series": f"S{s}" if s else " S0 " if draw(st.booleans()) else "S0",
                "period": p,
                "value": draw(st.one_of(st.integers(0, 40).map(str), st.sampled_from(["", "na", "2.5"]))),
                "denominator": draw(st.sampled_from(["40", "50", "", "NA"])),
                "target": target if draw(st.booleans()) else "",
                "improvement": direction if draw(st.booleans()) else "",
                "note": "a note",
            }
            rows.append(cells)
    if draw(st.booleans()):
        rows = draw(st.permutations(rows))
    names = ["value", *(["series"] if with_series else []), *(["period"] if with_period else []), *extras]
    lines = [",".join(names)] + [",".join(r[n] for n in names) for r in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def same_tables(a: SeriesTable, b: SeriesTable) -> None:
    assert a.ids == b.ids
    assert a.counts.tolist() == b.counts.tolist()
    assert np.array_equal(a.values, b.values, equal_nan=True)
    assert np.array_equal(a.denominators, b.denominators, equal_nan=True)
    assert [a.periods(i) for i in range(a.n_series)] == [b.periods(i) for i in range(b.n_series)]
    assert np.array_equal(a.targets, b.targets, equal_nan=True)
    assert a.improvements == b.improvements
    assert [a.line_of(int(r)) for r in a.rows] == [b.line_of(int(r)) for r in b.rows]


@settings(max_examples=400, deadline=None, database=None)
@given(st.one_of(csv_files(), regular_files()))
def test_fast_reader_agrees_with_the_exact_reader(data: bytes) -> None:
    try:
        exact = _read_exact(data.decode("utf-8"))
    except InputError as exc:
        with pytest.raises(InputError) as got:
            read_table(data)
        assert str(got.value) == str(exc)
        return
    same_tables(read_table(data), exact)


def test_a_large_regular_file_takes_the_fast_path() -> None:
    """Regular files never fall back to the row-by-row reader."""
    lines = ["series,period,value,denominator"]
    lines += [f"S{s},2024-{m:02d}-01,{s * m % 7},{10 + m}" for s in range(50) for m in range(1, 13)]
    lines.insert(5, "S0,2024-12-31,NA,")
    table = read_table(("\n".join(lines) + "\n").encode())
    assert table.line_of(0) == 2  # row numbers from pyarrow map back to lines
    assert table.periods(0)[-2:] == ["2024-12-01", "2024-12-31"]
    assert math.isnan(table.values[12])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("value\n1\n2,3\n", "line 3 has 2 cells but the header has 1 column"),
        ("series,value\nA,1\n\nA\n", "line 4 has 1 cell but the header has 2 columns"),
        ("series,value\nA,1\nA,abc\n", "line 3: column 'value' has 'abc', which is not a number"),
        ('series,value\n"A\nB",1\nA,2,9\n', "line 4 has 3 cells"),
        (
            "period,value\n2024-01-01,1\n2024-01-01 ,2\n",
            "more than one row for period '2024-01-01' (lines 2 and 3)",
        ),
    ],
)
def test_errors_name_the_line(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_table(text.encode())


def test_non_utf8_input_is_refused() -> None:
    with pytest.raises(InputError, match="not UTF-8 text"):
        read_table(b"value\n1\n\xff\n", "data.csv")
