"""The mobilise-network console command."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mobilise.network import LABELS
from mobilise.network.cli import main

TIES = """source,target,weight
a,b,1
b,c,2
c,a,
c,d,1
d,e,1
e,f,1
f,d,1
"""

PEOPLE = """id,organisation,organisation_type,formal_authority
a,Trust A,acute,yes
b,Trust A,acute,no
c,Trust A,acute,no
d,ICB,commissioner,yes
e,ICB,commissioner,no
f,ICB,commissioner,No
lonely,ICB,commissioner,
"""

NETWORK_KEYS = {
    "people",
    "ties",
    "density",
    "mean_degree",
    "reciprocity",
    "components",
    "largest_component_share",
    "isolates",
    "degree_centralisation",
    "betweenness_centralisation",
    "average_path_length",
    "diameter",
    "global_efficiency",
    "transitivity",
    "two_core_share",
    "degeneracy",
    "articulation_points",
    "non_pendant_bridges",
    "algebraic_connectivity",
    "modularity",
    "communities",
    "cross_organisation_tie_share",
    "mean_constraint",
}


@pytest.fixture
def files(tmp_path: Path) -> tuple[str, str]:
    ties = tmp_path / "ties.csv"
    people = tmp_path / "people.csv"
    ties.write_text(TIES, encoding="utf-8")
    people.write_text(PEOPLE, encoding="utf-8")
    return str(ties), str(people)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_output(files: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, files[0], "--people", files[1], "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert set(data) >= NETWORK_KEYS
    assert data["people"] == 7  # "lonely" counts without ties
    assert data["isolates"] == 1
    assert data["ties"] == 7
    assert data["diagnosis"] in LABELS
    assert set(data["single_points_of_failure"]) == {"c", "d"}
    assert data["brokers"] and data["flags"]
    assert all(isinstance(f["code"], str) and f["message"] for f in data["flags"])
    assert all(len(pair) == 2 for pair in data["suggested_introductions"])
    assert ["lonely", "d"] in data["suggested_introductions"]
    assert data["suggested_introduction_details"][0]["reason"]
    assert data["informal_influencers"] == []
    assert "per_person" not in data


def test_text_output_is_the_default(files: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, files[0], "--people", files[1])
    assert code == 0
    assert "Diagnosis:" in out and "Suggested introductions" in out
    assert "density" in out and "Single points of failure: c, d" in out


def test_standard_input(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(TIES))
    code, out, _ = run(capsys, "-", "--format", "json", "--per-person")
    assert code == 0
    data = json.loads(out)
    assert data["people"] == 6
    assert {p["id"] for p in data["per_person"]} == set("abcdef")


def test_response_rate_withholds(files: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, files[0], "--format", "json", "--response-rate", "65%")
    data = json.loads(out)
    assert code == 0 and data["diagnosis"] is None
    assert "65%" in data["diagnosis_withheld"]
    code, out, _ = run(capsys, files[0], "--response-rate", "0.5")
    assert "Diagnosis withheld" in out


def test_self_ties_are_noted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "t.csv"
    path.write_text("source,target\na,a\na,b\n", encoding="utf-8")
    code, _, err = run(capsys, str(path))
    assert code == 0
    assert "note: Ignored 1 self-tie" in err


@pytest.mark.parametrize(
    ("ties", "message"),
    [
        ("from,target\na,b\n", "has no 'source' column"),
        ("source,target,weight\na,b,1\nb,c,lots\n", "line 3: weight 'lots' is not a number"),
        ("source,target,weight\na,b,-2\n", "line 2: weight '-2' must be a positive number"),
        ("source,target\na,\n", "line 2: both source and target are needed"),
        ("", "is empty"),
        ("source,target\n", "has no ties and no people"),
        ("source,target,weight\na,b,1\nb,c\n", "line 3: 2 cells but 3 headings"),
        ("source,target\na,b\nb,c,2\n", "line 3: 3 cells but 2 headings"),
    ],
)
def test_bad_ties(tmp_path: Path, capsys: pytest.CaptureFixture[str], ties: str, message: str) -> None:
    path = tmp_path / "ties.csv"
    path.write_text(ties, encoding="utf-8")
    code, out, err = run(capsys, str(path))
    assert code == 2 and out == ""
    assert message in err and err.startswith("mobilise-network: error:")


@pytest.mark.parametrize(
    ("people", "message"),
    [
        ("name\nx\n", "has no 'id' column"),
        ("id,formal_authority\nx,maybe\n", "line 2: formal_authority 'maybe' should be yes or no"),
        ("id\nx\nx\n", "line 3: 'x' is listed more than once"),
        ("id,organisation\nx,Trust A,acute\n", "line 2: 3 cells but 2 headings"),
    ],
)
def test_bad_people(
    files: tuple[str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    people: str,
    message: str,
) -> None:
    path = tmp_path / "people.csv"
    path.write_text(people, encoding="utf-8")
    code, _, err = run(capsys, files[0], "--people", str(path))
    assert code == 2 and message in err


def test_other_errors(files: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "no-such-file.csv")
    assert code == 2 and "cannot find the file 'no-such-file.csv'" in err
    code, _, err = run(capsys, "-", "--people", "-")
    assert code == 2 and "standard input" in err
    code, _, err = run(capsys, files[0], "--response-rate", "120")
    assert code == 2 and "between 0 and 1" in err


def test_byte_order_mark_and_header_case(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffSource, Target\na,b\n".encode())
    code, out, err = run(capsys, str(path), "--format", "json")
    assert code == 0, err
    assert json.loads(out)["ties"] == 1


def test_python_dash_m(files: tuple[str, str]) -> None:
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    proc = subprocess.run(
        [sys.executable, "-m", "mobilise.network", files[0], "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["people"] == 6
    proc = subprocess.run(
        [sys.executable, "-m", "mobilise.network", "missing.csv"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 2 and "cannot find" in proc.stderr


def test_large_files_take_the_compiled_reader_and_give_the_same_answer(
    files: tuple[str, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from mobilise.network import cli

    code, careful, _ = run(capsys, files[0], "--people", files[1], "--format", "json", "--per-person")
    assert code == 0
    monkeypatch.setattr(cli, "_FAST_BYTES", 0)
    assert cli._fast_ties(files[0]) is not None
    code, fast, _ = run(capsys, files[0], "--people", files[1], "--format", "json", "--per-person")
    assert code == 0 and json.loads(fast) == json.loads(careful)


@pytest.mark.parametrize(
    ("ties", "message"),
    [
        ("source,target,weight\na,b,1\nb,c\n", "line 3: 2 cells but 3 headings"),
        ("source,target,weight\na,b,1\nb,c,lots\n", "line 3: weight 'lots' is not a number"),
        ("source,target,weight\na,b,1\n\nb,c,0\n", "line 4: weight '0' must be a positive number"),
        ("source,target\na,b\n , c\n", "line 3: both source and target are needed"),
    ],
)
def test_large_files_with_problems_still_name_the_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    ties: str,
    message: str,
) -> None:
    from mobilise.network import cli

    monkeypatch.setattr(cli, "_FAST_BYTES", 0)
    path = tmp_path / "ties.csv"
    path.write_text(ties, encoding="utf-8")
    code, out, err = run(capsys, str(path))
    assert code == 2 and out == "" and message in err
