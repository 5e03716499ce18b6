"""Degenerate input gives sensible results: no exceptions, no warnings, NaN/None for undefined."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mobilise.spc import analyse, analyse_batch

pytestmark = pytest.mark.filterwarnings("error")


def test_one_point() -> None:
    r = analyse([7.0], target=5.0)
    assert r.centre.tolist() == [7.0]
    assert math.isnan(r.upper[0]) and math.isnan(r.lower[0])  # no moving range yet
    assert r.point_type == ("common_cause",)
    assert r.variation_icon == "common_cause"
    assert r.assurance_icon is None  # no limits to judge the target against
    assert r.runs.n_useful == 0 and r.runs.signal is False


@pytest.mark.parametrize("screen", [True, False])
def test_all_equal_values_give_zero_width_limits(screen: bool) -> None:
    # R's screening would drop every zero moving range and leave NaN limits;
    # the engine keeps them: the limits sit on the mean.
    r = analyse([4.0] * 10, screen_outliers=screen, target=4.0)
    assert r.centre.tolist() == r.upper.tolist() == r.lower.tolist() == [4.0] * 10
    assert set(r.point_type) == {"common_cause"}
    assert r.assurance_icon == "inconsistent"  # the target equals both limits


@pytest.mark.parametrize("value", [0.1, 0.7, 1 / 3, 123.456])
def test_constant_non_integer_series_has_its_value_as_mean(value: float) -> None:
    # a one-pass mean of ten 0.1s is 0.09999999999999999: every point would be "outside"
    r = analyse([value] * 10)
    assert r.centre[0] == value
    assert set(r.point_type) == {"common_cause"}


def test_screening_can_leave_zero_width_limits_as_in_r() -> None:
    # mean 5.2; MRs 0,0,0,1: mR-bar 0.25, and 1 >= 3.267 * 0.25 is screened out,
    # leaving mR-bar 0: every point is outside the (zero-width) limits, as in R.
    r = analyse([5, 5, 5, 5, 6])
    assert r.upper[0] == r.lower[0] == pytest.approx(5.2)
    assert r.special_cause_type == ("below_lcl",) * 4 + ("above_ucl",)


def test_empty_and_all_missing_series() -> None:
    empty = analyse([])
    assert empty.values.shape == (0,)
    assert empty.variation_icon is None and empty.assurance_icon is None
    missing = analyse([None, None], target=1.0)
    assert np.isnan(missing.centre).all()
    assert missing.point_type == ("common_cause", "common_cause")  # as NHSRplotthedots
    assert missing.variation_icon == "common_cause" and missing.assurance_icon is None
    assert missing.points()[0] == {
        "index": 0,
        "value": None,
        "centre": None,
        "lower": None,
        "upper": None,
        "special_cause_type": None,
        "point_type": "common_cause",
    }


@pytest.mark.parametrize("shape", [(0, 5), (3, 0), (0, 0)])
@pytest.mark.parametrize("chart", ["xmr", "run", "c"])
def test_empty_batches(shape: tuple[int, int], chart: str) -> None:
    b = analyse_batch(np.empty(shape), chart=chart, target=1.0)
    assert b.values.shape == shape
    assert b.variation_icon.shape == (shape[0],)
    assert (b.variation_icon == -1).all()


def test_missing_values_inside_a_series() -> None:
    r = analyse([10, 12, None, 11, 13, None, None, 12])
    # moving ranges are not bridged across a gap: only |12-10|, |13-11| remain
    assert r.mean_moving_range[0] == 2.0
    assert r.centre[0] == pytest.approx(58 / 5)
    assert r.point_type[2] == r.point_type[3] == "common_cause"
    assert r.points()[2]["value"] is None


def test_lengths_mark_padding_and_default_to_the_last_value() -> None:
    b = analyse_batch([[1.0, 2.0, 3.0, 99.0], [1.0, 2.0, np.nan, np.nan]], lengths=[3, 4])
    assert b.values[0, 3] != b.values[0, 3]  # beyond the length: padding, ignored
    assert b.centre[0, 0] == 2.0
    assert b.phase[0].tolist() == [0, 0, 0, -1]
    assert b.point_type[1].tolist() == [0, 0, 0, 0]  # missing, not padding: common cause
    assert b.point_type[0].tolist() == [0, 0, 0, -1]  # padding: no point
    assert not math.isnan(b.centre[1, 3])
    default = analyse_batch([[1.0, 2.0, 3.0, 99.0], [1.0, 2.0, np.nan, np.nan]])
    assert default.lengths.tolist() == [4, 2]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"values": [1, 2, 3]}, "2-D"),
        ({"values": [[1, np.inf]]}, "infinite"),
        ({"values": [[1, 2], [3]]}, "numbers"),
        ({"values": [["a", 2]]}, "numbers"),
        ({"values": [[1, 2]], "chart": "xbar"}, "chart"),
        ({"values": [[1, 2]], "improvement": "up"}, "improvement"),
        ({"values": [[1, 2]], "improvement": ["increase"] * 2}, "improvement"),
        ({"values": [[1, 2]], "rule_length": 1}, "rule_length"),
        ({"values": [[1, 2]], "baseline": 1}, "baseline"),
        ({"values": [[1, 2]], "baseline": 2.5}, "baseline"),
        ({"values": [[1, 2]], "rebase": [[True]]}, "rebase"),
        ({"values": [[1, 2]], "rebase": [[2, 0]]}, "rebase"),
        ({"values": [[1, 2]], "lengths": [3]}, "lengths"),
        ({"values": [[1, 2]], "target": [1, 2]}, "target"),
        ({"values": [[1, 2]], "target": math.inf}, "target"),
    ],
)
def test_bad_arguments_raise_value_error(kwargs: dict[str, object], message: str) -> None:
    values = kwargs.pop("values")
    with pytest.raises(ValueError, match=message):
        analyse_batch(values, **kwargs)  # type: ignore[arg-type]


def test_single_series_argument_checks() -> None:
    with pytest.raises(ValueError, match="rebase_at"):
        analyse([1, 2, 3], rebase_at=[5])
    with pytest.raises(ValueError, match="one-dimensional"):
        analyse([[1, 2]])


def test_results_are_plain_python_for_json() -> None:
    r = analyse([1, 2, None, 4])
    point = r.points()[0]
    assert isinstance(point["value"], float) and isinstance(point["centre"], float)
    assert r.runs.as_dict() == {
        "n_useful": 3,
        "longest_run": 2,
        "longest_run_max": 5,
        "n_crossings": 1,
        "n_crossings_min": 0,
        "signal": False,
    }
