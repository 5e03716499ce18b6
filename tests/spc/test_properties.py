"""Property tests: the vectorised engine against the literal R transcription,
batch against one-by-one, and invariances of the method."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mobilise.spc import analyse, analyse_batch

from . import reference

pytestmark = pytest.mark.filterwarnings("error")
# No example database: the suite must not leave a .hypothesis folder in the work tree.
SETTINGS = settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Small integers give plenty of ties, runs, trends and points exactly on the mean.
small = st.one_of(st.integers(0, 6).map(float), st.just(math.nan))
values_st = st.lists(small, min_size=0, max_size=40)
# Random walks with small steps: long trends, shifts and ties, the odd gap.
walk_st = st.lists(
    st.tuples(st.sampled_from([-1.0, 0.0, 1.0, 1.0, 2.0, 9.0]), st.booleans()), max_size=40
).map(
    lambda steps: [
        math.nan if gap and i % 5 == 3 else v
        for i, (v, gap) in enumerate(
            zip(np.cumsum([s for s, _ in steps]).tolist(), [g for _, g in steps], strict=True)
        )
    ]
)


@dataclass(frozen=True)
class Scenario:
    values: list[float]
    rebase_at: tuple[int, ...]
    baseline: int | None
    screen: bool
    direction: int
    target: float | None
    rule_length: int
    beyond: bool

    @property
    def improvement(self) -> str:
        return {1: "increase", -1: "decrease", 0: "neither"}[self.direction]

    def options(self) -> dict[str, Any]:
        """Keyword arguments shared by ``analyse`` and ``analyse_batch``."""
        return {
            "screen_outliers": self.screen,
            "rule_length": self.rule_length,
            "two_of_three_beyond_limits": self.beyond,
        }


@st.composite
def scenario(draw: st.DrawFn) -> Scenario:
    values = draw(
        st.one_of(
            values_st,
            walk_st,
            st.lists(st.floats(-1e3, 1e3, allow_nan=False), min_size=1, max_size=30),
        )
    )
    n = len(values)
    rebase_at = sorted(set(draw(st.lists(st.integers(1, max(n - 1, 1)), max_size=2))))
    return Scenario(
        values=values,
        rebase_at=tuple(i for i in rebase_at if i < n),
        baseline=draw(st.one_of(st.none(), st.integers(2, 15))),
        screen=draw(st.booleans()),
        direction=draw(st.sampled_from([1, -1, 0])),
        target=draw(st.one_of(st.none(), st.integers(0, 6).map(float))),
        rule_length=draw(st.sampled_from([6, 7])),
        beyond=draw(st.booleans()),
    )


def same(a: list[float], b: np.ndarray) -> bool:
    return np.array_equal(np.array(a, dtype=float), b, equal_nan=True)


@SETTINGS
@given(scenario())
def test_engine_matches_literal_r_transcription(sc: Scenario) -> None:
    got = analyse(
        sc.values,
        rebase_at=sc.rebase_at,
        baseline=sc.baseline,
        improvement=sc.improvement,
        target=sc.target,
        **sc.options(),
    )
    ref = reference.analyse(
        sc.values,
        rebase_at=sc.rebase_at,
        baseline=sc.baseline,
        screen=sc.screen,
        direction=sc.direction,
        target=sc.target,
        L=sc.rule_length,
        beyond=sc.beyond,
    )
    assert same(ref.centre, got.centre)
    assert same(ref.lower, got.lower)
    assert same(ref.upper, got.upper)
    assert list(got.special_cause_type) == ref.special_cause_type
    assert list(got.point_type) == ref.point_type
    assert got.variation_icon == ref.variation_icon
    assert got.assurance_icon == ref.assurance_icon
    r = got.runs
    assert (r.n_useful, r.longest_run, r.n_crossings, r.n_crossings_min, r.signal) == ref.runs


@settings(max_examples=60, deadline=None, database=None)
@given(st.lists(scenario(), min_size=1, max_size=6), st.sampled_from(["xmr", "run"]))
def test_batch_equals_one_by_one(scs: list[Scenario], chart: str) -> None:
    width = max(len(sc.values) for sc in scs) + 2
    values = np.full((len(scs), width), np.nan)
    rebase = np.zeros((len(scs), width), dtype=bool)
    for i, sc in enumerate(scs):
        values[i, : len(sc.values)] = sc.values
        rebase[i, list(sc.rebase_at)] = True
    shared = scs[0].options()  # batch-wide options: every series uses the first's
    batch = analyse_batch(
        values,
        chart=chart,
        lengths=np.array([len(sc.values) for sc in scs]),
        rebase=rebase,
        baseline=[sc.baseline for sc in scs],
        improvement=[sc.improvement for sc in scs],
        target=[math.nan if sc.target is None else sc.target for sc in scs],
        **shared,
    )
    for i, sc in enumerate(scs):
        one = analyse(
            sc.values,
            chart=chart,
            rebase_at=sc.rebase_at,
            baseline=sc.baseline,
            improvement=sc.improvement,
            target=sc.target,
            **shared,
        )
        got = batch.series(i)
        for field in ("values", "centre", "lower", "upper", "lower_2sigma", "upper_2sigma"):
            assert np.array_equal(getattr(got, field), getattr(one, field), equal_nan=True)
        assert got.point_type == one.point_type
        assert got.special_cause_type == one.special_cause_type
        assert got.variation_icon == one.variation_icon
        assert got.assurance_icon == one.assurance_icon
        assert got.runs == one.runs


SWAP = {
    "special_cause_improvement": "special_cause_concern",
    "special_cause_concern": "special_cause_improvement",
}
SWAP_ICON = {
    "improvement_high": "concern_high",
    "improvement_low": "concern_low",
    "concern_high": "improvement_high",
    "concern_low": "improvement_low",
    "consistent_pass": "consistent_fail",
    "consistent_fail": "consistent_pass",
}


@SETTINGS
@given(values_st, st.one_of(st.none(), st.integers(0, 6).map(float)))
def test_reversing_direction_swaps_improvement_and_concern(values: list[float], target: float | None) -> None:
    up = analyse(values, improvement="increase", target=target)
    down = analyse(values, improvement="decrease", target=target)
    assert [SWAP.get(str(p), p) for p in up.point_type] == list(down.point_type)
    assert SWAP_ICON.get(str(up.variation_icon), up.variation_icon) == down.variation_icon
    assert SWAP_ICON.get(str(up.assurance_icon), up.assurance_icon) == down.assurance_icon
    assert up.special_cause_type == down.special_cause_type


# Keep clear of subnormal numbers, where scaling by 2**k is no longer exact.
normal_floats = st.floats(-100, 100).map(lambda v: 0.0 if abs(v) < 1e-200 else v)


@SETTINGS
@given(
    st.lists(st.one_of(normal_floats, st.just(math.nan)), max_size=40),
    st.sampled_from([0.25, 0.5, 2.0, 8.0, 1024.0]),
    st.sampled_from(["xmr", "run"]),
)
def test_scaling_by_a_power_of_two_scales_limits_and_keeps_point_types(
    values: list[float], k: float, chart: str
) -> None:
    """Powers of two scale every floating-point step exactly, so even ties survive."""
    a = analyse(values, chart=chart)
    b = analyse([v * k for v in values], chart=chart)
    for field in ("centre", "lower", "upper", "lower_2sigma", "upper_2sigma"):
        assert np.array_equal(getattr(a, field) * k, getattr(b, field), equal_nan=True)
    assert a.point_type == b.point_type
    assert a.special_cause_type == b.special_cause_type
    assert a.variation_icon == b.variation_icon
    assert a.runs == b.runs


@SETTINGS
@given(
    st.lists(st.floats(-100, 100), min_size=2, max_size=40),
    st.floats(0.01, 100),
)
def test_scaling_by_any_positive_factor_scales_limits(values: list[float], k: float) -> None:
    a = analyse(values)
    b = analyse([v * k for v in values])
    scale = max(1.0, max(abs(v) for v in values)) * k
    for field in ("centre", "lower", "upper"):
        np.testing.assert_allclose(getattr(a, field) * k, getattr(b, field), rtol=1e-9, atol=1e-9 * scale)


@st.composite
def counts(draw: st.DrawFn) -> tuple[list[float], list[float]]:
    n = draw(st.integers(0, 30))
    den = draw(st.lists(st.integers(0, 50).map(float), min_size=n, max_size=n))
    num = [float(draw(st.integers(0, int(d)))) for d in den]
    gaps = draw(st.lists(st.integers(0, max(n - 1, 0)), max_size=3)) if n else []
    for g in gaps:
        num[g] = math.nan
    return num, den


@settings(max_examples=60, deadline=None, database=None)
@given(st.lists(counts(), min_size=1, max_size=5), st.sampled_from(["p", "u", "c", "pp", "up"]))
def test_attribute_batch_equals_one_by_one(series: list[tuple[list[float], list[float]]], chart: str) -> None:
    width = max(len(num) for num, _ in series) + 1
    values = np.full((len(series), width), np.nan)
    dens = np.full((len(series), width), np.nan)
    for i, (num, den) in enumerate(series):
        values[i, : len(num)] = num
        dens[i, : len(den)] = den
    lengths = np.array([len(num) for num, _ in series])
    batch = analyse_batch(values, chart=chart, denominators=dens, lengths=lengths, target=0.5)
    for i, (num, den) in enumerate(series):
        one = analyse(num, chart=chart, denominators=den, target=0.5)
        got = batch.series(i)
        for field in ("values", "centre", "lower", "upper", "sigma_z"):
            assert np.array_equal(getattr(got, field), getattr(one, field), equal_nan=True)
        assert got.point_type == one.point_type
        assert got.assurance_icon == one.assurance_icon
        assert got.overdispersed == one.overdispersed


@SETTINGS
@given(scenario())
def test_where_r_gives_an_answer_the_engine_gives_the_same(sc: Scenario) -> None:
    """With R's own stop on undecidable trend windows, every series R can analyse
    (missing values and all) gets R's point types and icons."""
    try:
        ref = reference.analyse(
            sc.values,
            rebase_at=sc.rebase_at,
            baseline=sc.baseline,
            screen=sc.screen,
            direction=sc.direction,
            target=sc.target,
            L=sc.rule_length,
            beyond=sc.beyond,
            crash=True,
        )
    except reference.RStopped:
        return
    got = analyse(
        sc.values,
        rebase_at=sc.rebase_at,
        baseline=sc.baseline,
        improvement=sc.improvement,
        target=sc.target,
        **sc.options(),
    )
    assert list(got.special_cause_type) == ref.special_cause_type
    assert list(got.point_type) == ref.point_type
    assert got.variation_icon == ref.variation_icon


@SETTINGS
@given(scenario())
def test_a_missing_period_is_common_cause_and_breaks_runs(sc: Scenario) -> None:
    got = analyse(sc.values, rebase_at=sc.rebase_at, improvement=sc.improvement, **sc.options())
    for i, v in enumerate(sc.values):
        if math.isnan(v):
            assert got.point_type[i] == "common_cause"
            assert got.special_cause_type[i] is None
    # Every run-based label sits in a stretch of at least L observed periods
    # (rule_length for trends and shifts, 3 for two-in-three) without a gap.
    gaps = [i for i, v in enumerate(sc.values) if math.isnan(v)]
    for i, t in enumerate(got.special_cause_type):
        if t is None or t in ("above_ucl", "below_lcl"):
            continue
        need = 3 if t.startswith("two_in_three") else sc.rule_length
        before = max([g for g in gaps if g < i] + [-1] + [p - 1 for p in sc.rebase_at if p <= i])
        after = min([g for g in gaps if g > i] + [len(sc.values)] + [p for p in sc.rebase_at if p > i])
        assert after - before - 1 >= need


@settings(max_examples=150, deadline=None, database=None)
@given(counts(), st.sampled_from(["p", "u", "pp", "up"]), st.data())
def test_an_incomplete_period_has_no_limits_and_no_weight(
    series: tuple[list[float], list[float]], chart: str, data: st.DataObject
) -> None:
    """qicharts2 (complete.cases): a period missing its numerator or its denominator
    is blank, has no limits and adds nothing to the centre line."""
    num, den = series
    den = [math.nan if data.draw(st.integers(0, 5)) == 0 else d for d in den]
    r = analyse(num, chart=chart, denominators=den)
    complete = [not (math.isnan(a) or math.isnan(b)) for a, b in zip(num, den, strict=True)]
    for i, ok in enumerate(complete):
        if not ok:
            assert math.isnan(r.values[i]) and math.isnan(r.lower[i]) and math.isnan(r.upper[i])
            assert r.point_type[i] == "common_cause"
    total_num = sum(a for a, ok in zip(num, complete, strict=True) if ok)
    total_den = sum(b for b, ok in zip(den, complete, strict=True) if ok)
    if total_den > 0:
        assert r.centre[0] == pytest.approx(total_num / total_den)
    else:
        assert np.isnan(r.centre).all()


def test_r_stops_where_a_gap_leaves_a_trend_undecided() -> None:
    """The one documented departure for missing values: R cannot analyse this series."""
    values = [1.0, 2.0, 3.0, math.nan, 5.0, 6.0, 7.0, 8.0]
    with pytest.raises(reference.RStopped):
        reference.analyse(values, crash=True)
    labels = analyse(values).special_cause_type
    assert not any(t and t.startswith("trend") for t in labels)  # the gap breaks the trend
