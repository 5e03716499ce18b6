"""Adopter categories by adoption time."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mobilise.spread import CATEGORIES, adopter_categories
from mobilise.spread.forecast import forecast_batch
from mobilise.spread.timeline import cumulative_adopted


def test_forty_sites_fall_into_rogers_shares() -> None:
    codes = adopter_categories(np.arange(40.0))
    counts = np.bincount(codes, minlength=6)
    # before-share < 2.5%: 1 site; < 16%: 6 more; < 50%: 13 more; < 84%: 14 more; then 6 laggards
    assert counts.tolist() == [1, 6, 13, 14, 6, 0]


def test_not_yet_and_ties() -> None:
    codes = adopter_categories([3.0, 3.0, math.nan, 1.0], in_scope=4)
    assert [CATEGORIES[c] for c in codes] == ["early majority", "early majority", "not yet", "innovators"]


@settings(max_examples=100, deadline=None, database=None)
@given(st.lists(st.one_of(st.integers(0, 30).map(float), st.just(math.nan)), min_size=1, max_size=60))
def test_order_of_sites_never_matters(times: list[float]) -> None:
    arr = np.array(times)
    perm = np.random.default_rng(len(times)).permutation(len(times))
    assert (adopter_categories(arr)[perm] == adopter_categories(arr[perm])).all()


@settings(max_examples=100, deadline=None, database=None)
@given(
    st.lists(st.one_of(st.integers(0, 30).map(float), st.just(math.nan)), min_size=1, max_size=40),
    st.integers(0, 30),
)
def test_adding_an_adoption_never_lowers_the_curve(times: list[float], when: int) -> None:
    grid = np.arange(36.0)
    before = cumulative_adopted(np.array(times), grid)
    after = cumulative_adopted(np.array([*times, float(when)]), grid)
    assert (after >= before).all()
    assert (np.diff(before) >= 0).all()
    fb = forecast_batch(grid, before, len(times) + 1)
    fa = forecast_batch(grid, after, len(times) + 1)
    assert fb.grid.tolist() == fa.grid.tolist()
