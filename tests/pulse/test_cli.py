"""`mobilise-pulse`: analysts get the same small-number protection as the site."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mobilise.pulse.cli import main

GROUPS = ["Trust", "GP", "Council", "Charity"]


def _csv(rows: list[dict[str, Any]], names: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=names)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _run(tmp_path: Path, text: str, *args: str, capsys: Any) -> tuple[int, str, str]:
    path = tmp_path / "answers.csv"
    path.write_text(text)
    code = main([str(path), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _numbers(value: Any) -> list[int]:
    """Every count in the JSON output (people and table cells), never means or shares."""
    found: list[int] = []
    if isinstance(value, dict):
        for key, v in value.items():
            if key in ("people", "answers", "rows") or isinstance(v, dict | list):
                found += _numbers(v)
    elif isinstance(value, list):
        for v in value:
            if isinstance(v, int) and not isinstance(v, bool):
                found.append(v)
            else:
                found += _numbers(v)
    elif isinstance(value, int) and not isinstance(value, bool):
        found.append(value)
    return found


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    people=st.lists(
        st.tuples(st.sampled_from(GROUPS), st.integers(1, 5), st.one_of(st.none(), st.integers(1, 5))),
        min_size=1,
        max_size=60,
    )
)
def test_no_count_under_eight_is_ever_printed(
    tmp_path: Path, capsys: Any, people: list[tuple[str, int, int | None]]
) -> None:
    rows = [{"org": g, "energy": a, "agency": "" if b is None else b} for g, a, b in people]
    code, out, _ = _run(
        tmp_path, _csv(rows, ["org", "energy", "agency"]), "--by", "org", "--format", "json", capsys=capsys
    )
    assert code == 0
    result = json.loads(out)
    counts = [n for n in _numbers(result) if n != result["threshold"]]
    assert not [n for n in counts if 0 < n < 8]
    assert all(n % 5 == 0 for n in counts)
    for question in result["questions"]:
        for stats in [question, *question.get("groups", {}).values()]:
            if stats["people"] is None:
                assert stats["mean"] is None and stats["median"] is None and stats["share_agreeing"] is None
        assert "min" not in json.dumps(question) and "max" not in json.dumps(question)


def test_text_output_names_groups_and_hides_small_ones(tmp_path: Path, capsys: Any) -> None:
    rows = [{"org": "Trust", "energy": 4, "help": "More time"}] * 20 + [
        {"org": "GP", "energy": 1, "help": ""}
    ] * 3
    code, out, _ = _run(tmp_path, _csv(rows, ["org", "energy", "help"]), "--by", "org", capsys=capsys)
    assert code == 0
    assert "Smaller groups" in out and "GP" not in out
    assert "More time" not in out  # free text is never printed
    assert "people 25, mean 3.61" in out  # 23 people, rounded to 25; the mean is exact


def test_a_row_of_the_wrong_width_is_refused_with_its_line(tmp_path: Path, capsys: Any) -> None:
    code, _, err = _run(tmp_path, "org,energy\nTrust,4\nTrust,4,5\n", capsys=capsys)
    assert code == 2
    assert "line 3" in err and "2 columns" in err


def test_the_threshold_cannot_be_lowered(tmp_path: Path, capsys: Any) -> None:
    code, _, err = _run(tmp_path, "energy\n4\n", "--threshold", "5", capsys=capsys)
    assert code == 2 and "never lowered" in err


def test_an_unknown_by_column_is_named(tmp_path: Path, capsys: Any) -> None:
    code, _, err = _run(tmp_path, "energy\n4\n", "--by", "team", capsys=capsys)
    assert code == 2 and "no column called 'team'" in err


@pytest.mark.skipif(not Path(sys.executable).with_name("mobilise-pulse").exists(), reason="not installed")
def test_the_console_command_runs_without_django(tmp_path: Path) -> None:
    path = tmp_path / "answers.csv"
    path.write_text("energy\n" + "4\n" * 10)
    done = subprocess.run(
        [str(Path(sys.executable).with_name("mobilise-pulse")), str(path), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert json.loads(done.stdout)["questions"][0]["mean"] == 4.0
