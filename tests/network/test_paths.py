"""Exact and sampled path measures."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from scipy.sparse.csgraph import connected_components

from mobilise.network import compute_metrics
from mobilise.network.paths import path_measures, sampled_path_measures

from .helpers import from_nx


def _largest(adjacency):  # type: ignore[no-untyped-def]
    _, labels = connected_components(adjacency, directed=False)
    return labels == np.bincount(labels).argmax()


def test_every_person_as_a_source_is_exact() -> None:
    graph = nx.disjoint_union(nx.connected_watts_strogatz_graph(120, 6, 0.1, seed=1), nx.path_graph(9))
    net = from_nx(graph)
    largest = _largest(net.adjacency)
    exact = path_measures(net.adjacency, largest)
    full = sampled_path_measures(net.adjacency, largest, np.arange(net.n))
    assert not exact.sampled and not full.sampled
    assert full.betweenness == pytest.approx(exact.betweenness, abs=1e-12)
    assert full.average_path_length == pytest.approx(exact.average_path_length)
    assert full.diameter == exact.diameter
    assert full.betweenness_se is None


def test_sampling_above_the_limit_states_its_error() -> None:
    graph = nx.connected_watts_strogatz_graph(1500, 8, 0.2, seed=2)
    net = from_nx(graph)
    largest = _largest(net.adjacency)
    exact = path_measures(net.adjacency, largest)
    sampled = path_measures(net.adjacency, largest, exact_limit=1000, pivots=200, seed=3)
    assert sampled.sampled and sampled.pivots == 200
    assert sampled.betweenness_se is not None
    assert sampled.average_path_length_se is not None
    assert sampled.global_efficiency_se is not None
    # Estimates fall within a few stated standard errors of the exact values.
    top = np.argsort(-exact.betweenness)[:20]
    err = np.abs(sampled.betweenness - exact.betweenness)[top]
    assert np.mean(err <= 4 * sampled.betweenness_se[top] + 1e-12) >= 0.9
    assert abs(sampled.average_path_length - exact.average_path_length) <= 4 * (
        sampled.average_path_length_se
    )
    assert abs(sampled.global_efficiency - exact.global_efficiency) <= 4 * (sampled.global_efficiency_se)
    assert sampled.diameter is not None and exact.diameter is not None
    assert sampled.diameter <= exact.diameter  # a lower bound
    assert sampled.diameter >= exact.diameter - 1


def test_sampling_is_reported_in_metrics_and_reproducible() -> None:
    net = from_nx(nx.connected_watts_strogatz_graph(400, 6, 0.1, seed=4))
    a = compute_metrics(net, exact_limit=100, pivots=64, seed=7, rewirings=1)
    b = compute_metrics(net, exact_limit=100, pivots=64, seed=7, rewirings=1)
    s = a.metrics.sampling
    assert s.sampled and s.pivots == 64 and s.diameter_is_lower_bound
    assert s.betweenness_max_se is not None and s.betweenness_max_se > 0
    assert s.betweenness_centralisation_se is not None
    assert "estimated from 64" in s.describe()
    assert a.nodes.betweenness.tolist() == b.nodes.betweenness.tolist()
    assert a.metrics == b.metrics


def test_batched_search_matches_networkx_when_route_counts_pass_single_precision() -> None:
    # A chain of 20 three-way splits has 3**20 shortest routes end to end, beyond what single
    # precision holds exactly; the batched search must notice and count in double precision.
    graph = nx.Graph()
    for k in range(20):
        start, end = 4 * k, 4 * k + 4
        graph.add_edges_from(
            (x, y) for middle in range(start + 1, end) for x, y in ((start, middle), (middle, end))
        )
    graph = nx.disjoint_union(graph, nx.complete_graph(4))  # a second group, left alone
    net = from_nx(graph)
    largest = _largest(net.adjacency)
    found = sampled_path_measures(net.adjacency, largest, np.arange(net.n))
    expected = nx.betweenness_centrality(graph)
    assert found.betweenness == pytest.approx([expected[i] for i in range(net.n)], abs=1e-12)
    inner = graph.subgraph(max(nx.connected_components(graph), key=len))
    assert found.average_path_length == pytest.approx(nx.average_shortest_path_length(inner))
    assert found.diameter == nx.diameter(inner)
    assert found.global_efficiency == pytest.approx(nx.global_efficiency(graph))
