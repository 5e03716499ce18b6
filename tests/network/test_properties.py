"""Properties that must hold for any network."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mobilise.network import Tie, build_network, compute_metrics

# Louvain's result depends on the order it visits people, so community-based fields are
# compared separately (by the partition's modularity being a valid value), not exactly.
_ORDER_DEPENDENT = {
    "modularity",
    "modularity_null_mean",
    "modularity_null_sd",
    "modularity_z",
    "communities",
    "between_community_tie_share",
    "community_density",
}

ties_strategy = st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11)), min_size=1, max_size=40)


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    return a == b


@settings(max_examples=40, deadline=None)
@given(ties=ties_strategy, data=st.data())
def test_relabelling_and_reordering_change_nothing(ties: list[tuple[int, int]], data: st.DataObject) -> None:
    names = data.draw(st.permutations([f"n{i}" for i in range(12)]))
    order = data.draw(st.permutations(range(len(ties))))
    first = build_network([Tie(f"p{u}", f"p{v}") for u, v in ties])
    second = build_network([Tie(names[ties[i][0]], names[ties[i][1]]) for i in order])
    a = compute_metrics(first, rewirings=0)
    b = compute_metrics(second, rewirings=0)
    for field in dataclasses.fields(a.metrics):
        if field.name in _ORDER_DEPENDENT or field.name == "sampling":
            continue
        assert _same(getattr(a.metrics, field.name), getattr(b.metrics, field.name)), field.name
    rename = {f"p{i}": names[i] for i in range(12)}
    where = {pid: i for i, pid in enumerate(second.ids)}
    for i, pid in enumerate(first.ids):
        j = where[rename[pid]]
        assert a.nodes.in_degree[i] == b.nodes.in_degree[j]
        assert a.nodes.core_number[i] == b.nodes.core_number[j]
        assert a.nodes.articulation[i] == b.nodes.articulation[j]
        assert math.isclose(a.nodes.betweenness[i], b.nodes.betweenness[j], abs_tol=1e-12)
        assert math.isclose(a.nodes.eigenvector[i], b.nodes.eigenvector[j], abs_tol=1e-8)
        ca, cb = a.nodes.constraint[i], b.nodes.constraint[j]
        assert (math.isnan(ca) and math.isnan(cb)) or math.isclose(ca, cb, abs_tol=1e-12)
    for r in (a, b):
        if r.metrics.modularity is not None:
            assert -0.5 <= r.metrics.modularity <= 1.0


@settings(max_examples=40, deadline=None)
@given(ties=ties_strategy, extra=st.tuples(st.integers(0, 11), st.integers(0, 11)))
def test_adding_a_tie_never_lowers_density_or_the_largest_component(
    ties: list[tuple[int, int]], extra: tuple[int, int]
) -> None:
    people = [f"p{i}" for i in range(12)]
    from mobilise.network import Person

    listed = [Person(p) for p in people]
    before = compute_metrics(build_network([Tie(f"p{u}", f"p{v}") for u, v in ties], listed), rewirings=0)
    after = compute_metrics(
        build_network([Tie(f"p{u}", f"p{v}") for u, v in [*ties, extra]], listed), rewirings=0
    )
    assert after.metrics.density >= before.metrics.density
    assert after.metrics.largest_component_share >= before.metrics.largest_component_share
    assert after.metrics.ties >= before.metrics.ties
    assert np.all(after.nodes.degree >= before.nodes.degree)


@settings(max_examples=20, deadline=None)
@given(star_first=st.booleans(), names=st.permutations([f"n{i}" for i in range(8)]))
def test_equal_largest_groups_are_chosen_the_same_way_however_listed(
    star_first: bool, names: list[str]
) -> None:
    """A star and a path of four people each: the path-based measures must not depend on which came first."""
    star = [(0, 1), (0, 2), (0, 3)]
    path = [(4, 5), (5, 6), (6, 7)]
    pairs = star + path if star_first else path + star
    metrics = compute_metrics(build_network([Tie(names[u], names[v]) for u, v in pairs]), rewirings=0).metrics
    assert metrics.average_path_length is not None
    assert math.isclose(
        metrics.average_path_length, 1.5
    )  # the star: more contacts for its best-connected person
