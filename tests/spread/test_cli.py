"""The ``mobilise-spread`` command: the same numbers as the engine, and errors with their line."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from mobilise.spread import forecast_batch, funnel
from mobilise.spread.cli import main


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
