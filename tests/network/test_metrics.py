"""Network-level metrics on small graphs with known answers, and against networkx."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest

from mobilise.network import Person, build_network, compute_metrics

from .helpers import from_nx, undirected

approx = pytest.approx


def metrics_of(graph: nx.Graph, **kwargs: object):  # type: ignore[no-untyped-def]
    return compute_metrics(from_nx(graph), rewirings=2, **kwargs)  # type: ignore[arg-type]


def test_path_of_five() -> None:
    r = metrics_of(nx.path_graph(5))
    m = r.metrics
    assert (m.people, m.ties, m.directed_ties) == (5, 4, 4)
    assert m.density == approx(0.4)
    assert m.mean_degree == approx(1.6)
    assert m.components == 1 and m.largest_component_share == 1.0 and m.isolates == 0
    assert m.degree_centralisation == approx(2 / 12)
    assert r.nodes.betweenness.tolist() == approx([0, 0.5, 4 / 6, 0.5, 0])
    assert m.betweenness_centralisation == approx(5 / 12)
    assert m.average_path_length == approx(2.0)
    assert m.diameter == 4
    assert m.global_efficiency == approx((4 + 3 / 2 + 2 / 3 + 1 / 4) / 10)
    assert m.transitivity == 0.0
    assert m.two_core_share == 0.0 and m.degeneracy == 1
    assert m.articulation_points == 3
    assert m.non_pendant_bridges == 2
    assert m.algebraic_connectivity == approx(2 * (1 - math.cos(math.pi / 5)))
    assert r.nodes.constraint.tolist() == approx([1.0, 0.5, 0.5, 0.5, 1.0])
    assert m.reciprocity == 0.0
    assert not m.sampling.sampled


def test_star() -> None:
    r = metrics_of(nx.star_graph(5))
    m = r.metrics
    assert m.degree_centralisation == approx(1.0)
    assert m.betweenness_centralisation == approx(1.0)
    assert m.average_path_length == approx(25 / 15)
    assert m.diameter == 2
    assert m.articulation_points == 1
    assert m.non_pendant_bridges == 0  # every bridge ends at a leaf
    assert m.two_core_share == 0.0
    assert m.algebraic_connectivity == approx(1.0)
    assert r.articulation.tolist() == [0]


def test_clique() -> None:
    r = metrics_of(nx.complete_graph(5))
    m = r.metrics
    assert m.density == 1.0 and m.transitivity == 1.0
    assert m.average_path_length == 1.0 and m.diameter == 1
    assert m.global_efficiency == approx(1.0)
    assert m.degeneracy == 4 and m.two_core_share == 1.0
    assert m.degree_centralisation == 0.0 and m.betweenness_centralisation == 0.0
    assert m.algebraic_connectivity == approx(5.0)
    assert m.articulation_points == 0 and m.non_pendant_bridges == 0
    assert r.nodes.constraint.tolist() == approx([(1 / 4 + 3 / 16) ** 2 * 4] * 5)
    assert r.nodes.eigenvector.tolist() == approx([1 / math.sqrt(5)] * 5)


def test_caveman_two_separate_cliques() -> None:
    r = metrics_of(nx.caveman_graph(2, 4))
    m = r.metrics
    assert m.components == 2 and m.largest_component_share == 0.5
    assert m.communities == 2
    assert m.modularity == approx(0.5)
    assert m.average_path_length == 1.0  # within the largest component
    assert m.global_efficiency == approx(2 * 12 / (8 * 7))


def test_connected_caveman_communities_are_the_caves() -> None:
    r = metrics_of(nx.connected_caveman_graph(4, 6))
    labels = r.nodes.community
    caves = [set(labels[i * 6 : (i + 1) * 6].tolist()) for i in range(4)]
    assert r.metrics.communities == 4
    assert sum(len(c) for c in caves) <= 8  # each cave is (almost) one community


def test_disconnected_pair_without_ties() -> None:
    net = build_network([], [Person("a"), Person("b")])
    m = compute_metrics(net).metrics
    assert (m.people, m.ties, m.components, m.isolates) == (2, 0, 2, 2)
    assert m.largest_component_share == 0.5
    assert m.density == 0.0 and m.global_efficiency == 0.0
    assert m.average_path_length is None and m.diameter is None
    assert m.modularity is None and m.reciprocity is None
    assert m.degree_centralisation is None  # undefined below three people
    assert m.algebraic_connectivity is None
    assert m.communities == 0


def test_two_separate_ties() -> None:
    m = metrics_of(nx.Graph([(0, 1), (2, 3)])).metrics
    assert m.components == 2 and m.largest_component_share == 0.5
    assert m.average_path_length == 1.0
    assert m.global_efficiency == approx(4 / 12)


def test_reciprocity_uses_directed_answers() -> None:
    net = build_network([("a", "b"), ("b", "a"), ("b", "c")])
    m = compute_metrics(net).metrics
    assert m.reciprocity == approx(2 / 3)
    assert m.ties == 2 and m.directed_ties == 3


def test_cross_organisation_share() -> None:
    people = [Person("a", "X"), Person("b", "X"), Person("c", "Y"), Person("d")]
    net = build_network([("a", "b"), ("b", "c"), ("c", "d")], people)
    m = compute_metrics(net).metrics
    assert m.organisations == 2
    assert m.cross_organisation_tie_share == approx(0.5)  # c-d has an unknown end


def test_empty_network() -> None:
    m = compute_metrics(build_network([])).metrics
    assert m.people == 0 and m.ties == 0 and m.components == 0


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_agrees_with_networkx_on_random_networks(seed: int) -> None:
    rng = np.random.default_rng(seed)
    graph = nx.gnm_random_graph(60, 110, seed=seed)
    graph.add_edges_from((60 + i, int(rng.integers(60))) for i in range(5))  # pendants
    graph.add_nodes_from([70, 71])  # isolates
    for u, v in graph.edges():
        graph[u][v]["weight"] = float(rng.integers(1, 4))
    net = from_nx(graph)
    r = compute_metrics(net, rewirings=2)
    g = undirected(net)
    ids = net.ids
    m = r.metrics
    bc = nx.betweenness_centrality(g)
    assert r.nodes.betweenness.tolist() == approx([bc[p] for p in ids], abs=1e-12)
    constraint = nx.constraint(g, weight="weight")
    ours = r.nodes.constraint
    for i, p in enumerate(ids):
        if math.isnan(constraint[p]):
            assert math.isnan(ours[i])
        else:
            assert ours[i] == approx(constraint[p])
    eig = nx.eigenvector_centrality(g, max_iter=5000, tol=1e-12)
    assert r.nodes.eigenvector.tolist() == approx([eig[p] for p in ids], abs=1e-6)
    core = nx.core_number(g)
    assert r.nodes.core_number.tolist() == [core[p] for p in ids]
    lcc = g.subgraph(max(nx.connected_components(g), key=len))
    assert m.average_path_length == approx(nx.average_shortest_path_length(lcc))
    assert m.diameter == nx.diameter(lcc)
    assert m.global_efficiency == approx(nx.global_efficiency(g))
    assert m.transitivity == approx(nx.transitivity(g))
    assert m.algebraic_connectivity == approx(nx.algebraic_connectivity(lcc, weight=None), rel=1e-6)
    assert {ids[i] for i in r.articulation} == set(nx.articulation_points(g))
    bridges = {frozenset((u, v)) for u, v in nx.bridges(g) if g.degree(u) > 1 and g.degree(v) > 1}
    assert {frozenset((ids[u], ids[v])) for u, v in r.bridges} == bridges
    assert m.components == nx.number_connected_components(g)
    assert m.isolates == nx.number_of_isolates(g)
    assert m.density == approx(nx.density(g))
    communities = [
        {ids[i] for i in np.flatnonzero(r.nodes.community == c)} for c in np.unique(r.nodes.community)
    ]
    assert m.modularity == approx(nx.community.modularity(g, communities, weight="weight"))


def test_large_dense_solver_path_for_algebraic_connectivity() -> None:
    # Above the dense limit the sparse solvers are used; a long path is their hard case.
    m = metrics_of(nx.path_graph(450)).metrics
    assert m.algebraic_connectivity == approx(2 * (1 - math.cos(math.pi / 450)), rel=1e-5)
    m = metrics_of(nx.random_regular_graph(4, 500, seed=1)).metrics
    dense = nx.laplacian_spectrum(nx.random_regular_graph(4, 500, seed=1))
    assert m.algebraic_connectivity == approx(sorted(dense)[1], rel=1e-6)
