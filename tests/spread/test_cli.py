"""The ``mobilise-spread`` command: the same numbers as the engine, and errors with their line."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mobilise.spread import forecast_batch, funnel
from mobilise.spread.cli import (
    InputError,
    build_parser,
    curves_exact,
    curves_fast,
    main,
    read_table,
    text_columns,
)
from mobilise.spread.summary import num, rounded


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_curve_gives_the_engine_numbers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    y = [0, 1, 2, 4, 7, 11, 16, 20, 24]
    path = tmp_path / "curve.csv"
    path.write_text("period,adopted\n" + "".join(f"{t},{v}\n" for t, v in enumerate(y)))
    code, out, _ = run(capsys, "curve", str(path), "--in-scope", "40")
    assert code == 0
    got = json.loads(out)["curves"][0]
    fc = forecast_batch(np.arange(9.0), np.array(y, float), 40)
    model = fc.model_name(0)
    assert got["model"] == model
    assert got["fits"]["logistic"]["rate"] == pytest.approx(fc.fits["logistic"].params[0, 0], rel=1e-9)
    assert got["reach_50"]["period"] == pytest.approx(fc.t50[0], rel=1e-5)
    assert len(got["band"]) == fc.grid.size


def test_many_practices_and_a_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = ["practice,period,adopted,in_scope,plan"]
    rows += [f"A,{t},{v},20,{min(20, 2 * t + 4)}" for t, v in enumerate([0, 0, 1, 1, 2, 2, 3])]
    rows += [f"B,{t},0,10," for t in range(3)]
    path = tmp_path / "many.csv"
    path.write_text("\n".join(rows) + "\n")
    code, out, _ = run(capsys, "curve", str(path), "--no-band")
    assert code == 0
    a, b = json.loads(out)["curves"]
    assert a["practice"] == "A" and a["plan"] == "behind plan"
    assert b["status"] == "too_few_points" and b["message"].startswith("Not enough data to forecast")
    assert b["model"] is None


def test_errors_name_the_line_and_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("period,adopted\n0,0\n1,two\n")
    code, _, err = run(capsys, "curve", str(path), "--in-scope", "5")
    assert code == 2 and "line 3, column 'adopted'" in err
    path.write_text("period,adopted\n0,0\n1,2,3\n")
    code, _, err = run(capsys, "curve", str(path), "--in-scope", "5")
    assert code == 2 and "line 3" in err
    path.write_text("period,adopted\n0,0\n1,9\n")
    code, _, err = run(capsys, "curve", str(path), "--in-scope", "5")
    assert code == 2 and "more sites adopted than the 5 in scope" in err


def test_funnel_gives_the_engine_numbers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "sites.csv"
    path.write_text("site,events,denominator\nA,30,100\nB,80,100\nC,10,100\nD,300,1000\n")
    code, out, _ = run(capsys, "funnel", str(path))
    assert code == 0
    got = json.loads(out)
    ref = funnel([30, 80, 10, 300], [100, 100, 100, 1000])
    assert got["phi"] == pytest.approx(ref.phi)
    assert [s["site"] for s in got["sites"]] == ["A", "B", "C", "D"]
    assert got["sites"][1]["upper95"] == pytest.approx(ref.upper95[1])


CELLS = st.sampled_from(
    ["0", "1", "2", "3", "7", "12", " 4", "5 ", "2.5", "1e1", "+3", "-1", "", "NA", "n/a"]
)
ODD_CELLS = st.sampled_from(["NaN", "null", " na ", "inf", "-nan", "1_000", "two", '"6"', "-0", ".5", "5."])


@st.composite
def adoption_files(draw: st.DrawFn) -> tuple[bytes, int | None]:
    """Adoption CSVs as people write them: practices interleaved, periods out of order, numbers
    with spaces and signs, missing cells in several spellings, a scope per row or none; then, in
    most files, a few cells spoilt (a period twice, a word, infinity, a negative count...)."""
    columns = ["period", "adopted"]
    if draw(st.booleans()):
        columns.insert(0, "practice")
    for extra in ("in_scope", "plan"):
        if draw(st.booleans()):
            columns.append(extra)
    columns = draw(st.permutations(columns))
    names = draw(
        st.lists(
            st.sampled_from(["A", "B", " A", "Ward 3", "", "NA", "c"]),
            min_size=1,
            max_size=4,
            unique_by=lambda n: None if n.strip().lower() in ("", "na") else n.strip(),
        )
    )
    if "practice" not in columns:
        names = names[:1]  # one curve: a second would repeat its periods
    scope = draw(st.sampled_from(["40", " 40", "12"]))
    rows = []
    for name in names:
        for period in draw(st.permutations(range(draw(st.integers(1, 8))))):
            cells = {
                "practice": name,
                "period": draw(st.sampled_from([str(period), f" {period}", f"{period}.0", f"+{period}"])),
                "adopted": draw(st.sampled_from(["0", "1", "2", " 3", "4.0", "1e0"])),
                "in_scope": draw(st.sampled_from([scope, scope, scope, "", "NA", "n/a"])),
                "plan": draw(st.sampled_from(["", "5", "NaN", " 6 "])),
            }
            rows.append([cells[c] for c in columns])
    rows = draw(st.permutations(rows))
    for _ in range(draw(st.sampled_from([0, 0, 1, 2]))):
        r, c = draw(st.integers(0, len(rows) - 1)), draw(st.integers(0, len(columns) - 1))
        rows[r][c] = draw(st.one_of(CELLS, ODD_CELLS))
    text = ",".join(columns) + "\n" + "\n".join(",".join(row) for row in rows) + "\n"
    return text.encode(), draw(st.sampled_from([None, 3, 12, 40]))


@settings(max_examples=300, deadline=None, database=None)
@given(adoption_files())
def test_the_column_reader_agrees_with_the_cell_reader(case: tuple[bytes, int | None]) -> None:
    """Whatever the file, the curves read column by column are those read cell by cell, and
    wherever the cell-by-cell reader finds a problem (which it names with its line) the column
    reader hands the file over to it rather than reading anything."""
    data, in_scope = case
    args = build_parser().parse_args(["curve", "-", *(["--in-scope", str(in_scope)] if in_scope else [])])
    fast = curves_fast(args, data)
    try:
        exact = curves_exact(args, text_columns(read_table(data)))
    except InputError:
        assert fast is None
        return
    if fast is None:
        return  # handed over: allowed, the cell reader's answer stands
    assert fast[0] == exact[0]
    for ours, theirs in zip(fast[1:], exact[1:], strict=True):
        np.testing.assert_array_equal(ours, theirs)


def test_a_region_of_practices_reads_by_columns() -> None:
    """An ordinary file (10 practices, tidy numbers, a scope column) takes the column reader."""
    rows = [f"P{p},{t},{min(t, 20)},20" for p in range(10) for t in range(24)]
    data = ("practice,period,adopted,in_scope\n" + "\n".join(rows) + "\n").encode()
    args = build_parser().parse_args(["curve", "-"])
    assert curves_fast(args, data) is not None


@settings(max_examples=500, deadline=None, database=None)
@given(
    st.lists(st.floats(allow_nan=True, allow_infinity=True, width=64), min_size=1, max_size=20),
    st.sampled_from([6, 10]),
)
def test_numbers_are_rounded_for_a_whole_column_as_one_at_a_time(values: list[float], digits: int) -> None:
    """The command rounds whole columns at once; each number is the one rounded alone (to the same
    significant figures), or next to it in the last figure where it sat on a tie, and prints as
    the decimal it stands for."""
    got = rounded(np.array(values), digits)
    for value, ours in zip(values, got, strict=True):
        alone = num(value, digits)
        if alone is None or ours is None:
            assert ours is alone
            continue
        assert float(f"{ours:.{digits}g}") == ours  # no stray figures: 0.3, never 0.30000000000000004
        if ours != alone:
            unit = 10.0 ** (math.floor(math.log10(abs(alone))) - digits + 1)
            assert abs(ours - alone) <= unit * 1.000001
