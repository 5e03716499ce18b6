"""Each label holds for whole families of generated networks, not just one example each.

Hypothesis draws the seed and the size of every network, so each run checks different
members of each family. Sizes reach 3,000 people on a few examples and stay small on most,
to keep the run short.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mobilise.network import compute_metrics, diagnose

from .helpers import from_nx

_FEW = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_BIG = settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow])

seeds = st.integers(0, 2**31 - 1)
mean_degrees = st.sampled_from([6, 8, 10, 12])
rewiring = st.floats(0.05, 0.5)


def label_of(graph: nx.Graph) -> str | None:
    network = from_nx(graph)
    return diagnose(network, compute_metrics(network, rewirings=0)).label


def small_world(n: int, k: int, p: float, seed: int) -> nx.Graph:
    return nx.connected_watts_strogatz_graph(n, k, p, tries=1000, seed=seed)


@_FEW
@given(n=st.integers(40, 400), k=mean_degrees, p=rewiring, seed=seeds)
def test_small_worlds_are_distributed(n: int, k: int, p: float, seed: int) -> None:
    assert label_of(small_world(n, k, p, seed)) == "distributed"


@_BIG
@given(n=st.integers(1000, 3000), k=mean_degrees, p=rewiring, seed=seeds)
def test_large_small_worlds_are_distributed(n: int, k: int, p: float, seed: int) -> None:
    assert label_of(small_world(n, k, p, seed)) == "distributed"


@_FEW
@given(n=st.integers(40, 1000), k=mean_degrees, seed=seeds)
def test_random_networks_of_the_same_density_are_distributed(n: int, k: int, seed: int) -> None:
    assert label_of(nx.gnp_random_graph(n, k / (n - 1), seed=seed)) == "distributed"


@_FEW
@given(cliques=st.integers(3, 30), size=st.integers(6, 20), ring=st.booleans())
def test_rings_of_cliques_are_siloed(cliques: int, size: int, ring: bool) -> None:
    graph = nx.ring_of_cliques(cliques, size) if ring else nx.connected_caveman_graph(cliques, size)
    assert label_of(graph) == "siloed"


def block_model(groups: int, size: int, k: int, extra: int, seed: int) -> nx.Graph:
    """Dense groups joined by a random tree of single ties, plus a few more."""
    rng = np.random.default_rng(seed)
    graph = nx.Graph()
    for g in range(groups):
        inside = nx.gnp_random_graph(size, min(1.0, k / (size - 1)), seed=int(rng.integers(2**31)))
        graph.add_edges_from((u + g * size, v + g * size) for u, v in inside.edges())
        graph.add_nodes_from(range(g * size, (g + 1) * size))
    pairs = [(int(rng.integers(g)), g) for g in range(1, groups)]  # a random tree of groups
    pairs += [tuple(rng.choice(groups, 2, replace=False).tolist()) for _ in range(extra)]
    for a, b in pairs:
        graph.add_edge(a * size + int(rng.integers(size)), b * size + int(rng.integers(size)))
    return graph


@_FEW
@given(
    groups=st.integers(3, 12),
    size=st.integers(10, 60),
    k=mean_degrees,
    extra=st.integers(0, 3),
    seed=seeds,
)
def test_block_models_with_few_ties_between_groups_are_siloed(
    groups: int, size: int, k: int, extra: int, seed: int
) -> None:
    assert label_of(block_model(groups, size, k, extra, seed)) == "siloed"


@_FEW
@given(n=st.integers(10, 500), leaves=st.floats(0.0, 0.8), seed=seeds)
def test_paths_with_leaves_are_chain_like(n: int, leaves: float, seed: int) -> None:
    rng = np.random.default_rng(seed)
    graph = nx.path_graph(n)
    for v in range(n):
        if rng.random() < leaves:
            graph.add_edge(v, graph.number_of_nodes())
    assert label_of(graph) == "chain_like"


@_FEW
@given(
    core=st.integers(20, 200),
    k=mean_degrees,
    tails=st.integers(2, 8),
    seed=seeds,
)
def test_dense_cores_with_long_tails_are_chain_like(core: int, k: int, tails: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    graph = nx.gnp_random_graph(core, min(1.0, k / (core - 1)), seed=seed)
    length = max(4, int(np.ceil(0.3 * core / tails)))  # tails hold about a quarter of everyone
    for _ in range(tails):
        previous = int(rng.integers(core))
        for _ in range(length):
            new = graph.number_of_nodes()
            graph.add_edge(previous, new)
            previous = new
    assert label_of(graph) == "chain_like"


@_FEW
@given(n=st.integers(10, 300), seed=seeds)
def test_stars_with_a_few_extra_ties_are_hub_dependent(n: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    graph = nx.star_graph(n - 1)
    for _ in range(max(1, n // 10)):
        a, b = rng.choice(np.arange(1, n), 2, replace=False).tolist()
        graph.add_edge(a, b)
    assert label_of(graph) == "hub_dependent"


@_FEW
@given(pieces=st.integers(3, 20), size=st.integers(3, 40), seed=seeds)
def test_many_separate_pieces_are_fragmented(pieces: int, size: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    graph = nx.Graph()
    for _ in range(pieces):
        start = graph.number_of_nodes()
        piece = nx.random_labeled_tree(size, seed=int(rng.integers(2**31))) if size > 1 else nx.empty_graph(1)
        graph.add_edges_from((u + start, v + start) for u, v in piece.edges())
    assert label_of(graph) == "fragmented"
