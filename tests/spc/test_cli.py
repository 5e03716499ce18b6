"""The ``mobilise-spc`` command: JSON/CSV shape, nulls, stdin, options and errors."""

from __future__ import annotations

import csv
import io
import json
import math
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mobilise.spc import analyse
from mobilise.spc.cli import main

pytestmark = pytest.mark.filterwarnings("error")

REPO = Path(__file__).resolve().parents[2]
POINT_KEYS = {"period", "value", "centre", "lower", "upper", "special_cause_type", "point_type"}
RUNS_KEYS = {
    "n_useful",
    "longest_run",
    "longest_run_max",
    "n_crossings",
    "n_crossings_min",
    "signal",
}


def write(tmp_path: Path, text: str, name: str = "data.csv", bom: bool = False) -> str:
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return str(path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


def rows(series: dict[str, Any]) -> list[dict[str, Any]]:
    """A series' points as one dict per period (the JSON holds one array per column)."""
    columns = series["points"]
    assert set(columns) == POINT_KEYS
    assert len({len(v) for v in columns.values()}) == 1  # every column has one entry per period
    return [dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)]


SIMPLE = "period,value\n2024-01-01,10\n2024-01-08,12\n2024-01-15,\n2024-01-22,11\n"


def test_json_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = run_json(capsys, write(tmp_path, SIMPLE))
    assert set(doc) == {"series"}
    (series,) = doc["series"]
    assert set(series) == {"id", "chart", "points", "variation_icon", "assurance_icon", "runs"}
    assert series["id"] is None and series["chart"] == "xmr"
    assert set(series["points"]) == POINT_KEYS
    assert set(series["runs"]) == RUNS_KEYS
    assert series["points"]["period"] == [
        "2024-01-01",
        "2024-01-08",
        "2024-01-15",
        "2024-01-22",
    ]
    assert series["variation_icon"] == "common_cause"
    assert series["assurance_icon"] is None


def test_missing_values_are_null_never_nan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, write(tmp_path, "value\n5\n"))  # one point: no limits
    assert code == 0
    assert "NaN" not in out and "Infinity" not in out
    (point,) = rows(json.loads(out)["series"][0])
    assert point["lower"] is None and point["upper"] is None
    doc = run_json(capsys, write(tmp_path, SIMPLE))
    gap = rows(doc["series"][0])[2]
    assert gap["value"] is None and gap["point_type"] == "common_cause"
    assert gap["centre"] == 11.0  # the phase's centre line still applies


def test_standard_input_with_bom(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    data = "\ufeffValue,Series\n1,a\n2,a\n3,b\n".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    doc = run_json(capsys, "-")
    assert [s["id"] for s in doc["series"]] == ["a", "b"]
    assert doc["series"][0]["points"]["period"] == [1, 2]


def test_file_with_bom(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = run_json(capsys, write(tmp_path, "value\n1\n2\n", bom=True))
    assert len(doc["series"][0]["points"]["value"]) == 2


def test_many_series_sorted_by_period(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "series,period,value\nB,10,9\nA,2,5\nB,2,7\nA,1,4\nB,1,5\n"
    doc = run_json(capsys, write(tmp_path, text))
    assert [s["id"] for s in doc["series"]] == ["B", "A"]  # order of first appearance
    assert doc["series"][0]["points"]["period"] == ["1", "2", "10"]  # numeric
    assert doc["series"][0]["points"]["value"] == [5.0, 7.0, 9.0]


def test_csv_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, write(tmp_path, SIMPLE), "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == [
        "series",
        "period",
        "value",
        "centre",
        "lower",
        "upper",
        "special_cause_type",
        "point_type",
    ]
    assert len(rows) == 5
    assert rows[3][2] == "" and rows[3][6] == ""  # the missing value: empty cells
    assert rows[3][7] == "common_cause"
    assert float(rows[1][3]) == 11.0


def test_target_improvement_and_per_series_overrides(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "series,value,target,improvement\n"
        + "".join(f"a,{v},,\n" for v in (10, 12, 10, 12, 10, 12))
        + "".join(f"b,{v},0,decrease\n" for v in (10, 12, 10, 12, 10, 12))
    )
    doc = run_json(capsys, write(tmp_path, text), "--target", "20")
    a, b = doc["series"]
    assert a["assurance_icon"] == "consistent_fail"  # 20 above the limits, increase
    assert b["assurance_icon"] == "consistent_fail"  # own target 0 below, decrease


def test_options_change_the_limits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "period,value\n" + "".join(
        f"{i},{v}\n" for i, v in enumerate([10, 12, 11, 13, 40, 12, 11, 10, 12, 11], start=1)
    )
    path = write(tmp_path, text)
    screened = rows(run_json(capsys, path)["series"][0])[0]
    plain = rows(run_json(capsys, path, "--no-screen-outliers")["series"][0])[0]
    assert screened["upper"] == pytest.approx(18.0)
    assert plain["upper"] > 30
    fixed = rows(run_json(capsys, path, "--baseline", "4")["series"][0])
    assert fixed[-1]["centre"] == 11.5
    rebased = rows(run_json(capsys, path, "--rebase-at", "6")["series"][0])
    assert rebased[0]["centre"] == pytest.approx(86 / 5)
    assert rebased[-1]["centre"] == pytest.approx(56 / 5)


def test_p_chart_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "value,denominator\n2,10\n3,20\n5,25\n0,0\n"
    doc = run_json(capsys, write(tmp_path, text), "--chart", "p")
    points = rows(doc["series"][0])
    assert points[0]["value"] == 0.2
    assert points[0]["lower"] == 0.0
    assert points[3]["value"] is None and points[3]["upper"] is None  # zero denominator


def test_overdispersion_note_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [(1000 + 300 * (i % 2), 10_000) for i in range(20)]
    text = "value,denominator\n" + "".join(f"{n},{d}\n" for n, d in rows)
    code, _, err = run(capsys, write(tmp_path, text), "--chart", "p")
    assert code == 0
    assert "too narrow" in err and "--chart pp" in err


def test_run_chart_runs_block(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "value\n" + "1\n" * 9 + "2\n" * 9
    doc = run_json(capsys, write(tmp_path, text), "--chart", "run")
    assert doc["series"][0]["runs"] == {
        "n_useful": 18,
        "longest_run": 9,
        "longest_run_max": 7,
        "n_crossings": 1,
        "n_crossings_min": 5,
        "signal": True,
    }


@pytest.mark.parametrize(
    ("text", "argv", "message"),
    [
        ("period,value\n1,1\n", ["--rebase-at", "7"], "--rebase-at: period '7' is not in the data"),
        ("amount\n1\n", [], "no 'value' column (columns found: 'amount')"),
        ("value\n1\nabc\n", [], "line 3: column 'value' has 'abc', which is not a number"),
        ("value\n1\ninf\n", [], "line 3: column 'value' has 'inf', which is not a finite number"),
        (
            "series,period,value\nA,2024-01,1\nB,2024-01,1\nA,2024-01,2\n",
            [],
            "series 'A' has more than one row for period '2024-01' (lines 2 and 4)",
        ),
        ("period,value\n1,5\n1.0,6\n", [], "more than one row for period '1.0'"),
        ("value\n", [], "no data rows"),
        ("", [], "the input is empty"),
        ("value\n1\n", ["--chart", "p"], "needs a 'denominator' column"),
        ("value,denominator\n-1,5\n", ["--chart", "u"], "line 2: column 'value' is -1"),
        ("value,denominator\n6,5\n", ["--chart", "p"], "line 2: 6 out of 5 is more than 100%"),
        ("value\n1\n", ["--baseline", "1"], "--baseline must be at least 2"),
        ("value\n1\n", ["--target", "x"], "--target must be a number, not 'x'"),
        ("series,value,target\na,1,1\na,2,2\n", [], "series 'a' has more than one target"),
        ("value,improvement\n1,up\n", [], "line 2: column 'improvement' has 'up'"),
        ("value,value\n1,2\n", [], "names the column 'value' twice"),
        ("value\n1,2\n", [], "line 2 has 2 cells but the header has 1 column"),
        ("series,value\na,1\nb\n", [], "line 3 has 1 cell but the header has 2 columns"),
        ("series,value\na,1\nb,2,\n", [], "line 3 has 3 cells but the header has 2 columns"),
    ],
)
def test_errors_exit_2_with_a_plain_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, write(tmp_path, text), *argv)
    assert code == 2
    assert out == ""
    assert err.startswith("mobilise-spc: error: ")
    assert message in err
    assert "Traceback" not in err


def test_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, str(tmp_path / "nope.csv"))
    assert code == 2
    assert "nope.csv': there is no such file" in err


def test_usage_errors_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "x.csv", "--chart", "xbar")
    assert code == 2 and "invalid choice" in err
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "--rebase-at" in out


def test_python_dash_m() -> None:
    """One real process: ``python -m mobilise.spc`` reading standard input."""
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    done = subprocess.run(
        [sys.executable, "-m", "mobilise.spc", "-", "--format", "csv"],
        input="value\n1\n2\n3\n",
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "series,period,value,centre,lower,upper,special_cause_type,point_type"
    assert len(lines) == 4


def test_python_dash_m_leaves_everything_written(tmp_path: Path) -> None:
    """The process ends without tearing down the interpreter: the whole output
    still arrives, on standard output or in the file, and errors keep status 2."""
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    text = "series,value\n" + "".join(f"s{i % 7},{i % 11}\n" for i in range(2000))

    def command(*argv: str, stdin: str = text) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "mobilise.spc", *argv],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            check=False,
            timeout=60,
        )

    done = command("-")
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    assert [len(s["points"]["value"]) for s in printed["series"]] == [286] * 5 + [285] * 2
    target = tmp_path / "out.json"
    done = command("-", "--output", str(target))
    assert done.returncode == 0 and done.stdout == ""
    assert json.loads(target.read_bytes()) == printed
    done = command("-", stdin="value\n1\ntwo\n")
    assert done.returncode == 2
    assert done.stderr == "mobilise-spc: error: line 3: column 'value' has 'two', which is not a number\n"


def test_csv_json_and_parquet_hold_the_same_points(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import pyarrow.parquet as pq

    text = "series,period,value\n" + "".join(
        f'"Ward {s}, north",2024-{m:02d}-01,{"" if (s + m) % 5 == 0 else (s * 7 + m * 3) % 11}\n'
        for s in range(3)
        for m in range(1, 13)
    )
    path = write(tmp_path, text)
    doc = run_json(capsys, path)
    code, out, _ = run(capsys, path, "--format", "csv")
    assert code == 0
    csv_rows = list(csv.DictReader(io.StringIO(out)))
    assert run(capsys, path, "--format", "parquet", "--output", str(tmp_path / "out.parquet"))[0] == 0
    parquet_rows = pq.read_table(tmp_path / "out.parquet").to_pylist()
    json_rows = [{"series": s["id"], **p} for s in doc["series"] for p in rows(s)]
    assert len(json_rows) == len(csv_rows) == len(parquet_rows) == 36
    for j, c, q in zip(json_rows, csv_rows, parquet_rows, strict=True):
        assert j == q
        for key, value in j.items():
            if isinstance(value, float):
                assert float(c[key]) == value
            else:
                assert c[key] == ("" if value is None else value)


def test_output_option_writes_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "result.json"
    code, out, _ = run(capsys, write(tmp_path, SIMPLE), "--output", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_bytes())["series"][0]["points"]["value"] == [10.0, 12.0, None, 11.0]
    code, _, err = run(capsys, write(tmp_path, SIMPLE), "--output", str(tmp_path / "no" / "such.json"))
    assert code == 2 and "cannot write" in err


@pytest.mark.parametrize("fmt", ["json", "csv", "parquet"])
def test_output_over_a_longer_file_is_cut_to_the_new_length(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    """An existing output file is written over in place, then truncated: nothing of it is left."""
    fresh, reused = tmp_path / "fresh.out", tmp_path / "reused.out"
    reused.write_bytes(b"x" * 100_000)
    source = write(tmp_path, SIMPLE)
    assert run(capsys, source, "--format", fmt, "--output", str(fresh))[0] == 0
    assert run(capsys, source, "--format", fmt, "--output", str(reused))[0] == 0
    assert reused.read_bytes() == fresh.read_bytes()


series_values = st.lists(st.one_of(st.integers(0, 9).map(float), st.just(math.nan)), min_size=1, max_size=30)


@settings(max_examples=40, deadline=None, database=None)
@given(st.lists(series_values, min_size=1, max_size=4), st.sampled_from(["xmr", "run", "c"]))
def test_every_series_gets_the_engines_answer(values: list[list[float]], chart: str) -> None:
    """End to end: the JSON of a many-series file equals analysing each series alone."""
    text = "series,period,value\n" + "".join(
        f"s{i},{j + 1},{'' if math.isnan(v) else v}\n"
        for i, vs in enumerate(values)
        for j, v in enumerate(vs)
    )
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    old = sys.stdin, sys.stdout
    sys.stdin, sys.stdout = io.TextIOWrapper(io.BytesIO(text.encode()), encoding="utf-8"), stdout
    try:
        assert main(["-", "--chart", chart, "--target", "4"]) == 0
    finally:
        sys.stdin, sys.stdout = old
    stdout.flush()
    doc = json.loads(stdout.buffer.getvalue())  # type: ignore[attr-defined]
    for vs, s in zip(values, doc["series"], strict=True):
        one = analyse(vs, chart=chart, target=4.0)
        p = s["points"]
        for key in ("value", "centre", "lower", "upper"):
            assert [math.nan if x is None else x for x in p[key]] == pytest.approx(
                getattr(one, "values" if key == "value" else key).tolist(), nan_ok=True, rel=0, abs=0
            )
        assert p["point_type"] == list(one.point_type)
        assert p["special_cause_type"] == list(one.special_cause_type)
        assert s["variation_icon"] == one.variation_icon and s["assurance_icon"] == one.assurance_icon
        assert s["runs"] == one.runs.as_dict()


@pytest.mark.parametrize("fmt", ["json", "csv", "parquet"])
def test_a_run_imports_neither_pandas_nor_scipy(tmp_path: Path, fmt: str) -> None:
    """Either would add about a second of start-up to every run (pyarrow pulls in
    pandas through ``pa.array`` and ``to_numpy`` wherever pandas is installed)."""
    path = write(tmp_path, "series,period,value\n" + "".join(f"a,{i},{i % 3}\n" for i in range(1, 30)))
    script = (
        "import sys\n"
        "from mobilise.spc.cli import main\n"
        f"code = main([{path!r}, '--format', {fmt!r}, '--output', {str(tmp_path / 'out')!r}])\n"
        "print(code, sorted(m for m in ('pandas', 'scipy') if m in sys.modules))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False, timeout=120
    )
    assert done.stdout.strip() == "0 []", done.stderr


@settings(max_examples=25, deadline=None)
@given(
    names=st.lists(st.sampled_from(["A", "Ward é", "Zoë's ward", "b"]), min_size=1, max_size=12),
    bom=st.booleans(),
)
def test_a_file_and_standard_input_give_the_same_output(
    tmp_path_factory: pytest.TempPathFactory, names: list[str], bom: bool
) -> None:
    """A file is mapped into memory, standard input is read: the same answers,
    whatever the text (accents, a byte-order mark)."""
    text = "series,value\n" + "".join(f"{n},{i % 5}\n" for i, n in enumerate(names))
    path = write(tmp_path_factory.mktemp("map"), text, bom=bom)
    from_file = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    from_stdin = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sys, "stdout", from_file)
        assert main([path]) == 0
        mp.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(Path(path).read_bytes()), encoding="utf-8"))
        mp.setattr(sys, "stdout", from_stdin)
        assert main(["-"]) == 0
    printed = [json.loads(out.buffer.getvalue()) for out in (from_file, from_stdin)]  # type: ignore[attr-defined]
    assert [s["id"] for s in printed[0]["series"]] == list(dict.fromkeys(names))
    assert printed[0] == printed[1]


def test_a_file_that_is_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("series,value\nZoë,1\n".encode("latin-1"))
    code, out, err = run(capsys, str(path))
    assert code == 2 and out == ""
    assert err == f"mobilise-spc: error: cannot read '{path}': it is not UTF-8 text\n"


@settings(max_examples=5, deadline=None)
@given(
    seed=st.integers(0, 2**31),
    n_series=st.integers(1_001, 2_600),
    chart=st.sampled_from(["xmr", "run", "p", "u"]),
)
def test_many_series_are_written_as_they_are_analysed_with_the_same_answers(
    tmp_path_factory: pytest.TempPathFactory, seed: int, n_series: int, chart: str
) -> None:
    """Above a thousand series the JSON is written a run of series at a time while the next run
    is analysed; the file is byte for byte what analysing every series at once gives, and the
    over-dispersion notes come out in series order."""
    import numpy as np

    from mobilise.spc.cli import _analyse, build_parser
    from mobilise.spc.csv_input import read_table
    from mobilise.spc.output import write_json

    rng = np.random.default_rng(seed)
    lines = ["series,period,value,denominator,improvement"]
    for s in range(n_series):
        n = int(rng.integers(1, 15))
        spread = 1 + 40 * (s % 7 == 0)  # some series vary far more than a p or u chart expects
        for p in range(n):
            den = int(rng.integers(50, 200))
            value = "" if rng.random() < 0.05 else str(int(rng.integers(0, den // spread + 1)) * spread // 2)
            direction = ("increase", "decrease", "")[s % 3] if p == 0 else ""
            lines.append(f"S{s},{p + 1},{value},{den},{direction}")
    folder = tmp_path_factory.mktemp("many")
    source = folder / "in.csv"
    source.write_text("\n".join(lines) + "\n")
    streamed = folder / "out.json"
    done = subprocess.run(
        [sys.executable, "-m", "mobilise.spc", str(source), "--chart", chart, "-o", str(streamed)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert done.returncode == 0, done.stderr
    args = build_parser().parse_args([str(source), "--chart", chart])
    table = read_table(source.read_bytes())
    whole = io.BytesIO()
    write_json(whole, _analyse(args, table), table)
    assert streamed.read_bytes() == whole.getvalue()
    noted = [line.split("'")[1] for line in done.stderr.splitlines() if "note:" in line]
    assert noted == sorted(noted, key=lambda sid: int(sid[1:]))
