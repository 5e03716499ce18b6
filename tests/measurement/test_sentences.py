"""What each chart says in one plain sentence, for series whose answer we know."""

from __future__ import annotations

from datetime import date

from mobilise.measurement.analysis import SeriesInput, analyse_series
from mobilise.measurement.charts.sentences import (
    assurance_sentence,
    caveats,
    change_since_last,
    variation_sentence,
)

from .factories import monthly

STABLE = [20, 22, 19, 21, 20, 23, 18, 21, 22, 20, 19, 21, 20, 22, 21, 19, 20, 22, 21, 20]


def analyse(values, **kwargs):
    return analyse_series(
        [SeriesInput(key=1, periods=monthly(len(values)), values=values, **{"chart": "xmr", **kwargs})]
    )[0]


def test_a_stable_process_says_common_cause_and_its_limits():
    a = analyse(STABLE)
    assert a.variation_icon == "common_cause"
    assert (
        variation_sentence(a)
        == "Common cause variation: no signals; the process is stable between 15.5 and 25.6."
    )


def test_a_sustained_rise_says_the_last_points_are_above_the_mean():
    a = analyse([*STABLE[:13], 26, 27, 25, 26, 28, 27, 26])
    assert a.variation_icon == "improvement_high"
    assert variation_sentence(a) == "Special cause improvement: the last 7 points are above the mean."


def test_the_same_rise_is_a_concern_when_lower_is_better():
    a = analyse([*STABLE[:13], 26, 27, 25, 26, 28, 27, 26], improvement="decrease")
    assert a.variation_icon == "concern_high"
    assert variation_sentence(a) == "Special cause concern: the last 7 points are above the mean."


def test_one_point_beyond_the_limit_is_named_with_the_limit():
    a = analyse([*STABLE, 40])
    assert a.variation_icon == "improvement_high"
    assert variation_sentence(a).startswith(
        "Special cause improvement: the latest point is above the upper limit of"
    )


def test_a_fall_when_neither_direction_is_better_is_neutral():
    a = analyse([*STABLE, 2], improvement="neither")
    assert a.variation_icon == "neutral_low"
    assert variation_sentence(a).startswith(
        "Special cause variation (low): the latest point is below the lower limit"
    )


def test_a_target_inside_the_limits_will_be_hit_and_missed_at_random():
    a = analyse(STABLE, target=21, unit="%")
    assert a.assurance_icon == "inconsistent"
    assert assurance_sentence(a) == (
        "The target of 21% lies within the limits (15.5% to 25.6%), so it will be hit and missed at random."
    )


def test_a_target_beyond_the_limits_is_consistently_met_or_missed():
    assert analyse(STABLE, target=10).assurance_icon == "consistent_pass"  # higher is better
    missed = analyse(STABLE, target=95, unit="%")
    assert missed.assurance_icon == "consistent_fail"
    assert "will not be met without a change to the process" in assurance_sentence(missed)
    assert assurance_sentence(analyse(STABLE)) is None  # no target, nothing to say


def test_a_run_chart_uses_the_run_rules():
    steady = analyse(STABLE, chart="run")
    assert steady.variation_icon is None
    assert variation_sentence(steady).startswith("Random variation around the median of 20.5")
    shifted = analyse([1, 2] * 5 + [8, 9] * 6, chart="run")
    assert variation_sentence(shifted) == (
        "Non-random variation: a run of 10 points on one side of the median is longer than chance allows (7) "
        "and the line crosses the median only once (chance would give at least 4)."
    )


def test_no_data_and_too_little_data_say_so():
    assert variation_sentence(analyse([])) == "No data yet."
    one = analyse([5])
    assert variation_sentence(one).startswith("Not enough data for limits yet")
    few = analyse([5, 6, 5, 7, 6])
    assert any("only 5 points" in note for note in caveats(few))


def test_a_p_chart_reads_in_percentages_and_its_target_too():
    n = 12
    a = analyse_series(
        [
            SeriesInput(
                key=1,
                chart="p",
                periods=monthly(n),
                values=[None] * n,
                numerators=[45, 50, 48, 52, 47, 49, 51, 50, 46, 48, 53, 49],
                denominators=[100] * n,
                target=95,
            )
        ]
    )[0]
    assert a.unit == "%" and round(float(a.centre[0]), 1) == 49.0
    assert a.assurance_icon == "consistent_fail"


def test_impossible_counts_are_left_out_and_said():
    a = analyse_series(
        [
            SeriesInput(
                key=1,
                chart="p",
                periods=monthly(3),
                values=[None] * 3,
                numerators=[5, 12, 4],
                denominators=[10, 10, 10],
            )
        ]
    )[0]
    assert a.left_out == 1 and a.n_points == 2
    assert any("1 point was left out" in note for note in caveats(a))


def test_what_changed_since_the_last_period():
    a = analyse([*STABLE, 40])
    assert change_since_last(a, "month") == f"New special cause improvement since {monthly(20)[-1]:%B %Y}"
    assert change_since_last(analyse(STABLE), "month") is None
    back = analyse([*STABLE, 40, 21])
    assert change_since_last(back, "month").startswith("Back to common cause variation since")


def test_rebasing_starts_new_limits_from_the_phase():
    values = [*STABLE, 30, 31, 29, 30, 32, 31, 30, 29, 31, 30]
    a = analyse_series(
        [SeriesInput(key=1, chart="xmr", periods=monthly(30), values=values, phase_starts=[monthly(30)[20]])]
    )[0]
    assert a.phase_breaks == [20]
    assert variation_sentence(a).startswith(
        "Common cause variation: no signals; the process is stable between"
    )
    assert float(a.centre[25]) > 29 > float(a.centre[5])


def test_one_batch_gives_each_measure_its_own_answer():
    inputs = [
        SeriesInput(key=k, chart=chart, periods=monthly(len(v)), values=v)
        for k, (chart, v) in enumerate([("xmr", STABLE), ("run", STABLE), ("xmr", [*STABLE, 40])])
    ]
    results = analyse_series(inputs)
    assert [r.key for r in results] == [0, 1, 2]
    assert [r.variation_icon for r in results] == ["common_cause", None, "improvement_high"]
    assert results[0].periods[0] == date(2023, 1, 1)
