"""Run charts and the Anhøj runs rules (qicharts2's runs.analysis)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mobilise.spc import analyse, analyse_batch
from mobilise.spc.runs import crossings_min, longest_run_max

pytestmark = pytest.mark.filterwarnings("error")


@pytest.mark.parametrize(
    ("n_useful", "longest_max", "crossings_minimum"),
    [
        # round(log2(n)) + 3 and qbinom(0.05, n - 1, 0.5), checked by hand
        (1, 3, 0),
        (10, 6, 2),
        (11, 6, 2),
        (20, 7, 6),
        (24, 8, 8),
        (30, 8, 10),
        (50, 9, 19),
    ],
)
def test_anhoej_limits(n_useful: int, longest_max: int, crossings_minimum: int) -> None:
    n = np.array([n_useful])
    assert longest_run_max(n)[0] == longest_max
    assert crossings_min(n)[0] == crossings_minimum


def exact_qbinom_05(trials: int) -> int:
    total = 0
    for x in range(trials + 1):
        total += math.comb(trials, x)
        if total * 20 >= 2**trials:
            return x
    return trials


def test_crossings_minimum_is_the_exact_binomial_quantile() -> None:
    n = np.arange(1, 301)
    assert crossings_min(n).tolist() == [exact_qbinom_05(int(k) - 1) for k in n]


def test_run_chart_with_24_useful_points() -> None:
    # 26 points, two exactly on the median (5): 24 useful observations
    values = [1, 9, 2, 8, 5, 3, 7, 4, 6, 2, 9, 1, 8, 5, 3, 7, 4, 6, 1, 9, 2, 8, 3, 7, 4, 6]
    r = analyse(values, chart="run")
    assert r.centre[0] == 5.0
    assert np.isnan(r.upper).all() and np.isnan(r.lower).all()
    runs = r.runs
    assert runs.n_useful == 24
    assert (runs.longest_run_max, runs.n_crossings_min) == (8, 8)
    assert runs.longest_run == 1 and runs.n_crossings == 23
    assert runs.signal is False
    assert r.assurance_icon is None


def test_longest_run_signal() -> None:
    # 9 below then 9 above the median: longest run 9 > round(log2(18)) + 3 = 7
    values = [1.0] * 9 + [2.0] * 9
    runs = analyse(values, chart="run").runs
    assert (runs.n_useful, runs.longest_run, runs.longest_run_max) == (18, 9, 7)
    assert runs.n_crossings == 1
    assert runs.signal is True


def test_too_few_crossings_signal() -> None:
    # 20 useful points in 4 runs of 5: 3 crossings < qbinom(0.05, 19, 0.5) = 6
    values = ([1.0] * 5 + [3.0] * 5) * 2
    runs = analyse(values, chart="run").runs
    assert (runs.n_useful, runs.longest_run, runs.n_crossings, runs.n_crossings_min) == (
        20,
        5,
        3,
        6,
    )
    assert runs.signal is True


def test_points_on_the_median_and_missing_values_are_not_useful() -> None:
    r = analyse([1, 2, 3, None, 2, 2], chart="run")  # median of 1,2,3,2,2 is 2
    assert r.centre[0] == 2.0
    assert r.runs.n_useful == 2
    assert (r.runs.longest_run, r.runs.n_crossings) == (1, 1)


def test_even_count_median_is_the_mean_of_the_middle_two() -> None:
    assert analyse([4, 1, 3, 2], chart="run").centre[0] == 2.5


def test_no_useful_point_gives_none_like_qicharts2_na() -> None:
    runs = analyse([3, 3, 3], chart="run").runs
    assert runs.n_useful == 0
    assert runs.longest_run is None and runs.n_crossings_min is None
    assert runs.signal is False


def test_run_chart_points_use_the_shift_and_trend_rules_against_the_median() -> None:
    values = [5, 1, 9, 1, 9, 2, 8, 6, 6, 6, 6, 6, 6, 6]  # median 6: the 6s are on it
    r = analyse(values, chart="run")
    assert all(t is None for t in r.special_cause_type)
    r = analyse([5, 1, 4, 2, 3, 1, 5, 2, 9, 9, 9, 9, 9, 9, 9], chart="run")  # median 5
    assert r.centre[0] == 5.0
    assert [t for t in r.special_cause_type if t] == ["shift_above"] * 7


def test_runs_use_the_last_phase() -> None:
    values = [1.0] * 9 + [2.0] * 9 + [5, 6, 5, 6, 5, 6]
    r = analyse(values, chart="run", rebase_at=[18])
    assert r.centre[-1] == 5.5
    assert (r.runs.n_useful, r.runs.longest_run, r.runs.signal) == (6, 1, False)


def test_runs_for_xmr_use_the_mean_as_centre_line() -> None:
    r = analyse([1, 2, 3, 10], chart="xmr")  # mean 4: three below, one above
    assert (r.runs.n_useful, r.runs.longest_run, r.runs.n_crossings) == (4, 3, 1)


def test_batch_runs_per_series() -> None:
    b = analyse_batch([[1.0, 2.0, 1.0, 2.0, np.nan], [1.0, 1.0, 3.0, 3.0, 2.0]], chart="run")
    assert b.centre[:, 0].tolist() == [1.5, 2.0]
    assert b.runs.n_useful.tolist() == [4, 4]
    assert b.runs.n_crossings.tolist() == [3, 1]


def test_median_fallback_for_many_short_phases_matches_single_series() -> None:
    # one series rebased at every point next to one long phase: the batch takes
    # the lexsort path, each series alone the sorted-matrix path
    rng = np.random.default_rng(5)
    values = rng.integers(0, 9, size=(2, 60)).astype(float)
    values[1, 7] = np.nan
    rebase = np.zeros((2, 60), dtype=bool)
    rebase[0, :] = True
    batch = analyse_batch(values, chart="run", rebase=rebase)
    assert batch.centre[0].tolist() == values[0].tolist()  # each phase is one point
    alone = analyse(values[1], chart="run")
    assert batch.centre[1, 0] == alone.centre[0] == np.nanmedian(values[1])
    assert batch.series(1).runs == alone.runs


def test_crossing_minimum_equals_the_binomial_quantile() -> None:
    """The exact table and the large-series formula agree with qbinom(0.05, m, 0.5)."""
    from scipy.stats import binom

    from mobilise.spc.runs import EXACT_LIMIT, crossings_min

    trials = np.concatenate([np.arange(0, 3000), [EXACT_LIMIT, EXACT_LIMIT + 1, 54_321, 10**6]])
    expected = binom.ppf(0.05, trials, 0.5).astype(np.int64)
    assert crossings_min(trials + 1).tolist() == expected.tolist()
